"""The 2x2 value model: what each outcome is worth, value curves and the best thresholds.

Every money figure is signed so that higher is better and is relative to flagging nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.curves import ThresholdCurve
from metrics.core.rates import accuracy, f1
from metrics.core.validation import MAX_AMOUNT

MAX_RATE = 1000.0
"""The largest share of a row's amount one outcome may add or take (1,000 times the amount)."""


@dataclass(frozen=True)
class OutcomeValue:
    """Value of one outcome for one row: ``fixed + rate * amount`` (currency units).

    Raises a ValueError when either is not finite or beyond any plausible value (``fixed``
    within +-1e15, as amounts; ``rate`` within +-``MAX_RATE``): sums over millions of rows
    stay exact and finite.
    """

    fixed: float = 0.0
    rate: float = 0.0

    def __post_init__(self) -> None:
        if not (np.isfinite(self.fixed) and abs(self.fixed) <= MAX_AMOUNT):
            raise ValueError(
                f"a value per row of {self.fixed:g} is beyond any plausible one; give values "
                "between -1e15 and 1e15 (currency units per row)"
            )
        if not (np.isfinite(self.rate) and abs(self.rate) <= MAX_RATE):
            raise ValueError(
                f"a share of the amount of {self.rate:g} is beyond any plausible one; give "
                f"shares between -{MAX_RATE:g} and {MAX_RATE:g} (-1 loses the whole amount)"
            )


@dataclass(frozen=True)
class ValueModel:
    """Value of each cell of the confusion matrix ``[[TN, FP], [FN, TP]]``.

    Notes
    -----
    The value of a decision rule is
    ``sum over cells c of fixed_c * count_c + rate_c * amount_c``. Reported values are
    relative to flagging nothing (every row a TN or FN), so only the differences
    TP - FN and FP - TN matter:

    ``value(t) = (TP.fixed - FN.fixed) * tp + (TP.rate - FN.rate) * tp_amount
    + (FP.fixed - TN.fixed) * fp + (FP.rate - TN.rate) * fp_amount``.
    """

    tn: OutcomeValue
    fp: OutcomeValue
    fn: OutcomeValue
    tp: OutcomeValue

    def flag_value(
        self,
        tp: np.ndarray | float,
        fp: np.ndarray | float,
        tp_amount: np.ndarray | float,
        fp_amount: np.ndarray | float,
    ) -> np.ndarray:
        """Value of flagging the given rows rather than none; broadcasts over any shape."""
        return (
            (self.tp.fixed - self.fn.fixed) * np.asarray(tp)
            + (self.tp.rate - self.fn.rate) * np.asarray(tp_amount)
            + (self.fp.fixed - self.tn.fixed) * np.asarray(fp)
            + (self.fp.rate - self.tn.rate) * np.asarray(fp_amount)
        )


def value_curve(curve: ThresholdCurve, model: ValueModel) -> np.ndarray:
    """Value relative to flagging nothing at every point of ``curve`` (point 0 is 0).

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).

    Returns
    -------
    ndarray of shape (m + 1,)
        Value in currency units versus flagging nothing.
    """
    return model.flag_value(curve.tp, curve.fp, curve.tp_amount, curve.fp_amount)


@dataclass(frozen=True, eq=False)
class ClassAmounts:
    """Each class's amounts in ascending order with weight and weighted-amount sums from each
    position to the end: enough to value the perfect decision for any value model.

    Attributes
    ----------
    amounts : tuple of two ndarrays
        Sorted amounts of the negatives (index 0) and of the positives (index 1).
    weight_from, amount_from : tuple of two ndarrays
        ``weight_from[c][k]`` is the total weight of class c's rows ``k`` onwards (one longer
        than ``amounts[c]``, ending with 0); ``amount_from`` likewise sums weight x amount.
    """

    amounts: tuple[np.ndarray, np.ndarray]
    weight_from: tuple[np.ndarray, np.ndarray]
    amount_from: tuple[np.ndarray, np.ndarray]


def class_amounts(
    y_true: np.ndarray, amount: np.ndarray, *, sample_weight: np.ndarray | None = None
) -> ClassAmounts:
    """Sort each class's amounts once, for ``perfect_value``.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        Validated 0/1 labels.
    amount : ndarray of shape (n,)
        Validated amounts in the currency unit.
    sample_weight : ndarray of shape (n,), optional
        Row weights.

    Returns
    -------
    ClassAmounts
    """
    sorted_amounts, weights, amounts = [], [], []
    for label in (0, 1):
        rows = np.asarray(y_true) == label
        if sample_weight is None:  # a plain sort is cheaper than an argsort and two gathers
            a = np.sort(amount[rows])
            weight_from = np.arange(len(a), -1, -1, dtype=np.float64)
            wa = a
        else:
            order = np.argsort(amount[rows], kind="stable")
            a = amount[rows][order]
            wc = np.asarray(sample_weight, float)[rows][order]
            weight_from = np.append(np.cumsum(wc[::-1])[::-1], 0.0)
            wa = wc * a
        sorted_amounts.append(a)
        weights.append(weight_from)
        amounts.append(np.append(np.cumsum(wa[::-1])[::-1], 0.0))
    return ClassAmounts(tuple(sorted_amounts), tuple(weights), tuple(amounts))


def _best_of_class(amounts: ClassAmounts, label: int, fixed: float, rate: float) -> float:
    """Sum over one class's rows of max(0, fixed + rate x amount): flag where it pays."""
    a, w, wa = amounts.amounts[label], amounts.weight_from[label], amounts.amount_from[label]
    if rate == 0:
        return max(fixed, 0.0) * float(w[0])
    cut = -fixed / rate
    if rate > 0:  # pays for amounts above the cut
        k = int(np.searchsorted(a, cut, side="right"))
        return float(fixed * w[k] + rate * wa[k])
    k = int(np.searchsorted(a, cut, side="left"))  # pays for amounts below the cut
    return float(fixed * (w[0] - w[k]) + rate * (wa[0] - wa[k]))


def perfect_value(amounts: ClassAmounts, model: ValueModel) -> float:
    """Value of the perfect decision: each row flagged exactly when flagging it is worth more
    than not flagging it, knowing its class.

    Parameters
    ----------
    amounts : ClassAmounts
        Each class's sorted amounts, from ``class_amounts``.
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).

    Returns
    -------
    float
        Currency units versus flagging nothing; no threshold of any model can beat it.

    Notes
    -----
    ``perfect = sum over positives of max(0, (TP.fixed - FN.fixed) + (TP.rate - FN.rate) a)
    + sum over negatives of max(0, (FP.fixed - TN.fixed) + (FP.rate - TN.rate) a)``. A fraud
    worth less than its review cost is left alone; flagging every positive is not always
    best.
    """
    positive = _best_of_class(
        amounts, 1, model.tp.fixed - model.fn.fixed, model.tp.rate - model.fn.rate
    )
    negative = _best_of_class(
        amounts, 0, model.fp.fixed - model.tn.fixed, model.fp.rate - model.tn.rate
    )
    return positive + negative


@dataclass(frozen=True)
class BestPoint:
    """The curve point that maximises one objective; ``threshold`` is inf for 'flag nothing'."""

    index: int
    threshold: float
    value: float

    @property
    def flags_nothing(self) -> bool:
        return bool(np.isinf(self.threshold))


@dataclass(frozen=True)
class BestThresholds:
    """Thresholds that maximise money, F1 and accuracy, and money within a review capacity."""

    savings: BestPoint
    f1: BestPoint
    accuracy: BestPoint
    savings_within_capacity: BestPoint | None


def _best(
    curve: ThresholdCurve, objective: np.ndarray, allowed: np.ndarray | None = None
) -> BestPoint:
    """Argmax over curve points; ties go to the highest threshold (fewest flags)."""
    scores = np.where(np.isnan(objective), -np.inf, objective)
    if allowed is not None:
        scores = np.where(allowed, scores, -np.inf)
    i = int(np.argmax(scores))
    return BestPoint(index=i, threshold=float(curve.thresholds[i]), value=float(objective[i]))


def best_thresholds(
    curve: ThresholdCurve,
    model: ValueModel,
    *,
    days: float | None = None,
    capacity_per_day: float | None = None,
) -> BestThresholds:
    """Exact best thresholds over all distinct scores and 'flag nothing'.

    Notes
    -----
    The capacity constraint is ``flagged / days <= capacity_per_day``; it is skipped (None)
    unless both ``days`` and ``capacity_per_day`` are given.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.
    model : ValueModel
        What each confusion-matrix cell is worth (currency units).
    days : float or None
        Calendar days the data spans; needed for a capacity constraint.
    capacity_per_day : float or None
        Alerts reviewers can handle a day; None for no constraint.

    Returns
    -------
    BestThresholds
    """
    values = value_curve(curve, model)
    within = None
    if days is not None and capacity_per_day is not None:
        within = _best(curve, values, allowed=curve.flagged <= capacity_per_day * days + 1e-9)
    return BestThresholds(
        savings=_best(curve, values),
        f1=_best(curve, f1(curve.tp, curve.fp, curve.positives)),
        accuracy=_best(curve, accuracy(curve.tp, curve.fp, curve.positives, curve.negatives)),
        savings_within_capacity=within,
    )
