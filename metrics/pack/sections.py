"""A saved scenario rebuilt as its page's report section, from the sample or a given file."""

from __future__ import annotations

from metrics.core.html_report import ReportSection
from metrics.core.io import read_table
from metrics.core.samples import sample_path
from metrics.core.scenario import Scenario, file_fingerprint
from metrics.fraud.data import FRAUD_SAMPLE_FILE, FRAUD_SAMPLE_MODELS, fraud_data, load_fraud_sample
from metrics.fraud.report import fraud_section
from metrics.fraud.view import fraud_view, prepare
from metrics.monitor import CHUNKS
from metrics.monitor.data import (
    MONITOR_SAMPLE_FILE,
    SAMPLE_COLUMNS,
    load_monitor_sample,
    monitor_log,
)
from metrics.monitor.drift import drift_table
from metrics.monitor.model import build_monitor
from metrics.monitor.values import fraud_monitoring_model
from metrics.monitor.view import monitor_view
from metrics.pack.more_sections import costs_from, more_section

PAGES = ("fraud", "monitor", "adapt", "model_value", "ads", "feed", "security", "roi", "decide")
"""Pages whose scenarios the command line rebuilds: every page."""


def section_for(scenario: Scenario, data: str | None = None) -> ReportSection:
    """The report section of one saved scenario.

    Parameters
    ----------
    scenario : Scenario
    data : str, optional
        A scored file for a fraud scenario (columns label, score, amount, timestamp); the
        bundled sample when None.

    Returns
    -------
    ReportSection
    """
    if scenario.page not in PAGES:
        raise ValueError(
            f"a {scenario.page} scenario is rebuilt on its page (its report button); the "
            f"command line rebuilds {', '.join(PAGES)} scenarios"
        )
    if scenario.page == "fraud":
        return _fraud(scenario, data)
    if data is not None:
        raise ValueError("--data is for fraud scenarios; the others use their samples")
    if scenario.page == "monitor":
        return _monitor(scenario)
    return more_section(scenario)


def _other_data_note(scenario: Scenario, fingerprint: str) -> list[str]:
    if scenario.data_fingerprint in ("", fingerprint):
        return []
    return [
        f"This scenario was saved on other data ({scenario.source}, "
        f"{scenario.data_fingerprint}); it is shown on {fingerprint}."
    ]


def _fraud(scenario: Scenario, data: str | None) -> ReportSection:
    inputs = scenario.inputs
    if data is None:
        model = inputs.text("fraud_model", "Gradient boosting")
        if model not in FRAUD_SAMPLE_MODELS:
            raise ValueError(f"the scenario's fraud_model {model!r} is not a sample model")
        rows, source = load_fraud_sample(model), f"sample {FRAUD_SAMPLE_FILE}, {model}"
        fingerprint = file_fingerprint(sample_path(FRAUD_SAMPLE_FILE))
    else:
        rows, source, fingerprint = fraud_data(read_table(data)), data, file_fingerprint(data)
    costs = costs_from(inputs)
    capacity = inputs.number("fraud_capacity", 25.0) if rows.days else None
    view = fraud_view(prepare(rows), costs, capacity_per_day=capacity)
    threshold = inputs.number("fraud_threshold", 0.5)
    section = fraud_section(
        view, costs, threshold, capacity, source=source, fingerprint=fingerprint
    )
    note = _other_data_note(scenario, fingerprint)
    return ReportSection(**{**section.__dict__, "sentences": note + section.sentences})


def _monitor(scenario: Scenario) -> ReportSection:
    from metrics.monitor.report import monitor_section

    inputs = scenario.inputs
    chunk = inputs.text("monitor_chunk", "Week")
    threshold = inputs.number("monitor_threshold", 0.3)
    costs = costs_from(inputs)
    reference, analysis = load_monitor_sample()
    log = monitor_log(reference, analysis, threshold=threshold, **SAMPLE_COLUMNS)
    model = fraud_monitoring_model(costs.review_cost, costs.chargeback_fee, costs.decline_cost_rate)
    monitor = build_monitor(log, model, period=CHUNKS.get(chunk, "week"))
    drift = drift_table(log.features.assign(score=log.score), log.reference, monitor.chunks)
    last = monitor.chunks.end.max().astype(object)
    day = inputs.date("monitor_as_of", last)
    fingerprint = file_fingerprint(sample_path(MONITOR_SAMPLE_FILE))
    section = monitor_section(
        monitor_view(monitor, drift, day, CHUNKS.get(chunk, "week")),
        calibrated=monitor.calibration.needed,
        costs=costs,
        threshold=threshold,
        chunk=chunk,
        day=day,
        source=f"sample {MONITOR_SAMPLE_FILE}",
        fingerprint=fingerprint,
    )
    note = _other_data_note(scenario, fingerprint)
    return ReportSection(**{**section.__dict__, "sentences": note + section.sentences})
