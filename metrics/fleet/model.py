"""Each model of the fleet through the monitoring use case's grouped queries: its latest
chunk's value (realised where labels have arrived, estimated before), its normal range, whether
it alerts, since when and at what cost, and whether it is due for retraining."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from metrics.fleet.grouped import ModelFigures
from metrics.fleet.reference_store import ReferenceStore
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

    Both are None as of a day before ``trained_at`` (a replay): the model then in use is an
    earlier one, whose training day the registry does not hold.
    """
    if entry.trained_at is None:
        return None, None
    days = (as_of - dt.date.fromisoformat(entry.trained_at)).days
    if days < 0:
        return None, None
    if entry.retrain_every_days is None:
        return days, None
    return days, days > entry.retrain_every_days


def model_status(figures: ModelFigures) -> ModelStatus:
    """One model's line of the fleet from its monitor as of its day.

    Parameters
    ----------
    figures : ModelFigures

    Returns
    -------
    ModelStatus
    """
    entry, monitor, day = figures.entry, figures.monitor, figures.day
    chunks = monitor.chunks
    shown = ~chunks.reference & (chunks.end <= np.datetime64(day, "D"))
    low, high = monitor.band
    days, due = training_status(entry, day)
    if not shown.any():
        return ModelStatus(
            entry.id,
            entry.owner,
            normal_low=low,
            normal_high=high,
            days_since_training=days,
            retrain_due=due,
        )
    values, known = chunk_values(figures.realised[shown], monitor.estimated[shown])
    first, end = alert_run(values, known, low)
    starts = chunks.start[shown].astype(str)
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
    )


def fleet_status(
    registry: Registry,
    *,
    as_of: dt.date | None = None,
    engine: str = "duckdb",
    store: ReferenceStore | None = None,
) -> tuple[list[ModelStatus], dt.date | None]:
    """Every model's status; a model that cannot be read carries its error, the rest report.

    Parameters
    ----------
    registry : Registry
    as_of : date, optional
        Replay as of this day (only the labels that had arrived); each log's last day when
        None.
    engine : {'duckdb', 'spark'}
    store : ReferenceStore, optional
        Where the models' reference groups are kept between runs; each run reads every row
        when None. The figures are the same either way.

    Returns
    -------
    statuses : list of ModelStatus
        Sorted by money lost since the alert, then by id.
    day : date or None
        The latest day reported.
    """
    from metrics.core.backends import backend
    from metrics.fleet.grouped import fleet_figures

    figures, errors = fleet_figures(backend(engine), registry.models, as_of, store)
    owners = {entry.id: entry.owner for entry in registry.models}
    statuses = [ModelStatus(name, "", error=error) for name, error in registry.errors.items()]
    statuses += [ModelStatus(name, owners[name], error=error) for name, error in errors.items()]
    statuses += [model_status(f) for f in figures]
    days = [f.day for f in figures]
    statuses.sort(key=lambda s: (-s.lost_since_alert, s.error is None, s.id))
    return statuses, (max(days) if days else as_of)
