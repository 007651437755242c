"""Bootstrap intervals for value on a grid of thresholds, at a cost independent of row count.

Value at a threshold is linear in four sums (positives and negatives flagged, and their
amounts), and each sum is a total over buckets: a row's bucket is its class and how many grid
thresholds its score clears. So the bootstrap resamples buckets, not rows.

It is the Poisson bootstrap (every row drawn a Poisson(1) number of times), which for a bucket
of n rows is: draw N ~ Poisson(n) rows, each uniformly from the bucket. Buckets of at most
``EXACT_ROWS`` rows are resampled exactly that way. In a larger bucket the sums of the N rows'
weights and weighted amounts are drawn from a normal distribution with the bucket's own mean
and covariance scaled by N, which matches the Poisson bootstrap's mean, variance and
covariance of every sum exactly. The work is (resamples x buckets), plus the small buckets'
rows: 1M rows cost what 10,000 do.

The resampled sums are computed once; any cost setting turns them into an interval by a
linear combination, and a threshold move is a lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.buckets import Buckets, bucket_keys, bucket_stats, resample_sums, small_buckets
from metrics.core.validation import (
    check_amounts,
    check_labels,
    check_same_length,
    check_scores,
    check_weights,
)
from metrics.core.value import ValueModel


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
    """Poisson-bootstrap the confusion sums at every grid threshold.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a positive (fraud, click), 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted probability of the positive class, in [0, 1].
    thresholds : ndarray of shape (g,)
        Strictly increasing grid of decision thresholds in [0, 1].
    amount : array-like of shape (n,), optional
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
    check_same_length(label=y, score=s, amount=a, sample_weight=w)
    grid = np.asarray(thresholds, dtype=np.float64)
    if grid.ndim != 1 or grid.size == 0 or np.any(np.diff(grid) <= 0):
        raise ValueError("thresholds must be a non-empty, strictly increasing grid")
    key = bucket_keys(y, s, grid)
    wa = w * a
    buckets = bucket_stats(key, None if sample_weight is None else w, wa, 2 * (grid.size + 1))
    in_small = small_buckets(buckets)[key]
    return resample_buckets(
        grid,
        buckets,
        (key[in_small], w[in_small], wa[in_small]),
        n_resamples=n_resamples,
        seed=seed,
    )


def resample_buckets(
    grid: np.ndarray,
    buckets: Buckets,
    small_rows: tuple[np.ndarray, np.ndarray, np.ndarray],
    *,
    n_resamples: int = 400,
    seed: int = 0,
) -> BootstrapCurves:
    """The bootstrap from sufficient statistics: what an engine that aggregates a big log
    hands back is enough, with the few rows of the small buckets.

    Parameters
    ----------
    grid : ndarray of shape (g,)
        Ascending thresholds.
    buckets : Buckets
        Moments per bucket, from ``bucket_stats`` or an engine's GROUP BY.
    small_rows : tuple of three ndarrays
        Bucket key, weight and weight x amount of every row in a small bucket (see
        ``small_buckets``), in file order.
    n_resamples : int
        Number of bootstrap resamples.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    BootstrapCurves
    """
    counts, amounts = resample_sums(buckets, small_rows, n_resamples=n_resamples, seed=seed)
    return _curves_from_buckets(grid, counts, amounts)


def _curves_from_buckets(
    grid: np.ndarray, counts: np.ndarray, amounts: np.ndarray
) -> BootstrapCurves:
    """Buckets above position j are flagged at grid threshold j: reverse cumulative sums."""

    def flagged(sums: np.ndarray, label: int) -> np.ndarray:
        return np.cumsum(sums[:, label::2][:, ::-1], axis=1)[:, ::-1][:, 1:]

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
