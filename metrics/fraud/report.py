"""The fraud page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.core.format import money, percent, threshold_text
from metrics.core.html_report import Assumption, ReportSection, render_report
from metrics.core.io import read_table
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.fraud import charts
from metrics.fraud.data import FRAUD_SAMPLE_FILE, FRAUD_SAMPLE_MODELS, fraud_data, load_fraud_sample
from metrics.fraud.model import (
    DEFAULT_CAPACITY_PER_DAY,
    FraudCosts,
    opening_threshold,
    snapshot,
)
from metrics.fraud.tiles import (
    earned_sentence,
    earned_tile,
    fraud_headline,
    ml_tiles,
    money_tiles,
    quality_line,
)
from metrics.fraud.view import FraudView, fraud_view, headline, prepare

FRAMING = (
    "Lose less money to card fraud without swamping the review team",
    "A fraud score per transaction: the model's probability that it is fraud",
    "Log loss on past transactions labelled fraud or not",
    "Precision, recall, F1, accuracy, ROC AUC at a decision threshold",
    "Net savings in USD versus approving everything",
)
WORDS = (
    "precision",
    "recall",
    "F1",
    "accuracy",
    "ROC AUC",
    "PR AUC",
    "log loss",
    "threshold",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""
QUESTION = "Fraud detection: what is the model worth in dollars?"


def fraud_section(
    view: FraudView,
    costs: FraudCosts,
    threshold: float,
    capacity: float | None,
    *,
    source: str,
    fingerprint: str,
) -> ReportSection:
    """The page at one threshold and cost setting: assumptions, tiles, sentences, charts.

    Parameters
    ----------
    view : FraudView
        The cost setting's analysis (as the page computes it).
    costs : FraudCosts
    threshold : float
    capacity : float or None
        Alerts a day reviewers can handle.
    source, fingerprint : str
        The data, in words, and the fingerprint of its contents.

    Returns
    -------
    ReportSection
    """
    default = FraudCosts()
    analysis = view.analysis
    snap = snapshot(analysis, threshold)
    assumptions = [
        Assumption(
            "Decision threshold", threshold_text(threshold), "fraud score",
            f"{threshold_text(opening_threshold(analysis))}, the page's opening threshold",
        ),
        Assumption(
            "Manual review", money(costs.review_cost, decimals=2), "USD per alert",
            money(default.review_cost),
        ),
        Assumption(
            "Chargeback fee avoided", money(costs.chargeback_fee, decimals=2),
            "USD per caught fraud", money(default.chargeback_fee),
        ),
        Assumption(
            "Friction on a wrongly flagged sale", percent(costs.decline_cost_rate),
            "of its amount", percent(default.decline_cost_rate),
        ),
        Assumption(
            "Review capacity", "none" if capacity is None else f"{capacity:,.0f}",
            "alerts a day", f"{DEFAULT_CAPACITY_PER_DAY:,.0f}",
        ),
    ]  # fmt: skip
    return ReportSection(
        title="Fraud detection",
        question=QUESTION,
        framing=FRAMING,
        assumptions=assumptions,
        tiles=[
            *([] if earned_tile(analysis) is None else [earned_tile(analysis)]),
            *money_tiles(snap, analysis),
            *ml_tiles(snap),
        ],
        sentences=[
            *([] if analysis.honest is None else [earned_sentence(analysis)]),
            headline(snap, days=analysis.days),
            quality_line(view.roc_auc, view.pr_auc),
            view.paradox,
        ],
        figures=[
            charts.savings_curve_figure(view.table, analysis, threshold),
            charts.confusion_figure(snap),
            charts.policies_figure(view.policies, view.analysis.days),
        ],
        source=source,
        fingerprint=fingerprint,
        headline=fraud_headline(snap, analysis),
    )


def fraud_report(
    view: FraudView,
    costs: FraudCosts,
    threshold: float,
    capacity: float | None,
    *,
    source: str,
    fingerprint: str,
) -> str:
    """The fraud page's review report: one self-contained HTML document.

    Parameters
    ----------
    view, costs, threshold, capacity, source, fingerprint
        As ``fraud_section``.

    Returns
    -------
    str
    """
    section = fraud_section(
        view, costs, threshold, capacity, source=source, fingerprint=fingerprint
    )
    return render_report([section], title=QUESTION)


def costs_from(inputs: ScenarioInputs) -> FraudCosts:
    """The fraud costs a scenario saved, ``FraudCosts``'s defaults where it saved none (the
    fraud, monitoring and model-value pages share them).

    Parameters
    ----------
    inputs : ScenarioInputs

    Returns
    -------
    FraudCosts
    """
    default = FraudCosts()
    return FraudCosts(
        inputs.number("fraud_review_cost", default.review_cost),
        inputs.number("fraud_chargeback_fee", default.chargeback_fee),
        inputs.number("fraud_friction_pct", default.decline_cost_rate * 100) / 100,
    )


def section_from(inputs: ScenarioInputs, data: str | None = None) -> ReportSection:
    """The fraud page's section from a saved scenario's inputs (``valuelens report``).

    Parameters
    ----------
    inputs : ScenarioInputs
        The page's inputs under their keys.
    data : str, optional
        A scored file (columns label, score, amount, timestamp); the sample model the
        scenario names when None.

    Returns
    -------
    ReportSection
    """
    if data is None:
        model = inputs.text("fraud_model", "Gradient boosting")
        if model not in FRAUD_SAMPLE_MODELS:
            raise ValueError(f"the scenario's fraud_model {model!r} is not a sample model")
        rows, source = load_fraud_sample(model), f"sample {FRAUD_SAMPLE_FILE}, {model}"
        fingerprint = file_fingerprint(sample_path(FRAUD_SAMPLE_FILE))
    else:
        rows, source, fingerprint = fraud_data(read_table(data)), data, file_fingerprint(data)
    costs = costs_from(inputs)
    capacity = inputs.number("fraud_capacity", DEFAULT_CAPACITY_PER_DAY) if rows.days else None
    view = fraud_view(prepare(rows), costs, capacity_per_day=capacity)
    threshold = inputs.number("fraud_threshold", opening_threshold(view.analysis))
    return fraud_section(view, costs, threshold, capacity, source=source, fingerprint=fingerprint)
