"""Fraud inputs: a team's scored transactions and the bundled sample."""

from __future__ import annotations

import pandas as pd

from metrics.core.format import count
from metrics.core.io import column, read_table, sample_path
from metrics.core.validation import check_amounts, check_labels, check_same_length, check_scores
from metrics.fraud.model import FraudData, days_covered

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
) -> FraudData:
    """Validate the fraud columns of ``frame``.

    Parameters
    ----------
    frame : DataFrame
        One row per scored transaction.
    label, score, amount : str
        Column names: 0/1 fraud label, fraud probability in [0, 1], amount in USD (>= 0).
    timestamp : str or None
        Column of dates; used for alerts per day when present in ``frame``.

    Returns
    -------
    FraudData
    """
    y = check_labels(column(frame, label, "label").to_numpy(), name=label)
    s = check_scores(column(frame, score, "score").to_numpy(), name=score)
    a = check_amounts(column(frame, amount, "amount").to_numpy(), name=amount)
    check_same_length(label=y, score=s, amount=a)
    days = None
    if timestamp is not None and timestamp in frame.columns:
        parsed = pd.to_datetime(frame[timestamp], errors="coerce")
        bad = parsed.isna()
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise ValueError(
                f"column '{timestamp}' has {count(bad.sum(), 'value')} that cannot be read as a "
                f"date, e.g. "
                f"{frame[timestamp].iloc[row]!r} in row {row}; use ISO dates such as "
                "2026-06-01 13:45:00"
            )
        days = days_covered(parsed)
    return FraudData(y_true=y, y_score=s, amount=a, days=days)


_COLUMN_HINTS = {
    "label": ("label", "is_fraud", "fraud", "y_true", "target", "y"),
    "score": ("score", "y_score", "probability", "proba", "prediction", "pred"),
    "amount": ("amount", "amount_usd", "value", "transaction_amount"),
    "timestamp": ("timestamp", "time", "date", "datetime", "created_at"),
}


def guess_columns(columns: list[str]) -> dict[str, str | None]:
    """Best guess of the label, score, amount and timestamp columns, by common names.

    Parameters
    ----------
    columns : list of str
        The file's column names.

    Returns
    -------
    dict
        Role (label, score, amount, timestamp) to a column name, or None.
    """
    lowered = {str(c).lower(): str(c) for c in columns}
    guesses: dict[str, str | None] = {}
    for role, names in _COLUMN_HINTS.items():
        guesses[role] = next((lowered[n] for n in names if n in lowered), None)
    return guesses


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
