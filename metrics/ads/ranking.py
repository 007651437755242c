"""Ranking each query's candidate ads once, by eCPM or any other key, with the next
candidate's eCPM for second-price pricing; query ids and bids checked on the way in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.format import count
from metrics.core.validation import (
    check_amounts,
    check_labels,
    check_same_length,
)


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
    import pandas as pd  # here: the command line's engine path starts without pandas

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
