"""The search-ads page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.ads import charts
from metrics.ads.sentences import (
    ads_headline,
    headline,
    imbalance_story,
    money_tiles,
    reserve_story,
)
from metrics.ads.view import AdsView
from metrics.core.format import money
from metrics.core.html_report import Assumption, ReportSection, render_report

FRAMING = (
    "Grow ad revenue without filling pages with ads nobody clicks",
    "Predicted click-through rate (pCTR) for each query and candidate ad",
    "Log loss on past impressions (click or no click)",
    "ROC AUC, log loss, normalized entropy, calibration",
    "Revenue per 1,000 queries (RPM) and per year",
)
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
        Assumption("Reserve", money(reserve, decimals=2), "USD per 1,000 impressions", "$20"),
        Assumption("Queries a day", f"{daily_queries:,.0f}", "queries", "5,000,000"),
    ]
    return ReportSection(
        title="Search ads",
        question=QUESTION,
        framing=FRAMING,
        assumptions=assumptions,
        tiles=money_tiles(view),
        sentences=[
            headline(view, reserve=reserve, daily_queries=daily_queries),
            reserve_story(view),
            imbalance_story(view),
        ],
        figures=[
            charts.reserve_figure(view, reserve),
            charts.calibration_figure(view),
            charts.references_figure(view.references),
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
