"""What a CTR model is judged against: no click, random order, highest bid and the oracle
(true click probabilities), any of them priced as an auction; the command line's summary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.ads.auction import (
    AuctionCurve,
    AuctionOutcome,
    OrderedAuction,
    Pricing,
    auction_at,
)
from metrics.ads.ctr import EPS, CtrQuality, ctr_quality
from metrics.ads.model import AdsData

NO_CLICK = "Predict no click"


ORACLE = "Oracle (true click probabilities)"


@dataclass(frozen=True, eq=False)
class References:
    """Rankings to compare against on the same queries, and the constant 'no click' model.

    Random order and highest bid know no more than the average CTR, which they use as
    everyone's pCTR; the oracle ranks by the true probabilities.
    """

    curves: dict[str, AuctionCurve | OrderedAuction]
    no_click_quality: CtrQuality


RANK_BY = ("score", "bid", "p_true", "random")
"""Rankings the command line prices: the model's eCPM, highest bid, the oracle, random."""


def ranking_curve(
    data: AdsData, rank_by: str, *, slots: int, seed: int = 0
) -> AuctionCurve | OrderedAuction:
    """The auction under one ranking of each query's candidates.

    Parameters
    ----------
    data : AdsData
    rank_by : {'score', 'bid', 'p_true', 'random'}
        'score' ranks by the model's eCPM; 'p_true' by the true probabilities' (the oracle);
        'bid' and 'random' know only the average CTR, used as everyone's pCTR for eCPM, the
        reserve and prices, and rank by bid or in a seeded random order.
    slots : int
        Ads shown per query.
    seed : int
        Seed of the random order.

    Returns
    -------
    AuctionCurve or OrderedAuction
    """
    if rank_by == "score":
        return data.curve(data.score, slots=slots)
    if rank_by == "p_true":
        if data.p_true is None:
            raise ValueError(
                "--rank-by p_true needs true click probabilities: the file has no p_true "
                "column; name it with --p-true-column or rank by score, bid or random"
            )
        return data.curve(data.p_true, slots=slots)
    base = np.full(len(data.bid), max(float(data.clicked.mean()), EPS))
    if rank_by == "bid":
        return data.curve(base, slots=slots)
    if rank_by == "random":
        key = np.random.default_rng(seed).random(len(data.bid))
        return data.curve(base, slots=slots, order_key=key)
    raise ValueError(f"rank_by is {rank_by!r}; use one of {', '.join(RANK_BY)}")


def references(data: AdsData, *, slots: int, seed: int = 0) -> References:
    """The rankings a model is judged against: no click, random order, highest bid, oracle.

    Parameters
    ----------
    data : AdsData
    slots : int
        Ads shown per query.
    seed : int
        Seed of the random ranking.

    Returns
    -------
    References
    """
    zeros = np.zeros(len(data.bid))
    curves = {
        NO_CLICK: data.curve(zeros, slots=slots),
        "Random order": ranking_curve(data, "random", slots=slots, seed=seed),
        "Highest bid": ranking_curve(data, "bid", slots=slots),
    }
    if data.p_true is not None:
        curves[ORACLE] = ranking_curve(data, "p_true", slots=slots)
    return References(curves, ctr_quality(data.clicked, zeros))


@dataclass(frozen=True)
class ImbalanceRow:
    """A model beside 'predict no click': accuracy looks great, revenue is zero."""

    name: str
    accuracy: float
    auc: float
    log_loss: float
    rpm: float


def accuracy_at_half(clicked: np.ndarray, pctr: np.ndarray) -> float:
    """Share of rows where ``pCTR >= 0.5`` agrees with the click.

    Parameters
    ----------
    clicked : ndarray of shape (n,)
        1 for a click, 0 otherwise.
    pctr : ndarray of shape (n,)
        Predicted click probabilities.

    Returns
    -------
    float
    """
    return float(np.mean((pctr >= 0.5) == (clicked == 1)))


@dataclass(frozen=True)
class AdsSummary:
    """One model under one auction setting: the business view and the model's quality."""

    outcome: AuctionOutcome
    quality: CtrQuality
    oracle: AuctionOutcome | None

    @property
    def oracle_share(self) -> float | None:
        """Expected revenue as a share of the oracle's, under the same auction rules."""
        if self.oracle is None or not self.oracle.expected_revenue:
            return None
        return self.outcome.expected_revenue / self.oracle.expected_revenue


def summarise(
    data: AdsData,
    *,
    slots: int = 1,
    reserve: float = 0.0,
    pricing: Pricing = "first",
    rank_by: str = "score",
    seed: int = 0,
) -> AdsSummary:
    """Auction outcome under one ranking, the model's quality and the oracle's outcome.

    Parameters
    ----------
    data : AdsData
        Validated auction candidates.
    slots : int
        Ads shown per query, at least 1.
    reserve : float
        Minimum eCPM to show an ad, USD per 1,000 impressions.
    pricing : {'first', 'second'}
        First price (pay the bid) or generalised second price.
    rank_by : {'score', 'bid', 'p_true', 'random'}
        The ranking to price (see ``ranking_curve``).
    seed : int
        Seed of the random order.

    Returns
    -------
    AdsSummary
    """
    curve = ranking_curve(data, rank_by, slots=slots, seed=seed)
    outcome = auction_at(curve, reserve=reserve, pricing=pricing)
    oracle = None
    if data.p_true is not None:
        oracle = auction_at(data.curve(data.p_true, slots=slots), reserve=reserve, pricing=pricing)
    return AdsSummary(outcome, ctr_quality(data.clicked, data.score), oracle)
