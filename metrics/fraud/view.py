"""What the fraud page and the command line show: grid tables, policies, sentences and the
cached view bundle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.core.bootstrap import BootstrapCurves, bootstrap_curves
from metrics.core.crossfit import CrossFitInputs
from metrics.core.curves import ThresholdCurve
from metrics.core.engine import ParquetLog
from metrics.core.format import csv_text, money, period_text, threshold_text
from metrics.core.operating import workload_figure
from metrics.core.rates import accuracy, average_precision, f1, precision, recall, roc_auc
from metrics.core.value import BestPoint, ValueModel, class_amounts, perfect_value
from metrics.fraud.model import (
    FraudAnalysis,
    FraudCosts,
    FraudData,
    FraudSnapshot,
    analyse_curve,
)

THRESHOLD_GRID = np.round(np.linspace(0.0, 1.0, 1001), 3)
"""Thresholds offered by the page's slider and used for charts and bootstrap bands."""


def headline(snap: FraudSnapshot, *, days: float | None) -> str:
    """One plain sentence about the chosen threshold, for someone who never saw a
    confusion matrix.

    Parameters
    ----------
    snap : FraudSnapshot
        The business view at one threshold.
    days : float or None
        Calendar days the data spans; needed for a capacity constraint.

    Returns
    -------
    str
    """
    p = snap.point
    if snap.alerts_per_day is None:
        volume = f"the model flags {p.flagged:,.0f} transactions"
    else:
        volume = f"the model flags {workload_figure(snap.alerts_per_day)} transactions a day"
    if snap.capacity_per_day is not None and snap.alerts_per_day is not None:
        verb = "can only handle" if snap.over_capacity else "can handle"
        volume += f"; your reviewers {verb} {workload_figure(snap.capacity_per_day)}"
    caught = "none of the fraud" if p.tp == 0 else f"{p.recall:.0%} of the fraud"
    outcome = "saves" if snap.net_savings >= 0 else "loses"
    amount = money(abs(snap.net_savings))
    if days:
        amount = (
            f"{money(abs(snap.net_savings) * 365 / days)} a year ({amount} over {days:,.0f} days)"
        )
    return (
        f"At a threshold of {threshold_text(p.threshold)}, {volume}. It catches {caught} and "
        f"{outcome} {amount} compared with approving everything."
    )


def curve_table(analysis: FraudAnalysis, grid: np.ndarray = THRESHOLD_GRID) -> pd.DataFrame:
    """The curve sampled at ``grid`` thresholds, exact at each, for charts and download.

    Parameters
    ----------
    analysis : FraudAnalysis
        The threshold-independent analysis for one cost setting.
    grid : ndarray of shape (g,)
        Thresholds to sample, ascending.

    Returns
    -------
    DataFrame
        One row per grid threshold: counts, metrics, net savings (USD).
    """
    curve = analysis.curve
    idx = curve.index(grid)
    tp, fp = curve.tp[idx], curve.fp[idx]
    p, n = curve.positives, curve.negatives
    table = pd.DataFrame(
        {
            "threshold": grid,
            "flagged": tp + fp,
            "tp": tp,
            "fp": fp,
            "fn": p - tp,
            "tn": n - fp,
            "precision": precision(tp, fp),
            "recall": recall(tp, p),
            "f1": f1(tp, fp, p),
            "accuracy": accuracy(tp, fp, p, n),
            "net_savings_usd": analysis.values[idx],
        }
    )
    if analysis.days is not None:
        table.insert(2, "alerts_per_day", table["flagged"] / analysis.days)
    if analysis.band is not None and np.array_equal(analysis.band.thresholds, grid):
        table["net_savings_low_usd"] = analysis.band.low
        table["net_savings_high_usd"] = analysis.band.high
    return table


@dataclass(frozen=True)
class Policy:
    """A named decision rule and what it achieves."""

    name: str
    point: BestPoint
    accuracy: float
    f1: float
    net_savings: float
    flagged: float


def policies(analysis: FraudAnalysis) -> list[Policy]:
    """Approve everything, and the thresholds best for accuracy, F1 and money: the accuracy
    paradox side by side.

    Parameters
    ----------
    analysis : FraudAnalysis
        The threshold-independent analysis for one cost setting.

    Returns
    -------
    list of Policy
    """
    curve = analysis.curve
    acc = accuracy(curve.tp, curve.fp, curve.positives, curve.negatives)
    f1s = f1(curve.tp, curve.fp, curve.positives)
    best = analysis.best
    named = [
        ("Approve everything", BestPoint(0, float("inf"), 0.0)),
        ("Best accuracy", best.accuracy),
        ("Best F1", best.f1),
        ("Most money", best.savings),
    ]
    if best.savings_within_capacity is not None:
        named.append(("Most money within review capacity", best.savings_within_capacity))
    return [
        Policy(
            name,
            p,
            float(acc[p.index]),
            float(f1s[p.index]),
            float(analysis.values[p.index]),
            float(curve.flagged[p.index]),
        )
        for name, p in named
    ]


def paradox_sentence(rows: list[Policy], positive_share: float, days: float | None = None) -> str:
    """Why accuracy misleads here, in numbers from ``policies``.

    Parameters
    ----------
    rows : list of Policy
        Named decision rules, from ``policies``.
    positive_share : float
        Share of rows that are positive (fraud).
    days : float, optional
        Calendar days the data spans, to say what the savings are over.

    Returns
    -------
    str
    """
    by_name = {r.name: r for r in rows}
    everything, accurate, richest = (
        by_name[k] for k in ("Approve everything", "Best accuracy", "Most money")
    )
    less = "less" if richest.accuracy < accurate.accuracy else "as"
    return (
        f"Approving everything is {everything.accuracy:.2%} accurate and saves nothing, because "
        f"only {positive_share:.2%} of transactions are fraud. The most accurate threshold saves "
        f"{money(accurate.net_savings)}{period_text(days)}; the threshold that saves the most, "
        f"{money(richest.net_savings)}, is {less}"
        f" accurate ({richest.accuracy:.2%}). Judge the model by money, not accuracy."
    )


@dataclass(frozen=True, eq=False)
class PreparedFraud:
    """The expensive, cost-independent part: the exact curve, the bootstrap resamples, and
    how to value the perfect decision for any costs. Built from rows in memory (``prepare``)
    or from a big log's sums (``prepare_log``).

    Attributes
    ----------
    curve : ThresholdCurve
    boot : BootstrapCurves or None
        Resampled sums on ``THRESHOLD_GRID``; None while a big log's interval is pending.
    days : float or None
        Calendar days the data spans.
    perfect : callable
        ValueModel -> value of the perfect decision (currency units).
    resolution : float or None
        Score grid step when a big log was grouped on one; None when exact.
    cross_fit : CrossFitInputs or None
        Folds and resamples for the cross-fitted best (rows in memory only).
    """

    curve: ThresholdCurve
    boot: BootstrapCurves | None
    days: float | None
    perfect: Callable[[ValueModel], float]
    resolution: float | None = None
    cross_fit: CrossFitInputs | None = None


def prepare(data: FraudData, *, n_resamples: int = 400, seed: int = 0) -> PreparedFraud:
    """Sort once and resample once; every cost or threshold change reuses this.

    Parameters
    ----------
    data : FraudData
        Validated labels, scores, amounts (USD) and days.
    n_resamples : int
        Number of bootstrap resamples.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    PreparedFraud
    """
    boot = bootstrap_curves(
        data.y_true,
        data.y_score,
        amount=data.amount,
        thresholds=THRESHOLD_GRID,
        n_resamples=n_resamples,
        seed=seed,
    )
    amounts = class_amounts(data.y_true, data.amount)
    rows = data.sorted_rows()
    return PreparedFraud(
        curve=data.curve(rows),
        boot=boot,
        days=data.days,
        perfect=lambda model: perfect_value(amounts, model),
        cross_fit=data.cross_fit(rows),
    )


def prepare_log(
    log: ParquetLog, *, interval: bool = True, n_resamples: int = 400, seed: int = 0
) -> PreparedFraud:
    """``prepare`` for a big log: sums from the engine, the bootstrap from bucket moments, and
    the perfect decision valued for each cost setting (from the sums, or in the engine).

    Parameters
    ----------
    log : ParquetLog
        An open, validated log.
    interval : bool
        Resample for the 95% interval (one more pass over the log); without it ``boot`` is
        None, so a first view can be drawn before the interval is ready.
    n_resamples : int
        Number of bootstrap resamples.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    PreparedFraud
    """
    summary = log.summary()
    boot = log.bootstrap(THRESHOLD_GRID, n_resamples=n_resamples, seed=seed) if interval else None
    return PreparedFraud(
        curve=summary.curve,
        boot=boot,
        days=summary.days,
        perfect=log.perfect_value,
        resolution=summary.resolution,
    )


@dataclass(frozen=True, eq=False)
class FraudView:
    """What the page draws for one cost setting, before a threshold is chosen."""

    analysis: FraudAnalysis
    table: pd.DataFrame
    policies: list[Policy]
    paradox: str
    csv: str
    roc_auc: float
    pr_auc: float


def fraud_view(
    prepared: PreparedFraud, costs: FraudCosts, *, capacity_per_day: float | None
) -> FraudView:
    """Analysis, grid table, policies and the CSV download for one cost setting.

    Parameters
    ----------
    prepared : PreparedFraud
        The data set's curve, resamples and perfect decision.
    costs : FraudCosts
        Review cost, chargeback fee (USD) and friction rate.
    capacity_per_day : float or None
        Alerts reviewers can handle a day; None for no constraint.

    Returns
    -------
    FraudView
    """
    analysis = analyse_curve(
        prepared.curve,
        costs,
        days=prepared.days,
        perfect_savings=prepared.perfect(costs.value_model()),
        capacity_per_day=capacity_per_day,
        boot=prepared.boot,
        cross_fit=prepared.cross_fit,
    )
    table = curve_table(analysis)
    rows = policies(analysis)
    share = analysis.curve.positives / analysis.curve.n
    return FraudView(
        analysis,
        table,
        rows,
        paradox_sentence(rows, share, analysis.days),
        csv_text(table),
        roc_auc(analysis.curve),
        average_precision(analysis.curve),
    )
