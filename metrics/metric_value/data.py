"""Model-review inputs: the fraud sample's test period scored by several candidate models."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.core.io import read_table
from metrics.core.samples import sample_path
from metrics.core.validation import check_scores
from metrics.fraud.data import fraud_data, sample_frame
from metrics.fraud.model import FraudData

FRAUD_CANDIDATES_FILE = "fraud_candidates.csv.gz"
CANDIDATE_MODELS = {
    "Dummy (always the base rate)": "score_dummy",
    "Logistic regression": "score_logreg",
    "Shallow tree (depth 3)": "score_tree",
    "Random forest": "score_forest",
    "Gradient boosting": "score_gbm",
    "Gradient boosting, 3 features": "score_few_features",
    "Gradient boosting, stale data (first 20 days)": "score_stale",
}
"""Display name -> score column in ``fraud_candidates.csv.gz``."""


@dataclass(frozen=True, eq=False)
class Candidates:
    """One labelled test period and several models' scores of it.

    Attributes
    ----------
    data : FraudData
        Labels, amounts (USD) and days, with the gradient-boosting scores.
    scores : dict of str to ndarray of shape (n,)
        Each candidate model's fraud probabilities, by display name.
    """

    data: FraudData
    scores: dict[str, np.ndarray]


def load_fraud_candidates() -> Candidates:
    """The sample's scored test period and every candidate model's scores."""
    scored = sample_frame()
    extra = read_table(sample_path(FRAUD_CANDIDATES_FILE))
    if not (extra["transaction_id"].to_numpy() == scored["transaction_id"].to_numpy()).all():
        raise ValueError(
            f"{FRAUD_CANDIDATES_FILE} does not match the fraud sample; "
            "rerun sample_data/make_fraud_models.py"
        )
    columns = pd.concat([scored, extra.drop(columns="transaction_id")], axis=1)
    scores = {
        name: check_scores(columns[col].to_numpy(), name=col)
        for name, col in CANDIDATE_MODELS.items()
    }
    return Candidates(fraud_data(scored, label="is_fraud", score="score_gbm"), scores)
