"""The quality-engagement frontier: every ranking the alpha and beta sliders can make."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.feed.model import Blendable, FeedData
from metrics.feed.ranking import DEFAULT_REVENUE, FeedOutcome, Revenue, rank_feed


def non_dominated(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mask of points no other point beats on both x and y (higher is better for both).

    Parameters
    ----------
    x : ndarray
        First objective, higher is better.
    y : ndarray
        Second objective, higher is better.

    Returns
    -------
    ndarray of bool
        True for points on the frontier.
    """
    order = np.lexsort((-y, -x))
    best_y = np.maximum.accumulate(y[order])
    frontier = np.zeros(len(x), dtype=bool)
    # A point is on the frontier if its y beats every point with a larger x seen before it.
    previous = np.r_[-np.inf, best_y[:-1]]
    frontier[order] = y[order] > previous
    return frontier


@dataclass(frozen=True, eq=False)
class ParetoSweep:
    """Feed outcomes for a sweep of alpha shares, ``alpha / (alpha + beta)`` from 0 to 1."""

    alpha_share: np.ndarray
    outcomes: list[FeedOutcome]

    def column(self, name: str) -> np.ndarray:
        return np.array([getattr(o, name) for o in self.outcomes])

    @property
    def frontier(self) -> np.ndarray:
        return non_dominated(self.column("expected_clicks"), self.column("mean_quality"))


def pareto_sweep(
    data: FeedData,
    prepared: Blendable,
    *,
    k: int,
    revenue: Revenue = DEFAULT_REVENUE,
    points: int = 51,
) -> ParetoSweep:
    """With both weights >= 0 only their ratio matters, so the share of alpha spans every
    ranking the sliders can make.

    Parameters
    ----------
    data : FeedData
        Candidates per user with their true and predicted values.
    prepared : Blendable
        The filter setting's eligibility, percentile ranks and true gains.
    k : int
        Posts shown per user.
    revenue : Revenue
        USD per click and per post shown.
    points : int
        Alpha shares from 0 to 1 to evaluate.

    Returns
    -------
    ParetoSweep
    """
    shares = np.linspace(0.0, 1.0, points)
    outcomes = [
        rank_feed(data, prepared, alpha=s, beta=1 - s, k=k, revenue=revenue).outcome for s in shares
    ]
    return ParetoSweep(shares, outcomes)
