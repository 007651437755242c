"""Every model's figures from the fleet's two grouped passes (``metrics.fleet.passes``), ten
models at a time; the next batch's query runs while this one's calibrations are fitted.

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
from metrics.fleet.branch import Branch, check_view_of, error_line
from metrics.fleet.passes import (
    BATCH,
    UNKNOWN,
    by_model,
    cell_groups,
    label_groups,
    open_branches,
    suspect,
)
from metrics.fleet.reference_store import ReferenceStore, keep
from metrics.fleet.registry import ModelEntry
from metrics.monitor.big_log import chunk_index, chunk_pairs, chunk_table, pair_parts
from metrics.monitor.calibration import fit_cell_calibration
from metrics.monitor.chunks import Chunks
from metrics.monitor.model import Estimate, Monitor, MonitorLog, assemble_monitor
from metrics.monitor.replay import labels_known_by
from metrics.monitor.values import row_values


@dataclass(frozen=True, eq=False)
class ChunkKeys:
    """A model's chunks by their (period, first day of the period) key, and each chunk's
    first day of the period (``date_trunc`` of its rows' timestamps)."""

    keys: dict
    days: np.ndarray


@dataclass(frozen=True, eq=False)
class Started:
    """A model after the first pass: its monitor without the estimate, the day it is reported
    as of, its realised values as of that day, its chunks' keys and its reference rows' label
    groups."""

    branch: Branch
    monitor: Monitor
    day: dt.date
    realised: np.ndarray
    keys: ChunkKeys
    reference: dict[str, np.ndarray]


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
    engine,
    entries: tuple[ModelEntry, ...],
    as_of: dt.date | None,
    store: ReferenceStore | None = None,
) -> tuple[list[ModelFigures], dict[str, str]]:
    """Every model's monitor from the fleet's two grouped passes.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    entries : tuple of ModelEntry
    as_of : date or None
        Replay as of this day; each model's last day (scoring or label arrival) when None.
    store : ReferenceStore, optional
        Where the models' reference groups are kept between runs (not kept when None).

    Returns
    -------
    figures : list of ModelFigures
    errors : dict of str to str
        One line per model that could not be read, by id.
    """
    branches, errors = open_branches(engine, entries, store)
    batches = [branches[start : start + BATCH] for start in range(0, len(branches), BATCH)]
    figures: list[ModelFigures] = []
    # The engine's thread always has a query queued: the label pass two batches ahead, so
    # that it reads while this thread turns a batch's groups into figures.
    with ThreadPoolExecutor(max_workers=1) as engine_thread:
        labels: dict[int, Future] = {}

        def ask_labels(number: int) -> None:
            if number < len(batches) and number not in labels:
                labels[number] = engine_thread.submit(label_groups, engine, batches[number], as_of)

        ask_labels(0)
        ask_labels(1)
        for number, batch in enumerate(batches):
            try:
                started, failed = _started(engine, batch, by_model(labels[number].result()), as_of)
                cells = engine_thread.submit(cell_groups, engine, _waiting_days(started))
                ask_labels(number + 2)
                done, failed_later = _estimated(started, *map(by_model, cells.result()))
                failed |= failed_later
            except ValueError:  # a log the engine cannot read: each model alone, to name it
                ask_labels(number + 2)
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
                engine, [branch], by_model(label_groups(engine, [branch], as_of)), as_of
            )
            done, failed_later = _estimated(
                started, *map(by_model, cell_groups(engine, _waiting_days(started)))
            )
        except ValueError as error:
            errors[branch.entry.id] = error_line(branch.entry, error)
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
            if groups is None or suspect(groups):
                check_view_of(engine, branch)
            reference = {name: v[groups["r"] == 1] for name, v in groups.items()}
            started.append(Started(branch, *_labelled_monitor(branch, groups, as_of), reference))
        except ValueError as error:
            errors[branch.entry.id] = error_line(branch.entry, error)
    return started, errors


def _estimated(
    started: list[Started],
    reference: dict[int, dict[str, np.ndarray]],
    waiting: dict[int, dict[str, np.ndarray]],
) -> tuple[list[ModelFigures], dict[str, str]]:
    """Each model's figures with its calibration and the estimate of its waiting chunks."""
    figures, errors = [], {}
    for s in started:
        index = s.branch.index
        try:
            monitor = _with_estimate(
                s.branch, s.monitor, reference.get(index), waiting.get(index), s.keys
            )
        except ValueError as error:
            errors[s.branch.entry.id] = error_line(s.branch.entry, error)
            continue
        figures.append(ModelFigures(s.branch.entry, monitor, s.day, s.realised))
        keep(s.branch.kept, s.reference, monitor.calibration)
    return figures, errors


def _labelled_monitor(
    branch: Branch, groups: dict[str, np.ndarray], as_of: dt.date | None
) -> tuple[Monitor, dt.date, np.ndarray, ChunkKeys]:
    """A model's monitor from its label groups (realised values and the normal range), the
    day it is reported as of, its realised values as of that day and its chunks' keys."""
    r = groups["r"].astype(np.int64)
    info, keys = chunk_table(_chunk_info(r, groups))
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


def _chunk_info(r: np.ndarray, groups: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per chunk of a model's label groups: its period ``r``, its period's first day
    ``c``, its first and last day with rows and its rows."""
    pairs, of = np.unique(chunk_pairs(r, groups["c"]), return_inverse=True)
    period, start = pair_parts(pairs)
    first = np.full(pairs.size, np.iinfo(np.int64).max)
    last = np.full(pairs.size, np.iinfo(np.int64).min)
    np.minimum.at(first, of, np.asarray(groups["lo"]).astype("datetime64[D]").astype(np.int64))
    np.maximum.at(last, of, np.asarray(groups["hi"]).astype("datetime64[D]").astype(np.int64))
    return pd.DataFrame(
        {
            "r": period,
            "c": start,
            "lo": first.astype("datetime64[D]"),
            "hi": last.astype("datetime64[D]"),
            "n": np.bincount(of, groups["n"].astype(np.float64), pairs.size).astype(np.int64),
        }
    )


def _last_day(chunks: Chunks, label_day: np.ndarray) -> dt.date:
    """The last day the log knows of: its last scoring day or its last label's arrival."""
    arrived = label_day[~np.isnat(label_day)]
    last = max(chunks.end.max(), arrived.max()) if arrived.size else chunks.end.max()
    return dt.date.fromisoformat(str(last)[:10])


def _waiting_days(started: list[Started]) -> list[tuple[Branch, np.ndarray]]:
    """Each model and the first days of the periods of its chunks waiting for labels."""
    return [(s.branch, s.keys.days[_waiting(s.monitor, s.day, s.realised)]) for s in started]


def _waiting(monitor: Monitor, day: dt.date, realised: np.ndarray) -> np.ndarray:
    """Which chunks are analysis chunks complete by ``day`` whose labels had not arrived."""
    ch = monitor.chunks
    return ~ch.reference & (ch.end <= np.datetime64(day, "D")) & np.isnan(realised)


def _with_estimate(
    branch: Branch,
    monitor: Monitor,
    reference: dict[str, np.ndarray] | None,
    waiting: dict[str, np.ndarray] | None,
    keys: ChunkKeys,
) -> Monitor:
    """The monitor with its calibration (kept or fitted on the reference's score cells) and
    the estimate of the chunks waiting for labels."""
    kept = branch.kept.calibration if branch.kept is not None else None
    if waiting is None or (reference is None and kept is None):
        return monitor
    calibration = kept or fit_cell_calibration(
        reference["b"].astype(np.int64),
        reference["k"].astype(np.int64),
        reference["y"].astype(np.float64),
        reference["n"].astype(np.float64),
        reference["ss"].astype(np.float64),
        reference["sa"].astype(np.float64) if branch.entry.amount_column else None,
    )
    n = waiting["n"].astype(np.float64)
    score = waiting["ss"].astype(np.float64) / n
    chunk = chunk_index(np.zeros(n.size, np.int64), waiting["c"], keys.keys)
    values = row_values(
        model_value(branch.entry),
        waiting["f"].astype(np.int64) == 1,
        waiting["sa"].astype(np.float64),
        n,
    )
    expected = values.expected(
        calibration.probabilities(score), calibration.amount_probabilities(score)
    )
    estimated = np.bincount(chunk, weights=expected, minlength=len(monitor.chunks))
    estimated[np.bincount(chunk, minlength=len(monitor.chunks)) == 0] = np.nan
    return dataclasses.replace(monitor, calibration=calibration, estimated=estimated)
