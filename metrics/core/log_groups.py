"""The grouped pass over a big log: per distinct score (or 1e-6 grid cell) and label, the rows
and their amount sum. It is the one full pass that opening a log makes; the checks that
Parquet metadata cannot answer ride along where they cost nothing (a NaN amount makes its
group's sum NaN), and the perfect decision comes from the same sums whenever its per-row
``max(0, ...)`` does not change sign over the log's amounts."""

from __future__ import annotations

import numpy as np

from metrics.core.backends import DuckDBBackend, SparkBackend
from metrics.core.log_sql import GRID_STEPS, _on_grid
from metrics.core.value import ValueModel


def group_log(
    engine: DuckDBBackend | SparkBackend,
    view: str,
    y: str,
    s: str,
    a: str,
    *,
    distinct: int,
    max_distinct: int,
) -> tuple[dict[str, np.ndarray], bool]:
    """Rows ``n`` and amount sum ``a`` per score ``s`` and label ``y``; exact when the log has
    at most ``max_distinct`` distinct scores, else on the 1e-6 grid.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    view : str
        The log's rows (scores already checked: no NaN).
    y, s, a : str
        Quoted label, score and amount columns.
    distinct : int
        The engine's approximate count of distinct scores: it only picks the query. Whether
        the result is exact is decided on the result, so engines whose estimates differ agree.
    max_distinct : int
        Keep every distinct score up to this many.

    Returns
    -------
    groups : dict of str to ndarray
        ``s``, ``y``, ``n``, ``a`` as float64 arrays.
    exact : bool
        Whether every distinct score was kept.
    """
    if distinct < 2 * max_distinct:
        raw = engine.arrays(
            f"SELECT {s} AS s, {y} AS y, count(*) AS n, sum({a}) AS a FROM {view} GROUP BY 1, 2"
        )
        groups = {k: np.asarray(v, dtype=np.float64) for k, v in raw.items()}
        # (score, label) pairs bound the distinct scores: count them only when it matters
        exact = len(groups["s"]) <= max_distinct or np.unique(groups["s"]).size <= max_distinct
        return (groups if exact else _on_grid(groups)), exact
    raw = engine.arrays(  # one integer key per grid cell and label: the cheapest grouping
        f"SELECT CAST(floor({s} * {GRID_STEPS}) AS BIGINT) * 2 + {y} AS k, "
        f"count(*) AS n, sum({a}) AS a FROM {view} GROUP BY 1"
    )
    k = np.asarray(raw["k"]).astype(np.int64)
    return {
        "s": (k // 2) / GRID_STEPS,
        "y": (k % 2).astype(np.float64),
        "n": np.asarray(raw["n"], dtype=np.float64),
        "a": np.asarray(raw["a"], dtype=np.float64),
    }, False


def perfect_from_sums(
    model: ValueModel, groups: dict[str, np.ndarray], low: float, high: float
) -> float | None:
    """The perfect decision's value from each class's rows and amount sum, when it can be.

    Flagging a row of class c gains ``g_c(a) = fixed_c + rate_c x a`` over not flagging it;
    the perfect decision sums ``max(0, g_c(a))``. Over amounts in [low, high] that gain is
    linear, so when it keeps one sign the sum is ``fixed_c x rows_c + rate_c x amount_c``
    (gain never below zero) or 0 (never above): no pass over the rows.

    Parameters
    ----------
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).
    groups : dict of str to ndarray
        From ``group_log``.
    low, high : float
        The smallest and largest amount in the log.

    Returns
    -------
    float or None
        None when a class's gain changes sign between ``low`` and ``high`` (the rows must be
        read).
    """
    total = 0.0
    for label, fixed, rate in (
        (1, model.tp.fixed - model.fn.fixed, model.tp.rate - model.fn.rate),
        (0, model.fp.fixed - model.tn.fixed, model.fp.rate - model.tn.rate),
    ):
        ends = (fixed + rate * low, fixed + rate * high)
        mine = groups["y"] == label
        if min(ends) >= 0:
            total += fixed * float(groups["n"][mine].sum()) + rate * float(groups["a"][mine].sum())
        elif max(ends) > 0:
            return None
    return total
