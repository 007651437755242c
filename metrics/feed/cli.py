"""``feed``: a ranked newsfeed's clicks, quality, harm and ad revenue for the weights alpha
(quality) and beta (engagement), beside ranking by engagement alone, as JSON."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from metrics.core.command import common_options, json_report
from metrics.feed.columns import FEED_OPTIONAL, FEED_ROLES, option_stem
from metrics.feed.model import HARMS, FilterThresholds
from metrics.feed.ranking import DEFAULT_FEEDS_PER_DAY, DEFAULT_REVENUE, FeedOutcome, Revenue

if TYPE_CHECKING:
    from metrics.feed.view import FeedView

FIGURES = {
    "expected_clicks": "expected_clicks",
    "mean_quality": "mean_quality",
    "extreme_share": "extreme_share",
    "harmful_per_1000_feeds": "harmful_per_1000_users",
    "posts_per_feed": "posts_per_user",
    "revenue_per_1000_feeds": "revenue_per_1000_users",
    "ndcg_quality": "ndcg_quality",
    "ndcg_engagement": "ndcg_engagement",
}
"""JSON name to ``FeedOutcome`` field: figures per user's feed, as the page shows them."""


def _figures(outcome: FeedOutcome, feeds_per_day: float) -> dict:
    from metrics.feed.view import yearly_revenue

    out = {name: getattr(outcome, field) for name, field in FIGURES.items()}
    return json_report({**out, "revenue_a_year": yearly_revenue(outcome, feeds_per_day)})


def feed_json(view: FeedView, filtered, *, alpha: float, beta: float, k: int, source: str) -> dict:
    """The JSON object printed by ``feed``.

    Score = alpha x quality percentile + beta x engagement percentile; each user sees the top
    ``k`` eligible candidates. Revenue per 1,000 feeds = 1,000 x (clicks per feed x USD per
    click + posts per feed x USD per post); revenue a year = that x feeds a day / 1,000 x 365.

    Parameters
    ----------
    view : FeedView
        The blended feed and its engagement-only baseline.
    filtered : FilterReport
        What the harm filters removed.
    alpha, beta : float
        The weights.
    k : int
        Posts shown per feed.
    source : str
        The data's name.

    Returns
    -------
    dict
        ``feed`` and ``engagement_only`` (the same figures), their difference, ``filters``
        and ``truths`` (what the data could measure; null figures it could not).
    """
    feed = _figures(view.outcome, view.feeds_per_day)
    base = _figures(view.baseline, view.feeds_per_day)
    change = {n: None if feed[n] is None or base[n] is None else feed[n] - base[n] for n in feed}
    return {
        "source": source,
        "alpha": alpha,
        "beta": beta,
        "k": k,
        "feeds_per_day": view.feeds_per_day,
        "feed": feed,
        "engagement_only": base,
        "change_against_engagement_only": change,
        "filters": {
            "posts": filtered.posts,
            "removed": filtered.removed,
            "harmful": filtered.harmful if filtered.harm_known else None,
            "harmful_leaked": filtered.harmful_leaked if filtered.harm_known else None,
            "good_removed": filtered.good_removed if filtered.harm_known else None,
        },
        "truths": sorted(view.known),
        "currency": "USD",
    }


def _flag(role: str) -> str:
    return f"--{option_stem(role)}-column"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``feed``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run, data="optional")
    parser.add_argument("--alpha", type=float, default=0.5, help="weight of predicted quality")
    parser.add_argument("--beta", type=float, default=0.5, help="weight of predicted engagement")
    parser.add_argument("--k", type=int, default=10, help="posts shown per feed (default 10)")
    parser.add_argument("--revenue-per-click", type=float, default=DEFAULT_REVENUE.per_click)
    parser.add_argument("--revenue-per-post", type=float, default=DEFAULT_REVENUE.per_impression)
    parser.add_argument("--feeds-per-day", type=float, default=DEFAULT_FEEDS_PER_DAY)
    for harm in HARMS:
        parser.add_argument(
            f"--{harm}-threshold",
            type=float,
            default=getattr(FilterThresholds(), harm),
            help=f"remove a post when its {harm} score is at least this (1: keep all)",
        )
    for role, (default, label) in FEED_ROLES.items():
        parser.add_argument(_flag(role), default=default, help=label)
    for role, (default, label) in FEED_OPTIONAL.items():
        parser.add_argument(_flag(role), help=f"{label}; '{default}' when the file has it")


def run(args: argparse.Namespace) -> dict:
    """Rank the sample or ``--data`` with the weights and report it.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    dict
    """
    from metrics.feed.model import blendable, filter_report
    from metrics.feed.view import feed_view

    _check_inputs(args)
    thresholds = FilterThresholds(*(getattr(args, f"{h}_threshold") for h in HARMS))
    revenue = Revenue(args.revenue_per_click, args.revenue_per_post)
    data, source = _data(args)
    view = feed_view(
        data,
        blendable(data, thresholds),
        alpha=args.alpha,
        beta=args.beta,
        k=args.k,
        revenue=revenue,
        feeds_per_day=args.feeds_per_day,
    )
    filtered = filter_report(data, thresholds)
    return feed_json(view, filtered, alpha=args.alpha, beta=args.beta, k=args.k, source=source)


def _data(args: argparse.Namespace):
    if args.data is None:
        from metrics.feed.data import FEED_POSTS_FILE, load_feed_sample

        return load_feed_sample().data, f"sample {FEED_POSTS_FILE}"
    from metrics.core.io import keep_where, read_table
    from metrics.feed.upload import feed_data

    frame = keep_where(read_table(args.data), args.where)
    picked = {role: getattr(args, f"{role}_column") for role in FEED_ROLES}
    for role, (default, _) in FEED_OPTIONAL.items():
        given = getattr(args, f"{role}_column")
        picked[role] = given or (default if default in frame.columns else None)
    return feed_data(frame, picked), args.data


def _check_inputs(args: argparse.Namespace) -> None:
    for flag, value, what in (
        ("--alpha", args.alpha, "a weight of 0 or more"),
        ("--beta", args.beta, "a weight of 0 or more"),
        ("--revenue-per-click", args.revenue_per_click, "USD of 0 or more"),
        ("--revenue-per-post", args.revenue_per_post, "USD of 0 or more"),
        ("--feeds-per-day", args.feeds_per_day, "a count of 0 or more"),
    ):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{flag} is {value:g}; give {what}")
    if args.alpha == args.beta == 0:
        raise ValueError("--alpha and --beta are both 0; give one a weight above 0")
    if args.k < 1:
        raise ValueError(f"--k is {args.k}; show at least 1 post per feed")
    for harm in HARMS:
        value = getattr(args, f"{harm}_threshold")
        if not 0.05 <= value <= 1:
            raise ValueError(f"--{harm}-threshold is {value:g}; give a score from 0.05 to 1")
