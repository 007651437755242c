"""A team's own candidate file for the feed page: one row per (user, candidate post) with the
two models' predictions, and optionally the truth and the harm classifiers' scores.

The page ranks a (users x candidates) grid; users with fewer candidates than the most are
padded with cells that are never eligible, so padding is never shown, counted or scored.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.core.io import column
from metrics.core.validation import check_labels, check_scores
from metrics.feed.columns import option_stem
from metrics.feed.model import HARMS, FeedData

MAX_CELLS = 20_000_000
"""Users x the most candidates any user has: the ranking grid's size limit."""


def feed_data(frame: pd.DataFrame, picked: dict[str, str | None]) -> FeedData:
    """Validate a candidate file and lay it out as the page's (users x candidates) grid.

    Quality, extremeness and harm columns describe a post, so each post must have one value
    of each. Without true quality or true clicks the page measures the feed with the
    predictions and says so; without harm scores the filters remove nothing.

    Parameters
    ----------
    frame : DataFrame
        One row per (user, candidate post).
    picked : dict
        Role (keys of ``FEED_ROLES`` and ``FEED_OPTIONAL``) to column name, or None for an
        optional role left out.

    Returns
    -------
    FeedData
    """
    rows = frame.index.to_numpy()
    users = column(frame, picked["user"], "user").astype(str).to_numpy()
    posts = column(frame, picked["post"], "post").astype(str).to_numpy()
    _check_pairs(users, posts, rows, picked)
    user_ids, user_of = np.unique(users, return_inverse=True)
    post_ids, post_of = np.unique(posts, return_inverse=True)
    slot = pd.Series(np.arange(len(frame))).groupby(user_of).cumcount().to_numpy()
    width = int(slot.max()) + 1
    if len(user_ids) * width > MAX_CELLS:
        raise ValueError(
            f"{len(user_ids):,} users with up to {width:,} candidates each is more than the "
            f"page ranks at once ({MAX_CELLS:,} cells); send fewer candidates per user "
            "(the top few hundred by any score) or fewer users"
        )
    grid = np.zeros((len(user_ids), width), dtype=np.int64)
    present = np.zeros((len(user_ids), width), dtype=bool)
    grid[user_of, slot], present[user_of, slot] = post_of, True

    def cell(values: np.ndarray) -> np.ndarray:
        out = np.zeros((len(user_ids), width))
        out[user_of, slot] = values
        return out

    def per_post(role: str, values: np.ndarray) -> np.ndarray:
        return _one_per_post(values, post_of, len(post_ids), picked[role], posts, rows)

    raw_quality, quality_rank = _number(frame, picked, "quality_pred", rows)
    engagement = _share(frame, picked["engagement"], "engagement", rows)
    quality_pred = per_post("quality_pred", quality_rank)
    # Without true quality the prediction stands in, on its own scale when that is 0 to 1.
    stand_in = raw_quality if ((raw_quality >= 0) & (raw_quality <= 1)).all() else quality_rank
    known = {r for r in ("quality", "p_click", "extremeness") if picked.get(r)}
    truth = {r: _share(frame, picked[r], r, rows) for r in known}
    known |= {"harm"} if all(picked.get(f"is_{h}") for h in HARMS) else set()
    return FeedData(
        user_id=user_ids,
        post_index=grid,
        engagement=cell(engagement),
        p_click=cell(truth.get("p_click", engagement)),
        post_id=post_ids,
        topic=None,
        quality=per_post(
            "quality" if "quality" in truth else "quality_pred", truth.get("quality", stand_in)
        ),
        quality_pred=quality_pred,
        extremeness=per_post("extremeness", truth["extremeness"])
        if "extremeness" in truth
        else np.zeros(len(post_ids)),
        harmful={h: _harm_truth(frame, picked, h, post_of, posts, rows) for h in HARMS},
        harm_score={h: _harm_score(frame, picked, h, post_of, posts, rows) for h in HARMS},
        present=present,
        known=frozenset(known),
    )


def _check_pairs(users: np.ndarray, posts: np.ndarray, rows: np.ndarray, picked: dict) -> None:
    pairs = pd.Series(users) + "\x00" + pd.Series(posts)
    twice = pairs.duplicated().to_numpy()
    if twice.any():
        i = int(np.flatnonzero(twice)[0])
        raise ValueError(
            f"user {users[i]!r} has post {posts[i]!r} twice (again in row {rows[i]}); "
            f"each ('{picked['user']}', '{picked['post']}') pair must appear once: drop the "
            "repeated rows"
        )


def _number(
    frame: pd.DataFrame, picked: dict, role: str, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A prediction on any scale, and its percentile (only its order within a user counts
    for ranking)."""
    name = picked[role]
    values = pd.to_numeric(column(frame, name, option_stem(role)), errors="coerce")
    bad = ~np.isfinite(values.to_numpy(dtype=float))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"column '{name}' has {int(bad.sum()):,} value(s) that are not numbers, e.g. "
            f"{frame[name].iloc[i]!r} in row {rows[i]}; fill them in or drop those rows"
        )
    return values.to_numpy(dtype=float), values.rank(method="average", pct=True).to_numpy()


def _share(frame: pd.DataFrame, name: str, role: str, rows: np.ndarray) -> np.ndarray:
    values = column(frame, name, option_stem(role)).to_numpy()
    return check_scores(values, name=name, rows=rows)


def _one_per_post(
    values: np.ndarray, post_of: np.ndarray, n_posts: int, name: str, posts, rows
) -> np.ndarray:
    out = np.full(n_posts, np.nan)
    out[post_of] = values
    differs = out[post_of] != values
    if differs.any():
        i = int(np.flatnonzero(differs)[0])
        raise ValueError(
            f"post {posts[i]!r} has two values of '{name}' (row {rows[i]} differs from an "
            "earlier row): it describes the post, so give each post one value"
        )
    return out


def _harm_score(frame, picked, harm: str, post_of, posts, rows) -> np.ndarray:
    name = picked.get(f"{harm}_score")
    if not name:
        return np.zeros(post_of.max() + 1)
    values = _share(frame, name, f"{harm}_score", rows)
    return _one_per_post(values, post_of, int(post_of.max()) + 1, name, posts, rows)


def _harm_truth(frame, picked, harm: str, post_of, posts, rows) -> np.ndarray:
    name = picked.get(f"is_{harm}")
    n_posts = int(post_of.max()) + 1
    if not name:
        return np.zeros(n_posts, dtype=bool)
    labels = check_labels(column(frame, name, f"is-{harm}").to_numpy(), name=name, rows=rows)
    return _one_per_post(labels.astype(float), post_of, n_posts, name, posts, rows) == 1
