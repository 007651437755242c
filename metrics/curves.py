"""Exact threshold curves: sort once, cumulative sums, per-row weights and amounts.

A row is flagged when ``score >= threshold``. A curve holds the confusion counts (and the
amounts behind them) at every distinct score, so any threshold is answered by a lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from metrics.validation import (
    check_amounts,
    check_labels,
    check_same_length,
    check_scores,
    check_threshold,
    check_weights,
    warn_undefined,
)


@dataclass(frozen=True, eq=False)
class ThresholdCurve:
    """Confusion counts at every distinct score, highest threshold first.

    Point 0 flags nothing (threshold ``+inf``); point ``i`` flags every row whose score is at
    least ``thresholds[i]``. Counts are weighted by ``sample_weight`` when one is given.

    Attributes
    ----------
    thresholds : ndarray of shape (m + 1,)
        ``+inf`` followed by the distinct scores in descending order.
    tp, fp : ndarray of shape (m + 1,)
        Positives and negatives flagged at each point.
    tp_amount, fp_amount : ndarray of shape (m + 1,)
        Sum of the amounts of the flagged positives and negatives.
    positives, negatives, positive_amount, negative_amount : float
        Totals over all rows.
    """

    thresholds: np.ndarray
    tp: np.ndarray
    fp: np.ndarray
    tp_amount: np.ndarray
    fp_amount: np.ndarray
    positives: float
    negatives: float
    positive_amount: float
    negative_amount: float
    _search_key: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("thresholds", "tp", "fp", "tp_amount", "fp_amount"):
            getattr(self, name).flags.writeable = False
        object.__setattr__(self, "_search_key", -self.thresholds)

    def __len__(self) -> int:
        return len(self.thresholds)

    @property
    def n(self) -> float:
        return self.positives + self.negatives

    @property
    def flagged(self) -> np.ndarray:
        return self.tp + self.fp

    def index(self, threshold: float | np.ndarray) -> np.ndarray | int:
        """Curve point that flags exactly the rows with ``score >= threshold``."""
        found = np.searchsorted(self._search_key, -np.asarray(threshold), side="right") - 1
        return int(found) if np.ndim(found) == 0 else found


def threshold_curve(
    y_true: object,
    y_score: object,
    *,
    amount: object | None = None,
    sample_weight: object | None = None,
) -> ThresholdCurve:
    """Build the exact curve in one sort and a few cumulative sums.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a positive (fraud), 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted probability of the positive class, in [0, 1].
    amount : array-like of shape (n,), optional
        Non-negative money amount of each row; zero when omitted.
    sample_weight : array-like of shape (n,), optional
        Non-negative row weights; they scale both counts and amounts.

    Returns
    -------
    ThresholdCurve
    """
    y = check_labels(y_true)
    s = check_scores(y_score)
    arrays = {"label": y, "score": s}
    a = None if amount is None else check_amounts(amount)
    w = None if sample_weight is None else check_weights(sample_weight)
    if a is not None:
        arrays["amount"] = a
    if w is not None:
        arrays["sample_weight"] = w
    n = check_same_length(**arrays)

    order = np.argsort(s)[::-1]
    s_sorted = s[order]
    pos = y[order].astype(np.float64) if w is None else y[order] * w[order]
    # Last row of each run of equal scores: the curve steps only there.
    ends = np.flatnonzero(s_sorted[1:] != s_sorted[:-1])
    ends = np.append(ends, n - 1)

    tp_all = np.cumsum(pos)
    if w is None:
        fp_all = np.arange(1, n + 1, dtype=np.float64) - tp_all
    else:
        fp_all = np.cumsum(w[order]) - tp_all
    zero = np.zeros(1)
    tp = np.concatenate([zero, tp_all[ends]])
    fp = np.concatenate([zero, fp_all[ends]])
    if a is None:
        tp_amount = fp_amount = np.zeros_like(tp)
        pos_amount_total = neg_amount_total = 0.0
    else:
        amount_sorted = a[order] if w is None else a[order] * w[order]
        pos_amount = amount_sorted * y[order]
        tp_amount = np.concatenate([zero, np.cumsum(pos_amount)[ends]])
        fp_amount = np.concatenate([zero, np.cumsum(amount_sorted - pos_amount)[ends]])
        pos_amount_total = float(tp_amount[-1])
        neg_amount_total = float(fp_amount[-1])
    return ThresholdCurve(
        thresholds=np.concatenate([[np.inf], s_sorted[ends]]),
        tp=tp,
        fp=fp,
        tp_amount=tp_amount,
        fp_amount=fp_amount,
        positives=float(tp[-1]),
        negatives=float(fp[-1]),
        positive_amount=pos_amount_total,
        negative_amount=neg_amount_total,
    )


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan
        )


def precision(tp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """TP / (TP + FP); NaN where nothing is flagged."""
    return _ratio(tp, tp + fp)


def recall(tp: np.ndarray, positives: float) -> np.ndarray:
    """TP / P; NaN when there are no positives."""
    return _ratio(tp, np.full_like(np.asarray(tp, dtype=float), positives))


def f1(tp: np.ndarray, fp: np.ndarray, positives: float) -> np.ndarray:
    """2 TP / (2 TP + FP + FN); 0 when nothing is flagged, NaN with no positives and no flags."""
    return _ratio(2 * tp, tp + fp + positives)


def accuracy(tp: np.ndarray, fp: np.ndarray, positives: float, negatives: float) -> np.ndarray:
    """(TP + TN) / N."""
    return _ratio(
        tp + negatives - fp, np.full_like(np.asarray(tp, dtype=float), positives + negatives)
    )


def false_positive_rate(fp: np.ndarray, negatives: float) -> np.ndarray:
    """FP / N_negative; NaN when there are no negatives."""
    return _ratio(fp, np.full_like(np.asarray(fp, dtype=float), negatives))


def roc_auc(curve: ThresholdCurve) -> float:
    """Area under the ROC curve (trapezoids between distinct thresholds, ties as diagonals).

    NaN with an ``UndefinedMetricWarning`` when only one class is present.
    """
    if curve.positives <= 0 or curve.negatives <= 0:
        return warn_undefined("ROC AUC", "only one class is present")
    tpr = curve.tp / curve.positives
    fpr = curve.fp / curve.negatives
    return float(np.trapezoid(tpr, fpr))


def average_precision(curve: ThresholdCurve) -> float:
    """Area under the precision-recall curve as sum of (R_k - R_{k-1}) * P_k.

    This is scikit-learn's ``average_precision_score``; NaN with a warning without positives.
    """
    if curve.positives <= 0:
        return warn_undefined("PR AUC", "there are no positives")
    rec = curve.tp / curve.positives
    prec = precision(curve.tp[1:], curve.fp[1:])
    return float(np.sum(np.diff(rec) * prec))


@dataclass(frozen=True)
class ClassificationPoint:
    """Confusion counts and ML metrics at one threshold (NaN where a metric is undefined)."""

    threshold: float
    tp: float
    fp: float
    fn: float
    tn: float
    precision: float
    recall: float
    f1: float
    accuracy: float
    false_positive_rate: float

    @property
    def flagged(self) -> float:
        return self.tp + self.fp


def point_at_index(curve: ThresholdCurve, index: int, threshold: float) -> ClassificationPoint:
    """Metrics at curve point ``index``, reported for ``threshold``."""
    tp, fp = curve.tp[index], curve.fp[index]
    p, n = curve.positives, curve.negatives
    return ClassificationPoint(
        threshold=float(threshold),
        tp=float(tp),
        fp=float(fp),
        fn=float(p - tp),
        tn=float(n - fp),
        precision=float(precision(tp, fp)),
        recall=float(recall(tp, p)),
        f1=float(f1(tp, fp, p)),
        accuracy=float(accuracy(tp, fp, p, n)),
        false_positive_rate=float(false_positive_rate(fp, n)),
    )


def point_at(curve: ThresholdCurve, threshold: float) -> ClassificationPoint:
    """Metrics when every row with ``score >= threshold`` is flagged: a lookup, no sort."""
    t = check_threshold(threshold)
    return point_at_index(curve, curve.index(t), t)
