"""The newsfeed sample's story: which posts a user is offered, and what they click.

Shared by ``sample_data/make_feed.py`` (which stores users, posts and the trained models) and
the loader (which derives the 2,000 x 200 candidates from them), so the candidates never need
to be stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.feed.columns import HARM_COLUMNS
from metrics.feed.model import FeedData

N_TOPICS = 8
CANDIDATES_PER_USER = 200
CANDIDATE_SEED = 7
ENGAGEMENT_FEATURES = [
    "interest",
    "sensational",
    "source_reputation",
    "user_activity",
    "interest_x_sensational",
]


def interests(users: pd.DataFrame) -> np.ndarray:
    """Users' interest in each topic, shape (users, topics); rows sum to 1.

    Parameters
    ----------
    users : DataFrame
        One row per user with topic interests and activity.

    Returns
    -------
    ndarray of shape (users, topics)
    """
    return users[[f"interest_{t}" for t in range(N_TOPICS)]].to_numpy()


def candidate_posts(
    users: pd.DataFrame,
    posts: pd.DataFrame,
    *,
    per_user: int = CANDIDATES_PER_USER,
    seed: int = CANDIDATE_SEED,
) -> np.ndarray:
    """Post row indices offered to each user, shape (users, per_user), no repeats in a row.

    Each draw picks a topic with probability proportional to ``(0.2 + interest) x posts in the
    topic`` and then a post of that topic uniformly; repeats are dropped and the first
    ``per_user`` distinct posts kept (1.5 x per_user draws are made, which always suffices for
    topics of hundreds of posts).

    Parameters
    ----------
    users : DataFrame
        One row per user with topic interests and activity.
    posts : DataFrame
        One row per post with topic, quality, extremeness and harm scores.
    per_user : int
        Candidates drawn per user.
    seed : int
        Seed of the regressor.

    Returns
    -------
    ndarray of shape (users, per_user)
        Rows of ``posts``.
    """
    rng = np.random.default_rng(seed)
    topic = posts["topic"].to_numpy()
    by_topic = np.argsort(topic, kind="stable")
    sizes = np.bincount(topic, minlength=N_TOPICS)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    weight = (0.2 + interests(users)) * sizes
    cdf = np.cumsum(weight / weight.sum(axis=1, keepdims=True), axis=1)
    draws = int(per_user * 1.5)
    u = rng.random((len(users), draws))
    chosen_topic = np.minimum((u[:, :, None] > cdf[:, None, :]).sum(axis=2), N_TOPICS - 1)
    within = (rng.random((len(users), draws)) * sizes[chosen_topic]).astype(np.int64)
    drawn = by_topic[starts[chosen_topic] + within]
    order = np.argsort(drawn, axis=1, kind="stable")
    ordered = np.take_along_axis(drawn, order, axis=1)
    repeat = np.zeros_like(ordered, dtype=bool)
    repeat[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
    first_time = np.empty_like(repeat)
    np.put_along_axis(first_time, order, ~repeat, axis=1)
    keep = first_time & (np.cumsum(first_time, axis=1) <= per_user)
    if np.any(keep.sum(axis=1) < per_user):
        raise ValueError("too few distinct posts to offer every user its candidates")
    return np.sort(drawn[keep].reshape(len(users), per_user), axis=1)


def true_click_probability(
    interest: np.ndarray, extremeness: np.ndarray, quality: np.ndarray, activity: np.ndarray
) -> np.ndarray:
    """P(click): rises with interest in the topic and with extremeness, a little with quality.

    ``logit = -5.2 + 9 x interest + 2.4 x extremeness + 0.5 x quality + activity``.

    Parameters
    ----------
    interest : ndarray
        User's interest in the post's topic, in [0, 1].
    extremeness : ndarray
        Post extremeness, in [0, 1].
    quality : ndarray
        True post quality, in [0, 1].
    activity : ndarray
        User activity, in [0, 1].

    Returns
    -------
    ndarray
        Click probabilities in [0, 1].
    """
    logit = -5.2 + 9.0 * interest + 2.4 * extremeness + 0.5 * quality + activity
    return 1 / (1 + np.exp(-logit))


def engagement_features(
    interest: np.ndarray,
    sensational: np.ndarray,
    source_reputation: np.ndarray,
    user_activity: np.ndarray,
) -> np.ndarray:
    """The engagement model's inputs for (user, post) pairs, columns ENGAGEMENT_FEATURES.

    Parameters
    ----------
    interest : ndarray
        User's interest in the post's topic, in [0, 1].
    sensational : ndarray
        Post sensationalism, in [0, 1].
    source_reputation : ndarray
        Reputation of the post's source, in [0, 1].
    user_activity : ndarray
        User activity, in [0, 1].

    Returns
    -------
    ndarray of shape (..., features)
    """
    return np.stack(
        [interest, sensational, source_reputation, user_activity, interest * sensational], axis=-1
    )


def pair_values(
    users: pd.DataFrame, posts: pd.DataFrame, post_index: np.ndarray
) -> dict[str, np.ndarray]:
    """Interest, true click probability and engagement features for candidate pairs.

    ``post_index`` has shape (users, k); every result has that shape (features one more axis).

    Parameters
    ----------
    users : DataFrame
        One row per user with topic interests and activity.
    posts : DataFrame
        One row per post with topic, quality, extremeness and harm scores.
    post_index : ndarray of shape (users, candidates)
        Row of each candidate in ``posts``.

    Returns
    -------
    dict of str to ndarray
    """
    topic = posts["topic"].to_numpy()[post_index]
    interest = np.take_along_axis(interests(users), topic, axis=1)
    activity = users["activity"].to_numpy()[:, None]
    observed_activity = users["observed_activity"].to_numpy()[:, None]
    p_click = true_click_probability(
        interest,
        posts["extremeness"].to_numpy()[post_index],
        posts["quality"].to_numpy()[post_index],
        activity,
    )
    features = engagement_features(
        interest,
        posts["sensational"].to_numpy()[post_index],
        posts["source_reputation"].to_numpy()[post_index],
        np.broadcast_to(observed_activity, interest.shape),
    )
    return {"interest": interest, "p_click": p_click, "features": features}


def training_pairs(
    users: pd.DataFrame, posts: pd.DataFrame, *, n_pairs: int = 120_000, seed: int = 11
) -> dict[str, np.ndarray]:
    """Past impressions for training: random (user, post) pairs with a click drawn from the
    true probability. ``posts`` are the earlier posts.

    Parameters
    ----------
    users : DataFrame
        One row per user with topic interests and activity.
    posts : DataFrame
        One row per post with topic, quality, extremeness and harm scores.
    n_pairs : int
        Past impressions to draw.
    seed : int
        Seed of the regressor.

    Returns
    -------
    dict of str to ndarray
        Features, post rows and clicks of past impressions.
    """
    rng = np.random.default_rng(seed)
    user = rng.integers(0, len(users), n_pairs)
    post = rng.integers(0, len(posts), n_pairs)
    values = pair_values(users.iloc[user].reset_index(drop=True), posts, post[:, None])
    clicked = (rng.random(n_pairs) < values["p_click"][:, 0]).astype(np.int8)
    return {"user": user, "post": post, "features": values["features"][:, 0], "clicked": clicked}


POST_FEATURES = [
    "source_reputation",
    "sensational",
    "text_quality",
    "link_density",
    "image_risk",
    "claim_score",
    "report_rate",
]


@dataclass(frozen=True, eq=False)
class FeedSample:
    """The feed data plus what retraining a coupled model needs: users, earlier posts, the
    feed's posts and each candidate's engagement features (users, candidates, features)."""

    data: FeedData
    users: pd.DataFrame
    earlier: pd.DataFrame
    posts: pd.DataFrame
    features: np.ndarray


def build_feed(users: pd.DataFrame, posts: pd.DataFrame, engagement_model: dict) -> FeedSample:
    """Derive the candidates and the engagement model's predictions from stored tables.

    Parameters
    ----------
    users : DataFrame
        One row per user with topic interests and activity.
    posts : DataFrame
        One row per post with topic, quality, extremeness and harm scores.
    engagement_model : dict
        The stored engagement model's coefficients.

    Returns
    -------
    FeedSample
    """
    earlier = posts[posts["split"] == "earlier"].reset_index(drop=True)
    feed = posts[posts["split"] == "feed"].reset_index(drop=True)
    post_index = candidate_posts(users, feed)
    values = pair_values(users, feed, post_index)
    logit = (
        values["features"] @ np.asarray(engagement_model["coef"]) + engagement_model["intercept"]
    )
    data = FeedData(
        user_id=users["user_id"].to_numpy(),
        post_index=post_index,
        engagement=1 / (1 + np.exp(-logit)),
        p_click=values["p_click"],
        post_id=feed["post_id"].to_numpy(),
        topic=feed["topic"].to_numpy(),
        quality=feed["quality"].to_numpy(),
        quality_pred=feed["quality_pred"].to_numpy(),
        extremeness=feed["extremeness"].to_numpy(),
        harmful={h: feed[c[0]].to_numpy().astype(bool) for h, c in HARM_COLUMNS.items()},
        harm_score={h: feed[c[1]].to_numpy() for h, c in HARM_COLUMNS.items()},
    )
    return FeedSample(data, users, earlier, feed, values["features"])
