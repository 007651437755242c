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
    assert section.tiles[0].value == money_tiles(view, 1e6)[0].value
    assert len(section.figures) == 3
    assert money_tiles(view, 1e6)[0].value in ads_report(
        view, **settings, source="s", fingerprint="x"
    )


def test_the_page_opens_at_the_revenue_best_reserve_and_prices_a_better_model():
    import numpy as np

    from metrics.ads.model import yearly_value
    from metrics.ads.sentences import peak
    from metrics.ads.view import revenue_best_reserve

    data = load_ads_sample("Gradient boosting")
    sweep, curve = quality_sweep(data, slots=1), data.curve(data.score, slots=1)
    best = revenue_best_reserve(curve, sweep.reserves, "second")
    view = ads_view(
        data, sweep, curve, references(data, slots=1),
        model="Gradient boosting", pricing="second", reserve=best,
    )  # fmt: skip
    assert best == peak(view.reserve_table, "rpm")
    table = view.quality_table.sort_values("auc")
    now = view.quality_table.iloc[view.current_knob]
    rpm = np.interp(now.auc + 0.01, table["auc"], table["rpm"])
    expected = yearly_value(rpm - now.rpm, daily_queries=1e6)
    assert view.auc_step_value(daily_queries=1e6) == expected > 0
    assert view.auc_step_value(daily_queries=1e6, step=1.0) is None  # beyond perfect
    tiles = {t.label: t for t in money_tiles(view, 1e6)}
    assert tiles["A model 0.01 AUC better"].note == f"+${expected:,.0f} a year"


def test_two_accuracies_are_written_with_the_digits_that_tell_them_apart():
    from metrics.ads.sentences import _distinct_digits

    assert _distinct_digits(0.96494, 0.96493) == 3
    assert _distinct_digits(0.9649, 0.9612) == 2
    assert _distinct_digits(0.5, 0.5) == 4
