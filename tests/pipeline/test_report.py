"""The security pipeline page's report section carries the page's numbers."""

from metrics.pipeline.model import Pipeline, bottleneck_recall, funnel
from metrics.pipeline.report import security_assumptions, security_section
from metrics.pipeline.view import bottleneck_sentence


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
