"""Monitoring a log too big for memory: the engine (DuckDB, or Spark) groups it, and the same
monitor is assembled from the groups.

Three small grouped queries carry everything: per chunk, decision and 1e-4 score cell the rows,
score sum and amount moments (the estimate and its interval); per chunk, decision, 1/20 log-odds
cell, label and label day the rows and amount sum (realised value as of any date, realised
ROC AUC on that grid, when the labels arrived); and, for the reference, the same per fold,
cell and label (the calibration, cross-fitted by fold). Drift is one histogram query per input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.core.backends import backend
from metrics.core.curves import threshold_curve
from metrics.core.rates import roc_auc
from metrics.core.value import ValueModel
from metrics.monitor.calibration import fit_cell_calibration
from metrics.monitor.chunks import MIN_CHUNK_ROWS, PERIODS, Chunks
from metrics.monitor.log_view import open_view
from metrics.monitor.model import Estimate, Monitor, MonitorLog, assemble_monitor
from metrics.monitor.uncertainty import ReferenceCells, calibration_sd, reference_cells
from metrics.monitor.values import row_values

CELLS = 10_000
"""Score cells of the estimate (1e-4): a calibrated probability is read at each cell's mean."""
LABEL_CELLS = 100
"""Score cells of the label groups, per unit of log-odds: fine where scores crowd near 0 or 1,
so the realised ROC AUC on them stays within about 0.005 of the exact one."""


@dataclass(frozen=True)
class LogColumns:
    """Which column of the big log plays which part.

    Attributes
    ----------
    label, score, timestamp, period : str
        0/1 label (empty where not known yet), probability, when scored, and the column
        that says ``reference`` or ``analysis``.
    amount, label_date : str or None
        Per-row amount, and when each label arrived.
    reference_dates : (str, str) or None
        The reference period as first and last day; rows outside it are analysis (then
        ``period`` is not read).
    model : (str, str) or None
        A column and its value: only that model's rows of a log that holds several.
    """

    label: str
    score: str
    timestamp: str
    period: str | None
    amount: str | None = None
    label_date: str | None = None
    reference_dates: tuple[str, str] | None = None
    model: tuple[str, str] | None = None


def monitor_big_log(
    path: str,
    columns: LogColumns,
    model: ValueModel,
    *,
    threshold: float,
    period: str = "week",
    engine_name: str = "duckdb",
    drift: bool = True,
) -> tuple[Monitor, pd.DataFrame | None]:
    """The monitor and its drift table for a Parquet log, computed where the log lies.

    Parameters
    ----------
    path : str
        A Parquet file, a glob or a folder of Parquet files.
    columns : LogColumns
    model : ValueModel
        What each outcome is worth.
    threshold : float
        The model flags a row when its score is at least this.
    period : {'day', 'week', 'month'}
        Chunks (weeks start on Monday).
    engine_name : {'duckdb', 'spark'}
    drift : bool
        Whether to compute the inputs' drift (the fleet does not need it).

    Returns
    -------
    monitor : Monitor
    drift : DataFrame or None
        As ``drift_table``; None without ``drift``.
    """
    if period not in PERIODS:
        raise ValueError(f"chunk period is {period!r}; use day, week or month")
    engine = backend(engine_name)
    view, features = open_view(engine, path, columns, threshold, period)
    info, keys = _chunks(engine, view)
    estimate_groups = _groups(
        engine,
        f"SELECT r, c, f, CAST(floor(s * {CELLS}) AS BIGINT) AS b, count(*) AS n, "
        f"sum(s) AS ss, sum(a) AS sa, sum(a * a) AS sa2 FROM {view} GROUP BY 1, 2, 3, 4",
        keys,
    )
    label_groups = _groups(
        engine,
        f"SELECT r, c, f, CAST(floor({LABEL_CELLS} * ln((s + 1e-9) / (1 - s + 1e-9))) AS BIGINT) "
        "AS b, y, d, count(*) AS n, "
        f"sum(s) AS ss, sum(a) AS sa FROM {view} GROUP BY 1, 2, 3, 4, 5, 6",
        keys,
    )
    fit = engine.arrays(
        f"SELECT k, CAST(floor(s * {CELLS}) AS BIGINT) AS b, y, count(*) AS n, sum(s) AS ss, "
        f"sum(a) AS sa FROM {view} WHERE r = 1 GROUP BY 1, 2, 3"
    )
    n_fit = np.asarray(fit["n"], dtype=np.float64)
    calibration = fit_cell_calibration(
        np.asarray(fit["b"]).astype(np.int64),
        np.asarray(fit["k"]).astype(np.int64),
        np.asarray(fit["y"], dtype=np.float64),
        n_fit,
        np.asarray(fit["ss"], dtype=np.float64),
        np.asarray(fit["sa"], dtype=np.float64) if columns.amount else None,
    )
    log = _label_log(label_groups, info)
    chunks = Chunks(
        of_row=label_groups["chunk"],
        start=np.asarray(info["lo"]).astype("datetime64[D]"),
        end=np.asarray(info["hi"]).astype("datetime64[D]"),
        reference=(info["r"] == 1).to_numpy(),
        rows=info["n"].to_numpy().astype(np.int64),
    )
    values = row_values(model, log.flagged, log.amount, log.weight)
    reference = reference_cells(
        np.asarray(fit["y"], dtype=np.int64),
        np.asarray(fit["ss"], dtype=np.float64) / n_fit,
        weight=n_fit,
        amount=np.asarray(fit["sa"], dtype=np.float64) if columns.amount else None,
    )
    estimate = _estimate(estimate_groups, model, calibration, reference, len(chunks))
    monitor = assemble_monitor(log, chunks, calibration, values.realised(log.y), estimate)
    if not drift:
        return monitor, None
    from metrics.monitor.big_log_drift import big_log_drift  # scipy: only for the drift

    return monitor, big_log_drift(engine, view, features, info, _grouper(engine, keys))


def _chunks(engine, view: str) -> tuple[pd.DataFrame, dict]:
    """Each chunk's period, first and last day and rows; reference chunks first."""
    info = pd.DataFrame(
        engine.arrays(
            f"SELECT r, c, min(day) AS lo, max(day) AS hi, count(*) AS n FROM {view} GROUP BY 1, 2"
        )
    )
    return chunk_table(info)


def chunk_table(info: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The chunks in order (reference first, then by start) and each one's position by its
    (period, chunk) key; a chunk with too few rows is an error naming its dates.

    Parameters
    ----------
    info : DataFrame
        One row per chunk: ``r`` (1 for the reference), ``c`` (its period's first day),
        ``lo`` and ``hi`` (first and last day with rows) and ``n`` (rows).

    Returns
    -------
    info : DataFrame
    keys : dict
    """
    info = info.sort_values(["r", "c"], ascending=[False, True]).reset_index(drop=True)
    small = info[info["n"] < MIN_CHUNK_ROWS]
    if len(small):
        lo, hi, n = (small.iloc[0][k] for k in ("lo", "hi", "n"))
        raise ValueError(
            f"the chunk from {str(lo)[:10]} to {str(hi)[:10]} has {n} rows; each needs at least "
            f"{MIN_CHUNK_ROWS}: choose a longer period"
        )
    keys = {_key(r, c): i for i, (r, c) in enumerate(zip(info["r"], info["c"], strict=True))}
    return info, keys


def _key(r, c) -> str:
    return f"{int(r)}|{np.datetime64(c, 'D')!s}"


def unmasked(values) -> np.ndarray:
    """DuckDB hands columns with NULLs back as masked arrays: NULL becomes NaN (numbers) or
    NaT (dates), never the masked slot's filler.

    Parameters
    ----------
    values : ndarray or MaskedArray
        A column of a query's result.

    Returns
    -------
    ndarray
    """
    if not isinstance(values, np.ma.MaskedArray):
        return np.asarray(values)
    if values.dtype.kind in "Mm":
        return np.ma.filled(values, np.datetime64("NaT"))
    if values.dtype.kind in "iufb":
        return np.ma.filled(values.astype(np.float64), np.nan)
    return np.ma.filled(values.astype(object), None)


def chunk_index(r: np.ndarray, c: np.ndarray, keys: dict) -> np.ndarray:
    """Each group's chunk, by its (period, chunk start) pair: one lookup per distinct pair.

    Parameters
    ----------
    r : ndarray
        1 for a reference group, else 0.
    c : ndarray of dates
        The first day of each group's period.
    keys : dict
        ``chunk_table``'s chunk positions.

    Returns
    -------
    ndarray of int
    """
    distinct, back = np.unique(chunk_pairs(r, c), return_inverse=True)
    periods, starts = pair_parts(distinct)
    index = [keys[_key(period, start)] for period, start in zip(periods, starts, strict=True)]
    return np.asarray(index, dtype=np.int64)[back.ravel()]


_PAIR = 1 << 40
"""A (period, chunk start) pair as one integer: period times this, plus the start's day."""


def chunk_pairs(r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Each group's (period, chunk start) pair as one integer, in the order of the pairs.

    Parameters
    ----------
    r : ndarray
        1 for a reference group, else 0.
    c : ndarray of dates
        The first day of each group's period (1970 or later).

    Returns
    -------
    ndarray of int64
    """
    day = np.asarray(c).astype("datetime64[D]").astype(np.int64)
    return np.asarray(r).astype(np.int64) * _PAIR + day


def pair_parts(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The period and chunk start of ``chunk_pairs``' integers.

    Parameters
    ----------
    pairs : ndarray of int64

    Returns
    -------
    period : ndarray of int64
        1 for the reference, else 0.
    start : ndarray of datetime64[D]
    """
    return pairs // _PAIR, (pairs % _PAIR).astype("datetime64[D]")


def _grouper(engine, keys: dict):
    return lambda sql: _groups(engine, sql, keys)


def _groups(engine, sql: str, keys: dict) -> dict[str, np.ndarray]:
    groups = {k: unmasked(v) for k, v in engine.arrays(sql).items()}
    groups["chunk"] = chunk_index(groups["r"], groups["c"], keys)
    for name in ("n", "ss", "sa", "sa2"):
        if name in groups:
            groups[name] = np.asarray(groups[name], dtype=np.float64)
    return groups


def _label_log(groups: dict[str, np.ndarray], info: pd.DataFrame) -> MonitorLog:
    """The label groups as the monitor's rows, each standing for its rows."""
    y = np.asarray(groups["y"], dtype=np.float64)
    return MonitorLog(
        timestamp=np.asarray(info["lo"])[groups["chunk"]].astype("datetime64[ns]"),
        reference=np.asarray(groups["r"]).astype(int) == 1,
        y=y,
        score=groups["ss"] / groups["n"],
        flagged=np.asarray(groups["f"]).astype(int) == 1,
        amount=groups["sa"],
        label_day=np.asarray(groups["d"]).astype("datetime64[D]"),
        features=pd.DataFrame(index=range(len(y))),
        weight=groups["n"],
    )


def _estimate(
    groups, model: ValueModel, calibration, reference: ReferenceCells, n_chunks: int
) -> Estimate:
    """Expected value, its deviations (labels, calibration) and expected ROC AUC per chunk
    from the score cells."""
    n, sa, sa2 = groups["n"], groups["sa"], groups["sa2"]
    score = groups["ss"] / n
    flagged = np.asarray(groups["f"]).astype(int) == 1
    p = calibration.probabilities(score)
    by_money = calibration.amount_probabilities(score)
    values = row_values(model, flagged, sa, n)
    chunk = groups["chunk"]

    def per_chunk(x: np.ndarray) -> np.ndarray:
        return np.bincount(chunk, weights=x, minlength=n_chunks)

    d_fixed = np.where(flagged, model.tp.fixed - model.fp.fixed, model.fn.fixed - model.tn.fixed)
    d_rate = np.where(flagged, model.tp.rate - model.fp.rate, model.fn.rate - model.tn.rate)
    spread = n * d_fixed**2 + 2 * d_fixed * d_rate * sa + d_rate**2 * sa2
    auc = np.empty(n_chunks)
    for c in range(n_chunks):
        mine = chunk == c
        both = np.concatenate([score[mine], score[mine]])
        labels = np.repeat(np.array([1, 0], dtype=np.int64), mine.sum())
        weight = np.concatenate([n[mine] * p[mine], n[mine] * (1 - p[mine])])
        auc[c] = roc_auc(threshold_curve(labels, both, sample_weight=weight))
    return Estimate(
        per_chunk(values.expected(p, by_money)),
        np.sqrt(per_chunk(p * (1 - p) * spread)),
        calibration_sd(
            reference,
            calibration,
            np.asarray(chunk),
            np.asarray(score, dtype=np.float64),
            np.asarray(d_fixed * n, dtype=np.float64),
            np.asarray(d_rate * sa, dtype=np.float64),
            n_chunks,
        ),
        auc,
    )
