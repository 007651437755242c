"""Saved scenarios of the pages without data of their own to choose (search ads and the
newsfeed on their samples, the security pipeline and the ROI projection) rebuilt as report
sections."""

from __future__ import annotations

from metrics.ads.data import ADS_SAMPLE_FILE, load_ads_sample
from metrics.ads.model import quality_sweep
from metrics.ads.references import references
from metrics.ads.report import ads_section
from metrics.ads.view import ads_view
from metrics.core.html_report import ReportSection
from metrics.core.io import sample_path
from metrics.core.scenario import Scenario, file_fingerprint
from metrics.feed.data import FEED_POSTS_FILE, load_feed_sample
from metrics.feed.frontier import pareto_sweep
from metrics.feed.model import FilterThresholds, blendable, filter_report
from metrics.feed.ranking import DEFAULT_REVENUE, Revenue
from metrics.feed.report import feed_section
from metrics.feed.view import feed_view
from metrics.review.report import (
    bottleneck_sentence,
    roi_assumptions,
    roi_section,
    security_assumptions,
    security_section,
    stopped_comparison,
)
from metrics.review.roi import STAGES, projection
from metrics.review.security import Pipeline, bottleneck_recall, funnel


def ads_from(inputs: dict) -> ReportSection:
    """The ads page's section from its saved inputs, on the bundled auctions.

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    ReportSection
    """
    model = str(inputs.get("ads_model", "Gradient boosting"))
    slots = int(inputs.get("ads_slots", 1))
    pricing = "second" if str(inputs.get("ads_pricing", "First")).startswith("Second") else "first"
    reserve = float(inputs.get("ads_reserve", 20.0))
    data = load_ads_sample(model)
    view = ads_view(
        data,
        quality_sweep(data, slots=slots),
        data.curve(data.score, slots=slots),
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
        daily_queries=float(inputs.get("ads_daily_queries", 5_000_000)),
        source=f"sample {ADS_SAMPLE_FILE}, {model}",
        fingerprint=file_fingerprint(sample_path(ADS_SAMPLE_FILE)),
    )


def feed_from(inputs: dict) -> ReportSection:
    """The newsfeed page's section from its saved inputs, on the bundled feed.

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    ReportSection
    """
    data = load_feed_sample().data
    default = FilterThresholds()
    thresholds = FilterThresholds(
        *(
            float(inputs.get(f"feed_filter_{h}", getattr(default, h)))
            for h in ("spam", "nsfw", "misinfo")
        )
    )
    revenue = Revenue(
        float(inputs.get("feed_rev_click", DEFAULT_REVENUE.per_click)),
        float(inputs.get("feed_rev_view", DEFAULT_REVENUE.per_impression)),
    )
    alpha, beta = float(inputs.get("feed_alpha", 0.5)), float(inputs.get("feed_beta", 0.5))
    if alpha == beta == 0:
        alpha = beta = 0.5
    k = int(inputs.get("feed_k", 10))
    prepared = blendable(data, thresholds)
    return feed_section(
        feed_view(data, prepared, alpha=alpha, beta=beta, k=k, revenue=revenue),
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


def security_from(inputs: dict) -> ReportSection:
    """The security page's section from its saved inputs.

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    ReportSection
    """
    default = Pipeline()
    pipeline = Pipeline(
        float(inputs.get("security_events", default.events_per_day)),
        float(inputs.get("security_threats", default.threat_rate * 1e6)) / 1e6,
        float(inputs.get("security_auc", default.model_auc)),
        float(inputs.get("security_pass_threats", default.rules_pass_threats)),
        float(inputs.get("security_pass_false", default.rules_pass_false_alarms)),
        float(inputs.get("security_reviews", default.reviews_per_day)),
        float(inputs.get("security_stop", default.stop_probability)),
    )
    recall = float(inputs.get("security_recall", 0.6))
    knee = bottleneck_recall(pipeline)
    at_knee = 0.0 if knee is None else funnel(pipeline, knee).stopped
    sentence = bottleneck_sentence(knee, at_knee, int(pipeline.reviews_per_day))
    return security_section(
        funnel(pipeline, recall),
        sentence,
        stopped_comparison(pipeline, recall, knee),
        security_assumptions(pipeline, recall),
    )


def roi_from(inputs: dict) -> ReportSection:
    """The ROI page's section from its saved inputs.

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    ReportSection
    """
    names = [s.name for s in STAGES]
    stage = str(inputs.get("roi_stage", names[1]))
    value, team = float(inputs.get("roi_value", 0.0)), float(inputs.get("roi_team", 30_000.0))
    projections = [projection(s, value_per_year=value, team_cost_per_month=team) for s in STAGES]
    chosen = projections[names.index(stage)] if stage in names else projections[1]
    return roi_section(chosen, projections, roi_assumptions(value, team, chosen.stage.name))


BUILDERS = {"ads": ads_from, "feed": feed_from, "security": security_from, "roi": roi_from}


def more_section(scenario: Scenario) -> ReportSection:
    """The section of an ads, newsfeed, security or ROI scenario.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    ReportSection
    """
    return BUILDERS[scenario.page](scenario.inputs)
