"""Score the fraud sample's test period with more candidate models, of varied kind and
strength, for the "which metric tracks the money?" page.

Run ``python sample_data/make_fraud_models.py`` (after make_fraud.py) to rewrite
``sample_data/fraud_candidates.csv.gz`` byte for byte. Gradient boosting and logistic
regression are already scored in fraud_transactions.csv.gz; this adds five more.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from make_fraud import OUTPUT as TRANSACTIONS
from make_fraud import START, model_features, write_csv_gz
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

OUTPUT = Path(__file__).with_name("fraud_candidates.csv.gz")
STALE_DAYS = 20


def numeric(x: pd.DataFrame) -> pd.DataFrame:
    """Trees and forests take the category as one-hot columns."""
    return pd.get_dummies(x, columns=["merchant_category"], dtype=float)


def candidates() -> dict[str, tuple[object, list[str] | None, bool]]:
    """name -> (estimator, feature subset or None for all, trained on stale data)."""
    hgb = {
        "max_iter": 300,
        "learning_rate": 0.05,
        "max_leaf_nodes": 15,
        "l2_regularization": 1.0,
        "early_stopping": False,
        "random_state": 0,
    }
    return {
        "score_dummy": (DummyClassifier(strategy="prior"), None, False),
        "score_tree": (DecisionTreeClassifier(max_depth=3, random_state=0), None, False),
        "score_forest": (
            RandomForestClassifier(
                n_estimators=150, max_depth=10, min_samples_leaf=20, n_jobs=2, random_state=0
            ),
            None,
            False,
        ),
        "score_few_features": (
            HistGradientBoostingClassifier(**hgb),
            ["log_amount", "hour_sin", "hour_cos"],
            False,
        ),
        "score_stale": (HistGradientBoostingClassifier(**hgb), None, True),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    frame = pd.read_csv(TRANSACTIONS, parse_dates=["timestamp"])
    x = numeric(model_features(frame))
    y = frame["is_fraud"].to_numpy()
    train = (frame["split"] == "train").to_numpy()
    stale = (frame["timestamp"] < START + pd.Timedelta(days=STALE_DAYS)).to_numpy()
    test = ~train
    out = pd.DataFrame({"transaction_id": frame.loc[test, "transaction_id"].to_numpy()})
    for name, (model, columns, is_stale) in candidates().items():
        rows = stale if is_stale else train
        inputs = x if columns is None else x[columns]
        model.fit(inputs[rows], y[rows])
        scores = model.predict_proba(inputs[test])[:, 1]
        out[name] = [f"{s:.6g}" for s in np.asarray(scores)]
    write_csv_gz(out, args.output)


if __name__ == "__main__":
    main()
