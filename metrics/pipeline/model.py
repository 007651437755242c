"""ML inside a pipeline: when a better model stops no more threats.

An anomaly model flags events; rules pass a share of the alerts to security experts, who
review up to their capacity a day, highest scores first; a reviewed real threat is stopped
with some probability. Once the experts are the bottleneck, flagging more adds only alerts
nobody reviews.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from metrics.core.validation import check_non_negative


@dataclass(frozen=True)
class Pipeline:
    """The pipeline around the model, per day."""

    events_per_day: float = 2_000_000
    threat_rate: float = 0.00005
    model_auc: float = 0.95
    rules_pass_threats: float = 0.9
    rules_pass_false_alarms: float = 0.3
    reviews_per_day: float = 400
    stop_probability: float = 0.8

    def __post_init__(self) -> None:
        check_non_negative(self.events_per_day, "events_per_day", "events a day")
        check_non_negative(self.reviews_per_day, "reviews_per_day", "reviews a day")
        for name in (
            "threat_rate",
            "rules_pass_threats",
            "rules_pass_false_alarms",
            "stop_probability",
        ):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise ValueError(f"'{name}' is {value!r}; it must be a share between 0 and 1")
        if not 0.5 < self.model_auc < 1:
            raise ValueError(f"'model_auc' is {self.model_auc!r}; it must be above 0.5 and below 1")


def false_positive_rate(recall: np.ndarray | float, auc: float) -> np.ndarray:
    """False-positive rate at a recall on the binormal ROC curve with this AUC.

    ``d = sqrt(2) x Phi^-1(AUC)``, ``FPR = Phi(Phi^-1(recall) - d)``.

    Parameters
    ----------
    recall : float or ndarray
        Share of threats the model flags, in [0, 1].
    auc : float
        ROC AUC of the model, in (0.5, 1).

    Returns
    -------
    ndarray
        Share of benign events flagged.
    """
    d = np.sqrt(2) * norm.ppf(auc)
    return norm.cdf(norm.ppf(np.clip(recall, 0, 1)) - d)


@dataclass(frozen=True)
class Funnel:
    """Counts per day at each stage of the pipeline."""

    events: float
    threats: float
    alerts: float
    alert_threats: float
    passed: float
    passed_threats: float
    reviewed: float
    reviewed_threats: float
    stopped: float

    @property
    def bottlenecked(self) -> bool:
        return self.passed > self.reviewed


def _counts(pipeline: Pipeline, recall: float | np.ndarray) -> tuple:
    """Threats, alerts, alerted threats, passed alerts and passed threats at a recall (or an
    array of recalls)."""
    threats = pipeline.events_per_day * pipeline.threat_rate
    benign = pipeline.events_per_day - threats
    alert_threats = threats * recall
    false_alarms = benign * false_positive_rate(recall, pipeline.model_auc)
    passed_threats = alert_threats * pipeline.rules_pass_threats
    passed = passed_threats + false_alarms * pipeline.rules_pass_false_alarms
    return threats, alert_threats + false_alarms, alert_threats, passed, passed_threats


def funnel(pipeline: Pipeline, recall: float) -> Funnel:
    """Follow one day through the pipeline.

    Experts review the highest-scored passed alerts first. Below capacity they review them
    all; above it they review exactly what the model would pass at the bottleneck recall, so
    ``reviewed threats = passed threats at min(recall, bottleneck recall)``.

    Parameters
    ----------
    pipeline : Pipeline
        Volumes, expert capacity and the model's AUC.
    recall : float or ndarray
        Share of threats the model flags, in [0, 1].

    Returns
    -------
    Funnel
    """
    threats, alerts, alert_threats, passed, passed_threats = _counts(pipeline, recall)
    reviewed = min(passed, pipeline.reviews_per_day)
    knee = bottleneck_recall(pipeline)
    reviewed_threats = (
        passed_threats if knee is None or recall <= knee else _counts(pipeline, knee)[4]
    )
    return Funnel(
        pipeline.events_per_day,
        threats,
        alerts,
        alert_threats,
        passed,
        passed_threats,
        reviewed,
        reviewed_threats,
        reviewed_threats * pipeline.stop_probability,
    )


def bottleneck_recall(pipeline: Pipeline, *, tol: float = 1e-9) -> float | None:
    """The recall at which passed alerts reach the experts' capacity (passed alerts grow
    with recall, so bisection finds it); None if even recall 1 stays below capacity.

    Parameters
    ----------
    pipeline : Pipeline
        Volumes, expert capacity and the model's AUC.
    tol : float
        How close to ``target`` is close enough.

    Returns
    -------
    float or None
    """
    if _counts(pipeline, 1.0)[3] <= pipeline.reviews_per_day:
        return None
    low, high = 0.0, 1.0
    while high - low > tol:
        mid = (low + high) / 2
        if _counts(pipeline, mid)[3] < pipeline.reviews_per_day:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def stopped_curve(pipeline: Pipeline, recalls: np.ndarray) -> np.ndarray:
    """Threats stopped a day at each recall, vectorised: the bottleneck is found once.

    Parameters
    ----------
    pipeline : Pipeline
        Volumes, expert capacity and the model's AUC.
    recalls : ndarray
        Recalls to evaluate, in [0, 1].

    Returns
    -------
    ndarray
        Threats stopped a day at each recall.
    """
    knee = bottleneck_recall(pipeline)
    effective = np.asarray(recalls, dtype=float)
    if knee is not None:
        effective = np.minimum(effective, knee)
    return _counts(pipeline, effective)[4] * pipeline.stop_probability
