"""Replaying a log "as of" a date: what the team could have known then (only labels that had
arrived), when each monitoring style first alerted, and the money lost until it did."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.monitor.model import Z_95, Monitor, realised_auc
from metrics.monitor.rates import METRICS, estimated_rates, normal_ranges, realised_rates

OUTSIDE_ESTIMATE = 3.0
"""A realised value this many standard deviations of its estimate away raises
``realized_outside_estimate`` (about 3 chunks in 1,000 of a model that has not changed)."""


@dataclass(frozen=True)
class Failure:
    """A silent failure: a run of analysis chunks whose value (in hindsight, with every label
    in the data) is below the band, and when each monitoring style raised an alert.

    Attributes
    ----------
    start, end : date
        First day of the run's first chunk, last day of its last chunk.
    estimated_alert : date or None
        End of the run's first chunk whose estimated value left the band (None: the
        estimate never saw it, as with a new kind of positive that scores like a negative).
    realised_alert : date or None
        The day enough labels had arrived to show one of the run's chunks below the band;
        None when that day is after the as-of date.
    labels_due : date or None
        When the labels of the run's first chunk arrive (from the label dates; None when the
        data has none or they never arrive).
    loss, loss_until_estimated, loss_until_realised : float or None
        Value lost against the reference mean over the run's chunks, all of them and those
        that began before each alert (None without that alert).
    """

    start: object
    end: object
    estimated_alert: object | None
    realised_alert: object | None
    labels_due: object | None
    loss: float
    loss_until_estimated: float | None
    loss_until_realised: float | None


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The chunks complete by the as-of date, as the team saw them then."""

    as_of: object
    table: pd.DataFrame
    failures: list[Failure]


def as_of(monitor: Monitor, day: object) -> Snapshot:
    """The chunks whose last day is on or before ``day``, with only the labels that had arrived.

    Parameters
    ----------
    monitor : Monitor
    day : date-like
        The as-of date.

    Returns
    -------
    Snapshot
    """
    day = np.datetime64(pd.Timestamp(day).date(), "D")
    known = labels_known_by(monitor, day)
    labelled, realised = monitor.realised(known)
    low, high = monitor.band
    ch = monitor.chunks
    half = Z_95 * monitor.estimated_sd
    auc = realised_auc(monitor, known)
    estimated, measured = estimated_rates(monitor), realised_rates(monitor, known, auc)
    rates = {f"estimated_{name}": estimated[name] for name in METRICS}
    rates |= {f"realized_{name}": measured[name] for name in METRICS}
    table = pd.DataFrame(
        {
            "period": np.where(ch.reference, "reference", "analysis"),
            "start": ch.start,
            "end": ch.end,
            "rows": ch.rows,
            "labelled_rows": labelled.astype(np.int64),
            "realized_value": realised,
            "estimated_value": monitor.estimated,
            "estimated_lower": monitor.estimated - half,
            "estimated_upper": monitor.estimated + half,
            "realized_alert": np.where(
                np.isnan(realised), None, (realised < low) | (realised > high)
            ),
            "estimated_alert": (monitor.estimated < low) | (monitor.estimated > high),
            "roc_auc": auc,
            **rates,
        }
    )
    table["alerts"] = chunk_alerts(table, monitor)
    complete = ch.end <= day
    return Snapshot(day, table[complete].reset_index(drop=True), _failures(monitor, day))


def chunk_alerts(table: pd.DataFrame, monitor: Monitor) -> list[list[str]]:
    """Per chunk, what left its normal range: the value (estimated, realised), the realised
    value against its own estimate, and each ML metric (estimated, realised).

    ``realized_outside_estimate``: in an analysis chunk, the labels' value is more than
    ``OUTSIDE_ESTIMATE`` standard deviations of the estimate (labels' noise and calibration
    error) from it, which an unchanged model does about 3 times in 1,000 chunks: the scores
    no longer mean what they meant in the reference; recalibrate or retrain.

    Parameters
    ----------
    table : DataFrame
        ``as_of``'s columns, every chunk.
    monitor : Monitor

    Returns
    -------
    list of list of str
    """
    low, high = monitor.band
    out = {
        "estimated_value": _outside(table["estimated_value"], low, high),
        "realized_value": _outside(table["realized_value"], low, high),
        "realized_outside_estimate": ~monitor.chunks.reference
        & (
            np.abs(table["realized_value"] - table["estimated_value"])
            > OUTSIDE_ESTIMATE * monitor.estimated_sd
        ).to_numpy(),
    }
    for name, (lower, upper) in normal_ranges(monitor).items():
        for kind in ("estimated", "realized"):
            out[f"{kind}_{name}"] = _outside(table[f"{kind}_{name}"], lower, upper)
    return [[name for name, hit in out.items() if hit[c]] for c in range(len(table))]


def _outside(values: pd.Series, low: float, high: float) -> np.ndarray:
    """Where a defined value is outside a defined range (never where either is NaN)."""
    values = values.to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return (values < low) | (values > high)


def labels_known_by(monitor: Monitor, day: np.datetime64) -> np.ndarray:
    """Rows whose label had arrived by ``day`` (the reference's labels are always known).

    Parameters
    ----------
    monitor : Monitor
    day : datetime64[D]

    Returns
    -------
    ndarray of bool
    """
    log = monitor.log
    arrived = ~np.isnat(log.label_day) & (log.label_day <= day)
    return ~np.isnan(log.y) & (log.reference | arrived)


def _failures(monitor: Monitor, day: np.datetime64) -> list[Failure]:
    """Runs of consecutive complete analysis chunks below the band, in hindsight."""
    ch, (low, high) = monitor.chunks, monitor.band
    hindsight = monitor.hindsight
    below = ~ch.reference & (ch.end <= day) & (hindsight < low)
    estimate_out = (monitor.estimated < low) | (monitor.estimated > high)
    due = monitor.labels_due
    shortfall = np.maximum(0.0, monitor.reference_mean - hindsight)
    failures = []
    for run in np.split(
        np.flatnonzero(below), np.flatnonzero(np.diff(np.flatnonzero(below)) > 1) + 1
    ):
        if run.size == 0:
            continue
        seen = [c for c in run if estimate_out[c]]
        estimated_alert = ch.end[seen[0]] if seen else None
        shown = sorted(due[c] for c in run if not np.isnat(due[c]) and due[c] <= day)
        realised_alert = shown[0] if shown else None

        def loss_until(alert, run=run) -> float | None:
            return None if alert is None else float(shortfall[run][ch.start[run] < alert].sum())

        failures.append(
            Failure(
                start=_date(ch.start[run[0]]),
                end=_date(ch.end[run[-1]]),
                estimated_alert=_date(estimated_alert),
                realised_alert=_date(realised_alert),
                labels_due=_date(due[run[0]]),
                loss=float(shortfall[run].sum()),
                loss_until_estimated=loss_until(estimated_alert),
                loss_until_realised=loss_until(realised_alert),
            )
        )
    return failures


def _date(value) -> object | None:
    return None if value is None or np.isnat(value) else pd.Timestamp(value).date()
