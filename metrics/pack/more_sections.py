"""Saved scenarios rebuilt as report sections on the bundled samples: search ads, the
newsfeed, the security pipeline, the ROI projection and your model (with its saved value
matrix)."""

from __future__ import annotations

import numpy as np

from metrics.adapt.report import adapt_from
from metrics.ads.data import ADS_SAMPLE_FILE, load_ads_sample
from metrics.ads.model import quality_sweep
from metrics.ads.references import references
from metrics.ads.report import ads_section
from metrics.ads.view import ads_view
from metrics.core.crossfit import curve_with_cross_fit
from metrics.core.html_report import ReportSection
from metrics.core.samples import sample_path
from metrics.core.scenario import Scenario, file_fingerprint
from metrics.core.value import class_amounts
from metrics.decide.data import PRESETS, SAMPLES, decision_data, load_sample
from metrics.decide.model import decide, earned_best
from metrics.decide.section import DecisionScenario, decide_section
from metrics.decide.three_way import three_way
from metrics.decide.uncertain import basis, from_entries, uncertain_value
from metrics.feed.data import FEED_POSTS_FILE, load_feed_sample
from metrics.feed.frontier import pareto_sweep
from metrics.feed.model import FilterThresholds, blendable, filter_report
from metrics.feed.ranking import DEFAULT_REVENUE, Revenue
from metrics.feed.report import feed_section
from metrics.feed.view import DEFAULT_FEEDS_PER_DAY, feed_view
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import FraudCosts, earned_a_year
from metrics.review.data import FRAUD_CANDIDATES_FILE, load_fraud_candidates
from metrics.review.model_value import Investment, metric_value, reach_target
from metrics.review.report import (
    bottleneck_sentence,
    model_value_section,
    roi_assumptions,
    roi_section,
    security_assumptions,
    security_section,
    stopped_comparison,
)
from metrics.review.roi import STAGES, projection
from metrics.review.security import Pipeline, bottleneck_recall, funnel
from metrics.review.view import TARGETS, offered_target, score_models, target_scenario


def costs_from(inputs: dict) -> FraudCosts:
    """The fraud costs a scenario saved (the defaults where it saved none).

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    FraudCosts
    """
    default = FraudCosts()
    return FraudCosts(
        inputs.number("fraud_review_cost", default.review_cost),
        inputs.number("fraud_chargeback_fee", default.chargeback_fee),
        inputs.number("fraud_friction_pct", default.decline_cost_rate * 100) / 100,
    )


def model_value_from(inputs: dict) -> ReportSection:
    """The model-value page's section from its saved inputs, on the candidate models' sample.

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    ReportSection
    """
    pool = load_fraud_candidates()
    costs = costs_from(inputs)
    rows = score_models(pool, costs)
    model = inputs.text("value_model", rows[0].name)
    metric = inputs.text("value_metric", next(iter(TARGETS)))
    if model not in pool.scores or metric not in TARGETS:
        raise ValueError(
            f"the scenario's model {model!r} or metric {metric!r} is not on the page; models: "
            f"{', '.join(pool.scores)}; metrics: {', '.join(TARGETS)}"
        )
    y, amount, scores = pool.data.y_true, pool.data.amount, pool.scores[model]
    today = metric_value(metric, y, scores)
    asked = inputs.number("value_target", 0.0) if "value_target" in inputs else None
    target = offered_target(metric, today, asked)
    default = Investment()
    scenario = target_scenario(
        rows,
        reach_target(y, scores, amount, costs, metric=metric, target=target),
        model=model,
        today=today,
        metric=metric,
        n_rows=len(y),
        volume=inputs.whole("value_volume", 800_000),
        investment=Investment(
            inputs.number("value_weeks", default.engineer_weeks),
            inputs.number("value_week_cost", default.cost_per_engineer_week),
            inputs.number("value_compute", default.compute),
        ),
    )
    fingerprint = file_fingerprint(sample_path(FRAUD_CANDIDATES_FILE))
    return model_value_section(
        rows,
        scenario,
        target=target,
        source=f"sample {FRAUD_CANDIDATES_FILE}",
        fingerprint=fingerprint,
    )


def ads_from(inputs: dict) -> ReportSection:
    """The ads page's section from its saved inputs, on the bundled auctions.

    Parameters
    ----------
    inputs : dict

    Returns
    -------
    ReportSection
    """
    model = inputs.text("ads_model", "Gradient boosting")
    slots = inputs.whole("ads_slots", 1)
    pricing = "second" if inputs.text("ads_pricing", "First").startswith("Second") else "first"
    reserve = inputs.number("ads_reserve", 20.0)
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
        daily_queries=inputs.number("ads_daily_queries", 5_000_000),
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
        inputs.number("security_events", default.events_per_day),
        inputs.number("security_threats", default.threat_rate * 1e6) / 1e6,
        inputs.number("security_auc", default.model_auc),
        inputs.number("security_pass_threats", default.rules_pass_threats),
        inputs.number("security_pass_false", default.rules_pass_false_alarms),
        inputs.number("security_reviews", default.reviews_per_day),
        inputs.number("security_stop", default.stop_probability),
    )
    recall = inputs.number("security_recall", 0.6)
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
    stage = inputs.text("roi_stage", names[1])
    if "roi_value" in inputs:
        value = inputs.number("roi_value", 0.0)
    else:  # the page's default: the fraud sample's best threshold, as earned, a year
        value = max(round(earned_a_year(load_fraud_sample()), -3), 0.0)
    team = inputs.number("roi_team", 30_000.0)
    projections = [projection(s, value_per_year=value, team_cost_per_month=team) for s in STAGES]
    chosen = projections[names.index(stage)] if stage in names else projections[1]
    assumptions = roi_assumptions(value, team, chosen.stage.name)
    return roi_section(chosen, projections, assumptions, value_per_year=value)


def decide_from(inputs: dict) -> ReportSection:
    """The your-model page's section from its saved inputs and value matrix, on the bundled
    sample it names (the fraud sample when none).

    Parameters
    ----------
    inputs : dict
        The page's inputs; ``_extra`` holds the value matrix as saved.

    Returns
    -------
    ReportSection
    """
    name = inputs.text("decide_sample", "Card fraud (30 days)")
    if name not in SAMPLES:
        raise ValueError(f"the scenario's sample {name!r} is not bundled; use its page")
    file_name, label, score, preset_name = SAMPLES[name]
    frame = load_sample(name)
    amount = "amount" if "amount" in frame.columns else None
    stamp = "timestamp" if "timestamp" in frame.columns else None
    data = decision_data(frame, label=label, score=score, amount=amount, timestamp=stamp)
    matrix = inputs.extra()
    preset_name = matrix.text("preset", preset_name)
    if preset_name not in PRESETS:
        raise matrix.unknown("preset", preset_name, PRESETS)
    preset = PRESETS[preset_name]
    fixed = np.array(matrix.numbers("fixed", preset.fixed))
    rates = np.array(matrix.numbers("rates", preset.rates))
    low = np.array(matrix.numbers("low", fixed))
    high = np.array(matrix.numbers("high", fixed))
    central = np.r_[fixed, rates]
    curve, cross_fit = curve_with_cross_fit(data.y, data.score, amount=data.amount)
    decision = decide(curve, class_amounts(data.y, data.amount), from_entries(central))
    review_cost = inputs.number("decide_review_cost", 2.0)
    scenario = DecisionScenario(
        decision=decision,
        threshold=inputs.number("decide_threshold", decision.best_threshold),
        names=list(matrix.get("names", preset.outcomes)),
        preset=preset.name,
        central=central,
        band=three_way(decision, review_cost),
        review_cost=review_cost,
        uncertainty=uncertain_value(basis(curve), central, np.r_[low, rates], np.r_[high, rates]),
        days=data.days,
        honest=earned_best(decision, cross_fit),
    )
    fingerprint = file_fingerprint(sample_path(file_name))
    return decide_section(scenario, source=f"sample {file_name}", fingerprint=fingerprint)


BUILDERS = {
    "adapt": adapt_from,
    "model_value": model_value_from,
    "ads": ads_from,
    "feed": feed_from,
    "security": security_from,
    "roi": roi_from,
    "decide": decide_from,
}


def more_section(scenario: Scenario) -> ReportSection:
    """The section of any scenario but a fraud or monitoring one.

    Parameters
    ----------
    scenario : Scenario

    Returns
    -------
    ReportSection
    """
    return BUILDERS[scenario.page](scenario.inputs)
