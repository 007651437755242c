"""Which ML metric tracks the money, and what moving one is worth.

Every candidate fraud model is scored with the usual ML metrics and with its net savings under
the fraud costs (``FraudCosts``) as earned: at a threshold chosen on other transactions than it
is valued on (cross-fitting, as the fraud page's headline), so the metrics are ranked by how
well they track money a model will earn. Its in-sample best (the threshold chosen and valued on
the same transactions) is kept beside it. Accuracy and F1 are taken at the default threshold of
0.5, as they are usually reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import spearmanr

from metrics.ads.ctr import log_loss
from metrics.core.crossfit import cross_fitted, curve_with_cross_fit
from metrics.core.curves import threshold_curve
from metrics.core.format import money
from metrics.core.log_odds import move_log_odds
from metrics.core.rates import average_precision, point_at, roc_auc
from metrics.core.value import best_thresholds, value_curve
from metrics.fraud.model import FraudCosts

METRICS = {
    "accuracy": "Accuracy at 0.5",
    "f1": "F1 at 0.5",
    "roc_auc": "ROC AUC",
    "pr_auc": "PR AUC",
    "log_loss": "Log loss",
}
"""Higher is better for all but log loss."""


@dataclass(frozen=True)
class ModelScore:
    """One model's ML metrics and its money (USD, versus approving everything).

    Attributes
    ----------
    net_savings : float
        At its best threshold on these transactions (chosen and valued on them: in-sample).
    best_threshold : float
    earned : float
        Summed over 5 stratified folds: each fold valued at the threshold that is best on the
        other four (NaN when not computed).
    """

    name: str
    accuracy: float
    f1: float
    roc_auc: float
    pr_auc: float
    log_loss: float
    net_savings: float
    best_threshold: float
    earned: float = float("nan")


def score_model(
    name: str, y_true: np.ndarray, y_score: np.ndarray, amount: np.ndarray, costs: FraudCosts
) -> ModelScore:
    """ML metrics, and net savings at the model's own money-best threshold: in-sample and as
    earned (cross-fitted).

    Parameters
    ----------
    name : str
        Display name of the model.
    y_true : ndarray of shape (n,)
        1 for fraud, 0 otherwise.
    y_score : ndarray of shape (n,)
        Fraud probabilities in [0, 1].
    amount : ndarray of shape (n,)
        Transaction amounts in USD.
    costs : FraudCosts
        Review cost, chargeback fee (USD) and friction rate.

    Returns
    -------
    ModelScore
    """
    curve, folds = curve_with_cross_fit(y_true, y_score, amount=amount, interval=False)
    at_half = point_at(curve, 0.5)
    model = costs.value_model()
    best = best_thresholds(curve, model).savings
    earned = cross_fitted(folds.cells, model, in_sample=best.value).value
    return ModelScore(
        name,
        at_half.accuracy,
        at_half.f1,
        roc_auc(curve),
        average_precision(curve),
        log_loss(y_true, y_score),
        best.value,
        best.threshold,
        earned,
    )


def accuracy_story(scores: list[ModelScore]) -> str:
    """Where accuracy and money disagree most: the more accurate model that earns less.

    Parameters
    ----------
    scores : list of ModelScore
        One row per candidate model.

    Returns
    -------
    str
    """
    pairs = [
        (a, b) for a in scores for b in scores if a.accuracy > b.accuracy and a.earned < b.earned
    ]
    best = max(scores, key=lambda s: s.earned)
    leads = (
        f"{best.name} earning {money(best.earned)} at thresholds chosen on other days than it "
        f"is valued on ({money(best.net_savings)} at its best threshold chosen on these same "
        "days, which fits their chance ups and downs)"
    )
    if not pairs:
        return f"Here accuracy ranks the models in the same order as money; {leads}."
    a, b = max(pairs, key=lambda p: p[1].earned - p[0].earned)
    return (
        f"Accuracy and money disagree: {a.name} is more accurate ({a.accuracy:.3%}) than "
        f"{b.name} ({b.accuracy:.3%}) but earns {money(b.earned - a.earned)} less. "
        f"The most valuable model is {leads}."
    )


def rank_correlations(scores: list[ModelScore]) -> dict[str, float]:
    """Spearman correlation of each metric with money across models, oriented so that +1
    means "the better the metric, the more money" (log loss is negated).

    Parameters
    ----------
    scores : list of ModelScore
        One row per candidate model.

    Returns
    -------
    dict of str to float
        Spearman correlation of each metric with net savings as earned.
    """
    money = [s.earned for s in scores]
    out = {}
    for metric in METRICS:
        values = [getattr(s, metric) for s in scores]
        if metric == "log_loss":
            values = [-v for v in values]
        out[metric] = float(spearmanr(values, money).statistic)
    return out


LOG_ODDS_EPS = 1e-6
"""Scores are clipped to [eps, 1 - eps] before they move in log-odds space."""


def label_truth(y_true: np.ndarray) -> np.ndarray:
    """What a better fraud model moves toward in ``move_log_odds``: 0.99 for fraud, 0.001
    otherwise.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        1 for fraud, 0 otherwise.

    Returns
    -------
    ndarray of shape (n,)
    """
    return np.where(y_true == 1, 0.99, 0.001)


def metric_value(metric: str, y_true: np.ndarray, y_score: np.ndarray) -> float:
    """Accuracy or F1 at 0.5, or ROC AUC.

    Parameters
    ----------
    metric : str
        A key of ``METRICS``.
    y_true : ndarray of shape (n,)
        1 for fraud, 0 otherwise.
    y_score : ndarray of shape (n,)
        Fraud probabilities in [0, 1].

    Returns
    -------
    float
    """
    curve = threshold_curve(y_true, y_score)
    if metric == "roc_auc":
        return roc_auc(curve)
    point = point_at(curve, 0.5)
    if metric in ("accuracy", "f1"):
        return getattr(point, metric)
    raise ValueError(f"metric {metric!r} cannot be targeted; use accuracy, f1 or roc_auc")


@dataclass(frozen=True)
class Reached:
    """The log-odds move that brings a metric to a target, and what it is worth.

    ``within_tolerance`` is False when the metric moves in steps larger than the tolerance
    (accuracy and F1 change one transaction at a time): ``metric`` is then the step nearest
    the target and ``step`` the size of the jump across it.
    """

    k: float
    metric: float
    net_savings: float
    within_tolerance: bool = True
    step: float = 0.0


def reach_target(
    y_true: np.ndarray,
    y_score: np.ndarray,
    amount: np.ndarray,
    costs: FraudCosts,
    *,
    metric: str,
    target: float,
    tol: float = 1e-4,
    bracket: tuple[float, float] = (-1.0, 1.0),
) -> Reached:
    """Bisect the nudge until the metric is within ``tol`` of ``target`` (the metric grows
    with k), then value the nudged model at its own best threshold.

    Parameters
    ----------
    y_true : ndarray of shape (n,)
        1 for fraud, 0 otherwise.
    y_score : ndarray of shape (n,)
        Fraud probabilities in [0, 1].
    amount : ndarray of shape (n,)
        Transaction amounts in USD.
    costs : FraudCosts
        Review cost, chargeback fee (USD) and friction rate.
    metric : str
        A key of ``METRICS``.
    target : float
        Metric value to reach.
    tol : float
        How close to ``target`` is close enough.
    bracket : tuple of float
        Range of the log-odds knob k to search, within [-1, 1].

    Returns
    -------
    Reached
    """
    truth = label_truth(y_true)

    def at(k: float) -> float:
        return metric_value(
            metric, y_true, move_log_odds(y_score, k, truth=truth, eps=LOG_ODDS_EPS)
        )

    low, high = bracket
    below, above = (low, at(low)), (high, at(high))
    k, value = below
    for _ in range(60):
        k = (low + high) / 2
        value = at(k)
        if abs(value - target) <= tol or high - low < 1e-9:
            break
        if value < target:
            low, below = k, (k, value)
        else:
            high, above = k, (k, value)
    within = abs(value - target) <= tol
    step = 0.0
    if not within:  # a jump across the target: take the side nearer to it
        k, value = min(below, above, key=lambda kv: abs(kv[1] - target))
        step = abs(above[1] - below[1])
    moved = move_log_odds(y_score, k, truth=truth, eps=LOG_ODDS_EPS)
    curve = threshold_curve(y_true, moved, amount=amount)
    savings = float(value_curve(curve, costs.value_model()).max())
    return Reached(k, value, savings, within_tolerance=within, step=step)


@dataclass(frozen=True)
class Investment:
    """What it costs to get a model improvement, and when it pays back."""

    engineer_weeks: float = 6.0
    cost_per_engineer_week: float = 4_000.0
    compute: float = 2_000.0

    @property
    def cost(self) -> float:
        return self.engineer_weeks * self.cost_per_engineer_week + self.compute

    def roi(self, yearly_gain: float) -> float:
        """First-year return: (gain - cost) / cost."""
        return (yearly_gain - self.cost) / self.cost if self.cost > 0 else float("nan")

    def payback_months(self, yearly_gain: float) -> float | None:
        """Months until the gain repays the cost; None if it never does."""
        return None if yearly_gain <= 0 else 12 * self.cost / yearly_gain


def yearly(savings: float, *, rows: int, transactions_per_year: float) -> float:
    """Savings on ``rows`` transactions scaled to a yearly volume.

    Parameters
    ----------
    savings : float
        USD on ``rows`` transactions.
    rows : int
        Transactions the savings were measured on.
    transactions_per_year : float
        Yearly volume to scale to.

    Returns
    -------
    float
        USD a year.
    """
    return savings / rows * transactions_per_year
