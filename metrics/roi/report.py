"""The realistic-returns page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.core.format import money
from metrics.core.html_report import Assumption, ReportSection
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import earned_a_year
from metrics.roi.charts import cash_figure
from metrics.roi.model import STAGES, Projection, projection
from metrics.roi.view import roi_headline, roi_tiles

ROI_FRAMING = (
    "Decide whether, and how, to invest in an ML project",
    "A model that improves with each iteration",
    "Whatever the use case trains on",
    "The use case's metric, improving iteration by iteration",
    "Monthly and cumulative cash flow, break-even month, ROI after 1-3 years",
)
ROI_WORDS = ("ROI",)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""


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


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The realistic-returns page's section from a saved scenario's inputs.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    names = [s.name for s in STAGES]
    stage = inputs.text("roi_stage", names[1])
    if "roi_value" in inputs:
        value = inputs.number("roi_value", 0.0)
    else:  # the page's default: the fraud sample's best threshold, as earned, a year
        value = max(round(earned_a_year(load_fraud_sample()), -3), 0.0)
    team = inputs.number("roi_team", 30_000.0)
    projections = [projection(s, value_per_year=value, team_cost_per_month=team) for s in STAGES]
    chosen = projections[names.index(stage)] if stage in names else projections[1]
    assumptions = roi_assumptions(value, team, chosen.stage.name)
    return roi_section(chosen, projections, assumptions, value_per_year=value)
