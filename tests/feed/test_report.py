"""The feed page's report section states its weights, filters and the page's numbers."""

from metrics.feed.data import load_feed_sample
from metrics.feed.frontier import pareto_sweep
from metrics.feed.model import FilterThresholds, blendable, filter_report
from metrics.feed.ranking import Revenue
from metrics.feed.report import feed_section
from metrics.feed.view import feed_view, outcome_tiles


def test_the_section_carries_weights_filters_tiles_and_the_frontier():
    data = load_feed_sample().data
    thresholds, revenue = FilterThresholds(spam=0.4), Revenue()
    prepared = blendable(data, thresholds)
    view = feed_view(data, prepared, alpha=0.7, beta=0.3, k=10, revenue=revenue)
    section = feed_section(
        view,
        pareto_sweep(data, prepared, k=10, revenue=revenue),
        alpha=0.7,
        beta=0.3,
        k=10,
        thresholds=thresholds,
        filtered=filter_report(data, thresholds),
        revenue=revenue,
        source="sample",
        fingerprint="x",
    )
    values = {a.name: a.value for a in section.assumptions}
    assert values["alpha: weight of quality"] == "0.7" and values["spam filter"] == "0.4"
    assert [t.value for t in section.tiles] == [t.value for t in outcome_tiles(view)]
    assert len(section.figures) == 1
