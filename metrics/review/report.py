"""The model-value, security and ROI pages' scenarios as sections of the review report, and
the tiles and sentences those pages and their reports share."""

from __future__ import annotations

import dataclasses

import numpy as np

from metrics.core.format import Tile, money
from metrics.core.html_report import Assumption, ReportSection
from metrics.review.charts import cash_figure, funnel_figure, metric_money_figure, stopped_figure
from metrics.review.model_value import ModelScore
from metrics.review.roi import Projection, roi_headline
from metrics.review.security import Funnel, Pipeline, stopped_curve
from metrics.review.view import (
    TargetScenario,
    model_value_headline,
    target_sentence,
    target_tiles,
)

MODEL_VALUE_FRAMING = (
    "Choose the fraud model that saves the most money",
    "A fraud score per transaction, from seven candidate models",
    "Log loss (except the tree, forest and dummy, fit by their own criteria)",
    "Accuracy, F1, ROC AUC, PR AUC, log loss",
    "Net savings in USD at each model's own best threshold",
)
SECURITY_FRAMING = (
    "Stop cyber attacks before they do damage",
    "An anomaly score per event; events above a threshold raise alerts",
    "Anomaly detection fit on past events",
    "Recall (threats flagged) and the alerts it costs",
    "Threats stopped a day",
)
ROI_FRAMING = (
    "Decide whether, and how, to invest in an ML project",
    "A model that improves with each iteration",
    "Whatever the use case trains on",
    "The use case's metric, improving iteration by iteration",
    "Monthly and cumulative cash flow, break-even month, ROI after 1-3 years",
)


def security_tiles(day: Funnel) -> list[Tile]:
    """A day of the pipeline, stage by stage.

    Parameters
    ----------
    day : Funnel

    Returns
    -------
    list of Tile
    """
    return [
        Tile("Real threats", f"{day.threats:,.0f}", "Real threats among the day's events."),
        Tile("Alerts", f"{day.alerts:,.0f}", "Events the model flags."),
        Tile("Passed to experts", f"{day.passed:,.0f}", "Alerts the rules let through."),
        Tile("Reviewed", f"{day.reviewed:,.0f}", "Alerts the experts can review a day."),
        Tile("Threats stopped", f"{day.stopped:,.1f}", "Reviewed threats stopped."),
    ]


def bottleneck_sentence(knee: float | None, stopped_at_knee: float, reviews: int) -> str:
    """Where more recall stops paying, in one paragraph.

    Parameters
    ----------
    knee : float or None
        The recall above which the experts are the bottleneck.
    stopped_at_knee : float
        Threats stopped a day there.
    reviews : int
        Alerts the experts can review a day.

    Returns
    -------
    str
    """
    if knee is None:
        return (
            "The experts can review every alert the rules pass, even at 100% recall: a "
            "better model stops more threats all the way."
        )
    return (
        f"Above a recall of {knee:.0%} the rules pass more alerts than the experts can "
        f"review ({reviews:,} a day). From there a model that flags more stops no more "
        f"threats: {stopped_at_knee:.1f} a day whether recall is {knee:.0%} or 99%; the extra "
        "alerts wait unreviewed. More reviewers, or fewer false alarms (a better model or "
        "better rules), raise the limit; more recall does not."
    )


def roi_tiles(chosen: Projection) -> list[Tile]:
    """Break-even month and ROI after one to three years.

    Parameters
    ----------
    chosen : Projection

    Returns
    -------
    list of Tile
    """
    month = chosen.break_even_month
    tiles = [
        Tile(
            "Break-even month",
            "not within 3 years" if month is None else f"{month}",
            "The first month the cumulative cash flow is at or above zero.",
        )
    ]
    return tiles + [
        Tile(
            f"ROI after {years} year{'s' * (years > 1)}",
            f"{chosen.roi_after(years):.0%}",
            "Cumulative value over cumulative cost, minus one.",
        )
        for years in (1, 2, 3)
    ]


def security_assumptions(pipeline: Pipeline, recall: float) -> list[Assumption]:
    """The pipeline's settings as the report states them.

    Parameters
    ----------
    pipeline : Pipeline
    recall : float

    Returns
    -------
    list of Assumption
    """
    default = Pipeline()
    rows = [
        ("Events", pipeline.events_per_day, default.events_per_day, "a day", "{:,.0f}"),
        ("Real threats", pipeline.threat_rate * 1e6, default.threat_rate * 1e6,
         "per million events", "{:g}"),
        ("Model ROC AUC", pipeline.model_auc, default.model_auc, "", "{:.3f}"),
        ("Rules pass real threats", pipeline.rules_pass_threats, default.rules_pass_threats,
         "share", "{:.0%}"),
        ("Rules pass false alarms", pipeline.rules_pass_false_alarms,
         default.rules_pass_false_alarms, "share", "{:.0%}"),
        ("Alerts experts can review", pipeline.reviews_per_day, default.reviews_per_day,
         "a day", "{:,.0f}"),
        ("A reviewed threat is stopped", pipeline.stop_probability, default.stop_probability,
         "probability", "{:.0%}"),
    ]  # fmt: skip
    out = [Assumption(n, f.format(v), u, f.format(d)) for n, v, d, u, f in rows]
    return [*out, Assumption("Model recall", f"{recall:.0%}", "share of threats", "60%")]


def roi_assumptions(value: float, team: float, stage: str) -> list[Assumption]:
    """The projection's inputs as the report states them.

    Parameters
    ----------
    value : float
        Value a year at full performance, USD.
    team : float
        Team cost a month, USD.
    stage : str
        The ML maturity stage.

    Returns
    -------
    list of Assumption
    """
    return [
        Assumption("Value a year at full performance", money(value), "USD",
                   "the fraud page's scenario, a year"),
        Assumption("Team cost a month", money(team), "USD", "$30,000"),
        Assumption("ML maturity", stage, "stage", "Some ML in production"),
    ]  # fmt: skip


def model_value_section(
    scores: list[ModelScore],
    scenario: TargetScenario,
    *,
    target: float,
    source: str,
    fingerprint: str,
) -> ReportSection:
    """Which metric tracks the money, and what one metric improvement is worth.

    Parameters
    ----------
    scores : list of ModelScore
    scenario : TargetScenario
    target : float
        The metric's target, as the page's slider shows it.
    source, fingerprint : str

    Returns
    -------
    ReportSection
    """
    invest = scenario.investment
    assumptions = [
        Assumption("Model", scenario.model, "", "Gradient boosting"),
        Assumption("Metric", scenario.metric, "", "roc_auc"),
        Assumption("Transactions a year", f"{scenario.volume:,}", "transactions", "800,000"),
        Assumption("Engineer-weeks", f"{invest.engineer_weeks:g}", "weeks", "6"),
        Assumption("Cost per engineer-week", money(invest.cost_per_engineer_week), "USD", "$4,000"),
        Assumption("Compute", money(invest.compute), "USD", "$2,000"),
    ]
    return ReportSection(
        title="Which metric tracks the money",
        question="Which ML metric tracks the money?",
        framing=MODEL_VALUE_FRAMING,
        assumptions=assumptions,
        tiles=target_tiles(scenario),
        sentences=[target_sentence(scenario)],
        figures=[metric_money_figure(scores)],
        source=source,
        fingerprint=fingerprint,
        headline=model_value_headline(scenario, target),
    )


def security_section(
    day: Funnel, sentence: str, figure, assumptions: list[Assumption]
) -> ReportSection:
    """A security pipeline with a human bottleneck, at one recall.

    Parameters
    ----------
    day : Funnel
    sentence : str
        ``bottleneck_sentence``'s paragraph.
    figure : plotly Figure
        Threats stopped against recall.
    assumptions : list of Assumption

    Returns
    -------
    ReportSection
    """
    return ReportSection(
        title="Security pipeline",
        question="When does a better model not help?",
        framing=SECURITY_FRAMING,
        assumptions=assumptions,
        tiles=security_tiles(day),
        sentences=[sentence],
        figures=[figure, funnel_figure(day)],
        source="a simulated pipeline (no data)",
        fingerprint="none",
    )


def roi_section(
    chosen: Projection,
    projections: list[Projection],
    assumptions: list[Assumption],
    *,
    value_per_year: float,
) -> ReportSection:
    """Realistic returns at one maturity stage, beside the others.

    Parameters
    ----------
    chosen : Projection
    projections : list of Projection
    assumptions : list of Assumption
    value_per_year : float
        Value a year at full maturity, USD.

    Returns
    -------
    ReportSection
    """
    return ReportSection(
        title="Realistic returns",
        question="Realistic returns: when does ML pay for itself?",
        framing=ROI_FRAMING,
        assumptions=assumptions,
        tiles=roi_tiles(chosen),
        sentences=[],
        figures=[cash_figure(chosen, projections)],
        source="a cash-flow projection (no data)",
        fingerprint="none",
        headline=roi_headline(chosen, value_per_year),
    )


def roi_range_sentence(
    chosen: Projection, low: Projection, high: Projection, interval: tuple[float, float]
) -> str:
    """What the value's 95% interval does to the ROI.

    Parameters
    ----------
    chosen, low, high : Projection
        At the value, and at the interval's ends.
    interval : tuple of float
        The value a year's 95% interval.

    Returns
    -------
    str
    """
    return (
        f"The value a year comes from the fraud page, whose 95% interval is "
        f"{money(interval[0])} to {money(interval[1])}: the ROI after 3 years is then "
        f"{low.roi_after(3):.0%} to {high.roi_after(3):.0%} (at the value, "
        f"{chosen.roi_after(3):.0%})."
    )


NO_RANGE = (
    "No interval: this value a year was typed in, not measured; open the fraud page to take "
    "its value and interval from the data."
)


def stopped_comparison(pipeline: Pipeline, recall: float, knee: float | None):
    """Threats stopped against recall: this pipeline, with 50% more reviews, and with a model
    0.02 better in AUC.

    Parameters
    ----------
    pipeline : Pipeline
    recall : float
        The chosen recall, marked.
    knee : float or None
        Where the experts become the bottleneck.

    Returns
    -------
    plotly Figure
    """
    recalls = np.linspace(0.01, 0.99, 99)
    more = dataclasses.replace(pipeline, reviews_per_day=pipeline.reviews_per_day * 1.5)
    better_auc = min(pipeline.model_auc + 0.02, 0.999)
    better = dataclasses.replace(pipeline, model_auc=better_auc)
    curves = {
        "this pipeline": stopped_curve(pipeline, recalls),
        f"{more.reviews_per_day:,.0f} reviews a day": stopped_curve(more, recalls),
        f"a better model (AUC {better_auc:.3f})": stopped_curve(better, recalls),
    }
    return stopped_figure(recalls, curves, recall, knee)
