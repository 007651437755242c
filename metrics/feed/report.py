"""The newsfeed page's scenario as a section of the review report."""

from __future__ import annotations

from metrics.core.format import money
from metrics.core.html_report import Assumption, ReportSection, render_report
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.feed.charts import pareto_figure
from metrics.feed.data import FEED_POSTS_FILE, load_feed_sample
from metrics.feed.frontier import ParetoSweep, pareto_sweep
from metrics.feed.model import FilterReport, FilterThresholds, blendable, filter_report
from metrics.feed.ranking import DEFAULT_REVENUE, Revenue
from metrics.feed.view import (
    DEFAULT_FEEDS_PER_DAY,
    FeedView,
    feed_headline,
    feed_view,
    filter_sentence,
    outcome_tiles,
    weights_sentence,
)

FRAMING = (
    "Keep people engaged with posts worth their time, and keep harmful posts out",
    "Per post: predicted quality and harm scores; per user and post: predicted click",
    "Two separate models: squared error for quality ratings, log loss for clicks (and for "
    "each harm classifier)",
    "Ranking quality (NDCG, 1 = the best order) against true quality and true clicks; "
    "harmful posts the filters miss",
    "Expected clicks per feed, mean quality, harmful posts and ad revenue per 1,000 feeds",
)
WORDS = (
    "NDCG",
    "log loss",
    "threshold",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""
QUESTION = "Newsfeed: quality or engagement? Re-weight without retraining"


def feed_section(
    view: FeedView,
    sweep: ParetoSweep,
    *,
    alpha: float,
    beta: float,
    k: int,
    thresholds: FilterThresholds,
    filtered: FilterReport,
    revenue: Revenue,
    source: str,
    fingerprint: str,
) -> ReportSection:
    """The page at one weighting: assumptions, tiles, sentences and the frontier.

    Parameters
    ----------
    view : FeedView
    sweep : ParetoSweep
        The frontier over weightings.
    alpha, beta : float
        Weights of quality and engagement.
    k : int
        Posts per feed.
    thresholds : FilterThresholds
    filtered : FilterReport
        What the filters remove.
    revenue : Revenue
    source, fingerprint : str

    Returns
    -------
    ReportSection
    """
    default = FilterThresholds()
    assumptions = [
        Assumption("alpha: weight of quality", f"{alpha:g}", "weight", "0.5"),
        Assumption("beta: weight of engagement", f"{beta:g}", "weight", "0.5"),
        Assumption("Posts per feed", str(k), "posts", "10"),
        *(
            Assumption(f"{harm} filter", f"{getattr(thresholds, harm):g}", "score threshold",
                       f"{getattr(default, harm):g}")
            for harm in ("spam", "nsfw", "misinfo")
        ),
        Assumption("Ad revenue per click", money(revenue.per_click, decimals=2), "USD",
                   money(DEFAULT_REVENUE.per_click, decimals=2)),
        Assumption("Ad revenue per post shown", f"${revenue.per_impression:.3f}", "USD",
                   f"${DEFAULT_REVENUE.per_impression:.3f}"),
        Assumption("Feeds served a day", f"{view.feeds_per_day:,.0f}", "feeds",
                   f"{DEFAULT_FEEDS_PER_DAY:,}"),
    ]  # fmt: skip
    return ReportSection(
        title="Newsfeed ranking",
        question=QUESTION,
        framing=FRAMING,
        assumptions=assumptions,
        tiles=outcome_tiles(view),
        sentences=[weights_sentence(alpha, beta), filter_sentence(filtered)],
        figures=[pareto_figure(sweep, view.outcome, alpha / (alpha + beta))],
        source=source,
        fingerprint=fingerprint,
        headline=feed_headline(view),
    )


def feed_report(view: FeedView, sweep: ParetoSweep, **settings) -> str:
    """The newsfeed page's review report: one self-contained HTML document.

    Parameters
    ----------
    view : FeedView
    sweep : ParetoSweep
    **settings
        As ``feed_section``'s keywords.

    Returns
    -------
    str
    """
    return render_report([feed_section(view, sweep, **settings)], title=QUESTION)


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The newsfeed page's section from a saved scenario's inputs, on the bundled feed.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    data = load_feed_sample().data
    default = FilterThresholds()
    thresholds = FilterThresholds(
        *(
            inputs.number(f"feed_filter_{h}", getattr(default, h))
            for h in ("spam", "nsfw", "misinfo")
        )
    )
    revenue = Revenue(
        inputs.number("feed_rev_click", DEFAULT_REVENUE.per_click),
        inputs.number("feed_rev_view", DEFAULT_REVENUE.per_impression),
    )
    alpha, beta = inputs.number("feed_alpha", 0.5), inputs.number("feed_beta", 0.5)
    if alpha == beta == 0:
        alpha = beta = 0.5
    k = inputs.whole("feed_k", 10)
    prepared = blendable(data, thresholds)
    feeds = inputs.number("feed_daily_feeds", DEFAULT_FEEDS_PER_DAY)
    return feed_section(
        feed_view(
            data, prepared, alpha=alpha, beta=beta, k=k, revenue=revenue, feeds_per_day=feeds
        ),
        pareto_sweep(data, prepared, k=k, revenue=revenue),
        alpha=alpha,
        beta=beta,
        k=k,
        thresholds=thresholds,
        filtered=filter_report(data, thresholds),
        revenue=revenue,
        source=f"sample {FEED_POSTS_FILE}",
        fingerprint=file_fingerprint(sample_path(FEED_POSTS_FILE)),
    )
