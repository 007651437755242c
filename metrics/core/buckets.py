"""Buckets: the sufficient statistics the bootstrap resamples, and the Poisson bootstrap of
their sums (see ``metrics.core.bootstrap`` for why buckets, not rows, are resampled)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXACT_ROWS = 32
"""Buckets with at most this many rows are resampled row by row."""


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


def bucket_stats(key: np.ndarray, w: np.ndarray | None, wa: np.ndarray, n_keys: int) -> Buckets:
    """Sum the first and second moments of weight and weighted amount per bucket.

    Parameters
    ----------
    key : ndarray of int, shape (n,)
        Bucket of each row, from ``bucket_keys``.
    w : ndarray of shape (n,) or None
        Each row's weight; None when every weight is 1 (three sums fewer).
    wa : ndarray of shape (n,)
        Each row's weight x amount.
    n_keys : int
        Number of buckets.

    Returns
    -------
    Buckets
    """

    def total(values: np.ndarray | None) -> np.ndarray:
        return np.bincount(key, values, n_keys)

    if w is None:
        rows, amount = total(None), total(wa)
        return Buckets(rows, rows, amount, rows, total(wa * wa), amount)
    return Buckets(total(None), total(w), total(wa), total(w * w), total(wa * wa), total(w * wa))


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
