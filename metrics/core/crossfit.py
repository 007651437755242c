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

from metrics.core.bootstrap import Buckets, bucket_stats, resample_sums, small_buckets
from metrics.core.curves import ThresholdCurve, descending_order, threshold_curve
from metrics.core.value import ValueModel

N_SPLITS = 5
N_RESAMPLES = 200
GRID_SIZE = 64
"""At most this many score quantiles for the bootstrap to re-choose its threshold on."""
ROWS_PER_QUANTILE = 500
"""Fewer quantiles on small data: about this many rows between two (the bootstrap resamples
small buckets row by row)."""


@dataclass(frozen=True, eq=False)
class FoldCells:
    """Cost-independent sums per (curve point, fold, label): all that cross-fitting needs.

    Attributes
    ----------
    thresholds : ndarray of shape (m + 1,)
        ``+inf`` then the distinct scores in descending order, as in ``ThresholdCurve``.
    point, fold, label : ndarray of int, shape (c,)
        Each cell's curve point (1..m: its score is ``thresholds[point]``), fold and class;
        cells are in ascending ``point`` order.
    weight, amount : ndarray of shape (c,)
        The cell's (weighted) rows and amount sum.
    n_splits : int
    amount_sq : ndarray of shape (c,) or None
        None when each cell is one row; for cells that sum many unit-weight rows (a big
        log's groups), the sum of their squared amounts, for the bootstrap's moments.
    """

    thresholds: np.ndarray
    point: np.ndarray
    fold: np.ndarray
    label: np.ndarray
    weight: np.ndarray
    amount: np.ndarray
    n_splits: int
    amount_sq: np.ndarray | None = None

    def flag_values(self, model: ValueModel) -> np.ndarray:
        """Each cell's value of being acted on rather than not (currency units)."""
        fixed = np.array([model.fp.fixed - model.tn.fixed, model.tp.fixed - model.fn.fixed])
        rate = np.array([model.fp.rate - model.tn.rate, model.tp.rate - model.fn.rate])
        return fixed[self.label] * self.weight + rate[self.label] * self.amount


@dataclass(frozen=True, eq=False)
class FoldBootstrap:
    """Resampled sums per (grid position, fold, label), for the interval.

    Attributes
    ----------
    counts, amounts : ndarray of shape (b, 2 x k x (g + 1))
        Per resample and bucket ``2 x (position x k + fold) + label``: weight and weighted
        amount sums. ``position`` counts the grid thresholds a score clears.
    observed_counts, observed_amounts : ndarray of shape (1, same)
        The same sums on the data itself.
    n_grid : int
        Grid thresholds ``g``.
    n_splits : int
    """

    counts: np.ndarray
    amounts: np.ndarray
    observed_counts: np.ndarray
    observed_amounts: np.ndarray
    n_grid: int
    n_splits: int


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


def stratified_folds(y: np.ndarray, *, n_splits: int = N_SPLITS, seed: int = 0) -> np.ndarray:
    """Each row's fold: within each class, every run of ``n_splits`` rows (in file order) is
    dealt one row to each fold in a seeded random order. So every class is spread evenly over
    the folds, and so is every stretch of time in a time-ordered file.

    Parameters
    ----------
    y : ndarray of shape (n,)
        0/1 labels.
    n_splits : int
        Number of folds, 2 to 100.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    ndarray of int8, shape (n,)
    """
    if not 2 <= n_splits <= 100:
        raise ValueError(f"n_splits is {n_splits}; use 2 to 100 folds (5 is the default)")
    rng = np.random.default_rng(seed)
    fold = np.empty(len(y), dtype=np.int8)  # small: grouping rows by fold is a radix sort
    for label in (0, 1):
        rows = np.flatnonzero(np.asarray(y) == label)
        runs = -(-rows.size // n_splits)
        dealt = np.argsort(rng.random((runs, n_splits)), axis=1).ravel()
        fold[rows] = dealt[: rows.size]
    return fold


def fold_cells(
    y: np.ndarray,
    s: np.ndarray,
    fold: np.ndarray,
    *,
    order: np.ndarray,
    amount: np.ndarray | None = None,
    sample_weight: np.ndarray | None = None,
    n_splits: int = N_SPLITS,
) -> FoldCells:
    """One cell per row, in the order the in-sample curve sorted them (no second sort).

    Parameters
    ----------
    y, s : ndarray of shape (n,)
        Validated 0/1 labels and scores.
    fold : ndarray of int, shape (n,)
        Each row's fold, from ``stratified_folds``.
    order : ndarray of int, shape (n,)
        ``descending_order(s)``, as given to ``threshold_curve``.
    amount, sample_weight : ndarray of shape (n,), optional
        Validated amounts (currency units) and row weights.
    n_splits : int

    Returns
    -------
    FoldCells
    """
    s_sorted = s[order]
    steps = np.empty(len(s), dtype=np.int64)
    steps[:1] = 1
    np.not_equal(s_sorted[1:], s_sorted[:-1], out=steps[1:], casting="unsafe")
    point = np.cumsum(steps)
    w = np.ones(len(s)) if sample_weight is None else np.asarray(sample_weight, float)[order]
    wa = np.zeros(len(s)) if amount is None else w * amount[order]
    return FoldCells(
        thresholds=np.concatenate([[np.inf], s_sorted[steps.astype(bool)]]),
        point=point,
        fold=np.asarray(fold, dtype=np.int8)[order],
        label=np.asarray(y, dtype=np.int64)[order],
        weight=w,
        amount=wa,
        n_splits=n_splits,
    )


def held_out_values(cells: FoldCells, model: ValueModel) -> tuple[np.ndarray, np.ndarray]:
    """Each fold's held-out value at the threshold the other folds choose.

    Parameters
    ----------
    cells : FoldCells
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).

    Returns
    -------
    values : ndarray of shape (k,)
        Held-out value of each fold (currency units, versus acting on nobody).
    points : ndarray of int, shape (k,)
        The curve point chosen for each fold (0: act on nobody).

    Notes
    -----
    ``C[k, j]`` = value on fold k of acting on scores >= ``thresholds[j]`` (a cumulative sum
    of per-cell values); the threshold for fold k maximises ``sum_{l != k} C[l, j]``, ties
    going to the higher threshold as for the in-sample optimum.
    """
    per_cell = cells.flag_values(model)
    if cells.amount_sq is None:
        return _held_out_by_rows(cells, per_cell)
    k, m1 = cells.n_splits, len(cells.thresholds)
    per_point = np.bincount(
        cells.fold.astype(np.int64) * m1 + cells.point, per_cell, k * m1
    ).reshape(k, m1)
    flagged = np.cumsum(per_point, axis=1)
    # The other folds' sums from their own increments, so that a score only this fold has
    # adds exactly 0 and ties with the higher threshold exactly.
    others = np.cumsum(per_point.sum(axis=0) - per_point, axis=1)
    chosen = np.argmax(others, axis=1)
    return flagged[np.arange(k), chosen], chosen


def _held_out_by_rows(cells: FoldCells, per_cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``held_out_values`` for one cell a row in point order, without a points x folds table.

    A fold's training value only rises at a point where one of its training rows is worth
    acting on, so its first maximum is "act on nobody" or such a point: only those are
    candidates. The training value there is the running total minus the fold's own running
    total, both read at the point's last row.
    """
    k = cells.n_splits
    total = np.cumsum(per_cell)
    last_row = np.flatnonzero(np.diff(cells.point, append=len(cells.thresholds)))
    worth = np.flatnonzero(per_cell > 0)
    by_fold = np.argsort(cells.fold, kind="stable")
    starts = np.cumsum(np.bincount(cells.fold, None, k))[:-1]
    values, chosen = np.zeros(k), np.zeros(k, dtype=np.int64)
    for fold, rows in enumerate(np.split(by_fold, starts)):
        candidates = np.unique(cells.point[worth[cells.fold[worth] != fold]])
        ends = last_row[candidates - 1]
        own = np.concatenate([[0.0], np.cumsum(per_cell[rows])])
        at = np.searchsorted(rows, ends, side="right")  # own rows up to each candidate's end
        training = np.concatenate([[0.0], total[ends] - own[at]])
        best = int(np.argmax(training))  # 0: act on nobody; ties: the higher threshold
        if best:
            chosen[fold], values[fold] = candidates[best - 1], own[at[best - 1]]
    return values, chosen


def fold_bootstrap(
    cells: FoldCells, *, n_resamples: int = N_RESAMPLES, seed: int = 0
) -> FoldBootstrap:
    """Poisson-bootstrap the sums per (score quantile, fold, label) once, for any costs.

    Parameters
    ----------
    cells : FoldCells
        One cell per row (``fold_cells``), in descending score order.
    n_resamples : int
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    FoldBootstrap
    """
    k = cells.n_splits
    if cells.amount_sq is None:  # one row per cell, already in point order
        n = len(cells.point)
        at = np.linspace(0, n - 1, int(np.clip(n // ROWS_PER_QUANTILE, 16, GRID_SIZE)))
        grid = np.unique(cells.point[at.astype(np.int64)])
    else:
        order = np.argsort(cells.point, kind="stable")
        n = float(cells.weight.sum())
        size = int(np.clip(n // ROWS_PER_QUANTILE, 16, GRID_SIZE))
        ranks = np.searchsorted(np.cumsum(cells.weight[order]), np.linspace(0, n, size))
        grid = np.unique(cells.point[order][np.minimum(ranks, len(order) - 1)])
    # Grid thresholds at score quantiles (of rows), as curve points in ascending order
    # (highest score first); a cell clears the grid thresholds whose point is at or after
    # its own.
    position = grid.size - np.searchsorted(grid, cells.point, side="left")
    key = 2 * (position * k + cells.fold) + cells.label
    size_keys = 2 * k * (grid.size + 1)
    if cells.amount_sq is None:  # one row per cell: exact moments, small buckets by rows
        buckets = bucket_stats(key, cells.weight, cells.amount, size_keys)
        mine = small_buckets(buckets)[key]
        small_rows = key[mine], cells.weight[mine], cells.amount[mine]
    else:  # a big log's groups of unit-weight rows: moments only
        count, amount, amount_sq = (
            np.bincount(key, values, size_keys)
            for values in (cells.weight, cells.amount, cells.amount_sq)
        )
        buckets = Buckets(count, count, amount, count, amount_sq, amount)
        small_rows = None
    return bootstrap_from_buckets(
        buckets, small_rows, n_grid=grid.size, n_splits=k, n_resamples=n_resamples, seed=seed
    )


def bootstrap_from_buckets(
    buckets: Buckets,
    small_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    *,
    n_grid: int,
    n_splits: int,
    n_resamples: int = N_RESAMPLES,
    seed: int = 0,
) -> FoldBootstrap:
    """``fold_bootstrap`` from bucket moments: what an engine's grouped query hands back.

    Parameters
    ----------
    buckets : Buckets
        Moments per bucket ``2 x (position x k + fold) + label``.
    small_rows : tuple of three ndarrays, or None
        Bucket, weight and weight x amount of every row in a small bucket; None to draw
        every bucket from its moments.
    n_grid, n_splits, n_resamples : int
    seed : int

    Returns
    -------
    FoldBootstrap
    """
    counts, amounts = resample_sums(buckets, small_rows, n_resamples=n_resamples, seed=seed)
    return FoldBootstrap(
        counts, amounts, buckets.weight[None, :], buckets.amount[None, :], n_grid, n_splits
    )


def _grid_cross_fit(boot: FoldBootstrap, counts, amounts, model: ValueModel) -> np.ndarray:
    """Cross-fitted value of each resample on the grid: shape (b,)."""
    k, positions = boot.n_splits, boot.n_grid + 1
    shape = (counts.shape[0], positions, k)
    value = model.flag_value(
        counts[:, 1::2], counts[:, 0::2], amounts[:, 1::2], amounts[:, 0::2]
    ).reshape(shape)

    # Acting at grid threshold j flags positions > j; the last option acts on nobody.
    def acted(per_position: np.ndarray) -> np.ndarray:
        above = np.cumsum(per_position[:, ::-1], axis=1)[:, ::-1][:, 1:]
        return np.concatenate([above, np.zeros((shape[0], 1, k))], axis=1)

    flagged = acted(value)
    train = acted(value.sum(axis=2, keepdims=True) - value)
    chosen = positions - 1 - np.argmax(train[:, ::-1], axis=1)  # ties: the fewest flagged
    return np.take_along_axis(flagged, chosen[:, None, :], axis=1)[:, 0].sum(axis=1)


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
        resampled = _grid_cross_fit(boot, boot.counts, boot.amounts, model)
        center = _grid_cross_fit(boot, boot.observed_counts, boot.observed_amounts, model)[0]
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
    s: np.ndarray,
    *,
    order: np.ndarray,
    amount: np.ndarray | None = None,
    sample_weight: np.ndarray | None = None,
    interval: bool = True,
    n_splits: int = N_SPLITS,
    seed: int = 0,
) -> CrossFitInputs:
    """Folds, cells and (with ``interval``) the resamples, once per data set.

    Parameters
    ----------
    y, s : ndarray of shape (n,)
        Validated 0/1 labels and scores.
    order : ndarray of int, shape (n,)
        ``descending_order(s)``, shared with the in-sample curve.
    amount, sample_weight : ndarray of shape (n,), optional
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
    cells = fold_cells(
        y, s, fold, order=order, amount=amount, sample_weight=sample_weight, n_splits=n_splits
    )
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
    order = descending_order(s)
    curve = threshold_curve(y, s, amount=amount, order=order)
    return curve, prepare_cross_fit(y, s, order=order, amount=amount, interval=interval)
