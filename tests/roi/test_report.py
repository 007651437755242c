"""The realistic-returns page's report section carries the page's numbers."""

from metrics.core.html_report import render_report
from metrics.roi.model import STAGES, projection
from metrics.roi.report import roi_assumptions, roi_section


def test_roi_section_tiles_follow_the_projection():
    projections = [
        projection(s, value_per_year=600_000, team_cost_per_month=30_000) for s in STAGES
    ]
    chosen = projections[1]
    assumptions = roi_assumptions(600_000, 30_000, STAGES[1].name)
    section = roi_section(chosen, projections, assumptions, value_per_year=600_000)
    assert section.tiles[1].value == f"{chosen.roi_after(1):.0%}"
    assert section.headline.value == chosen.cumulative[-1]
    assert "$600,000 of value a year" in section.headline.how
    assert "Realistic returns" in render_report([section])
