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
import pandas as pd

from metrics.core.format import count
from metrics.core.validation import (
    check_amounts,
    check_labels,
    check_non_negative,
    check_same_length,
)

Pricing = Literal["first", "second"]


@dataclass(frozen=True, eq=False)
class Ranked:
    """Candidates in ranked order: by query, then by the ranking key descending (ties keep row
    order). The key is eCPM unless ``by_ecpm`` is False.

    ``next_ecpm`` is the eCPM of the candidate ranked just below in the same query (0 if none).
    ``clicked`` and ``p_true`` are the realised click and, where known, the true probability.
    """

    n_queries: int
    query: np.ndarray
    by_ecpm: bool
    rank: np.ndarray
    ecpm: np.ndarray
    next_ecpm: np.ndarray
    pctr: np.ndarray
    bid: np.ndarray
    clicked: np.ndarray
    p_true: np.ndarray | None


def query_index(
    query_id: object, *, name: str = "query_id", rows: np.ndarray | None = None
) -> tuple[np.ndarray, int]:
    """Dense 0..q-1 index of each row's query, and q.

    Parameters
    ----------
    query_id : array-like of shape (n,)
        Any hashable ids, one per candidate row; none blank.
    name : str
        Column name used in the error message.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.

    Returns
    -------
    index : ndarray of int, shape (n,)
    n_queries : int
    """
    ids = pd.Series(np.asarray(query_id, dtype=object) if np.ndim(query_id) else [])
    if ids.ndim != 1 or ids.size == 0:
        raise ValueError(f"column '{name}' must hold one id per candidate row")
    blank = ids.isna().to_numpy() | (ids.astype(str).str.strip() == "").to_numpy()
    if blank.any():
        position = int(np.flatnonzero(blank)[0])
        row = position if rows is None else int(rows[position])
        raise ValueError(
            f"column '{name}' has {count(blank.sum(), 'blank id')}, e.g. in row {row}; "
            "every candidate needs the id of its query: fill them in or drop those rows"
        )
    index, _ = pd.factorize(ids.astype(str) if ids.map(type).nunique() > 1 else ids, sort=True)
    return index.astype(np.int64), int(index.max()) + 1


def check_bids(bid: object, *, name: str = "bid", rows: np.ndarray | None = None) -> np.ndarray:
    """Bids in USD per click: finite and non-negative.

    Parameters
    ----------
    bid : array-like of shape (n,)
    name : str
        Column name used in the error message.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.

    Returns
    -------
    ndarray of float64
    """
    return check_amounts(bid, name=name, rows=rows, meaning="bids are USD per click, >= 0")


def rank_candidates(
    query: np.ndarray,
    n_queries: int,
    bid: np.ndarray,
    pctr: np.ndarray,
    clicked: object,
    *,
    p_true: np.ndarray | None = None,
    order_key: np.ndarray | None = None,
) -> Ranked:
    """Rank every query's candidates at once with one ``lexsort``, no loop per query.

    Parameters
    ----------
    query : ndarray of int, shape (n,)
        Dense query index, from ``query_index``.
    n_queries : int
    bid : ndarray of shape (n,)
        USD per click.
    pctr : ndarray of shape (n,)
        Predicted click probability used for eCPM and prices.
    clicked : array-like of shape (n,)
        1 for a click, 0 otherwise.
    p_true : ndarray of shape (n,), optional
        True click probabilities, for expected revenue.
    order_key : ndarray of shape (n,), optional
        Replaces eCPM for the ranking only (a random ranking, say); prices and the reserve
        still use eCPM.

    Returns
    -------
    Ranked
    """
    y = check_labels(clicked, name="clicked")
    check_same_length(query_id=query, bid=bid, score=pctr, clicked=y)
    ecpm = 1000.0 * bid * pctr
    key = ecpm if order_key is None else np.asarray(order_key, dtype=np.float64)
    order = np.lexsort((-key, query))
    q = query[order]
    first = np.flatnonzero(np.r_[True, q[1:] != q[:-1]])
    rank = np.arange(len(q)) - np.repeat(first, np.diff(np.r_[first, len(q)]))
    ranked_ecpm = ecpm[order]
    next_ecpm = np.zeros_like(ranked_ecpm)
    same = q[1:] == q[:-1]
    next_ecpm[:-1][same] = ranked_ecpm[1:][same]
    return Ranked(
        n_queries=n_queries,
        query=q,
        by_ecpm=order_key is None,
        rank=rank,
        ecpm=ranked_ecpm,
        next_ecpm=next_ecpm,
        pctr=pctr[order],
        bid=bid[order],
        clicked=y[order],
        p_true=None if p_true is None else p_true[order],
    )


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
