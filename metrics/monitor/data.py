"""Monitoring inputs: a reference and an analysis log (labels optional or partial, or in a
separate file joined by id), validated into a ``MonitorLog``; and the bundled sample."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.core.io import column, read_table
from metrics.core.samples import sample_path
from metrics.core.timestamps import parse_timestamps
from metrics.core.validation import check_amounts, check_labels, check_scores, check_threshold
from metrics.monitor.model import MonitorLog

MONITOR_SAMPLE_FILE = "fraud_monitoring.csv.gz"
SAMPLE_COLUMNS = {
    "label": "is_fraud",
    "score": "score",
    "amount": "amount",
    "timestamp": "timestamp",
    "label_date": "label_date",
}


def load_monitor_sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bundled 180-day log, split into its reference and analysis periods.

    Returns
    -------
    reference, analysis : DataFrame
    """
    frame = read_table(sample_path(MONITOR_SAMPLE_FILE))
    reference = (frame.pop("period") == "reference").to_numpy()
    cut = int(reference.sum())
    if not reference[:cut].all():  # the sample is in time order, reference first
        raise ValueError(f"{MONITOR_SAMPLE_FILE} is not in time order; regenerate it")
    return frame.iloc[:cut], frame.iloc[cut:]


def join_labels(
    analysis: pd.DataFrame, labels: pd.DataFrame, *, id_column: str, label: str
) -> pd.DataFrame:
    """The analysis rows with the label (and any other columns) of a separate labels file.

    Parameters
    ----------
    analysis : DataFrame
        Scored rows with an id column.
    labels : DataFrame
        Rows of ``id_column`` and ``label`` (and optionally the label date).
    id_column, label : str
        Column names.

    Returns
    -------
    DataFrame
        ``analysis`` with the labels' columns; rows without a label keep an empty cell.
    """
    ids = column(analysis, id_column, "id")
    known = column(labels, id_column, "id")
    column(labels, label, "label")
    if known.duplicated().any():
        first = known[known.duplicated()].iloc[0]
        raise ValueError(f"the labels file has id {first!r} more than once; keep one row per id")
    if not ids.isin(known).any():
        raise ValueError(
            f"no id of the labels file is in the analysis file (column '{id_column}'); check "
            "that both files name the same transactions"
        )
    extra = labels.drop(
        columns=[c for c in labels.columns if c in analysis.columns and c != id_column]
    )
    return analysis.merge(extra, on=id_column, how="left", validate="one_to_one").set_axis(
        analysis.index
    )


def monitor_log(
    reference: pd.DataFrame,
    analysis: pd.DataFrame,
    *,
    label: str,
    score: str,
    timestamp: str,
    amount: str | None = None,
    prediction: str | None = None,
    threshold: float | None = None,
    label_date: str | None = None,
    timestamp_format: str | None = None,
) -> MonitorLog:
    """Validate both periods into one log. The reference needs every label; the analysis may
    lack the label column or have empty cells (labels not arrived yet).

    Parameters
    ----------
    reference, analysis : DataFrame
        One row per scored example.
    label, score, timestamp : str
        Column names: 0/1 label, probability in [0, 1], when the row was scored.
    amount : str, optional
        Per-row amount for a value model with rates.
    prediction : str, optional
        The model's logged 0/1 decision; else ``score >= threshold``.
    threshold : float, optional
        Flag a row when its score is at least this.
    label_date : str, optional
        When each label arrived; without it every label counts as known at once.
    timestamp_format : str, optional
        ``strftime`` format of non-ISO timestamps.

    Returns
    -------
    MonitorLog
    """
    if (prediction is None) == (threshold is None):
        raise ValueError("give the model's decisions (--prediction-column) or a --threshold")
    if label not in analysis.columns:
        analysis = analysis.assign(**{label: np.nan})
    roles = {label, score, timestamp} | ({amount} if amount else set())
    roles |= {c for c in (prediction, label_date) if c}
    features = [c for c in reference.columns if c not in roles and c in analysis.columns]
    parts = [
        _period(
            frame,
            ref,
            label,
            score,
            timestamp,
            amount,
            prediction,
            threshold,
            label_date,
            timestamp_format,
        )
        for frame, ref in ((reference, True), (analysis, False))
    ]
    merged = {k: np.concatenate([parts[0][k], parts[1][k]]) for k in parts[0]}
    _check_overlap(parts[0]["timestamp"], parts[1]["timestamp"])
    frame = pd.concat([reference[features], analysis[features]], ignore_index=True)
    return MonitorLog(features=frame, **merged)


def _period(
    frame, reference, label, score, timestamp, amount, prediction, threshold, label_date, fmt
) -> dict[str, np.ndarray]:
    rows = frame.index.to_numpy()
    which = "reference" if reference else "analysis"
    present = column(frame, label, "label").notna().to_numpy()
    if reference and not present.all():
        raise ValueError(
            f"the reference file has {int((~present).sum())} rows without a label in '{label}'; "
            "the reference period needs every label"
        )
    y = np.full(len(frame), np.nan)
    if present.any():
        y[present] = check_labels(
            column(frame, label, "label")[present].to_numpy(), name=label, rows=rows[present]
        )
    s = check_scores(column(frame, score, "score").to_numpy(), name=score, rows=rows)
    a = (
        np.zeros(len(frame))
        if amount is None
        else check_amounts(column(frame, amount, "amount").to_numpy(), name=amount, rows=rows)
    )
    if prediction is not None:
        flagged = check_labels(
            column(frame, prediction, "prediction").to_numpy(), name=prediction, rows=rows
        ).astype(bool)
    else:
        flagged = s >= check_threshold(threshold)
    stamp = parse_timestamps(
        column(frame, timestamp, "timestamp"), name=timestamp, timestamp_format=fmt, rows=rows
    ).to_numpy()
    day = stamp.astype("datetime64[D]")
    if label_date is not None and label_date in frame.columns:
        arrived = pd.to_datetime(frame[label_date], errors="coerce").to_numpy()
        label_day = np.where(np.isnat(arrived), day, arrived.astype("datetime64[D]"))
    else:
        label_day = day
    if len(frame) == 0:
        raise ValueError(f"the {which} file has no rows")
    return {
        "timestamp": stamp,
        "reference": np.full(len(frame), reference),
        "y": y,
        "score": s,
        "flagged": flagged,
        "amount": a,
        "label_day": label_day.astype("datetime64[D]"),
    }


def _check_overlap(reference: np.ndarray, analysis: np.ndarray) -> None:
    """A ValueError when the analysis period starts before the reference's last row and
    ends after its first: its rows would be judged against a normal range they are part of.
    (An analysis period wholly before the reference is allowed, with ``period_note``.)"""
    if not (analysis.size and reference.size):
        return
    if analysis.min() < reference.max() and analysis.max() > reference.min():
        first, last = (str(d)[:10] for d in (reference.min(), reference.max()))
        raise ValueError(
            f"the analysis period starts on {str(analysis.min())[:10]}, before the reference "
            f"({first} to {last}) ends; give an analysis period that starts after the "
            "reference ends"
        )


def period_note(log: MonitorLog) -> str | None:
    """A sentence when the analysis period ends before the reference starts: the files were
    given the wrong way round, likely. None when it follows the reference (periods that
    overlap are refused by ``monitor_log``).

    Parameters
    ----------
    log : MonitorLog

    Returns
    -------
    str or None
    """
    days = log.timestamp.astype("datetime64[D]")
    reference, analysis = days[log.reference], days[~log.reference]
    if not reference.size or not analysis.size or analysis.max() >= reference.min():
        return None
    return (
        f"The analysis period ({analysis.min()} to {analysis.max()}) ends before the reference "
        f"starts ({reference.min()} to {reference.max()}): are the two files the wrong way "
        "round? The reference is the period the model was known to work in, usually the "
        "earlier one."
    )
