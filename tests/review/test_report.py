"""The review pages' report sections carry the pages' numbers."""

from metrics.core.html_report import render_report
from metrics.review.report import (
    bottleneck_sentence,
    roi_assumptions,
    roi_section,
    security_assumptions,
    security_section,
)
from metrics.review.roi import STAGES, projection
from metrics.review.security import Pipeline, bottleneck_recall, funnel


def test_security_section_states_the_pipeline_and_its_day():
    pipeline = Pipeline(reviews_per_day=100)
    day = funnel(pipeline, 0.6)
    knee = bottleneck_recall(pipeline)
    sentence = bottleneck_sentence(knee, funnel(pipeline, knee).stopped, 100)
    assert sentence.startswith(f"Above a recall of {knee:.0%}")
    section = security_section(day, sentence, None, security_assumptions(pipeline, 0.6))
    assert section.tiles[-1].value == f"{day.stopped:,.1f}"
    values = {a.name: (a.value, a.default) for a in section.assumptions}
    assert values["Alerts experts can review"] == ("100", "400")
    assert bottleneck_sentence(None, 0.0, 10**9).startswith("The experts can review every")


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
