"""Folds for cross-fitting: each row's fold, the rows in the curve's order, and each fold's
held-out value at the threshold the other folds choose (see ``metrics.core.crossfit``)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from metrics.core.curves import SortedRows
from metrics.core.value import ValueModel

N_SPLITS = 5


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
    unit_weight : bool
        Every cell's weight is 1 (one unweighted row a cell).
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
    unit_weight: bool = False
    amount_sq: np.ndarray | None = None

    def flag_values(self, model: ValueModel) -> np.ndarray:
        """Each cell's value of being acted on rather than not (currency units)."""
        fixed = np.array([model.fp.fixed - model.tn.fixed, model.tp.fixed - model.fn.fixed])
        rate = np.array([model.fp.rate - model.tn.rate, model.tp.rate - model.fn.rate])
        return fixed[self.label] * self.weight + rate[self.label] * self.amount


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
        fold[rows] = _dealt(rng, -(-rows.size // n_splits), n_splits)[: rows.size]
    return fold


def _dealt(rng: np.random.Generator, runs: int, n_splits: int) -> np.ndarray:
    """``runs`` orders of the folds, each uniform over every order, one after the other.

    For up to 6 folds an order is drawn from the table of all of them (a fifth of the
    time of sorting random keys per run at 1M rows).
    """
    if n_splits <= 6:
        table = np.array(list(itertools.permutations(range(n_splits))), dtype=np.int8)
        return table[rng.integers(len(table), size=runs)].ravel()
    return np.argsort(rng.random((runs, n_splits)), axis=1).astype(np.int8).ravel()


def fold_cells(rows: SortedRows, fold: np.ndarray, *, n_splits: int = N_SPLITS) -> FoldCells:
    """One cell per row, in the order the in-sample curve sorted them (no second sort, and
    the curve's gathers of scores, labels and amounts reused).

    Parameters
    ----------
    rows : SortedRows
        The rows as the in-sample curve sorted them (``sort_rows``).
    fold : ndarray of int, shape (n,)
        Each row's fold (file order), from ``stratified_folds``.
    n_splits : int

    Returns
    -------
    FoldCells
    """
    s_sorted, n = rows.scores[1:], len(rows.labels)
    steps = np.empty(n, dtype=np.int64)
    steps[:1] = 1
    np.not_equal(s_sorted[1:], s_sorted[:-1], out=steps[1:], casting="unsafe")
    point = np.cumsum(steps)
    w = np.ones(n) if rows.weights is None else rows.weights
    if rows.amounts is None:
        wa = np.zeros(n)
    else:
        wa = rows.amounts if rows.weights is None else w * rows.amounts
    return FoldCells(
        thresholds=np.concatenate([[np.inf], s_sorted[steps.astype(bool)]]),
        point=point,
        fold=np.asarray(fold, dtype=np.int8)[rows.order],
        label=rows.labels,
        weight=w,
        amount=wa,
        n_splits=n_splits,
        unit_weight=rows.weights is None,
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
