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

from metrics.core.validation import (
    check_amounts,
    check_labels,
    check_same_length,
    check_scores,
    check_weights,
)
from metrics.core.value import ValueModel

EXACT_ROWS = 32
"""Buckets with at most this many rows are resampled row by row."""


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


@dataclass(frozen=True, eq=False)
class Buckets:
    """Sufficient statistics per bucket (class and grid position) for the bootstrap.

    Attributes
    ----------
    rows : ndarray of shape (k,)
        Rows in each bucket.
    weight, amount : ndarray of shape (k,)
        Sums of w and of w x amount.
    weight_sq, amount_sq, cross : ndarray of shape (k,)
        Sums of w^2, (w x amount)^2 and w x (w x amount): the second moments.
    """

    rows: np.ndarray
    weight: np.ndarray
    amount: np.ndarray
    weight_sq: np.ndarray
    amount_sq: np.ndarray
    cross: np.ndarray


def bucket_keys(y: np.ndarray, s: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Bucket of each row: ``2 x (grid thresholds its score clears) + label``.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Labels, 0 or 1.
    s : ndarray of shape (n,)
        Scores.
    grid : ndarray of shape (g,)
        Ascending thresholds.

    Returns
    -------
    ndarray of int, shape (n,)
        In ``[0, 2 x (g + 1))``.
    """
    return 2 * np.searchsorted(grid, s, side="right") + y


def bucket_stats(key: np.ndarray, w: np.ndarray, wa: np.ndarray, n_keys: int) -> Buckets:
    """Sum the first and second moments of weight and weighted amount per bucket.

    Parameters
    ----------
    key : ndarray of int, shape (n,)
        Bucket of each row, from ``bucket_keys``.
    w, wa : ndarray of shape (n,)
        Each row's weight and weight x amount.
    n_keys : int
        Number of buckets.

    Returns
    -------
    Buckets
    """

    def total(values: np.ndarray | None) -> np.ndarray:
        return np.bincount(key, values, n_keys)

    return Buckets(total(None), total(w), total(wa), total(w * w), total(wa * wa), total(w * wa))


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
    buckets = bucket_stats(key, w, wa, 2 * (grid.size + 1))
    in_small = small_buckets(buckets)[key]
    return resample_buckets(
        grid,
        buckets,
        (key[in_small], w[in_small], wa[in_small]),
        n_resamples=n_resamples,
        seed=seed,
    )


def small_buckets(buckets: Buckets) -> np.ndarray:
    """Mask of the buckets resampled row by row (1 to ``EXACT_ROWS`` rows).

    Parameters
    ----------
    buckets : Buckets

    Returns
    -------
    ndarray of bool, shape (k,)
    """
    return (buckets.rows > 0) & (buckets.rows <= EXACT_ROWS)


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


def resample_sums(
    buckets: Buckets,
    small_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    *,
    n_resamples: int = 400,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Each bucket's weight and weighted-amount sums in every Poisson-bootstrap resample.

    Parameters
    ----------
    buckets : Buckets
        Moments per bucket.
    small_rows : tuple of three ndarrays, or None
        Bucket key, weight and weight x amount of every row in a small bucket, in file order;
        None when the rows are not at hand (every bucket is then drawn from its moments).
    n_resamples : int
        Number of bootstrap resamples.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    counts, amounts : ndarray of shape (n_resamples, k)
    """
    rng = np.random.default_rng(seed)
    draws = rng.poisson(buckets.rows, size=(n_resamples, buckets.rows.size))
    counts, amounts = _large_buckets(buckets, draws, rng)
    small = small_buckets(buckets)
    if small_rows is not None and small.any():
        exact_counts, exact_amounts = _small_buckets(*small_rows, small, draws, rng)
        counts[:, small], amounts[:, small] = exact_counts, exact_amounts
    return counts, amounts


def _large_buckets(
    b: Buckets, draws: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Sums of N drawn rows per bucket from a moment-matched bivariate normal given N."""
    n = np.maximum(b.rows, 1)
    mean_w, mean_wa = b.weight / n, b.amount / n
    var_w = np.maximum(b.weight_sq / n - mean_w**2, 0.0)
    var_wa = np.maximum(b.amount_sq / n - mean_wa**2, 0.0)
    cov = b.cross / n - mean_w * mean_wa
    # Cholesky factor of [[var_w, cov], [cov, var_wa]], per bucket.
    l11 = np.sqrt(var_w)
    l21 = np.divide(cov, l11, out=np.zeros_like(cov), where=l11 > 0)
    l22 = np.sqrt(np.maximum(var_wa - l21**2, 0.0))
    root = np.sqrt(draws)
    z1 = rng.standard_normal(draws.shape)
    z2 = rng.standard_normal(draws.shape)
    counts = np.maximum(draws * mean_w + root * l11 * z1, 0.0)
    amounts = np.maximum(draws * mean_wa + root * (l21 * z1 + l22 * z2), 0.0)
    return counts, amounts


def _small_buckets(
    key: np.ndarray,
    w: np.ndarray,
    wa: np.ndarray,
    small: np.ndarray,
    draws: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson bootstrap of the small buckets: N draws with replacement from its rows."""
    members = np.flatnonzero(small[key])
    members = members[np.argsort(key[members], kind="stable")]
    buckets = np.flatnonzero(small)
    sizes = np.bincount(key[members], minlength=small.size)[buckets]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n_draws = draws[:, buckets]  # (resamples, small buckets)
    cell = np.repeat(np.arange(n_draws.size), n_draws.ravel())
    column = cell % buckets.size
    picked = members[starts[column] + (rng.random(cell.size) * sizes[column]).astype(np.int64)]
    counts = np.bincount(cell, w[picked], n_draws.size).reshape(n_draws.shape)
    amounts = np.bincount(cell, wa[picked], n_draws.size).reshape(n_draws.shape)
    return counts, amounts


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
