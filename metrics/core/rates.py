"""Rates at a curve point (precision, recall, F1, accuracy, false-positive rate) and the
threshold-free areas (ROC AUC, average precision), each NaN where undefined."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.curves import ThresholdCurve
from metrics.core.validation import (
    check_threshold,
    warn_undefined,
)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(
            denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan
        )


def precision(tp: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """TP / (TP + FP); NaN where nothing is flagged.

    Parameters
    ----------
    tp : ndarray or float
        Positives flagged (weighted count).
    fp : ndarray or float
        Negatives flagged (weighted count).

    Returns
    -------
    ndarray
        Share of flagged rows that are positive.
    """
    return _ratio(tp, tp + fp)


def recall(tp: np.ndarray, positives: float) -> np.ndarray:
    """TP / P; NaN when there are no positives.

    Parameters
    ----------
    tp : ndarray or float
        Positives flagged (weighted count).
    positives : float
        All positives (weighted count).

    Returns
    -------
    ndarray
        Share of positives flagged.
    """
    return _ratio(tp, np.full_like(np.asarray(tp, dtype=float), positives))


def f1(tp: np.ndarray, fp: np.ndarray, positives: float) -> np.ndarray:
    """2 TP / (2 TP + FP + FN); 0 when nothing is flagged, NaN with no positives and no flags.

    Parameters
    ----------
    tp : ndarray or float
        Positives flagged (weighted count).
    fp : ndarray or float
        Negatives flagged (weighted count).
    positives : float
        All positives (weighted count).

    Returns
    -------
    ndarray
        Harmonic mean of precision and recall.
    """
    return _ratio(2 * tp, tp + fp + positives)


def accuracy(tp: np.ndarray, fp: np.ndarray, positives: float, negatives: float) -> np.ndarray:
    """(TP + TN) / N.

    Parameters
    ----------
    tp : ndarray or float
        Positives flagged (weighted count).
    fp : ndarray or float
        Negatives flagged (weighted count).
    positives : float
        All positives (weighted count).
    negatives : float
        All negatives (weighted count).

    Returns
    -------
    ndarray
        Share of rows decided correctly.
    """
    return _ratio(
        tp + negatives - fp, np.full_like(np.asarray(tp, dtype=float), positives + negatives)
    )


def false_positive_rate(fp: np.ndarray, negatives: float) -> np.ndarray:
    """FP / N_negative; NaN when there are no negatives.

    Parameters
    ----------
    fp : ndarray or float
        Negatives flagged (weighted count).
    negatives : float
        All negatives (weighted count).

    Returns
    -------
    ndarray
        Share of negatives flagged.
    """
    return _ratio(fp, np.full_like(np.asarray(fp, dtype=float), negatives))


def roc_auc(curve: ThresholdCurve) -> float:
    """Area under the ROC curve (trapezoids between distinct thresholds, ties as diagonals).

    NaN with an ``UndefinedMetricWarning`` when only one class is present.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.

    Returns
    -------
    float
        In [0, 1]; NaN with one class only.
    """
    if curve.positives <= 0 or curve.negatives <= 0:
        return warn_undefined("ROC AUC", "only one class is present")
    tpr = curve.tp / curve.positives
    fpr = curve.fp / curve.negatives
    return float(np.trapezoid(tpr, fpr))


def average_precision(curve: ThresholdCurve) -> float:
    """Area under the precision-recall curve as sum of (R_k - R_{k-1}) * P_k.

    This is scikit-learn's ``average_precision_score``; NaN with a warning without positives.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.

    Returns
    -------
    float
        In [0, 1]; NaN without positives.
    """
    if curve.positives <= 0:
        return warn_undefined("PR AUC", "there are no positives")
    step = np.diff(curve.tp / curve.positives)
    # Points where recall does not move add nothing; skipping them also skips the points
    # that only zero-weight rows create (precision 0/0 there), as scikit-learn drops them.
    rising = step > 0
    return float(np.sum(step[rising] * precision(curve.tp[1:][rising], curve.fp[1:][rising])))


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
    """Metrics at curve point ``index``, reported for ``threshold``.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.
    index : int
        Curve point: 0 flags nothing, the last point flags every row.
    threshold : float
        Flag a row when ``score >= threshold``, in [0, 1].

    Returns
    -------
    ClassificationPoint
    """
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
    """Metrics when every row with ``score >= threshold`` is flagged: a lookup, no sort.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.
    threshold : float
        Flag a row when ``score >= threshold``, in [0, 1].

    Returns
    -------
    ClassificationPoint
    """
    t = check_threshold(threshold)
    return point_at_index(curve, curve.index(t), t)
