"""The fleet's grouped queries, over a batch of models at once (one ``UNION ALL`` of the
monitoring use case's views, one branch per model):

1. labels: per model, period, chunk, decision and label (0, 1, not known by the day reported
   on): the rows, their amount sum, their first and last day and their last label's arrival.
   A row with a bad score or amount has a decision code of its own, a bad label a label code;
2. cells, for the models with chunks still waiting for labels: the reference rows per model,
   fold, 1e-4 score cell and label (the calibration); the waiting chunks' rows per model,
   chunk, decision and score cell (the estimate). Each reads only its days of the logs: the
   condition is on the timestamp column, so the engine can skip the other rows as it reads.

A model whose reference was kept from an earlier run (``metrics.fleet.reference_store``) has
only its other rows read by the first pass and none by the second: its kept label groups are
added to the first pass's results as if read, and its kept calibration is used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from metrics.fleet.branch import Branch, columns_of, error_line
from metrics.fleet.reference_store import (
    KeptReference,
    ReferenceStore,
    kept_reference,
    time_zone,
)
from metrics.fleet.registry import ModelEntry
from metrics.monitor.big_log import CELLS, unmasked
from metrics.monitor.log_view import log_view

CELL = f"CAST(floor(s * {CELLS}) AS BIGINT)"
"""A score's 1e-4 cell."""
BATCH = 10
"""Models per query: a query over many logs at once holds a buffer per log (about 10 MB)."""
UNKNOWN, BAD = 2, 3
"""Label codes beside 0 and 1: not known yet, and a value other than 0, 1 or empty. ``BAD``
also stands in for the decision of a row whose score or amount is bad."""


def open_branches(
    engine, entries: tuple[ModelEntry, ...], store: ReferenceStore | None = None
) -> tuple[list[Branch], dict[str, str]]:
    """Each model's view (columns checked against its log) and what the store kept of its
    reference, or its error line.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    entries : tuple of ModelEntry
    store : ReferenceStore, optional

    Returns
    -------
    branches : list of Branch
    errors : dict of str to str
        By model id.
    """
    branches, errors = [], {}
    zone = time_zone(engine) if store is not None else None
    for index, entry in enumerate(entries):
        columns = columns_of(entry)
        try:
            view = log_view(engine, entry.log, columns, entry.threshold, entry.chunk)
        except ValueError as error:
            errors[entry.id] = error_line(entry, error)
            continue
        branch = Branch(index, entry, columns, view)
        branches.append(dataclasses.replace(branch, kept=_kept(engine, store, branch, zone)))
    return branches, errors


def _kept(engine, store: ReferenceStore | None, branch: Branch, zone) -> KeptReference | None:
    """The branch's place in the store (None when off or when its log cannot be kept)."""
    if store is None:
        return None
    alone = Branch(0, branch.entry, branch.columns, branch.view)
    described = label_sql(engine, [alone], None) + reference_cells_sql([alone])
    return kept_reference(engine, store, branch.entry, branch.reference_days, described, zone)


def _union(parts: list[str]) -> str:
    return " UNION ALL ".join(parts)


def label_groups(
    engine, branches: list[Branch], as_of: dt.date | None = None
) -> dict[str, np.ndarray]:
    """The first pass: every row of every model, per model, period, chunk, decision and label
    code. An analysis row's label is known once it has arrived (a label day), by ``as_of``
    when given; the reference's labels are always known.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    branches : list of Branch
    as_of : date, optional

    Returns
    -------
    dict of str to ndarray
    """
    if not branches:
        return {}
    parts = [b.select_after_reference if _has(b, "labels") else b.select for b in branches]
    groups = _arrays(engine, label_sql(engine, branches, as_of, _union(parts)))
    return _with_kept(groups, [(b.index, b.kept.labels) for b in branches if _has(b, "labels")])


def label_sql(
    engine, branches: list[Branch], as_of: dt.date | None, rows: str | None = None
) -> str:
    """The SQL of the first pass over ``rows`` (the branches' selects; all of their rows
    when None).

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    branches : list of Branch
    as_of : date or None
    rows : str, optional

    Returns
    -------
    str
    """
    nf = engine.not_finite
    by_then = f" AND d <= DATE '{as_of.isoformat()}'" if as_of is not None else ""
    code = (
        f"CASE WHEN y IS NULL THEN {UNKNOWN} WHEN y NOT IN (0, 1) THEN {BAD} "  # NaN too
        f"WHEN r = 1 OR (d IS NOT NULL{by_then}) THEN CAST(y AS INTEGER) ELSE {UNKNOWN} END"
    )
    has_amounts = any(b.entry.amount_column for b in branches)
    bad = f"s IS NULL OR {nf('s')} OR s < 0 OR s > 1" + (
        f" OR a IS NULL OR {nf('a')} OR a < 0" if has_amounts else ""
    )
    return (
        f"SELECT m, r, c, CASE WHEN {bad} THEN {BAD} ELSE f END AS f, {code} AS y, "
        f"max(d) AS d, count(*) AS n, min(day) AS lo, max(day) AS hi, "
        f"{'sum(a)' if has_amounts else '0.0'} AS sa "
        f"FROM ({rows or _union([b.select for b in branches])}) AS fleet GROUP BY 1, 2, 3, 4, 5"
    )


def reference_cells_sql(branches: list[Branch]) -> str:
    """The SQL of the reference's score cells (the calibration) of the branches.

    Parameters
    ----------
    branches : list of Branch

    Returns
    -------
    str
    """
    amounts = (
        "sum(a) AS sa"
        if any(branch.entry.amount_column for branch in branches)
        else "CAST(0 AS DOUBLE) AS sa"  # no model has amounts: nothing to sum
    )
    reference = _union(
        [f"{branch.select_within(branch.reference_days)} WHERE r = 1" for branch in branches]
    )
    return (
        f"SELECT m, k, {CELL} AS b, y, count(*) AS n, sum(s) AS ss, {amounts} "
        f"FROM ({reference}) AS fleet GROUP BY 1, 2, 3, 4"
    )


def _has(branch: Branch, part: str) -> bool:
    """Whether the store kept this part of the branch's reference groups."""
    return branch.kept is not None and getattr(branch.kept, part) is not None


def _with_kept(
    groups: dict[str, np.ndarray], kept: list[tuple[int, dict[str, np.ndarray]]]
) -> dict[str, np.ndarray]:
    """The first pass's groups with the kept groups of the models at the given positions
    added."""
    if not kept:
        return groups
    parts = [groups] + [
        {"m": np.full(len(next(iter(k.values()))), index, groups["m"].dtype)} | k
        for index, k in kept
    ]
    return {name: np.concatenate([part[name] for part in parts]) for name in groups}


def cell_groups(
    engine, waiting: list[tuple[Branch, np.ndarray]]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The second pass, over the models with chunks waiting for labels: their reference rows
    per fold, score cell and label; their waiting chunks' rows per chunk, decision and cell.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    waiting : list of (Branch, ndarray of dates)
        Each model and the first days of the periods of its chunks waiting for labels.

    Returns
    -------
    reference, chunks : dict of str to ndarray
        Empty when no model has a chunk waiting; the reference has none of the models whose
        calibration was kept.
    """
    waiting = [(branch, days) for branch, days in waiting if days.size]
    if not waiting:
        return {}, {}
    amounts = (
        "sum(a) AS sa"
        if any(branch.entry.amount_column for branch, _ in waiting)
        else "CAST(0 AS DOUBLE) AS sa"  # no model has amounts: nothing to sum
    )
    unread = [branch for branch, _ in waiting if not _has(branch, "calibration")]
    chunks = _union(
        [
            f"{branch.select_within((str(days.min() - np.timedelta64(1, 'D')), None))} "
            f"WHERE r = 0 AND c IN ({_dates(days)})"
            for branch, days in waiting
        ]
    )
    return (
        _arrays(engine, reference_cells_sql(unread)) if unread else {},
        _arrays(
            engine,
            f"SELECT m, c, f, {CELL} AS b, count(*) AS n, sum(s) AS ss, {amounts} "
            f"FROM ({chunks}) AS fleet GROUP BY 1, 2, 3, 4",
        ),
    )


def _dates(days: np.ndarray) -> str:
    return ", ".join(f"DATE '{day}'" for day in days.astype(str))


def _arrays(engine, sql: str) -> dict[str, np.ndarray]:
    return {name: unmasked(values) for name, values in engine.arrays(sql).items()}


def by_model(groups: dict[str, np.ndarray]) -> dict[int, dict[str, np.ndarray]]:
    """The groups of each model, by its position.

    Parameters
    ----------
    groups : dict of str to ndarray
        A pass's result, with the model's position in ``m``.

    Returns
    -------
    dict of int to dict of str to ndarray
    """
    if not groups:
        return {}
    m = np.asarray(groups["m"]).astype(np.int64)
    order = np.argsort(m, kind="stable")
    models, starts = np.unique(m[order], return_index=True)
    ends = np.r_[starts[1:], m.size]
    ordered = {name: np.asarray(values)[order] for name, values in groups.items()}
    return {
        int(model): {name: values[start:end] for name, values in ordered.items()}
        for model, start, end in zip(models, starts, ends, strict=True)
    }


def suspect(groups: dict[str, np.ndarray]) -> bool:
    """Whether a model's label groups hint at a bad value (then its log is checked alone).

    Parameters
    ----------
    groups : dict of str to ndarray
        One model's label groups.

    Returns
    -------
    bool
    """
    code = groups["y"].astype(np.int64)
    reference = groups["r"].astype(np.int64) == 1
    return bool(
        (groups["f"].astype(np.int64) == BAD).any()  # a bad score or amount
        or (code == BAD).any()
        or np.isnat(np.asarray(groups["c"]).astype("datetime64[D]")).any()
        or (reference & (code == UNKNOWN)).any()
        or not reference.any()
    )
