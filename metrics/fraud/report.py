"""The fraud page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.core.format import money, percent, threshold_text
from metrics.core.html_report import Assumption, ReportSection, render_report
from metrics.fraud import charts
from metrics.fraud.model import FraudCosts, snapshot
from metrics.fraud.tiles import (
    earned_sentence,
    earned_tile,
    fraud_headline,
    ml_tiles,
    money_tiles,
    quality_line,
)
from metrics.fraud.view import FraudView, headline

FRAMING = (
    "Lose less money to card fraud without swamping the review team",
    "A fraud score per transaction: the model's probability that it is fraud",
    "Log loss on past transactions labelled fraud or not",
    "Precision, recall, F1, accuracy, ROC AUC at a decision threshold",
    "Net savings in USD versus approving everything",
)
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
        Assumption("Decision threshold", threshold_text(threshold), "fraud score", "0.50"),
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
            "alerts a day", "25",
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
            charts.policies_figure(view.policies),
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
