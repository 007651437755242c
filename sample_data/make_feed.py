"""Generate the newsfeed sample: users, posts, and five models' predictions.

Run ``python sample_data/make_feed.py`` to rewrite ``feed_users.csv``, ``feed_posts.csv.gz``
and ``feed_engagement_model.json`` byte for byte. The candidates (2,000 users x 200 posts)
are derived from these by ``metrics.feed.story``; the story is in ``sample_data/README.md``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
from make_fraud import write_csv_gz
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression

from metrics.feed.story import (
    ENGAGEMENT_FEATURES,
    HARM_COLUMNS,
    N_TOPICS,
    POST_FEATURES,
    training_pairs,
)

SEED = 20261202
N_USERS = 2_000
N_POSTS = 20_000
N_EARLIER_POSTS = 10_000
HERE = Path(__file__).parent


def make_users(rng: np.random.Generator) -> pd.DataFrame:
    interest = rng.dirichlet(np.full(N_TOPICS, 0.35), N_USERS)
    activity = rng.normal(0, 0.5, N_USERS)
    users = pd.DataFrame(interest, columns=[f"interest_{t}" for t in range(N_TOPICS)])
    users.insert(0, "user_id", np.arange(1, N_USERS + 1))
    users["activity"] = activity
    users["observed_activity"] = activity + rng.normal(0, 0.2, N_USERS)
    return users


def make_posts(rng: np.random.Generator, n: int, first_id: int) -> pd.DataFrame:
    """Quality and extremeness pull apart; harmful posts are extreme or low quality."""
    quality = rng.beta(4, 3, n)
    extremeness = np.clip(rng.beta(1.6, 4, n) + 0.25 * (0.6 - quality), 0, 1)
    spam = rng.random(n) < 0.06 * (1.3 - quality)
    nsfw = rng.random(n) < 0.025
    misinfo = rng.random(n) < 0.12 * extremeness**1.5 + 0.01
    quality = np.where(spam | misinfo, quality * 0.5, quality)
    harmful = spam | nsfw | misinfo
    return pd.DataFrame(
        {
            "post_id": np.arange(first_id, first_id + n),
            "topic": rng.integers(0, N_TOPICS, n),
            "quality": quality,
            "extremeness": extremeness,
            "is_spam": spam.astype(np.int64),
            "is_nsfw": nsfw.astype(np.int64),
            "is_misinfo": misinfo.astype(np.int64),
            "quality_rating": np.clip(quality + rng.normal(0, 0.12, n), 0, 1),
            "source_reputation": np.clip(quality - 0.3 * harmful + rng.normal(0, 0.2, n), 0, 1),
            "sensational": np.clip(extremeness + rng.normal(0, 0.15, n), 0, 1),
            "text_quality": np.clip(quality + rng.normal(0, 0.25, n), 0, 1),
            "link_density": np.clip(rng.gamma(2, 0.05, n) + 0.35 * spam, 0, 1),
            "image_risk": np.clip(rng.beta(1, 8, n) + 0.5 * nsfw * rng.random(n), 0, 1),
            "claim_score": np.clip(rng.beta(2, 6, n) + 0.35 * misinfo + 0.2 * extremeness, 0, 1),
            "report_rate": rng.poisson(0.3 + 2.0 * harmful, n),
        }
    )


def fit_models(
    users: pd.DataFrame, earlier: pd.DataFrame, posts: pd.DataFrame
) -> tuple[pd.DataFrame, dict]:
    """Quality regressor and three harm classifiers on earlier posts; the engagement model on
    earlier impressions. Returns the scored posts and the engagement model's coefficients."""
    scored = posts.copy()
    quality = HistGradientBoostingRegressor(max_iter=150, random_state=0, early_stopping=False)
    quality.fit(earlier[POST_FEATURES], earlier["quality_rating"])
    scored["quality_pred"] = np.clip(quality.predict(posts[POST_FEATURES]), 0, 1)
    for label, column in HARM_COLUMNS.values():
        model = HistGradientBoostingClassifier(max_iter=150, random_state=0, early_stopping=False)
        model.fit(earlier[POST_FEATURES], earlier[label])
        scored[column] = model.predict_proba(posts[POST_FEATURES])[:, 1]
    pairs = training_pairs(users, earlier)
    engagement = LogisticRegression(max_iter=1000).fit(pairs["features"], pairs["clicked"])
    coefficients = {
        "model": "sklearn.linear_model.LogisticRegression, trained on 120,000 earlier "
        "impressions; P(click) = 1 / (1 + exp(-(features . coef + intercept)))",
        "features": ENGAGEMENT_FEATURES,
        "coef": [round(float(c), 10) for c in engagement.coef_[0]],
        "intercept": round(float(engagement.intercept_[0]), 10),
    }
    return scored, coefficients


ROUNDING = {
    "quality": 5,
    "extremeness": 5,
    "quality_rating": 4,
    "source_reputation": 4,
    "sensational": 4,
    "text_quality": 4,
    "link_density": 4,
    "image_risk": 4,
    "claim_score": 4,
    "quality_pred": 5,
    "spam_score": 6,
    "nsfw_score": 6,
    "misinfo_score": 6,
    "activity": 5,
    "observed_activity": 5,
    **{f"interest_{t}": 6 for t in range(N_TOPICS)},
}


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.round({k: v for k, v in ROUNDING.items() if k in frame.columns})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(SEED)
    users = rounded(make_users(rng))
    earlier = rounded(make_posts(rng, N_EARLIER_POSTS, first_id=1))
    posts = rounded(make_posts(rng, N_POSTS, first_id=N_EARLIER_POSTS + 1))
    scored, engagement = fit_models(users, earlier, posts)
    everything = pd.concat(
        [earlier.assign(split="earlier"), rounded(scored).assign(split="feed")], ignore_index=True
    )
    args.output_dir.mkdir(parents=True, exist_ok=True)
    users.to_csv(args.output_dir / "feed_users.csv", index=False, lineterminator="\n")
    write_csv_gz(everything, args.output_dir / "feed_posts.csv.gz")
    (args.output_dir / "feed_engagement_model.json").write_text(
        json.dumps(engagement, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
