"""Generate the ads sample: search queries, candidate ads, true click probabilities, realised
clicks and two CTR models' predictions.

Run ``python sample_data/make_ads.py`` to rewrite ``sample_data/ads_auctions.csv.gz`` byte for
byte. The generative story is documented in ``sample_data/README.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from make_fraud import write_csv_gz
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 20261201
N_TRAIN_QUERIES = 30_000
N_QUERIES = 50_000
OUTPUT = Path(__file__).with_name("ads_auctions.csv.gz")
CATEGORIES = np.array(["travel", "retail", "finance", "local", "software"])
FEATURES = ["query_intent", "relevance", "advertiser_ctr", "log_bid", "same_category"]
SCORE_FORMATS = {
    "bid": "{:.2f}",
    "query_intent": "{:.3f}",
    "relevance": "{:.3f}",
    "advertiser_ctr": "{:.4f}",
    "p_true": "{:.6g}",
    "score_gbm": "{:.6g}",
    "score_logreg": "{:.6g}",
}


def simulate(rng: np.random.Generator, n_queries: int, first_query: int) -> pd.DataFrame:
    """Queries with 2-7 candidate ads each; the click probability follows a logistic story."""
    n_candidates = rng.integers(2, 8, n_queries)
    query = np.repeat(np.arange(first_query, first_query + n_queries), n_candidates)
    n = len(query)
    intent = np.repeat(rng.beta(2, 3, n_queries), n_candidates)
    query_category = np.repeat(rng.integers(0, len(CATEGORIES), n_queries), n_candidates)
    ad_category = np.where(rng.random(n) < 0.6, query_category, rng.integers(0, len(CATEGORIES), n))
    true_relevance = rng.beta(2, 2, n)
    advertiser_quality = rng.normal(0, 1, n)
    # Advertisers with weak ads bid more to win anyway: bid is slightly anti-correlated with
    # quality, so ranking by bid alone shows ads that are not clicked.
    bid = np.round(np.exp(rng.normal(0.0, 0.6, n) - 0.25 * advertiser_quality), 2).clip(0.05)
    logit = (
        -6.0
        + 2.2 * true_relevance
        + 0.6 * advertiser_quality
        + 1.4 * intent
        + 0.5 * (ad_category == query_category)
        + 1.2 * true_relevance * intent
    )
    p_true = 1 / (1 + np.exp(-logit))
    return pd.DataFrame(
        {
            "query_id": query,
            "query_category": CATEGORIES[query_category],
            "ad_category": CATEGORIES[ad_category],
            "query_intent": intent,
            # Observed features: noisy views of the truth the models must learn from.
            "relevance": np.clip(true_relevance + rng.normal(0, 0.15, n), 0, 1),
            "advertiser_ctr": 1
            / (1 + np.exp(-(-3.4 + 0.6 * advertiser_quality + rng.normal(0, 0.4, n)))),
            "bid": bid,
            "p_true": p_true,
            "clicked": (rng.random(n) < p_true).astype(np.int64),
        }
    )


def features(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "query_intent": frame["query_intent"],
            "relevance": frame["relevance"],
            "advertiser_ctr": np.log(frame["advertiser_ctr"]),
            "log_bid": np.log(frame["bid"]),
            "same_category": (frame["query_category"] == frame["ad_category"]).astype(float),
        }
    )


def fit_and_score(train: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """A calibrated gradient-boosting model, and a weaker logistic regression trained with
    balanced class weights (a common fix for imbalance that wrecks calibration)."""
    gbm = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, max_leaf_nodes=15, early_stopping=False, random_state=0
    )
    weak = ["relevance", "log_bid"]
    logreg = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced"))
    x_train, x_scored = features(train), features(scored)
    gbm.fit(x_train, train["clicked"])
    logreg.fit(x_train[weak], train["clicked"])
    out = scored.copy()
    out["score_gbm"] = gbm.predict_proba(x_scored)[:, 1]
    out["score_logreg"] = logreg.predict_proba(x_scored[weak])[:, 1]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(SEED)
    train = simulate(rng, N_TRAIN_QUERIES, first_query=0)
    scored = fit_and_score(train, simulate(rng, N_QUERIES, first_query=N_TRAIN_QUERIES))
    for column, template in SCORE_FORMATS.items():
        scored[column] = [template.format(v) for v in scored[column]]
    write_csv_gz(scored, args.output)


if __name__ == "__main__":
    main()
