"""Loaders: the bundled sample and a team's own CSV or Parquet file. The only file I/O in
metrics/."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from metrics.ads import AdsData
from metrics.auction import check_bids, query_index
from metrics.feed_story import FeedSample, build_feed
from metrics.fraud import FraudData, days_covered
from metrics.validation import check_amounts, check_labels, check_same_length, check_scores, count

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
FRAUD_SAMPLE = SAMPLE_DIR / "fraud_transactions.csv.gz"
ADS_SAMPLE = SAMPLE_DIR / "ads_auctions.csv.gz"
ADS_SAMPLE_MODELS = {
    "Gradient boosting": "score_gbm",
    "Logistic regression, balanced weights": "score_logreg",
}
FRAUD_CANDIDATES = SAMPLE_DIR / "fraud_candidates.csv.gz"
CANDIDATE_MODELS = {
    "Dummy (always the base rate)": "score_dummy",
    "Logistic regression": "score_logreg",
    "Shallow tree (depth 3)": "score_tree",
    "Random forest": "score_forest",
    "Gradient boosting": "score_gbm",
    "Gradient boosting, 3 features": "score_few_features",
    "Gradient boosting, stale data (first 20 days)": "score_stale",
}
FEED_USERS = SAMPLE_DIR / "feed_users.csv"
FEED_POSTS = SAMPLE_DIR / "feed_posts.csv.gz"
FEED_ENGAGEMENT_MODEL = SAMPLE_DIR / "feed_engagement_model.json"
FRAUD_SAMPLE_MODELS = {"Gradient boosting": "score_gbm", "Logistic regression": "score_logreg"}
"""Display name -> score column of the two models scored in the sample."""

_PARQUET_MAGIC = b"PAR1"


def read_table(source: str | Path | bytes, *, name: str | None = None) -> pd.DataFrame:
    """Read CSV (optionally gzipped) or Parquet from a path or from uploaded bytes.

    Raises ValueError naming the file and the fix when it is missing, empty or unreadable.
    """
    label = name or (str(source) if not isinstance(source, bytes) else "upload")
    if isinstance(source, bytes):
        is_parquet = source[:4] == _PARQUET_MAGIC
        handle: io.BytesIO | Path = io.BytesIO(source)
        compression = "gzip" if source[:2] == b"\x1f\x8b" else None
    else:
        handle = Path(source)
        if not handle.is_file():
            raise ValueError(f"file '{label}' was not found; check the path")
        is_parquet = handle.suffix.lower() in {".parquet", ".pq"}
        compression = "infer"
    try:
        if is_parquet:
            frame = pd.read_parquet(handle)
        else:
            frame = pd.read_csv(handle, compression=compression)
    except Exception as error:  # any parser failure becomes one clear line
        kind = "Parquet" if is_parquet else "CSV"
        raise ValueError(
            f"file '{label}' could not be read as {kind} ({type(error).__name__}: "
            f"{str(error).splitlines()[0] if str(error) else 'no detail'}); save it as CSV "
            "with a header row or as Parquet"
        ) from None
    if frame.empty:
        raise ValueError(f"file '{label}' has no data rows; it needs a header and at least one row")
    return frame


def _column(frame: pd.DataFrame, column: str, role: str) -> pd.Series:
    if column not in frame.columns:
        present = ", ".join(map(str, frame.columns[:12]))
        raise ValueError(
            f"column '{column}' ({role}) is missing; the file has columns: {present}; "
            f"rename a column to '{column}' or name the {role} column "
            f"(--{role}-column on the command line)"
        )
    return frame[column]


def fraud_data(
    frame: pd.DataFrame,
    *,
    label: str = "label",
    score: str = "score",
    amount: str = "amount",
    timestamp: str | None = "timestamp",
) -> FraudData:
    """Validate the fraud columns of ``frame``; the timestamp is used only if present."""
    y = check_labels(_column(frame, label, "label").to_numpy(), name=label)
    s = check_scores(_column(frame, score, "score").to_numpy(), name=score)
    a = check_amounts(_column(frame, amount, "amount").to_numpy(), name=amount)
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
    """Best guess of the label, score, amount and timestamp columns, by common names."""
    lowered = {str(c).lower(): str(c) for c in columns}
    guesses: dict[str, str | None] = {}
    for role, names in _COLUMN_HINTS.items():
        guesses[role] = next((lowered[n] for n in names if n in lowered), None)
    return guesses


def load_fraud_sample(model: str = "Gradient boosting") -> FraudData:
    """The scored last 30 days of the bundled sample, with one model's scores."""
    if model not in FRAUD_SAMPLE_MODELS:
        raise ValueError(
            f"model {model!r} is not in the sample; choose one of {', '.join(FRAUD_SAMPLE_MODELS)}"
        )
    frame = read_table(FRAUD_SAMPLE)
    scored = frame[frame["split"] == "test"]
    return fraud_data(scored, label="is_fraud", score=FRAUD_SAMPLE_MODELS[model])


def ads_data(
    frame: pd.DataFrame,
    *,
    query: str = "query_id",
    bid: str = "bid",
    score: str = "score",
    clicked: str = "clicked",
    p_true: str | None = "p_true",
) -> AdsData:
    """Validate the auction columns; ``p_true`` is used only if present."""
    q, n_queries = query_index(_column(frame, query, "query").to_numpy())
    truth = None
    if p_true is not None and p_true in frame.columns:
        truth = check_scores(frame[p_true].to_numpy(), name=p_true)
    data = AdsData(
        query=q,
        n_queries=n_queries,
        bid=check_bids(_column(frame, bid, "bid").to_numpy(), name=bid),
        score=check_scores(_column(frame, score, "score").to_numpy(), name=score),
        clicked=check_labels(_column(frame, clicked, "clicked").to_numpy(), name=clicked),
        p_true=truth,
    )
    check_same_length(query_id=data.query, bid=data.bid, score=data.score, clicked=data.clicked)
    return data


def load_ads_sample(model: str = "Gradient boosting") -> AdsData:
    """The bundled auctions with one model's predicted CTR."""
    if model not in ADS_SAMPLE_MODELS:
        raise ValueError(
            f"model {model!r} is not in the ads sample; choose one of "
            f"{', '.join(ADS_SAMPLE_MODELS)}"
        )
    return ads_data(read_table(ADS_SAMPLE), score=ADS_SAMPLE_MODELS[model])


def load_feed_sample() -> FeedSample:
    """Users, posts and the engagement model of the bundled feed, with derived candidates."""
    model = json.loads(FEED_ENGAGEMENT_MODEL.read_text())
    return build_feed(read_table(FEED_USERS), read_table(FEED_POSTS), model)


def load_fraud_candidates() -> tuple[FraudData, dict[str, np.ndarray]]:
    """The scored test period and every candidate model's scores, by display name."""
    frame = read_table(FRAUD_SAMPLE)
    scored = frame[frame["split"] == "test"].reset_index(drop=True)
    extra = read_table(FRAUD_CANDIDATES)
    if not (extra["transaction_id"].to_numpy() == scored["transaction_id"].to_numpy()).all():
        raise ValueError(
            "fraud_candidates.csv.gz does not match fraud_transactions.csv.gz; "
            "rerun sample_data/make_fraud_models.py"
        )
    columns = pd.concat([scored, extra.drop(columns="transaction_id")], axis=1)
    data = fraud_data(scored, label="is_fraud", score="score_gbm")
    scores = {
        name: check_scores(columns[col].to_numpy(), name=col)
        for name, col in CANDIDATE_MODELS.items()
    }
    return data, scores
