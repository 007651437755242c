"""The security pipeline page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.core.html_report import Assumption, ReportSection
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.pipeline.charts import funnel_figure
from metrics.pipeline.model import Funnel, Pipeline, bottleneck_recall, funnel
from metrics.pipeline.view import bottleneck_sentence, security_tiles, stopped_comparison

SECURITY_FRAMING = (
    "Stop cyber attacks before they do damage",
    "An anomaly score per event; events above a threshold raise alerts",
    "Anomaly detection fit on past events",
    "Recall (threats flagged) and the alerts it costs",
    "Threats stopped a day",
)
SECURITY_WORDS = (
    "recall",
    "ROC AUC",
    "threshold",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""


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


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The security pipeline page's section from a saved scenario's inputs.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    default = Pipeline()
    pipeline = Pipeline(
        inputs.number("security_events", default.events_per_day),
        inputs.number("security_threats", default.threat_rate * 1e6) / 1e6,
        inputs.number("security_auc", default.model_auc),
        inputs.number("security_pass_threats", default.rules_pass_threats),
        inputs.number("security_pass_false", default.rules_pass_false_alarms),
        inputs.number("security_reviews", default.reviews_per_day),
        inputs.number("security_stop", default.stop_probability),
    )
    recall = inputs.number("security_recall", 0.6)
    knee = bottleneck_recall(pipeline)
    at_knee = 0.0 if knee is None else funnel(pipeline, knee).stopped
    sentence = bottleneck_sentence(knee, at_knee, int(pipeline.reviews_per_day))
    return security_section(
        funnel(pipeline, recall),
        sentence,
        stopped_comparison(pipeline, recall, knee),
        security_assumptions(pipeline, recall),
    )
