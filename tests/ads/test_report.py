"""The ads page's report section states its setting and the page's numbers."""

from metrics.ads.data import load_ads_sample
from metrics.ads.model import quality_sweep
from metrics.ads.references import references
from metrics.ads.report import ads_report, ads_section
from metrics.ads.sentences import money_tiles
from metrics.ads.view import ads_view


def test_the_section_carries_the_setting_tiles_and_charts():
    data = load_ads_sample("Gradient boosting")
    view = ads_view(
        data,
        quality_sweep(data, slots=1),
        data.curve(data.score, slots=1),
        references(data, slots=1),
        model="Gradient boosting",
        pricing="second",
        reserve=20.0,
    )
    settings = {"slots": 1, "pricing": "second", "reserve": 20.0, "daily_queries": 1e6}
    section = ads_section(view, **settings, source="sample", fingerprint="x")
    assert [a.value for a in section.assumptions][:2] == ["1", "second price"]
    assert section.tiles[0].value == money_tiles(view)[0].value
    assert len(section.figures) == 3
    assert money_tiles(view)[0].value in ads_report(view, **settings, source="s", fingerprint="x")
