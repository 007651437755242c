"""Generate the fraud sample: 90 days of card transactions and two models' scores.

Run ``python sample_data/make_fraud.py`` to rewrite ``sample_data/fraud_transactions.csv.gz``
byte for byte. The generative story is documented in ``sample_data/README.md``.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = 20261130
N_TRANSACTIONS = 200_000
N_DAYS = 90
TRAIN_DAYS = 60
START = pd.Timestamp("2026-06-01")
FRAUD_RATE = 0.0035
OUTPUT = Path(__file__).with_name("fraud_transactions.csv.gz")

CATEGORIES = np.array(
    ["grocery", "restaurants", "fuel", "travel", "electronics", "online_retail", "gift_cards"]
)
LEGIT_CATEGORY_P = np.array([0.30, 0.22, 0.15, 0.05, 0.06, 0.19, 0.03])
FRAUD_CATEGORY_P = np.array([0.06, 0.05, 0.05, 0.14, 0.27, 0.25, 0.18])
# Median amount (USD) by category for legitimate spending.
CATEGORY_MEDIAN = np.array([35.0, 28.0, 45.0, 240.0, 180.0, 55.0, 50.0])
FEATURES_NUMERIC = [
    "log_amount",
    "hour_sin",
    "hour_cos",
    "country_mismatch",
    "log_card_age",
    "velocity_24h",
]


def _hours(rng: np.random.Generator, n: int, *, night_share: float) -> np.ndarray:
    """Hour of day: a daytime bell around 14:00 mixed with a night bump around 02:00."""
    day = np.rint(rng.normal(14.0, 4.0, n)) % 24
    night = np.rint(rng.normal(2.0, 2.0, n)) % 24
    return np.where(rng.random(n) < night_share, night, day).astype(np.int64)


def simulate(rng: np.random.Generator) -> pd.DataFrame:
    """Draw the transactions: label first, then features from class-conditional distributions."""
    n = N_TRANSACTIONS
    day = rng.integers(0, N_DAYS, n)
    # Fraud rings grow over the quarter: the fraud rate rises by half from the first day to
    # the last, so a model trained on the first 60 days sees slightly less fraud than it meets.
    fraud_p = FRAUD_RATE * (0.8 + 0.5 * day / N_DAYS)
    is_fraud = rng.random(n) < fraud_p
    n_fraud = int(is_fraud.sum())
    n_legit = n - n_fraud

    category = np.empty(n, dtype=np.int64)
    category[~is_fraud] = rng.choice(len(CATEGORIES), n_legit, p=LEGIT_CATEGORY_P)
    category[is_fraud] = rng.choice(len(CATEGORIES), n_fraud, p=FRAUD_CATEGORY_P)

    # Heavy-tailed amounts: lognormal around the category median; fraudsters test small and
    # then cash out large, so fraud mixes a few card tests with much larger purchases.
    amount = CATEGORY_MEDIAN[category] * np.exp(rng.normal(0.0, 0.9, n))
    cash_out = is_fraud & (rng.random(n) < 0.8)
    amount[cash_out] *= np.exp(rng.normal(1.3, 0.7, int(cash_out.sum())))
    card_test = is_fraud & ~cash_out
    amount[card_test] = rng.uniform(0.5, 5.0, int(card_test.sum()))
    amount = np.round(np.clip(amount, 0.5, 25_000.0), 2)

    hour = np.empty(n, dtype=np.int64)
    hour[~is_fraud] = _hours(rng, n_legit, night_share=0.04)
    hour[is_fraud] = _hours(rng, n_fraud, night_share=0.35)

    country_mismatch = np.where(is_fraud, rng.random(n) < 0.35, rng.random(n) < 0.03)
    card_age_days = np.where(is_fraud, rng.exponential(60.0, n), rng.exponential(700.0, n)).astype(
        np.int64
    )
    velocity = np.where(is_fraud, rng.poisson(4.0, n), rng.poisson(1.5, n))

    seconds = rng.integers(0, 3600, n)
    timestamp = (
        START + pd.to_timedelta(day, unit="D") + pd.to_timedelta(hour * 3600 + seconds, unit="s")
    )
    frame = pd.DataFrame(
        {
            "timestamp": timestamp,
            "amount": amount,
            "merchant_category": CATEGORIES[category],
            "hour": hour,
            "country_mismatch": country_mismatch.astype(np.int64),
            "card_age_days": card_age_days,
            "velocity_24h": velocity,
            "is_fraud": is_fraud.astype(np.int64),
        }
    )
    frame = frame.sort_values("timestamp", kind="stable").reset_index(drop=True)
    frame.insert(0, "transaction_id", [f"T{i:06d}" for i in range(1, n + 1)])
    return frame


def model_features(frame: pd.DataFrame) -> pd.DataFrame:
    """The model inputs derived from the raw columns."""
    angle = 2 * np.pi * frame["hour"].to_numpy() / 24
    return pd.DataFrame(
        {
            "log_amount": np.log1p(frame["amount"].to_numpy()),
            "hour_sin": np.sin(angle),
            "hour_cos": np.cos(angle),
            "country_mismatch": frame["country_mismatch"].to_numpy(),
            "log_card_age": np.log1p(frame["card_age_days"].to_numpy()),
            "velocity_24h": frame["velocity_24h"].to_numpy(),
            "merchant_category": frame["merchant_category"].to_numpy(),
        }
    )


def fit_and_score(frame: pd.DataFrame) -> pd.DataFrame:
    """Train both models on the first 60 days and score the last 30."""
    train = frame["timestamp"] < START + pd.Timedelta(days=TRAIN_DAYS)
    x = model_features(frame)
    y = frame["is_fraud"].to_numpy()
    logreg = make_pipeline(
        ColumnTransformer(
            [
                ("num", StandardScaler(), FEATURES_NUMERIC),
                ("cat", OneHotEncoder(handle_unknown="ignore"), ["merchant_category"]),
            ]
        ),
        LogisticRegression(max_iter=2000, C=1.0),
    )
    gbm = HistGradientBoostingClassifier(
        max_iter=300,
        learning_rate=0.05,
        max_leaf_nodes=15,
        l2_regularization=1.0,
        categorical_features=["merchant_category"],
        early_stopping=False,
        random_state=0,
    )
    x_gbm = x.astype({"merchant_category": "category"})
    logreg.fit(x[train], y[train])
    gbm.fit(x_gbm[train], y[train])
    scored = frame.copy()
    scored["split"] = np.where(train, "train", "test")
    scored["score_logreg"] = np.nan
    scored["score_gbm"] = np.nan
    scored.loc[~train, "score_logreg"] = logreg.predict_proba(x[~train])[:, 1]
    scored.loc[~train, "score_gbm"] = gbm.predict_proba(x_gbm[~train])[:, 1]
    return scored


def _formatted(frame: pd.DataFrame) -> pd.DataFrame:
    """Cents for amounts, six significant digits for scores, empty cells for unscored rows."""
    out = frame.copy()
    out["amount"] = [f"{a:.2f}" for a in frame["amount"]]
    for column in ("score_logreg", "score_gbm"):
        out[column] = ["" if np.isnan(s) else f"{s:.6g}" for s in frame[column]]
    return out


def write_csv_gz(frame: pd.DataFrame, path: Path) -> None:
    """Write gzip-compressed CSV with a fixed header time so the bytes are reproducible."""
    text = frame.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S")
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    frame = fit_and_score(simulate(np.random.default_rng(SEED)))
    write_csv_gz(_formatted(frame), args.output)


if __name__ == "__main__":
    main()
