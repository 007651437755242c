"""The honest best value: a threshold chosen on some rows and valued on others (cross-fitting).

The in-sample optimum ("the best threshold's value") is chosen and valued on the same rows, so
it is optimistic: it fits the noise of those rows. Cross-fitting splits the rows into K
stratified folds; for each fold, the threshold that maximises value on the other K - 1 folds is
valued on that fold alone, and the K held-out values are summed. The sum is a value for all N
rows that the choice of threshold has not seen.

Every figure is a sum of per-row values, so the folds are sums of the same per-score tables:
one sort for the data, then any value model is a weighted count and a cumulative sum per fold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.curves import SortedRows, ThresholdCurve, sort_rows, sorted_curve
from metrics.core.fold_bootstrap import FoldBootstrap, fold_bootstrap, grid_cross_fit
from metrics.core.folds import N_SPLITS, FoldCells, fold_cells, held_out_values, stratified_folds
from metrics.core.value import ValueModel


@dataclass(frozen=True)
class CrossFitted:
    """The best value the model earns on rows its threshold was not chosen on.

    Attributes
    ----------
    value : float
        Sum over folds of the held-out fold's value at the threshold chosen on the others
        (currency units, relative to acting on nobody).
    low, high : float
        The 95% interval (NaN without a bootstrap).
    in_sample : float
        The best value chosen and valued on the same rows (optimistic).
    thresholds : tuple of float
        The threshold each fold's value was taken at (inf: act on nobody).
    n_splits : int
    """

    value: float
    low: float
    high: float
    in_sample: float
    thresholds: tuple[float, ...]
    n_splits: int

    @property
    def optimism(self) -> float:
        """How much the in-sample optimum overstates what the model earns."""
        return self.in_sample - self.value


def cross_fitted(
    cells: FoldCells,
    model: ValueModel,
    *,
    in_sample: float,
    boot: FoldBootstrap | None = None,
    confidence: float = 0.95,
) -> CrossFitted:
    """The cross-fitted best value and, given resamples, its interval.

    Parameters
    ----------
    cells : FoldCells
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).
    in_sample : float
        The in-sample optimum under ``model``, shown beside it.
    boot : FoldBootstrap, optional
        Resampled sums; the interval is NaN without them.
    confidence : float

    Returns
    -------
    CrossFitted

    Notes
    -----
    The interval is the cross-fitted value moved by the spread of the whole procedure over
    Poisson-bootstrap resamples (folds fixed; in each resample every fold's threshold is
    re-chosen on the other folds' resampled rows, on score quantiles):
    ``[CF + q_lo(CF*) - CF_grid, CF + q_hi(CF*) - CF_grid]``. It covers what acting at the
    threshold chosen on all rows earns on N new rows of the same kind, in expectation: the
    labels' noise and the choice of threshold, not a change in what a score means.
    """
    values, points = held_out_values(cells, model)
    value = float(values.sum())
    low = high = float("nan")
    if boot is not None:
        resampled = grid_cross_fit(boot, boot.counts, boot.amounts, model)
        center = grid_cross_fit(boot, boot.observed_counts, boot.observed_amounts, model)[0]
        tail = (1 - confidence) / 2 * 100
        q_low, q_high = np.percentile(resampled, [tail, 100 - tail])
        low, high = value + q_low - center, value + q_high - center
    return CrossFitted(
        value=value,
        low=float(low),
        high=float(high),
        in_sample=float(in_sample),
        thresholds=tuple(float(cells.thresholds[p]) for p in points),
        n_splits=cells.n_splits,
    )


@dataclass(frozen=True, eq=False)
class CrossFitInputs:
    """What cross-fitting keeps of the rows, for any value model: cells and resamples."""

    cells: FoldCells
    boot: FoldBootstrap | None


def prepare_cross_fit(
    y: np.ndarray,
    rows: SortedRows,
    *,
    interval: bool = True,
    n_splits: int = N_SPLITS,
    seed: int = 0,
) -> CrossFitInputs:
    """Folds, cells and (with ``interval``) the resamples, once per data set.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Validated 0/1 labels in file order (the folds deal each class's rows in file order).
    rows : SortedRows
        The same rows as the in-sample curve sorted them (``sort_rows``).
    interval : bool
        Resample for the 95% interval.
    n_splits : int
    seed : int
        Seed of the folds and the resamples.

    Returns
    -------
    CrossFitInputs
    """
    fold = stratified_folds(y, n_splits=n_splits, seed=seed)
    cells = fold_cells(rows, fold, n_splits=n_splits)
    return CrossFitInputs(cells, fold_bootstrap(cells, seed=seed) if interval else None)


def curve_with_cross_fit(
    y: np.ndarray, s: np.ndarray, *, amount: np.ndarray | None = None, interval: bool = True
) -> tuple[ThresholdCurve, CrossFitInputs]:
    """The in-sample curve and the cross-fitting inputs of the same rows, in one sort.

    Parameters
    ----------
    y, s : ndarray of shape (n,)
        Validated 0/1 labels and scores.
    amount : ndarray of shape (n,), optional
        Validated amounts (currency units).
    interval : bool
        Resample for the cross-fitted value's 95% interval.

    Returns
    -------
    curve : ThresholdCurve
    inputs : CrossFitInputs
    """
    rows = sort_rows(y, s, amount=amount)
    return sorted_curve(rows), prepare_cross_fit(y, rows, interval=interval)
