"""Generate the framing samples: a ticket router (multiclass), a demand forecast (regression),
a content tagger (multilabel) and "which app next" in two framings, each scored by real
scikit-learn models on rows they were not trained on.

Run ``python sample_data/make_framing.py`` to rewrite the four files byte for byte; see
``sample_data/README.md`` for the story and every column.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from make_fraud import write_csv_gz
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

SEED = 20261207
HERE = Path(__file__).parent
TEAMS = ("billing", "technical", "account", "outage")
TEAM_SHARE = (0.47, 0.30, 0.19, 0.04)
TAGS = ("sports", "politics", "music", "tech")
TAG_SHARE = (0.22, 0.15, 0.10, 0.28)
APPS = ("mail", "maps", "music", "news", "photos")
NEW_APP = "wallet"
FILES = ("tickets_multiclass.csv.gz", "demand_regression.csv.gz", "tags_multilabel.csv.gz",
         "next_app_framing.csv.gz")  # fmt: skip


def _p(values: np.ndarray) -> list[str]:
    return [f"{v:.5f}" for v in values]


def tickets(rng: np.random.Generator, n: int = 6000) -> pd.DataFrame:
    """Support tickets, their team, and two routers' probabilities: a gradient-boosting model
    (more accurate) and a class-balanced logistic regression (finds more outages)."""
    team = rng.choice(len(TEAMS), n, p=TEAM_SHARE)
    centres = rng.normal(0, 1.0, (len(TEAMS), 6))
    centres[3] = 0.55 * centres[1] + 0.45 * centres[3]  # an outage reads like a technical issue
    x = centres[team] + rng.normal(0, 1.25, (n, 6))
    contract = np.round(np.exp(rng.normal(np.log(1500), 0.9, n)), 2)
    train, test = train_test_split(np.arange(n), test_size=0.5, random_state=0, stratify=team)
    boost = HistGradientBoostingClassifier(max_iter=120, learning_rate=0.08, random_state=0)
    logreg = LogisticRegression(max_iter=2000, class_weight="balanced", C=0.3)
    frame = pd.DataFrame({"ticket_id": [f"K{i:05d}" for i in range(1, len(test) + 1)],
                          "team": np.asarray(TEAMS)[team[test]],
                          "contract_value": [f"{v:.2f}" for v in contract[test]]})  # fmt: skip
    for name, model in (("boost", boost), ("logreg", logreg)):
        proba = model.fit(x[train], team[train]).predict_proba(x[test])
        for k, cls in enumerate(TEAMS):
            frame[f"{name}_{cls}"] = _p(proba[:, k])
    return frame


def demand(rng: np.random.Generator, n: int = 5000) -> pd.DataFrame:
    """Units sold per store and day, and two forecasts: least squares (the mean) and the 80th
    percentile (what the costs ask for)."""
    weekday = rng.integers(0, 7, n)
    promo = rng.random(n) < 0.2
    base = np.exp(rng.normal(np.log(30), 0.6, n))
    price = np.round(rng.choice([2.5, 4.0, 6.5, 9.0], n), 2)
    mean = base * (1 + 0.35 * (weekday >= 5)) * (1 + 0.8 * promo)
    units = rng.negative_binomial(3, 3 / (3 + mean))
    x = np.column_stack([weekday, promo, np.log(base) + rng.normal(0, 0.25, n), price])
    train, test = train_test_split(np.arange(n), test_size=0.5, random_state=0)
    frame = pd.DataFrame({"day_id": [f"D{i:05d}" for i in range(1, len(test) + 1)],
                          "units_sold": units[test], "price": price[test]})  # fmt: skip
    for name, loss in (("pred_mean", {"loss": "squared_error"}),
                       ("pred_q80", {"loss": "quantile", "quantile": 0.8})):  # fmt: skip
        model = HistGradientBoostingRegressor(max_iter=150, random_state=0, **loss)
        frame[name] = [f"{v:.3f}" for v in model.fit(x[train], units[train]).predict(x[test])]
    return frame


def tags(rng: np.random.Generator, n: int = 6000) -> pd.DataFrame:
    """Posts, the topics they are about (several at once), and one logistic regression per
    topic (one-vs-rest)."""
    on = rng.random((n, len(TAGS))) < TAG_SHARE
    x = on @ rng.normal(0, 1.1, (len(TAGS), 10)) + rng.normal(0, 1.0, (n, 10))
    train, test = train_test_split(np.arange(n), test_size=0.5, random_state=0)
    frame = pd.DataFrame({"post_id": [f"P{i:05d}" for i in range(1, len(test) + 1)]})
    for k, tag in enumerate(TAGS):
        model = LogisticRegression(max_iter=2000).fit(x[train], on[train, k])
        frame[f"is_{tag}"] = on[test, k].astype(int)
        frame[f"score_{tag}"] = _p(model.predict_proba(x[test])[:, 1])
    return frame


def next_app(rng: np.random.Generator, n_train: int = 6000, n_test: int = 4000) -> pd.DataFrame:
    """Which app a user opens next: a multiclass model over the five apps it was trained on,
    and a per-(user, app) scorer on the app's features; a sixth app arrives after training."""
    names = (*APPS, NEW_APP)
    app_features = rng.normal(0, 1, (len(names), 4))  # three traits and a store rating
    app_features[-1, 3] = 0.9  # the new app is popular
    taste = rng.normal(0, 1, (3, 3))

    def choices(n: int, apps: int) -> tuple[np.ndarray, np.ndarray]:
        users = rng.normal(0, 1, (n, 3))
        utility = users @ taste @ app_features[:apps, :3].T + app_features[:apps, 3]
        return users, np.argmax(utility + rng.gumbel(0, 1, (n, apps)), axis=1)

    users_train, opened_train = choices(n_train, len(APPS))
    users_test, opened_test = choices(n_test, len(names))
    multiclass = LogisticRegression(max_iter=2000).fit(users_train, opened_train)

    def pairs(users: np.ndarray, apps: int) -> np.ndarray:
        rows = np.repeat(users, apps, axis=0)
        items = np.tile(app_features[:apps], (len(users), 1))
        crossed = np.einsum("ni,nj->nij", rows, items[:, :3]).reshape(len(rows), -1)
        return np.column_stack([crossed, items])

    pair_model = LogisticRegression(max_iter=2000).fit(
        pairs(users_train, len(APPS)), (opened_train[:, None] == np.arange(len(APPS))).ravel()
    )
    frame = pd.DataFrame({"user_id": [f"U{i:05d}" for i in range(1, n_test + 1)],
                          "opened": np.asarray(names)[opened_test]})  # fmt: skip
    proba = multiclass.predict_proba(users_test)
    score = pair_model.predict_proba(pairs(users_test, len(names)))[:, 1].reshape(n_test, -1)
    for k, app in enumerate(names):
        frame[f"multiclass_{app}"] = _p(proba[:, k] if k < len(APPS) else np.zeros(n_test))
    for k, app in enumerate(names):
        frame[f"per_app_{app}"] = _p(score[:, k])
    return frame


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(SEED)
    for name, make in zip(FILES, (tickets, demand, tags, next_app), strict=True):
        write_csv_gz(make(rng), args.output_dir / name)


if __name__ == "__main__":
    main()
