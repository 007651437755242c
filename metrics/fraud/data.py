"""Fraud inputs: a team's scored transactions and the bundled sample."""

from __future__ import annotations

import pandas as pd

from metrics.core.io import column, read_table
from metrics.core.roles import (
    Guess,
    Role,
    check_distinct_roles,
    guess_roles,
    is_amount,
    is_binary,
    is_probability,
    is_time,
)
from metrics.core.samples import sample_path
from metrics.core.timestamps import days_covered, parse_timestamps
from metrics.core.validation import check_amounts, check_labels, check_same_length, check_scores
from metrics.fraud.model import FraudData

FRAUD_SAMPLE_FILE = "fraud_transactions.csv.gz"
FRAUD_SAMPLE_MODELS = {"Gradient boosting": "score_gbm", "Logistic regression": "score_logreg"}
"""Display name -> score column of the two models scored in the sample."""


def fraud_data(
    frame: pd.DataFrame,
    *,
    label: str = "label",
    score: str = "score",
    amount: str = "amount",
    timestamp: str | None = "timestamp",
    timestamp_format: str | None = None,
) -> FraudData:
    """Validate the fraud columns of ``frame``.

    Parameters
    ----------
    frame : DataFrame
        One row per scored transaction; its index gives the row numbers in messages.
    label, score, amount : str
        Column names: 0/1 fraud label, fraud probability in [0, 1], amount in USD (>= 0).
    timestamp : str or None
        Column of dates or epoch times; used for alerts per day when present in ``frame``.
    timestamp_format : str, optional
        ``strftime`` format of the timestamps when they are not ISO 8601 or epoch numbers.

    Returns
    -------
    FraudData
    """
    picked = {"label": label, "score": score, "amount": amount}
    if timestamp is not None and timestamp in frame.columns:
        picked["timestamp"] = timestamp
    check_distinct_roles(picked)
    rows = frame.index.to_numpy()
    y = check_labels(column(frame, label, "label").to_numpy(), name=label, rows=rows)
    s = check_scores(column(frame, score, "score").to_numpy(), name=score, rows=rows)
    a = check_amounts(column(frame, amount, "amount").to_numpy(), name=amount, rows=rows)
    check_same_length(label=y, score=s, amount=a)
    days = None
    if "timestamp" in picked:
        parsed = parse_timestamps(
            frame[timestamp], name=timestamp, timestamp_format=timestamp_format, rows=rows
        )
        days = days_covered(parsed)
    return FraudData(y_true=y, y_score=s, amount=a, days=days)


FRAUD_ROLES = (
    Role(
        "label",
        ("label", "is_fraud", "fraud", "y_true", "target", "y", "class", "is_chargeback"),
        ("label", "fraud", "target", "chargeback", "class", "actual", "truth", "fraudulent"),
        is_binary,
    ),
    Role(
        "score",
        ("score", "y_score", "probability", "proba", "prob", "prediction", "pred", "p"),
        ("score", "prob", "proba", "probability", "pred", "prediction", "risk", "p"),
        is_probability,
    ),
    Role(
        "amount",
        ("amount", "amt", "value", "usd", "price", "total"),
        ("amount", "amt", "usd", "price", "value", "total", "eur", "gbp", "dollars", "sum"),
        is_amount,
    ),
    Role(
        "timestamp",
        ("timestamp", "time", "date", "datetime", "created_at", "ts"),
        ("timestamp", "time", "date", "datetime", "ts", "created", "at", "day"),
        is_time,
        required=False,
    ),
)
"""The columns a fraud file needs (a timestamp is optional), with the names that suggest them."""


def guess_columns(frame: pd.DataFrame) -> Guess:
    """Best guess of the label, score, amount and timestamp columns of a fraud file.

    Parameters
    ----------
    frame : DataFrame
        The file's rows.

    Returns
    -------
    Guess
    """
    return guess_roles(frame, FRAUD_ROLES)


def sample_frame() -> pd.DataFrame:
    """The bundled sample's scored test period (last 30 days), all columns."""
    frame = read_table(sample_path(FRAUD_SAMPLE_FILE))
    return frame[frame["split"] == "test"].reset_index(drop=True)


def load_fraud_sample(model: str = "Gradient boosting") -> FraudData:
    """The scored last 30 days of the bundled sample, with one model's scores.

    Parameters
    ----------
    model : str
        A key of ``FRAUD_SAMPLE_MODELS``.
    """
    if model not in FRAUD_SAMPLE_MODELS:
        raise ValueError(
            f"model {model!r} is not in the sample; choose one of {', '.join(FRAUD_SAMPLE_MODELS)}"
        )
    return fraud_data(sample_frame(), label="is_fraud", score=FRAUD_SAMPLE_MODELS[model])
