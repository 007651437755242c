"""The search-ads page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.ads import charts
from metrics.ads.data import ADS_SAMPLE_FILE, load_ads_sample
from metrics.ads.model import quality_sweep
from metrics.ads.reference_charts import references_figure
from metrics.ads.references import references
from metrics.ads.sentences import (
    ads_headline,
    headline,
    imbalance_story,
    money_tiles,
    peak,
    reserve_story,
)
from metrics.ads.view import AdsView, ads_view, revenue_best_reserve
from metrics.core.format import money
from metrics.core.html_report import Assumption, ReportSection, render_report
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs

FRAMING = (
    "Grow ad revenue without filling pages with ads nobody clicks",
    "Predicted click-through rate (pCTR) for each query and candidate ad",
    "Log loss on past impressions (click or no click)",
    "ROC AUC, log loss, normalized entropy, calibration",
    "Revenue per 1,000 queries (RPM) and per year",
)
WORDS = (
    "RPM",
    "pCTR",
    "CTR",
    "eCPM",
    "reserve",
    "ROC AUC",
    "log loss",
    "normalized entropy",
    "calibration",
    "accuracy",
    "threshold",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""
QUESTION = "Search ads: what is a better click model worth?"


def ads_section(
    view: AdsView,
    *,
    slots: int,
    pricing: str,
    reserve: float,
    daily_queries: float,
    source: str,
    fingerprint: str,
) -> ReportSection:
    """The page at one setting: assumptions, tiles, sentences and charts.

    Parameters
    ----------
    view : AdsView
    slots : int
    pricing : {'first', 'second'}
    reserve : float
        USD per 1,000 impressions.
    daily_queries : float
    source, fingerprint : str

    Returns
    -------
    ReportSection
    """
    assumptions = [
        Assumption("Ad slots per query", str(slots), "slots", "1"),
        Assumption("Pricing", f"{pricing} price", "rule", "first price"),
        Assumption(
            "Reserve",
            money(reserve, decimals=2),
            "USD per 1,000 impressions",
            f"{money(peak(view.reserve_table, 'rpm'))}, the revenue-best reserve",
        ),
        Assumption("Queries a day", f"{daily_queries:,.0f}", "queries", "5,000,000"),
    ]
    return ReportSection(
        title="Search ads",
        question=QUESTION,
        framing=FRAMING,
        assumptions=assumptions,
        tiles=money_tiles(view, daily_queries),
        sentences=[
            headline(view, reserve=reserve, daily_queries=daily_queries),
            reserve_story(view),
            imbalance_story(view),
        ],
        figures=[
            charts.reserve_figure(view, reserve),
            charts.calibration_figure(view),
            references_figure(view.references),
        ],
        source=source,
        fingerprint=fingerprint,
        headline=ads_headline(view, daily_queries),
    )


def ads_report(view: AdsView, **settings) -> str:
    """The search-ads page's review report: one self-contained HTML document.

    Parameters
    ----------
    view : AdsView
    **settings
        As ``ads_section``'s keywords.

    Returns
    -------
    str
    """
    return render_report([ads_section(view, **settings)], title=QUESTION)


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The ads page's section from a saved scenario's inputs, on the bundled auctions.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    model = inputs.text("ads_model", "Gradient boosting")
    slots = inputs.whole("ads_slots", 1)
    pricing = "second" if inputs.text("ads_pricing", "First").startswith("Second") else "first"
    data = load_ads_sample(model)
    sweep, curve = quality_sweep(data, slots=slots), data.curve(data.score, slots=slots)
    reserve = inputs.number("ads_reserve", revenue_best_reserve(curve, sweep.reserves, pricing))
    view = ads_view(
        data,
        sweep,
        curve,
        references(data, slots=slots),
        model=model,
        pricing=pricing,
        reserve=reserve,
    )
    return ads_section(
        view,
        slots=slots,
        pricing=pricing,
        reserve=reserve,
        daily_queries=inputs.number("ads_daily_queries", 5_000_000),
        source=f"sample {ADS_SAMPLE_FILE}, {model}",
        fingerprint=file_fingerprint(sample_path(ADS_SAMPLE_FILE)),
    )
