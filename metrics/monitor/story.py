"""What the monitoring page says in words and tiles, as of a date."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from metrics.core.format import Tile, count, money, signed_money
from metrics.monitor.features import feature_words
from metrics.monitor.model import Monitor
from metrics.monitor.replay import Failure, Snapshot


def day_text(day: dt.date) -> str:
    """``Aug 2, 2026``.

    Parameters
    ----------
    day : date

    Returns
    -------
    str
    """
    return f"{day:%b} {day.day}, {day.year}"


def failure_sentence(failure: Failure, as_of: dt.date) -> str:
    """One failure in words: when it began, what it cost, who noticed when.

    Parameters
    ----------
    failure : Failure
    as_of : date
        The date the page replays.

    Returns
    -------
    str
    """
    span = f"From {day_text(failure.start)} to {day_text(failure.end)}"
    lost = (
        f"the fraud decisions cost {money(failure.loss)} more than usual (against the average "
        "reference week)"
    )
    if failure.estimated_alert is not None:
        head = f"The estimate alerted on {day_text(failure.estimated_alert)}"
        if failure.labels_due is not None:
            lead = (failure.labels_due - failure.estimated_alert).days
            head += (
                f", {count(lead, 'day')} before the labels could ({day_text(failure.labels_due)})"
            )
        cost = f"{money(failure.loss_until_estimated or 0.0)} had been lost by then"
        return f"{head}: {cost}. {span} {lost}."
    if failure.realised_alert is not None:
        return (
            f"{span} {lost}. The estimate did not see it: a new kind of fraud that looks like "
            f"ordinary spending gets low scores, so only the chargebacks reveal it; they "
            f"raised the alert on {day_text(failure.realised_alert)}, by when "
            f"{money(failure.loss_until_realised or 0.0)} had been lost."
        )
    due = (
        f"; its labels arrive on {day_text(failure.labels_due)}"
        if failure.labels_due is not None and failure.labels_due > as_of
        else ""
    )
    return f"{span} {lost}. No alert yet as of {day_text(as_of)}{due}."


def estimate_note(needed: bool, threshold: str, *, set_in: str = "the sidebar") -> str:
    """How the estimate was made, in one line.

    Parameters
    ----------
    needed : bool
        Whether the scores had to be calibrated.
    threshold : str
        The decision threshold as shown.
    set_in : str
        Where the threshold was set: the sidebar, or a fleet's registry for a fleet model.

    Returns
    -------
    str
    """
    how = (
        "calibration was needed: the raw scores were off"
        if needed
        else "the raw scores were already calibrated"
    )
    return (
        f"Estimated from the scores, calibrated on the reference period ({how}); the amounts "
        f"at stake are calibrated among the money. Decisions at the production threshold of "
        f"{threshold}, set in {set_in} (the threshold the deployed model flags at; the "
        "fraud page's threshold is a what-if on other data). "
        "The estimate's 95% interval covers the chance in which rows turn out positive and "
        "the calibration's own error, while a score means what it meant in the reference "
        "period; a change in that shows only when the labels arrive."
    )


def outside_estimate_sentences(table, unit: str) -> list[str]:
    """What the labels say about the scores, when they disagree with the estimate, in one
    sentence (none when they agree).

    Parameters
    ----------
    table : DataFrame
        ``Snapshot.table``.
    unit : str
        What a chunk is ("week").

    Returns
    -------
    list of str
    """
    outside = table[table["alerts"].map(lambda names: "realized_outside_estimate" in names)]
    if outside.empty:
        return []
    starts = [day_text(pd.Timestamp(s).date()) for s in outside["start"]]
    which = (
        f"the {unit} of {starts[0]}"
        if len(starts) == 1
        else (f"{len(starts)} {unit}s, from the {unit} of {starts[0]} to that of {starts[-1]}")
    )
    return [
        f"When the labels arrived for {which}, their value fell outside what the scores had "
        "predicted (by more than 3 standard deviations of the estimate): the scores no longer "
        "mean what they meant in the reference period. The estimate cannot be trusted until "
        "the model is recalibrated on recent labels or retrained."
    ]


def drift_sentence(drift) -> str | None:
    """Which inputs moved or froze, and from when, in one sentence (None when none did).

    Parameters
    ----------
    drift : DataFrame
        ``drift_table`` rows of the chunks shown.

    Returns
    -------
    str or None
    """
    parts = []
    for feature, rows in drift[drift["alert"]].groupby("feature", sort=False):
        frozen = rows[rows["constant"]]
        if len(frozen):
            first = day_text(_date(frozen["start"].min()))
            parts.append(
                f"{feature_words(feature)} froze (one value on every row) from the chunk of {first}"
            )
        else:
            first = day_text(_date(rows["start"].min()))
            parts.append(f"{feature_words(feature)} moved from the chunk of {first}")
    if not parts:
        return None
    return "Against the reference: " + "; ".join(parts) + "."


def monitor_tiles(snapshot: Snapshot, monitor: Monitor) -> list[Tile]:
    """The latest estimated and realised values, the alerts and the cost of silent failures.

    Parameters
    ----------
    snapshot : Snapshot
    monitor : Monitor

    Returns
    -------
    list of Tile
    """
    table = snapshot.table[snapshot.table["period"] == "analysis"]
    usual = monitor.reference_mean
    estimated = table["estimated_value"].iloc[-1] if len(table) else np.nan
    known = table.dropna(subset=["realized_value"])
    realised = known["realized_value"].iloc[-1] if len(known) else np.nan
    alerts = int(table["estimated_alert"].sum())
    lost = sum(f.loss for f in snapshot.failures)
    # Where the decisions usually cost money (missed fraud counted as a loss), the tiles say
    # "cost" and show it as a positive amount: a negative "value" reads as a mistake.
    sign, what, better = (-1, "cost", "lower") if usual < 0 else (1, "value", "higher")
    return [
        Tile(
            f"Latest chunk's {what}, estimated",
            money(sign * estimated),
            f"Expected {what} of the latest complete chunk from the calibrated scores: known "
            "the day it ends, before any label.",
            delta=f"{signed_money(sign * (estimated - usual))} vs usual" if len(table) else None,
            better=better,
        ),
        Tile(
            f"Latest chunk's {what}, labelled",
            money(sign * realised),
            f"Realised {what} of the latest chunk whose labels have arrived (at least "
            f"{monitor.min_labelled:.0%} of its rows).",
            delta=f"{signed_money(sign * (realised - usual))} vs usual" if len(known) else None,
            better=better,
            note=None if not len(known) else f"chunk of {day_text(_date(known['start'].iloc[-1]))}",
        ),
        Tile(
            "Chunks the estimate flagged",
            str(alerts),
            f"Chunks after the reference whose estimated {what} left the normal range (the "
            "reference chunks' mean ± 3 standard deviations).",
            better="lower",
            arrow=False,
        ),
        Tile(
            "Lost to silent failures",
            money(lost),
            "Below-normal value, against the reference mean, over the runs of chunks whose "
            "value (in hindsight, with every label in the data) fell below the normal range.",
            better="lower",
        ),
    ]


def _date(value) -> dt.date:
    return np.datetime64(value, "D").astype(object)
