"""The fleet's grouped queries, over a batch of models at once (one ``UNION ALL`` of the
monitoring use case's views, one branch per model):

1. labels: per model, period, chunk, decision and label (0, 1, not known by the day reported
   on): the rows, their amount sum, their first and last day and their last label's arrival.
   A row with a bad score or amount has a decision code of its own, a bad label a label code;
2. cells, for the models with chunks still waiting for labels: the reference rows per model,
   fold, 1e-4 score cell and label (the calibration); the waiting chunks' rows per model,
   chunk, decision and score cell (the estimate). Each reads only its days of the logs: the
   condition is on the timestamp column, so the engine can skip the other rows as it reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from metrics.fleet.registry import ModelEntry
from metrics.monitor.big_log import CELLS, LogColumns, unmasked
from metrics.monitor.log_view import LogView, check_view, log_view

BRANCH_COLUMNS = "r, c, day, s, y, a, d, f, k"
BATCH = 10
"""Models per query: a query over many logs at once holds a buffer per log (about 10 MB)."""
UNKNOWN, BAD = 2, 3
"""Label codes beside 0 and 1: not known yet, and a value other than 0, 1 or empty. ``BAD``
also stands in for the decision of a row whose score or amount is bad."""


@dataclass(frozen=True)
class Branch:
    """One model's part of the fleet's query: its position, entry, columns and view."""

    index: int
    entry: ModelEntry
    columns: LogColumns
    view: LogView

    @property
    def select(self) -> str:
        return f"SELECT {self.index} AS m, {BRANCH_COLUMNS} FROM ({self.view.select}) AS v"

    def select_within(self, days: tuple[str | None, str | None]) -> str:
        """The branch over the rows scored from the first day to the day before the second."""
        return f"SELECT {self.index} AS m, {BRANCH_COLUMNS} FROM ({self.view.within(days)}) AS v"

    @property
    def reference_days(self) -> tuple[str | None, str | None]:
        """Days that hold the reference rows, a day wider at each end (time zones); open
        when a period column marks them."""
        if self.entry.reference is None or self.columns.period is not None:
            return None, None
        first, last = (dt.date.fromisoformat(str(d)[:10]) for d in self.entry.reference)
        return str(first - dt.timedelta(days=1)), str(last + dt.timedelta(days=2))


def columns_of(entry: ModelEntry) -> LogColumns:
    """The monitoring use case's columns for a registry entry.

    Parameters
    ----------
    entry : ModelEntry

    Returns
    -------
    LogColumns
    """
    return LogColumns(
        label=entry.label_column,
        score=entry.score_column,
        timestamp=entry.timestamp_column,
        period=None,
        amount=entry.amount_column,
        label_date=entry.label_time_column,
        reference_dates=entry.reference,
        model=(entry.model_column, entry.model_value) if entry.model_column else None,
    )


def check_view_of(engine, branch: Branch) -> None:
    """The monitoring command's checks on one model's log alone: a ValueError naming the first
    bad value's file and row.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    branch : Branch
    """
    view = f"fleet_check_{branch.index}"
    engine.create_view(view, branch.view.select)
    check_view(engine, view, branch.columns)


def error_line(entry: ModelEntry, error: Exception) -> str:
    """What the fleet says of a model it could not read: one line that names it.

    Parameters
    ----------
    entry : ModelEntry
    error : Exception

    Returns
    -------
    str
    """
    return f"model '{entry.id}': {error}"


def open_branches(engine, entries: tuple[ModelEntry, ...]) -> tuple[list[Branch], dict[str, str]]:
    """Each model's view (columns checked against its log), or its error line.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    entries : tuple of ModelEntry

    Returns
    -------
    branches : list of Branch
    errors : dict of str to str
        By model id.
    """
    branches, errors = [], {}
    for index, entry in enumerate(entries):
        columns = columns_of(entry)
        try:
            view = log_view(engine, entry.log, columns, entry.threshold, entry.chunk)
        except ValueError as error:
            errors[entry.id] = error_line(entry, error)
            continue
        branches.append(Branch(index, entry, columns, view))
    return branches, errors


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
    return _arrays(
        engine,
        f"SELECT m, r, c, CASE WHEN {bad} THEN {BAD} ELSE f END AS f, {code} AS y, "
        f"max(d) AS d, count(*) AS n, min(day) AS lo, max(day) AS hi, "
        f"{'sum(a)' if has_amounts else '0.0'} AS sa "
        f"FROM ({_union([b.select for b in branches])}) AS fleet GROUP BY 1, 2, 3, 4, 5",
    )


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
        Empty when no model has a chunk waiting.
    """
    waiting = [(branch, days) for branch, days in waiting if days.size]
    if not waiting:
        return {}, {}
    amounts = (
        "sum(a) AS sa"
        if any(branch.entry.amount_column for branch, _ in waiting)
        else "CAST(0 AS DOUBLE) AS sa"  # no model has amounts: nothing to sum
    )
    cell = f"CAST(floor(s * {CELLS}) AS BIGINT) AS b"
    reference = _union(
        [f"{branch.select_within(branch.reference_days)} WHERE r = 1" for branch, _ in waiting]
    )
    chunks = _union(
        [
            f"{branch.select_within((str(days.min() - np.timedelta64(1, 'D')), None))} "
            f"WHERE r = 0 AND c IN ({_dates(days)})"
            for branch, days in waiting
        ]
    )
    return (
        _arrays(
            engine,
            f"SELECT m, k, {cell}, y, count(*) AS n, sum(s) AS ss, {amounts} "
            f"FROM ({reference}) AS fleet GROUP BY 1, 2, 3, 4",
        ),
        _arrays(
            engine,
            f"SELECT m, c, f, {cell}, count(*) AS n, sum(s) AS ss, {amounts} "
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
