"""For whom the model works: the best threshold per segment, what per-segment thresholds gain
over one threshold (in-sample, and as earned: each threshold chosen on other rows than it is
valued on), and the money a fairness constraint costs (equal recall or equal flag rate across
segments) against the unconstrained per-segment best."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.crossfit import CrossFitInputs, CrossFitted, cross_fitted, curve_with_cross_fit
from metrics.core.curves import ThresholdCurve
from metrics.core.value import ClassAmounts, ValueModel, class_amounts
from metrics.decide.model import Decision, decide

TARGETS = np.linspace(0.0, 1.0, 101)
"""Common recall or flag rate a fairness constraint asks of every segment (1% steps)."""


@dataclass(frozen=True, eq=False)
class Segments:
    """Per segment decisions and what coordinating their thresholds costs.

    Attributes
    ----------
    names : list of str
    decisions : list of Decision
        One per segment, on its rows only.
    at_overall : ndarray
        Each segment's value at the single best overall threshold.
    overall_value : float
        Value of the single best threshold over all rows.
    per_segment_value : float
        Sum of each segment's own best value.
    equal_recall_value, equal_flag_rate_value : float
        Best total value when every segment must reach the same recall (or act on the same
        share of its rows), each at the highest threshold that does.
    earned : ndarray
        Each segment's best value as earned: each fold of its rows valued at the threshold
        best on its other folds (cross-fitted), plus acting on nobody.
    overall_earned : float or None
        The same for one threshold over all rows (None when not given).
    """

    names: list[str]
    decisions: list[Decision]
    at_overall: np.ndarray
    overall_value: float
    per_segment_value: float
    equal_recall_value: float
    equal_flag_rate_value: float
    earned: np.ndarray
    overall_earned: float | None = None

    @property
    def gain(self) -> float:
        """What per-segment thresholds add over one threshold, in-sample (each chosen on the
        rows it is valued on)."""
        return self.per_segment_value - self.overall_value

    @property
    def gain_earned(self) -> float | None:
        """What per-segment thresholds add over one threshold as earned (both cross-fitted).
        None without the overall figure."""
        if self.overall_earned is None:
            return None
        return float(self.earned.sum()) - self.overall_earned

    @property
    def price_of_equal_recall(self) -> float:
        return self.per_segment_value - self.equal_recall_value

    @property
    def price_of_equal_flag_rate(self) -> float:
        return self.per_segment_value - self.equal_flag_rate_value


@dataclass(frozen=True, eq=False)
class SegmentCurves:
    """Each segment's exact curve, sorted amounts and folds: computed once per data and
    column, valued again for every value matrix."""

    names: list[str]
    curves: list[ThresholdCurve]
    amounts: list[ClassAmounts]
    folds: list[CrossFitInputs]


def segment_curves(
    y: np.ndarray, score: np.ndarray, amount: np.ndarray, segment: np.ndarray
) -> SegmentCurves:
    """One curve per segment, on its rows only, and its stratified folds (seeded).

    Parameters
    ----------
    y, score, amount : ndarray of shape (n,)
        Validated labels, scores and amounts.
    segment : ndarray of shape (n,)
        Each row's segment (any values; shown as text).

    Returns
    -------
    SegmentCurves
    """
    labels = np.asarray([str(s) for s in segment])
    names = sorted(set(labels.tolist()))
    curves, amounts, folds = [], [], []
    for name in names:
        rows = labels == name
        curve, inputs = curve_with_cross_fit(
            y[rows], score[rows], amount=amount[rows], interval=False
        )
        curves.append(curve)
        folds.append(inputs)
        amounts.append(class_amounts(y[rows], amount[rows]))
    return SegmentCurves(names, curves, amounts, folds)


def by_segment(
    parts: SegmentCurves,
    model: ValueModel,
    overall: Decision,
    overall_earned: CrossFitted | None = None,
) -> Segments:
    """Decisions per segment, against the overall best threshold.

    Parameters
    ----------
    parts : SegmentCurves
    model : ValueModel
    overall : Decision
        The decision on all rows.
    overall_earned : CrossFitted, optional
        The overall best value as earned (``earned_best``), for the gain as earned.

    Returns
    -------
    Segments
    """
    decisions = [decide(c, a, model) for c, a in zip(parts.curves, parts.amounts, strict=True)]
    at_overall = [d.value[d.curve.index(overall.best_threshold)] for d in decisions]
    return Segments(
        names=parts.names,
        decisions=decisions,
        at_overall=np.array(at_overall),
        overall_value=overall.best_value,
        per_segment_value=float(sum(d.best_value for d in decisions)),
        equal_recall_value=_equal(decisions, "recall"),
        equal_flag_rate_value=_equal(decisions, "flag_rate"),
        earned=np.array(
            [
                d.none + cross_fitted(f.cells, model, in_sample=d.best_value - d.none).value
                for f, d in zip(parts.folds, decisions, strict=True)
            ]
        ),
        overall_earned=None if overall_earned is None else overall.none + overall_earned.value,
    )


def _equal(decisions: list[Decision], kind: str) -> float:
    """Best total over common targets: each segment at the first point reaching the target."""
    totals = np.zeros(len(TARGETS))
    for decision in decisions:
        curve = decision.curve
        if kind == "recall":
            reached = curve.tp / max(curve.positives, 1e-12)
        else:
            reached = curve.flagged / curve.n
        point = np.minimum(np.searchsorted(reached, TARGETS - 1e-9), len(curve) - 1)
        totals += decision.value[point]
    return float(totals.max())
