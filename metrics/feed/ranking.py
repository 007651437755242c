"""Ranking every user's feed for one alpha and beta, and what it earns and shows: clicks,
quality, extreme and harmful posts, revenue and NDCG."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.feed.model import EXTREME, Blendable, FeedData, blend, top_k


@dataclass(frozen=True)
class Revenue:
    """Ad revenue in USD per click and per post shown (one ad impression each)."""

    per_click: float = 0.40
    per_impression: float = 0.002


DEFAULT_REVENUE = Revenue()
DEFAULT_FEEDS_PER_DAY = 1_000_000
"""Feeds served a day, for revenue a year."""


@dataclass(frozen=True)
class FeedOutcome:
    """A feed measured with the true values, per user unless stated."""

    expected_clicks: float
    mean_quality: float
    extreme_share: float
    harmful_per_1000_users: float
    posts_per_user: float
    revenue_per_1000_users: float
    ndcg_quality: float
    ndcg_engagement: float
    revenue_se_per_1000_users: float = float("nan")
    """Standard error of ``revenue_per_1000_users`` over users: 1,000 x the standard
    deviation of one feed's revenue / sqrt(users). NaN with fewer than two users."""


def _ndcg(gain: np.ndarray, columns: np.ndarray, shown: np.ndarray, ideal: np.ndarray) -> float:
    k = columns.shape[1]
    discount = 1 / np.log2(np.arange(2, k + 2))
    dcg = (np.take_along_axis(gain, columns, axis=1) * shown) @ discount
    idcg = ideal[:, :k] @ discount
    with np.errstate(invalid="ignore", divide="ignore"):
        per_user = np.where(idcg > 0, dcg / idcg, np.nan)
    return float(np.nanmean(per_user)) if np.any(idcg > 0) else float("nan")


def outcome(
    data: FeedData,
    prepared: Blendable,
    columns: np.ndarray,
    shown: np.ndarray,
    revenue: Revenue = DEFAULT_REVENUE,
) -> FeedOutcome:
    """Expected clicks, mean true quality, extreme share, harmful posts, revenue and NDCG.

    Parameters
    ----------
    data : FeedData
        Candidates per user with their true and predicted values.
    prepared : Blendable
        The filter setting's eligibility, percentile ranks and true gains.
    columns : ndarray of shape (users, k)
        Candidate columns shown, best first.
    shown : ndarray of bool, shape (users, k)
        False in empty slots.
    revenue : Revenue
        USD per click and per post shown.

    Returns
    -------
    FeedOutcome
    """
    posts = np.take_along_axis(data.post_index, columns, axis=1)
    n_shown = shown.sum()
    clicks = (np.take_along_axis(data.p_click, columns, axis=1) * shown).sum() / data.n_users
    per_user = n_shown / data.n_users
    return FeedOutcome(
        expected_clicks=float(clicks),
        mean_quality=float(data.quality[posts][shown].mean()) if n_shown else float("nan"),
        extreme_share=float((data.extremeness[posts][shown] >= EXTREME).mean())
        if n_shown and "extremeness" in data.known
        else float("nan"),
        harmful_per_1000_users=float(1000 * data.any_harm[posts][shown].sum() / data.n_users)
        if "harm" in data.known
        else float("nan"),
        posts_per_user=float(per_user),
        revenue_per_1000_users=float(
            1000 * (clicks * revenue.per_click + per_user * revenue.per_impression)
        ),
        ndcg_quality=_ndcg(prepared.quality_gain, columns, shown, prepared.ideal_quality),
        ndcg_engagement=_ndcg(prepared.click_gain, columns, shown, prepared.ideal_click),
        revenue_se_per_1000_users=standard_error(user_revenue(data, columns, shown, revenue))
        * 1000,
    )


def user_revenue(
    data: FeedData, columns: np.ndarray, shown: np.ndarray, revenue: Revenue = DEFAULT_REVENUE
) -> np.ndarray:
    """Each user's feed's ad revenue: expected clicks x USD per click + posts shown x USD
    per post (USD, one value per user).

    Parameters
    ----------
    data : FeedData
    columns : ndarray of shape (users, k)
    shown : ndarray of bool, shape (users, k)
    revenue : Revenue

    Returns
    -------
    ndarray of shape (users,)
    """
    clicks = (np.take_along_axis(data.p_click, columns, axis=1) * shown).sum(axis=1)
    return clicks * revenue.per_click + shown.sum(axis=1) * revenue.per_impression


def standard_error(values: np.ndarray) -> float:
    """Standard error of the mean of independent values, ``sd / sqrt(n)``; NaN below two.

    Parameters
    ----------
    values : ndarray

    Returns
    -------
    float
    """
    if len(values) < 2:
        return float("nan")
    return float(np.std(values, ddof=1) / np.sqrt(len(values)))


@dataclass(frozen=True, eq=False)
class RankedFeed:
    """Every user's feed for one alpha and beta.

    Attributes
    ----------
    score : ndarray of shape (users, candidates)
        The blended score ``alpha x quality percentile + beta x engagement percentile``.
    columns : ndarray of shape (users, k)
        Candidate columns shown, best first.
    shown : ndarray of shape (users, k)
        False in slots left empty when a user has fewer than k eligible candidates.
    outcome : FeedOutcome
        What the feed earns and how good it is.
    """

    score: np.ndarray
    columns: np.ndarray
    shown: np.ndarray
    outcome: FeedOutcome


def rank_feed(
    data: FeedData,
    prepared: Blendable,
    *,
    alpha: float,
    beta: float,
    k: int,
    revenue: Revenue = DEFAULT_REVENUE,
) -> RankedFeed:
    """Re-weight, re-rank every user and measure: the hot path of an alpha or beta move.

    Parameters
    ----------
    data : FeedData
    prepared : Blendable
        The filter setting's percentile ranks, from ``blendable``.
    alpha, beta : float
        Non-negative weights of quality and engagement; not both zero.
    k : int
        Posts shown per user.
    revenue : Revenue
        USD per click and per post shown.
    """
    score = blend(prepared, alpha=alpha, beta=beta)
    columns, shown = top_k(score, prepared.eligible, k)
    return RankedFeed(score, columns, shown, outcome(data, prepared, columns, shown, revenue))
