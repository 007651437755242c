"""Inputs of a decision analysis: any scored file (label, score, optional amount, timestamp,
segment and a second model's scores), the value-matrix presets, and the bundled samples."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from metrics.core.io import column, read_table
from metrics.core.roles import check_distinct_roles
from metrics.core.samples import sample_path
from metrics.core.timestamps import days_covered, parse_timestamps
from metrics.core.validation import check_amounts, check_labels, check_scores
from metrics.core.value import ValueModel
from metrics.decide.model import value_matrix


@dataclass(frozen=True, eq=False)
class DecisionData:
    """Validated rows.

    Attributes
    ----------
    y, score, amount : ndarray
        0/1 labels, scores in [0, 1], amounts (zeros without an amount column).
    days : float or None
        Calendar days the rows span, when they have timestamps.
    segment : ndarray or None
        Each row's segment as text.
    others : dict of str to ndarray
        Other models' scores on the same rows, by column name (empty when none).
    """

    y: np.ndarray
    score: np.ndarray
    amount: np.ndarray
    days: float | None = None
    segment: np.ndarray | None = None
    others: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def other(self) -> np.ndarray | None:
        """The first other model's scores (None without one)."""
        return next(iter(self.others.values()), None)


def decision_data(
    frame: pd.DataFrame,
    *,
    label: str,
    score: str,
    amount: str | None = None,
    timestamp: str | None = None,
    segment: str | None = None,
    compare: str | list[str] | None = None,
) -> DecisionData:
    """Validate the chosen columns of ``frame``; errors name the column, value, row and fix.

    Parameters
    ----------
    frame : DataFrame
    label, score : str
        0/1 label (1 = the class acted on), probability in [0, 1].
    amount, timestamp, segment : str, optional
        Per-row amount, when each row happened, a segment column.
    compare : str or list of str, optional
        Other models' score columns on the same rows.

    Returns
    -------
    DecisionData
    """
    picked = {"label": label, "score": score}
    for role, name in (("amount", amount), ("timestamp", timestamp), ("segment", segment)):
        if name is not None:
            picked[role] = name
    compared = [compare] if isinstance(compare, str) else list(compare or [])
    for k, name in enumerate(compared):
        picked[f"model {k + 2}"] = name
    check_distinct_roles(picked)
    rows = frame.index.to_numpy()
    y = check_labels(column(frame, label, "label").to_numpy(), name=label, rows=rows)
    s = check_scores(column(frame, score, "score").to_numpy(), name=score, rows=rows)
    a = (
        np.zeros(len(frame))
        if amount is None
        else check_amounts(column(frame, amount, "amount").to_numpy(), name=amount, rows=rows)
    )
    days = None
    if timestamp is not None:
        stamps = parse_timestamps(column(frame, timestamp, "timestamp"), name=timestamp, rows=rows)
        days = days_covered(stamps)
    seg = None if segment is None else column(frame, segment, "segment").astype(str).to_numpy()
    others = {
        name: check_scores(column(frame, name, "compare").to_numpy(), name=name, rows=rows)
        for name in compared
    }
    return DecisionData(y, s, a, days, seg, others)


@dataclass(frozen=True)
class Preset:
    """A value matrix for a common decision, with names for its outcomes and what it means."""

    name: str
    outcomes: tuple[str, str, str, str]
    fixed: tuple[float, float, float, float]
    rates: tuple[float, float, float, float]
    explanation: str

    def model(self) -> ValueModel:
        return value_matrix(self.fixed, self.rates)


PRESETS = {
    "Fraud": Preset(
        "Fraud",
        ("Good sale approved", "False alarm", "Missed fraud", "Fraud stopped"),
        (0.0, -5.0, -15.0, -5.0),
        (0.0, -0.10, -1.0, 0.0),
        "Each alert costs $5 of review; a false alarm also loses 10% of the sale; a missed "
        "fraud loses its amount and a $15 chargeback fee. Needs an amount column.",
    ),
    "Churn retention offer": Preset(
        "Churn retention offer",
        ("Loyal, no offer", "Offer to a loyal customer", "Churner lost", "Offer accepted"),
        (0.0, -10.0, 0.0, -10.0),
        (0.0, 0.0, -1.0, -0.7),
        "An offer costs $10; it keeps 30% of the churners who get it. A lost customer costs "
        "their yearly value (the amount column).",
    ),
    "Credit approval": Preset(
        "Credit approval",
        ("Good loan approved", "Good applicant declined", "Default approved", "Default declined"),
        (0.0, 0.0, 0.0, 0.0),
        (0.15, 0.0, -0.6, 0.0),
        "The positive class is a default and acting is declining. A good loan earns 15% of "
        "its amount; an approved default loses 60% of it.",
    ),
    "Screening": Preset(
        "Screening",
        ("Healthy, not recalled", "Healthy, recalled", "Cancer missed", "Cancer found early"),
        (0.0, -1_000.0, -50_000.0, -1_000.0),
        (0.0, 0.0, 0.0, 0.0),
        "A recall (biopsy and follow-up) costs $1,000; a cancer found late costs $50,000 "
        "more to treat than one found at screening.",
    ),
}

SAMPLES = {
    "Card fraud (30 days)": ("fraud_transactions.csv.gz", "is_fraud", "score_gbm", "Fraud"),
    "Breast-cancer screening": (
        "screening_breast_cancer.csv",
        "malignant",
        "score_forest",
        "Screening",
    ),
}


def load_sample(name: str) -> pd.DataFrame:
    """A bundled sample by its display name (the fraud sample's scored 30 days).

    Parameters
    ----------
    name : str
        A key of ``SAMPLES``.

    Returns
    -------
    DataFrame
    """
    file_name = SAMPLES[name][0]
    frame = read_table(sample_path(file_name))
    if "split" in frame.columns:
        frame = frame[frame["split"] == "test"].reset_index(drop=True)
    return frame
