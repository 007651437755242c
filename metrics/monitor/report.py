"""The monitoring page's scenario as a section of the review report."""

from __future__ import annotations

import datetime as dt

from metrics.core.format import Headline, money, percent, threshold_text
from metrics.core.html_report import Assumption, ReportSection, render_report
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.fraud.model import FraudCosts
from metrics.fraud.report import costs_from
from metrics.monitor import CHUNKS
from metrics.monitor.data import (
    MONITOR_SAMPLE_FILE,
    SAMPLE_COLUMNS,
    load_monitor_sample,
    monitor_log,
)
from metrics.monitor.drift import drift_table
from metrics.monitor.model import build_monitor
from metrics.monitor.story import day_text, estimate_note
from metrics.monitor.values import fraud_monitoring_model
from metrics.monitor.view import MonitorView, as_of_days, monitor_view

FRAMING = (
    "Notice a failing model in days, not when the chargebacks arrive two months later",
    "A fraud score per transaction, and the decision it led to",
    "Unchanged: the model in production is not retrained here",
    "Estimated value from calibrated scores; ROC AUC; input drift (PSI)",
    "Money the fraud decisions cost or save per week, and what a late alert costs",
)
WORDS = (
    "chunk",
    "reference",
    "mean ± 3 sd",
    "PSI",
    "threshold",
    "calibration",
    "ROC AUC",
    "F1",
    "precision",
    "recall",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""
QUESTION = "Monitoring: is the model still earning its keep?"


def monitor_headline(view: MonitorView, day: dt.date) -> Headline:
    """Money lost to the failures the page finds as of ``day`` (against the reference
    chunks' normal range), for the home page.

    Parameters
    ----------
    view : MonitorView
    day : date

    Returns
    -------
    Headline
    """
    return Headline(
        sum(f.loss for f in view.snapshot.failures),
        "lost to silent failures",
        f"as of {day_text(day)}, against the reference weeks",
    )


def monitor_section(
    view: MonitorView,
    *,
    calibrated: bool,
    costs: FraudCosts,
    threshold: float,
    chunk: str,
    day: dt.date,
    source: str,
    fingerprint: str,
) -> ReportSection:
    """The page as of one date: assumptions, tiles, the failures in words, the charts.

    Parameters
    ----------
    view : MonitorView
    calibrated : bool
        Whether the scores needed calibration.
    costs : FraudCosts
    threshold : float
    chunk : str
        Day, week or month.
    day : date
        The as-of date.
    source, fingerprint : str

    Returns
    -------
    ReportSection
    """
    default = FraudCosts()
    assumptions = [
        Assumption("As of", day_text(day), "date", "the log's last day"),
        Assumption("Chunks", chunk, "period", "week"),
        Assumption("Decision threshold in production", threshold_text(threshold), "score", "0.30"),
        Assumption("Manual review", money(costs.review_cost, decimals=2), "USD per alert",
                   money(default.review_cost)),
        Assumption("Chargeback fee", money(costs.chargeback_fee, decimals=2),
                   "USD per fraud", money(default.chargeback_fee)),
        Assumption("Friction on a wrongly flagged sale", percent(costs.decline_cost_rate),
                   "of its amount", percent(default.decline_cost_rate)),
    ]  # fmt: skip
    sentences = [estimate_note(calibrated, threshold_text(threshold)), *view.sentences]
    if view.moved:
        sentences.append(view.moved)
    return ReportSection(
        title="Monitoring",
        question=QUESTION,
        framing=FRAMING,
        assumptions=assumptions,
        tiles=view.tiles,
        sentences=sentences,
        figures=[f for f in (view.value, view.rates, view.drift) if f is not None],
        source=source,
        fingerprint=fingerprint,
        headline=monitor_headline(view, day),
    )


def monitor_report(view: MonitorView, **settings) -> str:
    """The monitoring page's review report: one self-contained HTML document.

    Parameters
    ----------
    view : MonitorView
    **settings
        As ``monitor_section``'s keywords.

    Returns
    -------
    str
    """
    return render_report([monitor_section(view, **settings)], title=QUESTION)


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The monitoring page's section from a saved scenario's inputs, on the bundled log.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    chunk = inputs.text("monitor_chunk", "Week")
    threshold = inputs.number("monitor_threshold", 0.3)
    costs = costs_from(inputs)
    reference, analysis = load_monitor_sample()
    log = monitor_log(reference, analysis, threshold=threshold, **SAMPLE_COLUMNS)
    model = fraud_monitoring_model(costs.review_cost, costs.chargeback_fee, costs.decline_cost_rate)
    monitor = build_monitor(log, model, period=CHUNKS.get(chunk, "week"))
    drift = drift_table(log.features.assign(score=log.score), log.reference, monitor.chunks)
    days = as_of_days(monitor)
    asked = inputs.date("monitor_as_of", monitor.chunks.end.max().astype(object))
    day = min(days, key=lambda d: abs((d - asked).days))  # the nearest day, as for a link
    return monitor_section(
        monitor_view(monitor, drift, day, CHUNKS.get(chunk, "week")),
        calibrated=monitor.calibration.needed,
        costs=costs,
        threshold=threshold,
        chunk=chunk,
        day=day,
        source=f"sample {MONITOR_SAMPLE_FILE}",
        fingerprint=file_fingerprint(sample_path(MONITOR_SAMPLE_FILE)),
    )
