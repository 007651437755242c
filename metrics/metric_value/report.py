"""The model-value page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.core.format import money
from metrics.core.html_report import Assumption, ReportSection
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.fraud.report import costs_from
from metrics.metric_value.charts import metric_money_figure
from metrics.metric_value.data import FRAUD_CANDIDATES_FILE, load_fraud_candidates
from metrics.metric_value.model import Investment, ModelScore, metric_value, reach_target
from metrics.metric_value.view import (
    TARGETS,
    TargetScenario,
    model_value_headline,
    offered_target,
    score_models,
    target_scenario,
    target_sentence,
    target_tiles,
)

MODEL_VALUE_FRAMING = (
    "Choose the fraud model that saves the most money",
    "A fraud score per transaction, from seven candidate models",
    "Log loss (except the tree, forest and dummy, fit by their own criteria)",
    "Accuracy, F1, ROC AUC, PR AUC, log loss",
    "Net savings in USD as earned (each threshold chosen on other days)",
)
MODEL_VALUE_WORDS = (
    "accuracy",
    "precision",
    "recall",
    "F1",
    "ROC AUC",
    "PR AUC",
    "log loss",
    "threshold",
    "Spearman correlation",
    "ROI",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""


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


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The model-value page's section from a saved scenario's inputs, on the candidate
    models' sample.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    pool = load_fraud_candidates()
    costs = costs_from(inputs)
    rows = score_models(pool, costs)
    model = inputs.text("value_model", rows[0].name)
    metric = inputs.text("value_metric", next(iter(TARGETS)))
    if model not in pool.scores or metric not in TARGETS:
        raise ValueError(
            f"the scenario's model {model!r} or metric {metric!r} is not on the page; models: "
            f"{', '.join(pool.scores)}; metrics: {', '.join(TARGETS)}"
        )
    y, amount, scores = pool.data.y_true, pool.data.amount, pool.scores[model]
    today = metric_value(metric, y, scores)
    asked = inputs.number("value_target", 0.0) if "value_target" in inputs else None
    target = offered_target(metric, today, asked)
    default = Investment()
    scenario = target_scenario(
        rows,
        reach_target(y, scores, amount, costs, metric=metric, target=target),
        model=model,
        today=today,
        metric=metric,
        n_rows=len(y),
        volume=inputs.whole("value_volume", 800_000),
        investment=Investment(
            inputs.number("value_weeks", default.engineer_weeks),
            inputs.number("value_week_cost", default.cost_per_engineer_week),
            inputs.number("value_compute", default.compute),
        ),
    )
    fingerprint = file_fingerprint(sample_path(FRAUD_CANDIDATES_FILE))
    return model_value_section(
        rows,
        scenario,
        target=target,
        source=f"sample {FRAUD_CANDIDATES_FILE}",
        fingerprint=fingerprint,
    )
