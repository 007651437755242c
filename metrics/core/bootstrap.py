"""Bootstrap intervals for value on a grid of thresholds, vectorised over resamples.

Resampling rows changes only four sums per threshold (positives and negatives flagged, and
their amounts), and value is linear in them. So the resampled curves are computed once and
any cost setting turns them into an interval by a linear combination: no re-sampling when a
cost input moves, and a lookup when the threshold moves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.validation import (
    check_amounts,
    check_labels,
    check_same_length,
    check_scores,
    check_weights,
)
from metrics.core.value import ValueModel

# Rows drawn per vectorised chunk: bounds memory at about 100 MB whatever the data size.
_DRAWS_PER_CHUNK = 4_000_000


@dataclass(frozen=True, eq=False)
class BootstrapCurves:
    """Resampled confusion sums on a threshold grid.

    Attributes
    ----------
    thresholds : ndarray of shape (g,)
        Ascending grid; a row is flagged at ``thresholds[j]`` when its score is >= it.
    tp, fp, tp_amount, fp_amount : ndarray of shape (b, g)
        Per resample and grid threshold: flagged positives, flagged negatives, and their
        amounts.
    """

    thresholds: np.ndarray
    tp: np.ndarray
    fp: np.ndarray
    tp_amount: np.ndarray
    fp_amount: np.ndarray

    @property
    def n_resamples(self) -> int:
        return self.tp.shape[0]


@dataclass(frozen=True, eq=False)
class ValueBand:
    """A percentile interval for value at each grid threshold."""

    thresholds: np.ndarray
    low: np.ndarray
    high: np.ndarray
    confidence: float

    def at(self, threshold: float) -> tuple[float, float]:
        """Interval at the grid threshold nearest to ``threshold``."""
        j = int(np.argmin(np.abs(self.thresholds - threshold)))
        return float(self.low[j]), float(self.high[j])


def bootstrap_curves(
    y_true: object,
    y_score: object,
    *,
    thresholds: np.ndarray,
    amount: object | None = None,
    sample_weight: object | None = None,
    n_resamples: int = 400,
    seed: int = 0,
) -> BootstrapCurves:
    """Resample rows with replacement ``n_resamples`` times and sum per grid threshold.

    Each resample draws n row indices; a row's grid bucket (how many grid thresholds its score
    clears) and class form one key, and ``np.bincount`` over resample-offset keys sums all
    resamples of a chunk at once.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a positive (fraud, click), 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted probability of the positive class, in [0, 1].
    thresholds : ndarray of shape (g,)
        Strictly increasing grid of decision thresholds in [0, 1].
    amount : array-like of shape (n,)
        Non-negative money amount of each row, in the currency unit.
    sample_weight : array-like of shape (n,), optional
        Non-negative row weights.
    n_resamples : int
        Number of bootstrap resamples.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    BootstrapCurves
        Per resample and grid threshold: TP, FP and their amounts.
    """
    y = check_labels(y_true)
    s = check_scores(y_score)
    a = np.zeros_like(s) if amount is None else check_amounts(amount)
    w = np.ones_like(s) if sample_weight is None else check_weights(sample_weight)
    n = check_same_length(label=y, score=s, amount=a, sample_weight=w)
    grid = np.asarray(thresholds, dtype=np.float64)
    if grid.ndim != 1 or grid.size == 0 or np.any(np.diff(grid) <= 0):
        raise ValueError("thresholds must be a non-empty, strictly increasing grid")
    rng = np.random.default_rng(seed)
    per_chunk = max(1, _DRAWS_PER_CHUNK // n)
    chunks = [
        resampled_curves(
            rng.integers(0, n, size=(min(per_chunk, n_resamples - start), n)), y, s, a, w, grid
        )
        for start in range(0, n_resamples, per_chunk)
    ]
    fields = ("tp", "fp", "tp_amount", "fp_amount")
    return BootstrapCurves(grid, *(np.concatenate([getattr(c, f) for c in chunks]) for f in fields))


def resampled_curves(
    rows: np.ndarray,
    y: np.ndarray,
    s: np.ndarray,
    a: np.ndarray,
    w: np.ndarray,
    grid: np.ndarray,
) -> BootstrapCurves:
    """TP, FP, TP amount and FP amount at each grid threshold for explicit resamples.

    Parameters
    ----------
    rows : ndarray of int, shape (b, n)
        Each row lists the drawn row indices of one resample.
    y, s, a, w : ndarray of shape (n,)
        Labels (0/1), scores, amounts and weights of the original rows.
    grid : ndarray of shape (g,)
        Ascending thresholds.

    Returns
    -------
    BootstrapCurves

    Notes
    -----
    A row's key is its grid bucket (how many grid thresholds its score clears) and class;
    one ``np.bincount`` over resample-offset keys sums all resamples at once.
    """
    n_boot, n_keys = rows.shape[0], 2 * (grid.size + 1)
    key = 2 * np.searchsorted(grid, s, side="right") + y
    keys = (key[rows] + n_keys * np.arange(n_boot)[:, None]).ravel()
    size = n_boot * n_keys
    counts = np.bincount(keys, w[rows].ravel(), size).reshape(n_boot, n_keys)
    amounts = np.bincount(keys, (a * w)[rows].ravel(), size).reshape(n_boot, n_keys)

    def flagged(sums: np.ndarray, label: int) -> np.ndarray:
        # Buckets above j are flagged at grid threshold j: a reverse cumulative sum.
        from_top = np.cumsum(sums[:, label::2][:, ::-1], axis=1)[:, ::-1]
        return from_top[:, 1:]

    return BootstrapCurves(
        grid, flagged(counts, 1), flagged(counts, 0), flagged(amounts, 1), flagged(amounts, 0)
    )


def value_band(boot: BootstrapCurves, model: ValueModel, *, confidence: float = 0.95) -> ValueBand:
    """Percentile interval of value relative to flagging nothing at each grid threshold.

    Parameters
    ----------
    boot : BootstrapCurves
        Resampled confusion sums on a threshold grid.
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).
    confidence : float
        Coverage of the percentile interval, strictly between 0 and 1.

    Returns
    -------
    ValueBand
        Low and high value (currency units, versus flagging nothing) per grid threshold.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence is {confidence!r}; it must lie strictly between 0 and 1")
    values = model.flag_value(boot.tp, boot.fp, boot.tp_amount, boot.fp_amount)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail], axis=0)
    return ValueBand(thresholds=boot.thresholds, low=low, high=high, confidence=confidence)
