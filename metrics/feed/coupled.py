"""The coupled alternative: one model trained on the combined objective, retrained whenever
alpha or beta changes, compared with re-weighting two decoupled models."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.stats import kendalltau
from sklearn.ensemble import HistGradientBoostingRegressor

from metrics.feed.model import Blendable, top_k
from metrics.feed.ranking import DEFAULT_REVENUE, FeedOutcome, Revenue, outcome, rank_feed
from metrics.feed.story import POST_FEATURES, FeedSample, training_pairs


@dataclass(frozen=True)
class CoupledComparison:
    """Retraining against re-weighting for the same alpha and beta."""

    train_seconds: float
    reweight_seconds: float
    overlap_at_k: float
    kendall_tau: float
    coupled: FeedOutcome
    decoupled: FeedOutcome


def _inputs(pair_features: np.ndarray, post_features: np.ndarray) -> np.ndarray:
    return np.concatenate([pair_features, post_features], axis=-1)


def compare_coupled(
    sample: FeedSample,
    prepared: Blendable,
    *,
    alpha: float,
    beta: float,
    k: int,
    revenue: Revenue = DEFAULT_REVENUE,
    seed: int = 0,
) -> CoupledComparison:
    """Train one regressor on ``alpha x quality rating + beta x click`` (past impressions),
    rank every user's eligible candidates by it, and compare with the decoupled ranking.

    ``overlap_at_k`` is the mean share of a user's top K that both rankings show; Kendall's
    tau is the mean per-user rank correlation over eligible candidates.

    Parameters
    ----------
    sample : FeedSample
        The bundled users, posts and candidates.
    prepared : Blendable
        The filter setting's eligibility, percentile ranks and true gains.
    alpha : float
        Weight of predicted quality, >= 0.
    beta : float
        Weight of predicted engagement, >= 0.
    k : int
        Posts shown per user.
    revenue : Revenue
        USD per click and per post shown.
    seed : int
        Seed of the regressor.

    Returns
    -------
    CoupledComparison
    """
    data = sample.data
    start = time.perf_counter()
    past = training_pairs(sample.users, sample.earlier)
    posts = sample.earlier[POST_FEATURES].to_numpy()[past["post"]]
    target = (
        alpha * sample.earlier["quality_rating"].to_numpy()[past["post"]] + beta * past["clicked"]
    )
    model = HistGradientBoostingRegressor(max_iter=100, random_state=seed)
    model.fit(_inputs(past["features"], posts), target)
    candidates = _inputs(sample.features, sample.posts[POST_FEATURES].to_numpy()[data.post_index])
    predicted = model.predict(candidates.reshape(-1, candidates.shape[-1])).reshape(
        data.post_index.shape
    )
    train_seconds = time.perf_counter() - start

    start = time.perf_counter()
    ranked = rank_feed(data, prepared, alpha=alpha, beta=beta, k=k, revenue=revenue)
    reweight_seconds = time.perf_counter() - start
    columns, shown = ranked.columns, ranked.shown

    coupled_columns, coupled_shown = top_k(predicted, prepared.eligible, k)
    both = (
        (columns[:, :, None] == coupled_columns[:, None, :])
        & shown[:, :, None]
        & coupled_shown[:, None, :]
    )
    overlap = both.any(axis=2).sum(axis=1) / np.maximum(shown.sum(axis=1), 1)
    taus = [
        kendalltau(ranked.score[u, e], predicted[u, e]).statistic
        for u, e in enumerate(prepared.eligible)
    ]
    return CoupledComparison(
        train_seconds=train_seconds,
        reweight_seconds=reweight_seconds,
        overlap_at_k=float(overlap.mean()),
        kendall_tau=float(np.nanmean(taus)),
        coupled=outcome(data, prepared, coupled_columns, coupled_shown, revenue),
        decoupled=ranked.outcome,
    )
