"""Each model of the fleet through the monitoring use case's grouped queries: its latest
chunk's value (realised where labels have arrived, estimated before), its normal range, whether
it alerts, since when and at what cost, and whether it is due for retraining."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from metrics.fleet.registry import ModelEntry, Registry


@dataclass(frozen=True)
class ModelStatus:
    """One model's line of the fleet, or the error that kept it from being read.

    Attributes
    ----------
    id, owner : str
    chunk_start : str or None
        First day of the latest complete chunk.
    value_latest : float or None
        That chunk's value, currency units (realised, or estimated before its labels).
    value_latest_source : {'realised', 'estimated'} or None
    normal_low, normal_high : float or None
        The reference chunks' mean ± 3 standard deviations.
    alert : bool
        The latest chunk's value (realised or estimated) is below the normal range, or the
        latest chunk whose labels have arrived is.
    alert_since : str or None
        First day of the run of chunks below the range that ends there.
    lost_since_alert : float
        Sum over that run of the usual value (the reference mean) minus each chunk's value.
    values : tuple of float
        Each analysis chunk's value (realised, else estimated), for the sparkline.
    days_since_training : int or None
    retrain_due : bool or None
    error : str or None
    """

    id: str
    owner: str
    chunk_start: str | None = None
    value_latest: float | None = None
    value_latest_source: str | None = None
    normal_low: float | None = None
    normal_high: float | None = None
    alert: bool = False
    alert_since: str | None = None
    lost_since_alert: float = 0.0
    values: tuple[float, ...] = ()
    days_since_training: int | None = None
    retrain_due: bool | None = None
    error: str | None = None


def chunk_values(realised: np.ndarray, estimated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each chunk's value, realised where known and estimated otherwise, and which it is.

    Parameters
    ----------
    realised, estimated : ndarray of shape (chunks,)
        NaN in ``realised`` where too few labels have arrived.

    Returns
    -------
    values : ndarray
    is_realised : ndarray of bool
    """
    known = ~np.isnan(realised)
    return np.where(known, realised, estimated), known


def alert_run(values: np.ndarray, known: np.ndarray, low: float) -> tuple[int, int]:
    """The run of chunks below ``low`` that ends at the latest chunk, or else at the latest
    chunk with its labels (a loss only the labels reveal): its first and one-past-last index.

    Parameters
    ----------
    values : ndarray of shape (chunks,)
        Realised where known, else estimated.
    known : ndarray of bool
        Which values are realised.
    low : float
        The normal range's lower end.

    Returns
    -------
    (int, int)
        ``(start, end)``; ``start == end`` when nothing alerts.
    """
    below = values < low
    ends = [below.size - 1] + [int(i) for i in np.flatnonzero(known)[-1:]]
    for last in ends:
        if last >= 0 and below[last]:
            above = np.flatnonzero(~below[: last + 1])
            return (int(above[-1]) + 1 if above.size else 0), last + 1
    return below.size, below.size


def training_status(entry: ModelEntry, as_of: dt.date) -> tuple[int | None, bool | None]:
    """Days since the model was trained, and whether retraining is due.

    Parameters
    ----------
    entry : ModelEntry
    as_of : date

    Returns
    -------
    days : int or None
    due : bool or None
        True when ``days`` exceeds ``retrain_every_days``; None without both keys.
    """
    if entry.trained_at is None:
        return None, None
    days = (as_of - dt.date.fromisoformat(entry.trained_at)).days
    if entry.retrain_every_days is None:
        return days, None
    return days, days > entry.retrain_every_days


def model_status(
    entry: ModelEntry, *, as_of: dt.date | None, engine: str
) -> tuple[ModelStatus, dt.date]:
    """One model's status as of a day (its log's last day when None).

    Parameters
    ----------
    entry : ModelEntry
    as_of : date or None
    engine : {'duckdb', 'spark'}

    Returns
    -------
    status : ModelStatus
    day : date
        The day it is reported as of.
    """
    from metrics.decide.model import value_matrix
    from metrics.monitor.big_log import LogColumns, monitor_big_log
    from metrics.monitor.replay import as_of as snapshot_at

    columns = LogColumns(
        label=entry.label_column,
        score=entry.score_column,
        timestamp=entry.timestamp_column,
        period=None,
        amount=entry.amount_column,
        label_date=entry.label_time_column,
        reference_dates=entry.reference,
        model=(entry.model_column, entry.model_value) if entry.model_column else None,
    )
    monitor, _ = monitor_big_log(
        entry.log,
        columns,
        value_matrix(entry.value_matrix, entry.amount_rates),
        threshold=entry.threshold,
        period=entry.chunk,
        engine_name=engine,
        drift=False,
    )
    day = as_of or _last_day(monitor)
    table = snapshot_at(monitor, day).table
    analysis = table[table["period"] == "analysis"]
    low, high = monitor.band
    days, due = training_status(entry, day)
    if analysis.empty:
        return ModelStatus(
            entry.id,
            entry.owner,
            normal_low=low,
            normal_high=high,
            days_since_training=days,
            retrain_due=due,
        ), day
    values, known = chunk_values(
        analysis["realized_value"].to_numpy(dtype=float),
        analysis["estimated_value"].to_numpy(dtype=float),
    )
    first, end = alert_run(values, known, low)
    starts = analysis["start"].astype(str).str[:10].to_numpy()
    return ModelStatus(
        id=entry.id,
        owner=entry.owner,
        chunk_start=str(starts[-1]),
        value_latest=float(values[-1]),
        value_latest_source="realised" if known[-1] else "estimated",
        normal_low=float(low),
        normal_high=float(high),
        alert=end > first,
        alert_since=str(starts[first]) if end > first else None,
        lost_since_alert=float(np.sum(monitor.reference_mean - values[first:end])),
        values=tuple(float(v) for v in values),
        days_since_training=days,
        retrain_due=due,
    ), day


def _last_day(monitor) -> dt.date:
    """The last day the log knows of: its last scoring day or its last label's arrival."""
    arrived = np.asarray(monitor.log.label_day, dtype="datetime64[D]")
    arrived = arrived[~np.isnat(arrived)]
    last = (
        max(monitor.chunks.end.max(), arrived.max()) if arrived.size else monitor.chunks.end.max()
    )
    return dt.date.fromisoformat(str(last)[:10])


def fleet_status(
    registry: Registry, *, as_of: dt.date | None = None, engine: str = "duckdb"
) -> tuple[list[ModelStatus], dt.date | None]:
    """Every model's status; a model that cannot be read carries its error, the rest report.

    Parameters
    ----------
    registry : Registry
    as_of : date, optional
        Replay as of this day (only the labels that had arrived); each log's last day when
        None.
    engine : {'duckdb', 'spark'}

    Returns
    -------
    statuses : list of ModelStatus
        Sorted by money lost since the alert, then by id.
    day : date or None
        The latest day reported.
    """
    statuses = [ModelStatus(name, "", error=error) for name, error in registry.errors.items()]
    days = []
    for entry in registry.models:
        try:
            status, day = model_status(entry, as_of=as_of, engine=engine)
            days.append(day)
        except ValueError as error:
            status = ModelStatus(entry.id, entry.owner, error=f"model '{entry.id}': {error}")
        statuses.append(status)
    statuses.sort(key=lambda s: (-s.lost_since_alert, s.error is None, s.id))
    return statuses, (max(days) if days else as_of)
