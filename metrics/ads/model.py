"""Search ads: what a CTR model is worth in revenue, and what a better one would be worth.

Money is USD. Revenue per 1,000 queries (RPM) is the headline; the reserve is in USD per
1,000 impressions (eCPM), the unit advertisers and sales teams quote.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.ads.auction import (
    AuctionCurve,
    AuctionOutcome,
    OrderedAuction,
    Pricing,
    auction_at,
    auction_curve,
)
from metrics.ads.ctr import EPS, CtrQuality, ctr_quality
from metrics.ads.ranking import rank_candidates
from metrics.core.log_odds import move_log_odds
from metrics.core.validation import check_non_negative

RESERVE_GRID = np.arange(0.0, 202.0, 2.0)
"""Reserves offered by the page's slider (USD per 1,000 impressions)."""
QUALITY_KNOBS = np.round(np.linspace(-1.0, 1.0, 21), 2)
"""-1: pure noise, 0: the model as it is, 1: the true click probabilities."""
CALIBRATION_FACTORS = np.geomspace(1 / 16, 4.0, 31)


@dataclass(frozen=True, eq=False)
class AdsData:
    """Validated candidates: dense query index, bid (USD per click), predicted CTR, the
    realised click and, where known, the true click probability."""

    query: np.ndarray
    n_queries: int
    bid: np.ndarray
    score: np.ndarray
    clicked: np.ndarray
    p_true: np.ndarray | None = None

    def curve(
        self, pctr: np.ndarray, *, slots: int, order_key: np.ndarray | None = None
    ) -> AuctionCurve | OrderedAuction:
        ranked = rank_candidates(
            self.query,
            self.n_queries,
            self.bid,
            pctr,
            self.clicked,
            p_true=self.p_true,
            order_key=order_key,
        )
        return auction_curve(ranked, slots=slots)


def click_truth(data: AdsData) -> np.ndarray:
    """What a better CTR model moves toward in ``move_log_odds``: the true click probability.

    Without one in the data, the clicks smoothed to 0.95 (clicked) and half the base CTR
    (not clicked).

    Parameters
    ----------
    data : AdsData
        Validated auction candidates.

    Returns
    -------
    ndarray of shape (n,)
    """
    if data.p_true is not None:
        return data.p_true
    return np.where(data.clicked == 1, 0.95, data.clicked.mean() / 2)


@dataclass(frozen=True, eq=False)
class QualitySweep:
    """Model quality and auction outcomes for each quality knob, on the reserve grid.

    Arrays indexed ``[knob, reserve]``; revenue also by pricing rule.
    """

    knobs: np.ndarray
    quality: list[CtrQuality]
    reserves: np.ndarray
    impressions: np.ndarray
    clicks: np.ndarray
    revenue: dict[str, np.ndarray]
    expected_revenue: dict[str, np.ndarray] | None

    @property
    def auc(self) -> np.ndarray:
        return np.array([q.auc for q in self.quality])

    @property
    def log_loss(self) -> np.ndarray:
        return np.array([q.log_loss for q in self.quality])


def quality_sweep(
    data: AdsData,
    *,
    slots: int,
    knobs: np.ndarray = QUALITY_KNOBS,
    reserves: np.ndarray = RESERVE_GRID,
) -> QualitySweep:
    """Rank and evaluate every knob once; afterwards every what-if is a lookup.

    Parameters
    ----------
    data : AdsData
        Validated auction candidates.
    slots : int
        Ads shown per query, at least 1.
    knobs : ndarray
        Log-odds knobs in [-1, 1] (see ``move_log_odds``).
    reserves : ndarray
        Reserve prices, USD per 1,000 impressions.

    Returns
    -------
    QualitySweep
    """
    shape = (len(knobs), len(reserves))
    impressions, clicks = np.empty(shape), np.empty(shape)
    revenue = {p: np.empty(shape) for p in ("first", "second")}
    expected = None if data.p_true is None else {p: np.empty(shape) for p in revenue}
    quality = []
    for i, knob in enumerate(knobs):
        pctr = move_log_odds(data.score, float(knob), truth=click_truth(data), eps=EPS)
        quality.append(ctr_quality(data.clicked, pctr))
        curve = data.curve(pctr, slots=slots)
        for j, reserve in enumerate(reserves):
            for pricing in revenue:
                out = auction_at(curve, reserve=float(reserve), pricing=pricing)
                revenue[pricing][i, j] = out.revenue
                if expected is not None:
                    expected[pricing][i, j] = out.expected_revenue
            impressions[i, j], clicks[i, j] = out.impressions, out.clicks
    return QualitySweep(
        np.asarray(knobs), quality, np.asarray(reserves), impressions, clicks, revenue, expected
    )


def sweep_rpm(
    sweep: QualitySweep, n_queries: int, *, reserve_index: int, pricing: Pricing
) -> np.ndarray:
    """RPM per knob at one reserve: expected where true probabilities are known, else
    realised.

    Parameters
    ----------
    sweep : QualitySweep
        Outcomes per knob and reserve.
    n_queries : int
        Queries in the log.
    reserve_index : int
        Column of the reserve in the sweep.
    pricing : {'first', 'second'}
        First price (pay the bid) or generalised second price.

    Returns
    -------
    ndarray
        USD per 1,000 queries per knob.
    """
    table = sweep.expected_revenue if sweep.expected_revenue is not None else sweep.revenue
    return 1000.0 * table[pricing][:, reserve_index] / n_queries


def yearly_value(delta_rpm: float, *, daily_queries: float) -> float:
    """USD a year from a change in revenue per 1,000 queries: ``delta x daily / 1000 x 365``.

    Parameters
    ----------
    delta_rpm : float
        Change in revenue per 1,000 queries, USD.
    daily_queries : float
        Queries a day.

    Returns
    -------
    float
        USD a year.
    """
    check_non_negative(daily_queries, "daily_queries", "queries a day")
    return delta_rpm * daily_queries / 1000.0 * 365.0


def auc_needed(auc: np.ndarray, rpm: np.ndarray, target_rpm: float) -> float | None:
    """Lowest AUC on the sweep (linearly interpolated) whose RPM reaches ``target_rpm``;
    None if no point of the sweep reaches it.

    Parameters
    ----------
    auc : ndarray
        AUC per knob, increasing.
    rpm : ndarray
        Revenue per 1,000 queries per knob, USD.
    target_rpm : float
        Revenue per 1,000 queries to reach, USD.

    Returns
    -------
    float or None
        None when no knob reaches the target.
    """
    order = np.argsort(auc, kind="stable")
    a, r = auc[order], rpm[order]
    reached = np.flatnonzero(r >= target_rpm)
    if reached.size == 0:
        return None
    i = int(reached[0])
    if i == 0 or r[i] == r[i - 1]:
        return float(a[i])
    share = (target_rpm - r[i - 1]) / (r[i] - r[i - 1])
    return float(a[i - 1] + share * (a[i] - a[i - 1]))


def calibration_sweep(
    curve: AuctionCurve,
    *,
    reserve: float,
    pricing: Pricing,
    factors: np.ndarray = CALIBRATION_FACTORS,
) -> list[AuctionOutcome]:
    """Outcomes when every predicted CTR is multiplied by a factor c.

    Scaling pCTR by c scales every eCPM and next eCPM by c and leaves the ranking (and AUC)
    unchanged, so it is the same auction as reserve / c: one lookup per factor.

    Parameters
    ----------
    curve : AuctionCurve
        Suffix sums of one ranking.
    reserve : float
        Minimum eCPM to show an ad, USD per 1,000 impressions.
    pricing : {'first', 'second'}
        First price (pay the bid) or generalised second price.
    factors : ndarray
        Multipliers of every predicted CTR.

    Returns
    -------
    list of AuctionOutcome
    """
    return [auction_at(curve, reserve=reserve / c, pricing=pricing) for c in factors]
