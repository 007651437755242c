"""The bootstrap of the whole cross-fitting procedure: sums per (score quantile, fold, label)
resampled once, and in every resample each fold's threshold re-chosen on the others."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.buckets import Buckets, bucket_stats, resample_sums, small_buckets
from metrics.core.folds import FoldCells
from metrics.core.value import ValueModel

N_RESAMPLES = 200
GRID_SIZE = 64
"""At most this many score quantiles for the bootstrap to re-choose its threshold on."""
ROWS_PER_QUANTILE = 500
"""Fewer quantiles on small data: about this many rows between two (the bootstrap resamples
small buckets row by row)."""


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
    if cells.amount_sq is None:  # in point order: each position is one run of rows
        cuts = np.searchsorted(cells.point, grid, side="right")
        runs = np.diff(cuts, prepend=0, append=len(cells.point))
        position = np.repeat(np.arange(grid.size, -1, -1), runs)
    else:
        position = grid.size - np.searchsorted(grid, cells.point, side="left")
    key = 2 * (position * k + cells.fold) + cells.label
    size_keys = 2 * k * (grid.size + 1)
    if cells.amount_sq is None:  # one row per cell: exact moments, small buckets by rows
        weight = None if cells.unit_weight else cells.weight
        buckets = bucket_stats(key, weight, cells.amount, size_keys)
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


def grid_cross_fit(
    boot: FoldBootstrap, counts: np.ndarray, amounts: np.ndarray, model: ValueModel
) -> np.ndarray:
    """The cross-fitted value of each resample, its thresholds chosen on the grid.

    Parameters
    ----------
    boot : FoldBootstrap
        The grid and the number of folds.
    counts, amounts : ndarray of shape (b, 2 x k x (g + 1))
        Weight and weighted-amount sums per resample and bucket.
    model : ValueModel

    Returns
    -------
    ndarray of shape (b,)
    """
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
