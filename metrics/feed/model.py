"""Decoupled objectives for a ranked feed: filter harmful posts, blend two models' scores with
weights alpha and beta, take each user's top K, and measure the feed with the true values.

Candidates are a (users x candidates) grid, so one re-weighting re-ranks every user at once:
no per-user loop, no full sort, no groupby.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.validation import check_non_negative

HARMS = ("spam", "nsfw", "misinfo")
EXTREME = 0.6
"""A post counts as extreme when its extremeness is at least this."""
ALL_TRUTHS = frozenset({"quality", "p_click", "extremeness", "harm"})


@dataclass(frozen=True, eq=False)
class FeedData:
    """Per candidate, shape (users, candidates): the post's row, the predicted and the true
    click probability. Per post, shape (posts,): true and predicted quality, extremeness, and
    for each harm its truth and its classifier's score.

    ``present`` marks real candidates where users have different numbers of them (None: all
    are real); ``known`` names the truths the data holds (``quality``, ``p_click``,
    ``extremeness``, ``harm``): where one is missing, the prediction stands in for it or the
    figure is not shown. ``topic`` is None when posts have no topic."""

    user_id: np.ndarray
    post_index: np.ndarray
    engagement: np.ndarray
    p_click: np.ndarray
    post_id: np.ndarray
    topic: np.ndarray | None
    quality: np.ndarray
    quality_pred: np.ndarray
    extremeness: np.ndarray
    harmful: dict[str, np.ndarray]
    harm_score: dict[str, np.ndarray]
    present: np.ndarray | None = None
    known: frozenset[str] = ALL_TRUTHS

    @property
    def n_users(self) -> int:
        return self.post_index.shape[0]

    @property
    def any_harm(self) -> np.ndarray:
        return np.logical_or.reduce([self.harmful[h] for h in HARMS])


@dataclass(frozen=True)
class FilterThresholds:
    """Remove a post when a harm classifier's score is at least its threshold (1 keeps all
    but certain ones; values above 1 switch the filter off)."""

    spam: float = 0.5
    nsfw: float = 0.5
    misinfo: float = 0.5

    def removed(self, data: FeedData) -> np.ndarray:
        return np.logical_or.reduce([data.harm_score[h] >= getattr(self, h) for h in HARMS])


@dataclass(frozen=True)
class FilterReport:
    """What the filters do to the post catalogue."""

    posts: int
    removed: int
    harmful: int
    harmful_leaked: int
    good_removed: int
    harm_known: bool = True


def filter_report(data: FeedData, thresholds: FilterThresholds) -> FilterReport:
    """How many posts the filters remove, and how many harmful posts get through.

    Parameters
    ----------
    data : FeedData
        Candidates per user with their true and predicted values.
    thresholds : FilterThresholds
        Harm-score limits above which a post is removed.

    Returns
    -------
    FilterReport
    """
    removed, harmful = thresholds.removed(data), data.any_harm
    return FilterReport(
        posts=len(removed),
        removed=int(removed.sum()),
        harmful=int(harmful.sum()),
        harmful_leaked=int((harmful & ~removed).sum()),
        good_removed=int((~harmful & removed).sum()),
        harm_known="harm" in data.known,
    )


def percentile_ranks(values: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Mid-rank percentile of each value among the eligible values of its row, in [0, 1].

    ``(number lower + (number equal - 1) / 2) / (eligible in row - 1)``; NaN where not
    eligible. Values must lie in [0, 1]; all rows are ranked by one global sort of
    ``value + 2 x row``.

    Parameters
    ----------
    values : ndarray of shape (users, candidates)
        Scores to rank within each user.
    eligible : ndarray of bool, shape (users, candidates)
        Candidates that passed the filters.

    Returns
    -------
    ndarray of shape (users, candidates)
        In [0, 1]; NaN where not eligible.
    """
    n_rows, n_cols = values.shape
    key = np.where(eligible, values, 1.5) + 2.0 * np.arange(n_rows)[:, None]
    ordered = np.sort(key, axis=None)
    # Row r holds positions r x n_cols to (r + 1) x n_cols - 1 of the sorted keys.
    first = np.searchsorted(ordered, key, side="left")
    equal = np.searchsorted(ordered, key, side="right") - first
    lower = first - n_cols * np.arange(n_rows)[:, None]
    count = eligible.sum(axis=1, keepdims=True)
    ranks = (lower + (equal - 1) / 2) / np.maximum(count - 1, 1)
    return np.where(eligible, ranks, np.nan)


@dataclass(frozen=True, eq=False)
class Blendable:
    """Everything about one filter setting that does not depend on alpha, beta or K."""

    eligible: np.ndarray
    quality_rank: np.ndarray
    engagement_rank: np.ndarray
    quality_gain: np.ndarray
    click_gain: np.ndarray
    ideal_quality: np.ndarray
    ideal_click: np.ndarray


def blendable(data: FeedData, thresholds: FilterThresholds) -> Blendable:
    """Filter, put both scores on the percentile scale within each user's eligible candidates,
    and sort the true gains for NDCG's ideal ranking. Computed once per filter setting.

    Parameters
    ----------
    data : FeedData
        Candidates per user with their true and predicted values.
    thresholds : FilterThresholds
        Harm-score limits above which a post is removed.

    Returns
    -------
    Blendable
    """
    eligible = ~thresholds.removed(data)[data.post_index]
    if data.present is not None:
        eligible &= data.present
    quality_gain = np.where(eligible, data.quality[data.post_index], 0.0)
    click_gain = np.where(eligible, data.p_click, 0.0)
    return Blendable(
        eligible=eligible,
        quality_rank=percentile_ranks(data.quality_pred[data.post_index], eligible),
        engagement_rank=percentile_ranks(data.engagement, eligible),
        quality_gain=quality_gain,
        click_gain=click_gain,
        ideal_quality=-np.sort(-quality_gain, axis=1),
        ideal_click=-np.sort(-click_gain, axis=1),
    )


def top_k(score: np.ndarray, eligible: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's k best eligible columns, best first; ties go to the lower column.

    ``np.partition`` finds the k-th score, then ties at that score are settled by column: no
    full sort.

    Parameters
    ----------
    score : ndarray of shape (rows, candidates)
        Higher is better.
    eligible : ndarray of bool, shape (rows, candidates)
        Candidates that may be shown.
    k : int
        Slots per row, at least 1.

    Returns
    -------
    columns : ndarray of shape (rows, k)
        Chosen columns, best first.
    shown : ndarray of bool, shape (rows, k)
        False in slots left empty when a row has fewer than k eligible candidates.
    """
    if k < 1:
        raise ValueError(f"K is {k}; show at least one post per feed")
    n_rows, n_cols = score.shape
    k = min(k, n_cols)
    s = np.where(eligible, score, -np.inf)
    kth = np.partition(s, n_cols - k, axis=1)[:, n_cols - k][:, None]
    above = s > kth
    need = k - above.sum(axis=1, keepdims=True)
    at = s == kth
    chosen = above | (at & (np.cumsum(at, axis=1) <= need))
    columns = np.nonzero(chosen)[1].reshape(n_rows, k)
    chosen_scores = np.take_along_axis(s, columns, axis=1)
    order = np.argsort(-chosen_scores, axis=1, kind="stable")
    columns = np.take_along_axis(columns, order, axis=1)
    return columns, np.take_along_axis(eligible, columns, axis=1)


def blend(prepared: Blendable, *, alpha: float, beta: float) -> np.ndarray:
    """``alpha x quality percentile + beta x engagement percentile`` per candidate.

    Parameters
    ----------
    prepared : Blendable
        The filter setting's eligibility, percentile ranks and true gains.
    alpha : float
        Weight of predicted quality, >= 0.
    beta : float
        Weight of predicted engagement, >= 0.

    Returns
    -------
    ndarray of shape (users, candidates)
        The blended score.
    """
    check_non_negative(alpha, "alpha", "weight of quality")
    check_non_negative(beta, "beta", "weight of engagement")
    if alpha == 0 and beta == 0:
        raise ValueError("alpha and beta are both 0; give at least one objective a weight")
    return alpha * np.nan_to_num(prepared.quality_rank) + beta * np.nan_to_num(
        prepared.engagement_rank
    )
