"""A saved scenario rebuilt as its page's report section: which use case builds which page's
section (each use case's ``report.section_from``), imported only when its page is asked for."""

from __future__ import annotations

import dataclasses
import importlib

from metrics.core.html_report import ReportSection
from metrics.core.params import check_inputs, shown
from metrics.core.scenario import Scenario

SECTIONS = {
    "fraud": "metrics.fraud",
    "monitor": "metrics.monitor",
    "adapt": "metrics.adapt",
    "model_value": "metrics.metric_value",
    "ads": "metrics.ads",
    "feed": "metrics.feed",
    "security": "metrics.pipeline",
    "roi": "metrics.roi",
    "decide": "metrics.decide",
}
"""Page -> the use case whose ``inputs.PARAMS`` describes the page's inputs and whose
``report.section_from(inputs, data=None)`` rebuilds its scenario."""
PAGES = tuple(SECTIONS)
ON_YOUR_DATA = ("fraud",)
"""Pages whose scenarios the command line rebuilds on a scored file (``--data``); the others
on their bundled samples."""


def section_for(scenario: Scenario, data: str | None = None) -> ReportSection:
    """The report section of one saved scenario.

    Parameters
    ----------
    scenario : Scenario
    data : str, optional
        A scored file for a page in ``ON_YOUR_DATA``; the bundled sample when None.

    Returns
    -------
    ReportSection
        With a first sentence saying so when the scenario was saved on other data.
    """
    if scenario.page not in SECTIONS:
        raise ValueError(
            f"scenario {shown(scenario.inputs.source, limit=200)} is for page "
            f"{shown(scenario.page)}, which saves no scenarios; scenarios come from the "
            f"{', '.join(PAGES)} pages: save one from a page"
        )
    if data is not None and scenario.page not in ON_YOUR_DATA:
        raise ValueError(
            f"--data is for {', '.join(ON_YOUR_DATA)} scenarios; the others use their samples"
        )
    use_case = SECTIONS[scenario.page]
    params = importlib.import_module(f"{use_case}.inputs").PARAMS
    check_inputs(params, scenario.inputs, page=scenario.page, source=scenario.inputs.source)
    section = importlib.import_module(f"{use_case}.report").section_from(scenario.inputs, data)
    note = _other_data_note(scenario, section.fingerprint)
    return dataclasses.replace(section, sentences=note + section.sentences) if note else section


def _other_data_note(scenario: Scenario, fingerprint: str) -> list[str]:
    if scenario.data_fingerprint in ("", fingerprint):
        return []
    return [
        f"This scenario was saved on other data ({shown(scenario.source)}, "
        f"{shown(scenario.data_fingerprint)}); it is shown on {fingerprint}."
    ]
