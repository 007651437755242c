"""Ad auctions, vectorised by query: rank once, then any reserve price is a lookup.

A candidate takes part when its expected value per 1,000 impressions,
``ecpm = 1000 x bid x pCTR``, is positive and at least the reserve. Each query's participants
are ranked (by eCPM, or by another key such as a random order) and the top ``slots`` are
shown. First price charges the bid per click; second price (generalised second price)
charges ``min(bid, max(eCPM of the next participant in the ranking, reserve) / (1000 x
pCTR))``. Click probabilities are assumed not to depend on the slot.

Ranked by eCPM, the participants at any reserve are a prefix of each query's ranking, so one
set of suffix sums answers every reserve with two binary searches (``AuctionCurve``). Under
any other ranking a reserve can remove a candidate ranked above a participant, so each
reserve is evaluated on the ranked rows in one vectorised pass (``OrderedAuction``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from metrics.ads.ranking import Ranked
from metrics.core.validation import (
    check_non_negative,
)

Pricing = Literal["first", "second"]


@dataclass(frozen=True, eq=False)
class AuctionCurve:
    """Outcomes at every reserve for one ranking and number of slots, as suffix sums.

    Rows are the candidates that can be shown (rank < slots, eCPM > 0), held twice: sorted by
    eCPM and by next eCPM, both descending, with running sums. A reserve r then needs two
    binary searches.

    Notes
    -----
    For weight w (the realised click, or the true probability for expected values) and
    ``inv = 1 / (1000 pCTR)``:

    - first price: ``revenue(r) = sum over ecpm >= r of w x bid``;
    - second price: ``revenue(r) = sum over next >= r of w x next x inv
      + r x (sum over ecpm >= r of w x inv - sum over next >= r of w x inv)``.
    """

    n_queries: int
    ecpm: np.ndarray
    next_ecpm: np.ndarray
    by_ecpm: dict[str, np.ndarray]
    by_next: dict[str, np.ndarray]
    has_truth: bool


def _suffix_sums(
    key: np.ndarray, columns: dict[str, np.ndarray]
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    order = np.argsort(-key)  # ties are summed together at lookups, so any order will do
    sums = {
        name: np.concatenate([[0.0], np.cumsum(values[order])]) for name, values in columns.items()
    }
    return key[order], sums


def auction_curve(ranked: Ranked, *, slots: int = 1) -> AuctionCurve | OrderedAuction:
    """Precompute the suffix sums that answer any reserve for ``slots`` ad slots.

    Parameters
    ----------
    ranked : Ranked
    slots : int
        Ads shown per query, at least 1.

    Returns
    -------
    AuctionCurve or OrderedAuction
        Suffix sums when ``ranked`` is by eCPM; otherwise the ranked rows themselves.
    """
    if slots < 1:
        raise ValueError(f"slots is {slots}; show at least 1 ad per query")
    if not ranked.by_ecpm:
        return OrderedAuction(ranked, slots)
    keep = (ranked.rank < slots) & (ranked.ecpm > 0)
    clicked = ranked.clicked[keep].astype(np.float64)
    inv = 1.0 / (1000.0 * ranked.pctr[keep])
    bid, nxt = ranked.bid[keep], ranked.next_ecpm[keep]
    weights = {"click": clicked}
    if ranked.p_true is not None:
        weights["truth"] = ranked.p_true[keep]
    by_ecpm_columns = {"shown": np.ones_like(clicked)}
    by_next_columns = {}
    for name, w in weights.items():
        by_ecpm_columns[f"{name}_bid"] = w * bid
        by_ecpm_columns[f"{name}_inv"] = w * inv
        by_next_columns[f"{name}_next_inv"] = w * nxt * inv
        by_next_columns[f"{name}_inv"] = w * inv
    by_ecpm_columns["click"] = clicked
    by_ecpm_columns["first_slot"] = (ranked.rank[keep] == 0).astype(np.float64)
    ecpm, by_ecpm = _suffix_sums(ranked.ecpm[keep], by_ecpm_columns)
    next_sorted, by_next = _suffix_sums(nxt, by_next_columns)
    return AuctionCurve(
        ranked.n_queries, ecpm, next_sorted, by_ecpm, by_next, ranked.p_true is not None
    )


@dataclass(frozen=True)
class AuctionOutcome:
    """What an auction setting yields. Money in USD; ``expected_revenue`` uses true
    probabilities and is None without them."""

    queries: int
    impressions: float
    clicks: float
    revenue: float
    expected_revenue: float | None
    queries_with_ads: float

    @property
    def ctr(self) -> float:
        return self.clicks / self.impressions if self.impressions else float("nan")

    @property
    def rpm(self) -> float:
        """Revenue per 1,000 queries."""
        return 1000.0 * self.revenue / self.queries

    @property
    def expected_rpm(self) -> float | None:
        if self.expected_revenue is None:
            return None
        return 1000.0 * self.expected_revenue / self.queries

    @property
    def coverage(self) -> float:
        """Impressions per query (above 1 with several slots)."""
        return self.impressions / self.queries

    @property
    def fill_rate(self) -> float:
        """Share of queries that show at least one ad."""
        return self.queries_with_ads / self.queries


def _count_at_least(descending: np.ndarray, threshold: float) -> int:
    """How many values of a descending array are >= threshold (a binary search)."""
    return len(descending) - int(np.searchsorted(descending[::-1], threshold, side="left"))


def _revenue(
    curve: AuctionCurve, weight: str, reserve: float, pricing: Pricing, k_ecpm: int, k_next: int
) -> float:
    if pricing == "first":
        return float(curve.by_ecpm[f"{weight}_bid"][k_ecpm])
    above_next = curve.by_next[f"{weight}_next_inv"][k_next]
    between = curve.by_ecpm[f"{weight}_inv"][k_ecpm] - curve.by_next[f"{weight}_inv"][k_next]
    return float(above_next + reserve * between)


def auction_at(
    curve: AuctionCurve | OrderedAuction, *, reserve: float = 0.0, pricing: Pricing = "first"
) -> AuctionOutcome:
    """Outcome with ``reserve`` in USD per 1,000 impressions (eCPM).

    Two binary searches on an ``AuctionCurve``; one pass over the rows of an
    ``OrderedAuction``.

    Parameters
    ----------
    curve : AuctionCurve or OrderedAuction
    reserve : float
        Minimum eCPM to show an ad, USD per 1,000 impressions.
    pricing : {'first', 'second'}
        First price (pay the bid) or generalised second price.

    Returns
    -------
    AuctionOutcome
    """
    check_non_negative(reserve, "reserve", "USD per 1,000 impressions")
    if pricing not in ("first", "second"):
        raise ValueError(f"pricing is {pricing!r}; use 'first' or 'second'")
    if isinstance(curve, OrderedAuction):
        return _ordered_outcome(curve, reserve, pricing)
    k_ecpm = _count_at_least(curve.ecpm, reserve)
    k_next = _count_at_least(curve.next_ecpm, reserve)
    return AuctionOutcome(
        queries=curve.n_queries,
        impressions=float(curve.by_ecpm["shown"][k_ecpm]),
        clicks=float(curve.by_ecpm["click"][k_ecpm]),
        revenue=_revenue(curve, "click", reserve, pricing, k_ecpm, k_next),
        expected_revenue=_revenue(curve, "truth", reserve, pricing, k_ecpm, k_next)
        if curve.has_truth
        else None,
        queries_with_ads=float(curve.by_ecpm["first_slot"][k_ecpm]),
    )


@dataclass(frozen=True, eq=False)
class OrderedAuction:
    """An auction under a ranking other than eCPM: the ranked rows and the number of slots."""

    ranked: Ranked
    slots: int

    @property
    def n_queries(self) -> int:
        return self.ranked.n_queries


def _ordered_outcome(auction: OrderedAuction, reserve: float, pricing: Pricing) -> AuctionOutcome:
    """One pass over the ranked rows: keep the participants, rank them within each query,
    show the top slots and price each against the next participant."""
    r = auction.ranked
    take = np.flatnonzero((r.ecpm > 0) & (r.ecpm >= reserve))
    q, ecpm = r.query[take], r.ecpm[take]
    starts = np.flatnonzero(np.r_[True, q[1:] != q[:-1]]) if len(q) else np.array([], int)
    rank = np.arange(len(q)) - np.repeat(starts, np.diff(np.r_[starts, len(q)]))
    next_ecpm = np.zeros_like(ecpm)
    same = q[1:] == q[:-1]
    next_ecpm[:-1][same] = ecpm[1:][same]
    shown = rank < auction.slots
    rows = take[shown]
    bid, pctr = r.bid[rows], r.pctr[rows]
    if pricing == "first":
        price = bid
    else:
        price = np.minimum(bid, np.maximum(next_ecpm[shown], reserve) / (1000.0 * pctr))
    clicked = r.clicked[rows].astype(np.float64)
    return AuctionOutcome(
        queries=r.n_queries,
        impressions=float(len(rows)),
        clicks=float(clicked.sum()),
        revenue=float(clicked @ price),
        expected_revenue=None if r.p_true is None else float(r.p_true[rows] @ price),
        queries_with_ads=float(np.count_nonzero(rank[shown] == 0)),
    )
