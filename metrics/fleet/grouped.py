"""The whole fleet in two grouped passes over the models' logs, ten models at a time (one
``UNION ALL`` of the monitoring use case's views, one branch per model):

1. labels: per model, period, chunk, decision, label (0, 1, not yet known) and label day: the
   rows, their amount sum, their first and last day, and the extremes the checks need;
2. cells: over the reference rows, per model, fold, 1e-4 score cell and label (the
   calibration); over the analysis chunks whose labels have not arrived as of the day, per
   model, chunk, decision and score cell (the estimate). Only those chunks are read for it.

Each model's figures are those of ``metrics.monitor.big_log``: the same calibration, realised
and estimated values and normal range (a test compares them). A model whose log has a bad
value is checked again on its own, so its error names the file and row as the monitoring
command does; the other models still report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.core.value import ValueModel
from metrics.fleet.registry import ModelEntry
from metrics.monitor.big_log import CELLS, LogColumns, chunk_index, chunk_table, unmasked
from metrics.monitor.calibration import fit_calibration
from metrics.monitor.chunks import Chunks
from metrics.monitor.log_view import LogView, check_view, log_view
from metrics.monitor.model import Estimate, Monitor, MonitorLog, assemble_monitor
from metrics.monitor.replay import labels_known_by
from metrics.monitor.values import row_values

BRANCH_COLUMNS = "r, c, day, s, y, a, d, f, k"
BATCH = 10
"""Models per query: a query over many logs at once holds a buffer per log (about 10 MB)."""
UNKNOWN, BAD = 2, 3
"""Label codes beside 0 and 1: not known yet, and a value other than 0, 1 or empty."""


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


@dataclass(frozen=True, eq=False)
class ChunkKeys:
    """A model's chunks by their (period, first day of the period) key, and each chunk's
    first day of the period (``date_trunc`` of its rows' timestamps)."""

    keys: dict
    days: np.ndarray


@dataclass(frozen=True, eq=False)
class Started:
    """A model after the first pass: its monitor without the estimate, the day it is reported
    as of, its realised values as of that day and its chunks' keys."""

    branch: Branch
    monitor: Monitor
    day: dt.date
    realised: np.ndarray
    keys: ChunkKeys


@dataclass(frozen=True, eq=False)
class ModelFigures:
    """One model's monitor and the day it is reported as of.

    Attributes
    ----------
    entry : ModelEntry
    monitor : Monitor
        Estimated values only where the fleet reads them (NaN elsewhere): the analysis
        chunks complete by ``day`` whose labels had not arrived.
    day : date
    realised : ndarray
        Per chunk, the realised value with the labels known by ``day`` (NaN when too few).
    """

    entry: ModelEntry
    monitor: Monitor
    day: dt.date
    realised: np.ndarray


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


def model_value(entry: ModelEntry) -> ValueModel:
    """What each outcome of the model's decisions is worth.

    Parameters
    ----------
    entry : ModelEntry

    Returns
    -------
    ValueModel
    """
    from metrics.decide.model import value_matrix

    return value_matrix(entry.value_matrix, entry.amount_rates)


def fleet_figures(
    engine, entries: tuple[ModelEntry, ...], as_of: dt.date | None
) -> tuple[list[ModelFigures], dict[str, str]]:
    """Every model's monitor from the fleet's two grouped passes.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    entries : tuple of ModelEntry
    as_of : date or None
        Replay as of this day; each model's last day (scoring or label arrival) when None.

    Returns
    -------
    figures : list of ModelFigures
    errors : dict of str to str
        One line per model that could not be read, by id.
    """
    branches, errors = _branches(engine, entries)
    batches = [branches[start : start + BATCH] for start in range(0, len(branches), BATCH)]
    figures: list[ModelFigures] = []
    with ThreadPoolExecutor(max_workers=1) as engine_thread:  # the next query runs meanwhile
        labels: dict[int, Future] = {}

        def ask_labels(number: int) -> None:
            if number < len(batches) and number not in labels:
                labels[number] = engine_thread.submit(_label_groups, engine, batches[number])

        ask_labels(0)
        for number, batch in enumerate(batches):
            try:
                started, failed = _started(engine, batch, _by_model(labels[number].result()), as_of)
                cells = engine_thread.submit(_cell_groups, engine, started)
                ask_labels(number + 1)
                done, failed_later = _estimated(started, _by_model(cells.result()))
                failed |= failed_later
            except ValueError:  # a log the engine cannot read: each model alone, to name it
                ask_labels(number + 1)
                done, failed = _one_by_one(engine, batch, as_of)
            figures += done
            errors |= failed
    return figures, errors


def _one_by_one(
    engine, branches: list[Branch], as_of: dt.date | None
) -> tuple[list[ModelFigures], dict[str, str]]:
    """Each model of a batch through both passes on its own: one unreadable log is one
    model's error."""
    figures, errors = [], {}
    for branch in branches:
        try:
            started, failed = _started(
                engine, [branch], _by_model(_label_groups(engine, [branch])), as_of
            )
            done, failed_later = _estimated(started, _by_model(_cell_groups(engine, started)))
        except ValueError as error:
            errors[branch.entry.id] = f"model '{branch.entry.id}': {error}"
            continue
        figures += done
        errors |= failed | failed_later
    return figures, errors


def _started(
    engine, branches: list[Branch], labels: dict[int, dict[str, np.ndarray]], as_of
) -> tuple[list[Started], dict[str, str]]:
    """Each model's monitor from its label groups (a model with a bad value: its error)."""
    started, errors = [], {}
    for branch in branches:
        groups = labels.get(branch.index)
        try:
            if groups is None or _suspect(groups):
                check_view_of(engine, branch)
            started.append(Started(branch, *_labelled_monitor(branch, groups, as_of)))
        except ValueError as error:
            errors[branch.entry.id] = f"model '{branch.entry.id}': {error}"
    return started, errors


def _estimated(
    started: list[Started], cells: dict[int, dict[str, np.ndarray]]
) -> tuple[list[ModelFigures], dict[str, str]]:
    """Each model's figures with its calibration and the estimate of its waiting chunks."""
    figures, errors = [], {}
    for s in started:
        try:
            monitor = _with_estimate(s.branch, s.monitor, cells.get(s.branch.index), s.keys)
        except ValueError as error:
            errors[s.branch.entry.id] = f"model '{s.branch.entry.id}': {error}"
            continue
        figures.append(ModelFigures(s.branch.entry, monitor, s.day, s.realised))
    return figures, errors


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


def _branches(engine, entries) -> tuple[list[Branch], dict[str, str]]:
    """Each model's view (columns checked against its log), or its error line."""
    branches, errors = [], {}
    for index, entry in enumerate(entries):
        columns = columns_of(entry)
        try:
            view = log_view(engine, entry.log, columns, entry.threshold, entry.chunk)
        except ValueError as error:
            errors[entry.id] = f"model '{entry.id}': {error}"
            continue
        branches.append(Branch(index, entry, columns, view))
    return branches, errors


def _union(parts: list[str]) -> str:
    return " UNION ALL ".join(parts)


def _label_groups(engine, branches: list[Branch]) -> dict[str, np.ndarray]:
    """The first pass: every row of every model, per model, period, chunk, decision, label
    code and label day."""
    if not branches:
        return {}
    code = f"CASE WHEN y IS NULL THEN {UNKNOWN} WHEN y = 0 THEN 0 WHEN y = 1 THEN 1 ELSE {BAD} END"
    amounts = (
        "sum(a) AS sa, count(a) AS na, min(a) AS a_lo, max(a) AS a_hi"
        if any(b.entry.amount_column for b in branches)
        else "0.0 AS sa, count(*) AS na, 0.0 AS a_lo, 0.0 AS a_hi"  # no model has amounts
    )
    return _arrays(
        engine,
        f"SELECT m, r, c, f, {code} AS y, d, count(*) AS n, min(day) AS lo, max(day) AS hi, "
        f"count(s) AS ns, min(s) AS s_lo, max(s) AS s_hi, {amounts} "
        f"FROM ({_union([b.select for b in branches])}) AS fleet GROUP BY 1, 2, 3, 4, 5, 6",
    )


def _cell_groups(engine, started: list[Started]) -> dict[str, np.ndarray]:
    """The second pass, over the models with chunks waiting for labels: the reference rows
    per fold, score cell and label; the waiting chunks' rows per chunk, decision and cell."""
    parts = []
    branches = [s.branch for s in started]
    for s in started:
        branch, days = s.branch, s.keys.days[_waiting(s.monitor, s.day, s.realised)]
        if days.size:
            listed = ", ".join(f"DATE '{day}'" for day in days.astype(str))
            parts.append(f"{branch.select} WHERE r = 1 OR c IN ({listed})")
    if not parts:
        return {}
    amounts = (
        "sum(a) AS sa"
        if any(b.entry.amount_column for b in branches)
        else "CAST(0 AS DOUBLE) AS sa"  # no model has amounts: nothing to sum
    )
    return _arrays(
        engine,
        f"SELECT m, r, CASE WHEN r = 0 THEN c END AS c, CASE WHEN r = 0 THEN f END AS f, "
        f"CASE WHEN r = 1 THEN k END AS k, CASE WHEN r = 1 THEN y END AS y, "
        f"CAST(floor(s * {CELLS}) AS BIGINT) AS b, count(*) AS n, sum(s) AS ss, {amounts} "
        f"FROM ({_union(parts)}) AS fleet GROUP BY 1, 2, 3, 4, 5, 6, 7",
    )


def _arrays(engine, sql: str) -> dict[str, np.ndarray]:
    return {name: unmasked(values) for name, values in engine.arrays(sql).items()}


def _by_model(groups: dict[str, np.ndarray]) -> dict[int, dict[str, np.ndarray]]:
    """The groups of each model, by its position."""
    if not groups:
        return {}
    m = np.asarray(groups["m"]).astype(np.int64)
    order = np.argsort(m, kind="stable")
    models, starts = np.unique(m[order], return_index=True)
    parts = np.split(order, starts[1:])
    return {
        int(model): {name: np.asarray(values)[rows] for name, values in groups.items()}
        for model, rows in zip(models, parts, strict=True)
    }


def _suspect(groups: dict[str, np.ndarray]) -> bool:
    """Whether a model's label groups hint at a bad value (then its log is checked alone)."""
    n = groups["n"].astype(np.float64)
    code = groups["y"].astype(np.float64)
    s_lo, s_hi = groups["s_lo"].astype(np.float64), groups["s_hi"].astype(np.float64)
    a_lo, a_hi = groups["a_lo"].astype(np.float64), groups["a_hi"].astype(np.float64)
    no_chunk = np.isnat(np.asarray(groups["c"]).astype("datetime64[D]"))
    unlabelled_reference = (groups["r"].astype(np.int64) == 1) & (code == UNKNOWN)
    with np.errstate(invalid="ignore"):
        return bool(
            (groups["ns"] < n).any()
            or (groups["na"] < n).any()
            or (~np.isfinite(s_lo) | ~np.isfinite(s_hi) | (s_lo < 0) | (s_hi > 1)).any()
            or (~np.isfinite(a_lo) | ~np.isfinite(a_hi) | (a_lo < 0)).any()
            or (code == BAD).any()
            or no_chunk.any()
            or unlabelled_reference.any()
            or not (groups["r"].astype(np.int64) == 1).any()
        )


def _labelled_monitor(
    branch: Branch, groups: dict[str, np.ndarray], as_of: dt.date | None
) -> tuple[Monitor, dt.date, np.ndarray, ChunkKeys]:
    """A model's monitor from its label groups (realised values and the normal range), the
    day it is reported as of, its realised values as of that day and its chunks' keys."""
    r = groups["r"].astype(np.int64)
    info = (
        pd.DataFrame({"r": r, "c": groups["c"], "lo": groups["lo"], "hi": groups["hi"]})
        .assign(n=groups["n"].astype(np.int64))
        .groupby(["r", "c"], as_index=False)
        .agg(lo=("lo", "min"), hi=("hi", "max"), n=("n", "sum"))
    )
    info, keys = chunk_table(info)
    chunk = chunk_index(r, groups["c"], keys)
    n = groups["n"].astype(np.float64)
    amount = groups["sa"].astype(np.float64)
    code = groups["y"].astype(np.int64)
    y = np.where(code == UNKNOWN, np.nan, code.astype(np.float64))
    flagged = groups["f"].astype(np.int64) == 1
    log = MonitorLog(
        timestamp=np.asarray(info["lo"])[chunk].astype("datetime64[ns]"),
        reference=r == 1,
        y=y,
        score=np.full(len(y), np.nan),
        flagged=flagged,
        amount=amount,
        label_day=np.asarray(groups["d"]).astype("datetime64[D]"),
        features=pd.DataFrame(index=range(len(y))),
        weight=n,
    )
    chunks = Chunks(
        of_row=chunk,
        start=np.asarray(info["lo"]).astype("datetime64[D]"),
        end=np.asarray(info["hi"]).astype("datetime64[D]"),
        reference=(info["r"] == 1).to_numpy(),
        rows=info["n"].to_numpy().astype(np.int64),
    )
    unknown = np.full(len(chunks), np.nan)
    monitor = assemble_monitor(
        log,
        chunks,
        None,
        row_values(model_value(branch.entry), flagged, amount, n).realised(y),
        Estimate(unknown, unknown, unknown, unknown),
    )
    day = as_of or _last_day(chunks, log.label_day)
    _, realised = monitor.realised(labels_known_by(monitor, np.datetime64(day, "D")))
    return monitor, day, realised, ChunkKeys(keys, np.asarray(info["c"]).astype("datetime64[D]"))


def _last_day(chunks: Chunks, label_day: np.ndarray) -> dt.date:
    """The last day the log knows of: its last scoring day or its last label's arrival."""
    arrived = label_day[~np.isnat(label_day)]
    last = max(chunks.end.max(), arrived.max()) if arrived.size else chunks.end.max()
    return dt.date.fromisoformat(str(last)[:10])


def _waiting(monitor: Monitor, day: dt.date, realised: np.ndarray) -> np.ndarray:
    """Which chunks are analysis chunks complete by ``day`` whose labels had not arrived."""
    ch = monitor.chunks
    return ~ch.reference & (ch.end <= np.datetime64(day, "D")) & np.isnan(realised)


def _with_estimate(
    branch: Branch, monitor: Monitor, cells: dict[str, np.ndarray] | None, keys: ChunkKeys
) -> Monitor:
    """The monitor with its calibration and the estimate of the chunks waiting for labels."""
    if cells is None:
        return monitor
    reference = cells["r"].astype(np.int64) == 1
    n = cells["n"].astype(np.float64)
    score = cells["ss"].astype(np.float64) / n
    amount = cells["sa"].astype(np.float64)
    calibration = fit_calibration(
        cells["y"][reference].astype(np.float64),
        score[reference],
        amount=amount[reference] if branch.entry.amount_column else None,
        weight=n[reference],
        fold=cells["k"][reference].astype(np.int64),
    )
    waiting = ~reference
    chunk = chunk_index(np.zeros(waiting.sum(), np.int64), cells["c"][waiting], keys.keys)
    p = calibration.probabilities(score[waiting])
    by_money = calibration.amount_probabilities(score[waiting])
    values = row_values(
        model_value(branch.entry),
        cells["f"][waiting].astype(np.int64) == 1,
        amount[waiting],
        n[waiting],
    )
    estimated = np.bincount(
        chunk, weights=values.expected(p, by_money), minlength=len(monitor.chunks)
    )
    estimated[np.bincount(chunk, minlength=len(monitor.chunks)) == 0] = np.nan
    return dataclasses.replace(monitor, calibration=calibration, estimated=estimated)
