"""Three-way decisions: act automatically above one threshold, send the rows between two
thresholds to a reviewer (who pays a cost per row and then decides each by its true class),
pass the rest. The best pair over every distinct score in one pass."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.decide.model import Decision


@dataclass(frozen=True)
class ThreeWay:
    """The best pair of thresholds.

    Attributes
    ----------
    high, low : int
        Curve points: rows at or above ``thresholds[high]`` are acted on; rows from
        ``thresholds[low]`` up to ``high`` are reviewed; ``high == low`` means no review band.
    high_threshold, low_threshold : float
    value : float
        Absolute value of the three-way decision.
    reviewed : float
        Rows sent to review.
    gain : float
        What the review band adds over the best single threshold.
    """

    high: int
    low: int
    high_threshold: float
    low_threshold: float
    value: float
    reviewed: float
    gain: float


def three_way(decision: Decision, review_cost: float, *, capacity: float | None = None) -> ThreeWay:
    """The exact best (high, low) pair in O(distinct scores).

    With ``F(i)`` the value of acting on the rows above point i and ``G(k) = (TP - FN) at the
    positives above k - review_cost x rows above k`` the value of reviewing them, the value of
    a pair i <= j is ``none + F(i) - G(i) + G(j)``: for each j the best i is a running maximum
    (or, with a capacity on reviewed rows, a sliding-window maximum).

    Parameters
    ----------
    decision : Decision
    review_cost : float
        Cost of reviewing one row (currency units).
    capacity : float, optional
        Most rows the reviewers can take.

    Returns
    -------
    ThreeWay
    """
    curve, model = decision.curve, decision.model
    acted = decision.value - decision.none
    reviewed = (
        (model.tp.fixed - model.fn.fixed) * curve.tp
        + (model.tp.rate - model.fn.rate) * curve.tp_amount
        - review_cost * curve.flagged
    )
    left = acted - reviewed
    high_of = _best_left(left, curve.flagged, capacity)
    total = left[high_of] + reviewed
    low = int(np.argmax(total))
    high = int(high_of[low])
    value = decision.none + float(total[low])
    return ThreeWay(
        high,
        low,
        float(curve.thresholds[high]),
        float(curve.thresholds[low]),
        value,
        float(curve.flagged[low] - curve.flagged[high]),
        value - decision.best_value,
    )


def _best_left(left: np.ndarray, flagged: np.ndarray, capacity: float | None) -> np.ndarray:
    """For each j, the i <= j with the largest ``left[i]`` (the first on ties), among those
    reviewing at most ``capacity`` rows."""
    if capacity is None:
        running = np.maximum.accumulate(left)
        first = np.flatnonzero(np.r_[True, running[1:] > running[:-1]])
        return first[np.searchsorted(first, np.arange(len(left)), side="right") - 1]
    start = np.searchsorted(flagged, flagged - capacity - 1e-9, side="left")
    return _range_argmax(left, start, np.arange(len(left)))


def _range_argmax(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """For each k, the first index of the largest ``values`` in ``[lo[k], hi[k]]``: a sparse
    table of power-of-two blocks, every query answered by two overlapping blocks."""
    n = len(values)
    tables = [np.arange(n)]
    width = 1
    while 2 * width <= n:
        prev = tables[-1]
        a, b = prev[: n - 2 * width + 1], prev[width : n - width + 1]
        tables.append(np.where(values[b] > values[a], b, a))
        width *= 2
    level = np.floor(np.log2(hi - lo + 1)).astype(np.int64)
    out = np.empty(len(lo), dtype=np.int64)
    for k in np.unique(level):
        rows = np.flatnonzero(level == k)
        a = tables[k][lo[rows]]
        b = tables[k][hi[rows] - (1 << k) + 1]
        out[rows] = np.where(values[b] > values[a], b, a)
    return out
