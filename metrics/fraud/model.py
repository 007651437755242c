"""Fraud detection in money: costs, the threshold-independent analysis and per-threshold
snapshots for the page and the command line."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.bootstrap import BootstrapCurves, ValueBand, value_band
from metrics.core.crossfit import CrossFitInputs, CrossFitted, cross_fitted, prepare_cross_fit
from metrics.core.curves import SortedRows, ThresholdCurve, sort_rows, sorted_curve
from metrics.core.rates import ClassificationPoint, point_at
from metrics.core.validation import check_non_negative, check_share
from metrics.core.value import (
    BestPoint,
    BestThresholds,
    ClassAmounts,
    OutcomeValue,
    ValueModel,
    best_thresholds,
    class_amounts,
    perfect_value,
    value_curve,
)

FALLBACK_THRESHOLD = 0.5
"""The opening threshold when no threshold saves money (every flag costs more than it saves)."""
DEFAULT_CAPACITY_PER_DAY = 25.0
"""Alerts the review team can check a day, before anyone changes it."""


@dataclass(frozen=True)
class FraudCosts:
    """What each decision costs or saves, in USD, relative to approving the transaction.

    Notes
    -----
    - caught fraud (TP): saves its amount plus ``chargeback_fee``, costs ``review_cost``;
    - false alarm (FP): costs ``review_cost`` plus ``decline_cost_rate`` x its amount
      (lost margin and customer friction);
    - approving (FN, TN) is the baseline and changes nothing.

    So ``net_savings(t) = sum_flagged_fraud(amount + chargeback_fee)
    - review_cost * flagged - decline_cost_rate * sum_flagged_legit(amount)``.
    """

    review_cost: float = 5.0
    chargeback_fee: float = 15.0
    decline_cost_rate: float = 0.10

    def __post_init__(self) -> None:
        check_non_negative(self.review_cost, "review_cost", "USD per flagged transaction")
        check_non_negative(self.chargeback_fee, "chargeback_fee", "USD per caught fraud")
        check_share(
            self.decline_cost_rate,
            "decline_cost_rate",
            "share of a flagged legitimate amount, 0.10 = 10%",
        )

    def value_model(self) -> ValueModel:
        return ValueModel(
            tn=OutcomeValue(),
            fp=OutcomeValue(fixed=-self.review_cost, rate=-self.decline_cost_rate),
            fn=OutcomeValue(),
            tp=OutcomeValue(fixed=self.chargeback_fee - self.review_cost, rate=1.0),
        )


@dataclass(frozen=True, eq=False)
class FraudData:
    """Validated transactions: labels, scores, amounts (USD) and the days they span."""

    y_true: np.ndarray
    y_score: np.ndarray
    amount: np.ndarray
    days: float | None = None

    def curve(self, rows: SortedRows | None = None) -> ThresholdCurve:
        return sorted_curve(self.sorted_rows() if rows is None else rows)

    def sorted_rows(self) -> SortedRows:
        """Rows from the highest score down: one sort for the curve and the folds."""
        return sort_rows(self.y_true, self.y_score, amount=self.amount)

    def cross_fit(self, rows: SortedRows, *, interval: bool = True) -> CrossFitInputs:
        """Folds and resamples for the cross-fitted best value."""
        return prepare_cross_fit(self.y_true, rows, interval=interval)


@dataclass(frozen=True, eq=False)
class FraudAnalysis:
    """Everything about one model and one cost setting that does not depend on the threshold.

    ``values`` is net savings (USD, versus approving everything) at each curve point;
    ``honest`` the most-money threshold's savings chosen and valued on different rows (None
    for a big log, whose rows are only summed).
    """

    curve: ThresholdCurve
    costs: FraudCosts
    values: np.ndarray
    perfect_savings: float
    best: BestThresholds
    days: float | None
    capacity_per_day: float | None
    band: ValueBand | None
    honest: CrossFitted | None = None


def analyse(
    data: FraudData,
    costs: FraudCosts,
    *,
    curve: ThresholdCurve | None = None,
    amounts: ClassAmounts | None = None,
    capacity_per_day: float | None = None,
    boot: BootstrapCurves | None = None,
    cross_fit: CrossFitInputs | None = None,
) -> FraudAnalysis:
    """Value curve, perfect-model savings, best thresholds, the cross-fitted best and (given
    resamples) the band.

    Parameters
    ----------
    data : FraudData
        Validated labels, scores, amounts (USD) and days.
    costs : FraudCosts
        Review cost, chargeback fee (USD) and friction rate.
    curve : ThresholdCurve, optional
        Exact confusion counts at every distinct score; built from ``data`` when None.
    amounts : ClassAmounts, optional
        Each class's sorted amounts, for the perfect decision; built when None.
    capacity_per_day : float or None
        Alerts reviewers can handle a day; None for no constraint.
    boot : BootstrapCurves
        Resampled confusion sums on a threshold grid.
    cross_fit : CrossFitInputs, optional
        Folds and resamples; built (with the curve, in one sort) when ``curve`` is None.

    Returns
    -------
    FraudAnalysis
    """
    if curve is None:
        rows = data.sorted_rows()
        curve = data.curve(rows)
        cross_fit = data.cross_fit(rows) if cross_fit is None else cross_fit
    amounts = class_amounts(data.y_true, data.amount) if amounts is None else amounts
    return analyse_curve(
        curve,
        costs,
        days=data.days,
        perfect_savings=perfect_value(amounts, costs.value_model()),
        capacity_per_day=capacity_per_day,
        boot=boot,
        cross_fit=cross_fit,
    )


def analyse_curve(
    curve: ThresholdCurve,
    costs: FraudCosts,
    *,
    days: float | None,
    perfect_savings: float,
    capacity_per_day: float | None = None,
    boot: BootstrapCurves | None = None,
    cross_fit: CrossFitInputs | None = None,
) -> FraudAnalysis:
    """The analysis from sufficient statistics alone: what a big log's engine hands back.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.
    costs : FraudCosts
        Review cost, chargeback fee (USD) and friction rate.
    days : float or None
        Calendar days the data spans; needed for a capacity constraint.
    perfect_savings : float
        USD the perfect decision saves under ``costs``.
    capacity_per_day : float or None
        Alerts reviewers can handle a day; None for no constraint.
    boot : BootstrapCurves
        Resampled confusion sums on a threshold grid.
    cross_fit : CrossFitInputs, optional
        Folds and resamples of the same rows, for the cross-fitted best.

    Returns
    -------
    FraudAnalysis
    """
    model = costs.value_model()
    if capacity_per_day is not None:
        check_non_negative(capacity_per_day, "capacity_per_day", "alerts a day")
    best = best_thresholds(curve, model, days=days, capacity_per_day=capacity_per_day)
    honest = None
    if cross_fit is not None:
        honest = cross_fitted(
            cross_fit.cells, model, in_sample=best.savings.value, boot=cross_fit.boot
        )
    return FraudAnalysis(
        curve=curve,
        costs=costs,
        values=value_curve(curve, model),
        perfect_savings=perfect_savings,
        best=best,
        days=days,
        capacity_per_day=capacity_per_day,
        band=None if boot is None else value_band(boot, model),
        honest=honest,
    )


def earned_a_year(data: FraudData, costs: FraudCosts | None = None) -> float:
    """The most-money threshold's net savings a year as earned (cross-fitted): what the ROI
    page takes as the value at full performance by default (USD a year).

    Parameters
    ----------
    data : FraudData
        Validated rows with dates.
    costs : FraudCosts, optional
        The default costs when None.

    Returns
    -------
    float
    """
    if not data.days:
        raise ValueError("a value a year needs dates; the data has no timestamp column")
    rows = data.sorted_rows()
    analysis = analyse(
        data,
        costs or FraudCosts(),
        curve=data.curve(rows),
        cross_fit=data.cross_fit(rows, interval=False),
    )
    return analysis.honest.value / data.days * 365


@dataclass(frozen=True)
class FraudSnapshot:
    """The business view at one threshold. Money in USD, versus approving everything."""

    point: ClassificationPoint
    net_savings: float
    interval: tuple[float, float] | None
    share_of_perfect: float
    alerts_per_day: float | None
    caught_fraud_value: float
    false_alarm_cost: float
    caught_fraud_amount: float
    missed_fraud_amount: float
    flagged_legit_amount: float
    capacity_per_day: float | None

    @property
    def over_capacity(self) -> bool:
        if self.alerts_per_day is None or self.capacity_per_day is None:
            return False
        return self.alerts_per_day > self.capacity_per_day


def snapshot(analysis: FraudAnalysis, threshold: float) -> FraudSnapshot:
    """Look up the business view at ``threshold`` (no sort, no pass over rows).

    Parameters
    ----------
    analysis : FraudAnalysis
        The threshold-independent analysis for one cost setting.
    threshold : float
        Flag a row when ``score >= threshold``, in [0, 1].

    Returns
    -------
    FraudSnapshot
    """
    curve = analysis.curve
    point = point_at(curve, threshold)
    i = curve.index(threshold)
    model = analysis.costs.value_model()
    caught = float(model.flag_value(curve.tp[i], 0.0, curve.tp_amount[i], 0.0))
    false_alarms = float(model.flag_value(0.0, curve.fp[i], 0.0, curve.fp_amount[i]))
    perfect = analysis.perfect_savings
    return FraudSnapshot(
        point=point,
        net_savings=float(analysis.values[i]),
        interval=None if analysis.band is None else analysis.band.at(threshold),
        share_of_perfect=float(analysis.values[i] / perfect) if perfect > 0 else float("nan"),
        alerts_per_day=None if analysis.days is None else point.flagged / analysis.days,
        caught_fraud_value=caught,
        false_alarm_cost=-false_alarms,
        caught_fraud_amount=float(curve.tp_amount[i]),
        missed_fraud_amount=float(curve.positive_amount - curve.tp_amount[i]),
        flagged_legit_amount=float(curve.fp_amount[i]),
        capacity_per_day=analysis.capacity_per_day,
    )


def opening_threshold(analysis: FraudAnalysis) -> float:
    """The threshold the page opens at: the most money within the review capacity when the
    data has dates, else the most money; ``FALLBACK_THRESHOLD`` when no threshold saves any.

    Parameters
    ----------
    analysis : FraudAnalysis

    Returns
    -------
    float
        In [0, 1].
    """
    best = _opening_point(analysis)
    return FALLBACK_THRESHOLD if best is None else min(max(best.threshold, 0.0), 1.0)


def _opening_point(analysis: FraudAnalysis) -> BestPoint | None:
    best = analysis.best.savings_within_capacity or analysis.best.savings
    return None if best.flags_nothing or best.value <= 0 else best


def opening_reason(analysis: FraudAnalysis) -> str:
    """Why the page opened where it did, in one line (see ``opening_threshold``).

    Parameters
    ----------
    analysis : FraudAnalysis

    Returns
    -------
    str
    """
    if _opening_point(analysis) is None:
        return (
            f"Opened at {FALLBACK_THRESHOLD:g}: at these costs no threshold saves money "
            "compared with approving everything."
        )
    if analysis.best.savings_within_capacity is not None:
        return (
            "Opened at the threshold that saves the most while the alerts stay within the "
            "review capacity; move the workload or the threshold to compare."
        )
    return "Opened at the threshold that saves the most; move it to compare."
