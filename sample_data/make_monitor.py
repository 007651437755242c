"""Generate the monitoring sample: 180 days of a fraud model's predictions in production.

Run ``python sample_data/make_monitor.py`` to rewrite ``sample_data/fraud_monitoring.csv.gz``
byte for byte. The story and its three events are documented in ``sample_data/README.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from make_fraud import (
    CATEGORIES,
    CATEGORY_MEDIAN,
    FEATURES_NUMERIC,
    FRAUD_CATEGORY_P,
    LEGIT_CATEGORY_P,
    _hours,
    model_features,
    write_csv_gz,
)
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = 20261201
START = pd.Timestamp("2026-03-01")
N_DAYS = 180
REFERENCE_DAYS = 61  # March and April: the model's validation months
ROWS_A_DAY = 5_000
FRAUD_RATE = 0.004
NEW_PATTERN_DAY = 95  # 2026-06-04: a ring of account takeovers that look like their owners
NEW_PATTERN_END = 130  # 2026-07-09: the ring is shut down
NEW_PATTERN_RATE = 0.008
MIX_SHIFT_DAY = 120  # 2026-06-29: a marketplace partner moves online spending up
FROZEN_DAY = 150  # 2026-07-29: the card-table join breaks and every card reads as new (age 0)
TRAINING_ROWS = 150_000
OUTPUT = Path(__file__).with_name("fraud_monitoring.csv.gz")


def _transactions(rng: np.random.Generator, day: np.ndarray, *, online_boost: float = 0.0):
    """One row per transaction of the given days: label first, then class-conditional
    features, as in the fraud sample."""
    n = len(day)
    is_fraud = rng.random(n) < FRAUD_RATE
    legit_p = LEGIT_CATEGORY_P.copy()
    legit_p[5] += online_boost  # online_retail
    legit_p[6] += online_boost / 2  # gift_cards
    legit_p /= legit_p.sum()
    category = np.where(
        is_fraud,
        rng.choice(len(CATEGORIES), n, p=FRAUD_CATEGORY_P),
        rng.choice(len(CATEGORIES), n, p=legit_p),
    )
    amount = CATEGORY_MEDIAN[category] * np.exp(rng.normal(0.0, 0.9, n))
    cash_out = is_fraud & (rng.random(n) < 0.8)
    amount = np.where(cash_out, amount * np.exp(rng.normal(1.3, 0.7, n)), amount)
    amount = np.where(is_fraud & ~cash_out, rng.uniform(0.5, 5.0, n), amount)
    hour = np.where(is_fraud, _hours(rng, n, night_share=0.35), _hours(rng, n, night_share=0.04))
    return pd.DataFrame(
        {
            "day": day,
            "amount": np.round(np.clip(amount, 0.5, 25_000.0), 2),
            "merchant_category": CATEGORIES[category],
            "hour": hour,
            "country_mismatch": np.where(
                is_fraud, rng.random(n) < 0.35, rng.random(n) < 0.03
            ).astype(np.int64),
            "card_age_days": np.where(
                is_fraud, rng.exponential(60.0, n), rng.exponential(700.0, n)
            ).astype(np.int64),
            "velocity_24h": np.where(is_fraud, rng.poisson(4.0, n), rng.poisson(1.5, n)),
            "is_fraud": is_fraud.astype(np.int64),
        }
    )


def _account_takeovers(rng: np.random.Generator, day: np.ndarray) -> pd.DataFrame:
    """The new pattern: stolen logins on old cards, spent at home in daytime on ordinary
    merchants, so the model (trained before it existed) scores them like their owners."""
    n = len(day)
    category = rng.choice(len(CATEGORIES), n, p=LEGIT_CATEGORY_P)
    amount = CATEGORY_MEDIAN[category] * np.exp(rng.normal(1.3, 0.6, n))
    return pd.DataFrame(
        {
            "day": day,
            "amount": np.round(np.clip(amount, 0.5, 25_000.0), 2),
            "merchant_category": CATEGORIES[category],
            "hour": _hours(rng, n, night_share=0.04),
            "country_mismatch": (rng.random(n) < 0.03).astype(np.int64),
            "card_age_days": rng.exponential(700.0, n).astype(np.int64),
            "velocity_24h": rng.poisson(1.8, n),
            "is_fraud": np.ones(n, dtype=np.int64),
        }
    )


def simulate(rng: np.random.Generator) -> pd.DataFrame:
    """The 180 days, the three events, timestamps and the date each label arrives."""
    days = np.repeat(np.arange(N_DAYS), ROWS_A_DAY + rng.integers(0, 500, N_DAYS))
    before, after = days[days < MIX_SHIFT_DAY], days[days >= MIX_SHIFT_DAY]
    frames = [_transactions(rng, before), _transactions(rng, after, online_boost=0.3)]
    late = days[(days >= NEW_PATTERN_DAY) & (days < NEW_PATTERN_END)]
    takeover = rng.random(len(late)) < NEW_PATTERN_RATE
    frames.append(_account_takeovers(rng, late[takeover]))
    frame = pd.concat(frames, ignore_index=True)
    minutes = rng.integers(0, 60, len(frame))
    frame["timestamp"] = (
        START
        + pd.to_timedelta(frame["day"], unit="D")
        + pd.to_timedelta(frame["hour"] * 60 + minutes, unit="min")
    )
    # Chargebacks arrive 30 to 60 days after a fraud; a sale counts as legitimate once its
    # 60-day chargeback window has closed.
    delay = np.where(frame["is_fraud"] == 1, rng.integers(30, 61, len(frame)), 60)
    frame["label_date"] = (START + pd.to_timedelta(frame["day"] + delay, unit="D")).dt.date
    return frame.sort_values("timestamp", kind="stable").reset_index(drop=True)


def train_model(rng: np.random.Generator) -> object:
    """The production model: a logistic regression trained on the months before March."""
    history = _transactions(rng, np.zeros(TRAINING_ROWS, dtype=np.int64))
    model = make_pipeline(
        ColumnTransformer(
            [
                ("num", StandardScaler(), FEATURES_NUMERIC),
                ("cat", OneHotEncoder(handle_unknown="ignore"), ["merchant_category"]),
            ]
        ),
        LogisticRegression(max_iter=2000, C=1.0),
    )
    return model.fit(model_features(history), history["is_fraud"].to_numpy())


def scored_log(rng: np.random.Generator) -> pd.DataFrame:
    """Score every transaction with the inputs the model received, frozen bug included."""
    model = train_model(rng)
    frame = simulate(rng)
    received = frame.copy()
    received.loc[received["day"] >= FROZEN_DAY, "card_age_days"] = 0
    score = model.predict_proba(model_features(received))[:, 1]
    out = received.drop(columns="day")
    out["period"] = np.where(frame["day"] < REFERENCE_DAYS, "reference", "analysis")
    out["score"] = [f"{s:.4f}" for s in score]
    out["amount"] = [f"{a:.2f}" for a in out["amount"]]
    columns = [
        "timestamp",
        "period",
        "amount",
        "merchant_category",
        "hour",
        "country_mismatch",
        "card_age_days",
        "velocity_24h",
        "score",
        "is_fraud",
        "label_date",
    ]
    return out[columns]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    write_csv_gz(scored_log(np.random.default_rng(SEED)), args.output)


if __name__ == "__main__":
    main()
