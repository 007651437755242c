"""Isotonic regression for the calibration: scikit-learn's fit without importing
scikit-learn, whose start-up (2.3 s on a slow machine) costs the fleet and monitoring commands
more than all their fits.

The fit is the pool-adjacent-violators algorithm. In NumPy, a few vectorised rounds pool every
chain of adjacent violators at once (pooling adjacent violators in any order reaches the same,
unique fit); a stack then finishes the far fewer blocks that are left. That takes a few
milliseconds on a big log's score cells, but 30 times scikit-learn's compiled fit on 100,000
rows: where this process has loaded scikit-learn's fit already (the dashboard, the row-level
calibration), that one is used. Both give the same numbers (tested).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

VECTOR_ROUNDS = 8
"""Rounds of pooling every chain of violators at once before the stack finishes the rest."""


@dataclass(frozen=True, eq=False)
class IsotonicCurve:
    """A fitted isotonic calibration: ascending scores and the fitted value at each.

    Read linearly between them and flat beyond the ends, as scikit-learn's
    ``IsotonicRegression(out_of_bounds="clip")`` predicts.
    """

    x: np.ndarray
    fitted: np.ndarray

    def predict(self, at: np.ndarray) -> np.ndarray:
        """The fitted values at ``at``."""
        if self.x.size == 1:
            return np.full(np.shape(at), self.fitted[0])
        return np.interp(at, self.x, self.fitted)


def pool_adjacent_violators(y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to ``y`` in weighted least squares: scikit-learn's
    compiled fit when this process has loaded it, else the same fit in NumPy.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Values in the order of their scores.
    weight : ndarray of shape (n,)
        Positive weights.

    Returns
    -------
    ndarray of shape (n,)
    """
    loaded = sys.modules.get("sklearn.isotonic")
    if loaded is not None:
        return loaded.isotonic_regression(y, sample_weight=weight)
    return _numpy_pool(y, weight)


def _numpy_pool(y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``pool_adjacent_violators`` in NumPy: what ``sklearn.isotonic.isotonic_regression(y,
    sample_weight=weight)`` returns."""
    total = np.asarray(weight, dtype=np.float64)
    weighted = total * np.asarray(y, dtype=np.float64)
    sizes = np.ones(total.size, dtype=np.int64)
    for _ in range(VECTOR_ROUNDS):
        mean = weighted / total
        violates = mean[:-1] > mean[1:]
        if not violates.any():
            return np.repeat(mean, sizes)
        block = np.cumsum(np.r_[True, ~violates]) - 1
        total = np.bincount(block, total)
        weighted = np.bincount(block, weighted)
        sizes = np.bincount(block, sizes).astype(np.int64)
    means, pooled = _stack(weighted / total, total)
    ends = np.cumsum(pooled)
    return np.repeat(np.asarray(means), np.add.reduceat(sizes, np.r_[0, ends[:-1]]))


def _stack(means: np.ndarray, weights: np.ndarray) -> tuple[list[float], list[int]]:
    """Pool-adjacent-violators over blocks: each pooled block's mean and how many of the
    given blocks it holds."""
    out_mean: list[float] = []
    out_weight: list[float] = []
    out_count: list[int] = []
    for mean, weight in zip(means.tolist(), weights.tolist(), strict=True):
        count = 1
        while out_mean and out_mean[-1] > mean:
            left = out_weight.pop()
            both = left + weight
            mean = (out_mean.pop() * left + mean * weight) / both
            weight = both
            count += out_count.pop()
        out_mean.append(mean)
        out_weight.append(weight)
        out_count.append(count)
    return out_mean, out_count


def fit_isotonic(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> IsotonicCurve:
    """scikit-learn's ``IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip")`` fitted on
    ``(x, y, weight)``: equal ``x`` merged into their weighted mean, then pooled.

    Parameters
    ----------
    x, y, weight : ndarray of shape (n,)
        Scores, values in [0, 1] and weights (positive).

    Returns
    -------
    IsotonicCurve
    """
    x = np.asarray(x, dtype=np.float64)
    order = np.argsort(x, kind="stable")
    x = x[order]
    y = np.asarray(y, dtype=np.float64)[order]
    weight = np.asarray(weight, dtype=np.float64)[order]
    first = np.flatnonzero(np.r_[True, x[1:] != x[:-1]])
    merged = np.add.reduceat(weight, first)
    mean = np.add.reduceat(y * weight, first) / merged
    return IsotonicCurve(x[first], pool_adjacent_violators(mean, merged))
