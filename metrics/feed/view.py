"""What the feed page shows for one alpha, beta, K and filter setting."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.core.format import Headline, Tile, money, percent, short_money, signed_money
from metrics.feed.model import EXTREME, HARMS, Blendable, FeedData, FilterReport
from metrics.feed.ranking import DEFAULT_FEEDS_PER_DAY, FeedOutcome, Revenue, rank_feed

"""Feeds served a day, the default that turns revenue per 1,000 feeds into a year."""

TOPICS = ["politics", "sports", "science", "celebrity", "finance", "health", "tech", "travel"]


@dataclass(frozen=True, eq=False)
class FeedView:
    """The blended feed, the engagement-only feed it is compared with, and their outcomes."""

    columns: np.ndarray
    shown: np.ndarray
    outcome: FeedOutcome
    baseline_columns: np.ndarray
    baseline_shown: np.ndarray
    baseline: FeedOutcome
    known: frozenset[str]
    feeds_per_day: float = DEFAULT_FEEDS_PER_DAY

    @property
    def revenue_a_year(self) -> float:
        """Revenue per 1,000 feeds x feeds a day / 1,000 x 365 (USD)."""
        return yearly_revenue(self.outcome, self.feeds_per_day)

    @property
    def revenue_a_year_interval(self) -> tuple[float, float] | None:
        """95% interval of revenue a year over which users are served: revenue a year
        +/- 1.96 standard errors of the mean feed's revenue (users are independent; the
        mean of thousands of bounded values is close to normal). None with one user."""
        se = self.outcome.revenue_se_per_1000_users
        if not np.isfinite(se):
            return None
        half = 1.96 * se * self.feeds_per_day / 1000 * 365
        return self.revenue_a_year - half, self.revenue_a_year + half

    def delta(self, name: str) -> float:
        return getattr(self.outcome, name) - getattr(self.baseline, name)


def yearly_revenue(outcome: FeedOutcome, feeds_per_day: float) -> float:
    """Ad revenue a year: revenue per 1,000 feeds x feeds a day / 1,000 x 365 (USD).

    Parameters
    ----------
    outcome : FeedOutcome
    feeds_per_day : float
        Feeds served a day.

    Returns
    -------
    float
    """
    return outcome.revenue_per_1000_users * feeds_per_day / 1000 * 365


def feed_headline(view: FeedView) -> Headline:
    """Ad revenue a year of the ranked feed (USD), for the home page.

    Parameters
    ----------
    view : FeedView

    Returns
    -------
    Headline
    """
    return Headline(
        view.revenue_a_year,
        "ad revenue a year",
        f"{view.feeds_per_day:,.0f} feeds a day x 365",
        view.revenue_a_year_interval,
    )


def feed_view(
    data: FeedData,
    prepared: Blendable,
    *,
    alpha: float,
    beta: float,
    k: int,
    revenue: Revenue,
    feeds_per_day: float = DEFAULT_FEEDS_PER_DAY,
) -> FeedView:
    """Rank with the sliders' weights and with engagement alone (alpha = 0).

    Parameters
    ----------
    data : FeedData
        Candidates per user with their true and predicted values.
    prepared : Blendable
        The filter setting's eligibility, percentile ranks and true gains.
    alpha : float
        Weight of predicted quality, >= 0.
    beta : float
        Weight of predicted engagement, >= 0.
    k : int
        Posts shown per user.
    revenue : Revenue
        USD per click and per post shown.
    feeds_per_day : float
        Feeds served a day, for the yearly revenue.

    Returns
    -------
    FeedView
    """
    ranked = rank_feed(data, prepared, alpha=alpha, beta=beta, k=k, revenue=revenue)
    base = rank_feed(data, prepared, alpha=0.0, beta=1.0, k=k, revenue=revenue)
    return FeedView(
        ranked.columns,
        ranked.shown,
        ranked.outcome,
        base.columns,
        base.shown,
        base.outcome,
        data.known,
        feeds_per_day,
    )


def user_feed(
    data: FeedData,
    columns: np.ndarray,
    shown: np.ndarray,
    user: int,
    other: np.ndarray,
    *,
    mark: str,
) -> pd.DataFrame:
    """One user's feed, best first, with each post's truth; posts missing from the other feed
    (its columns ``other``) are marked with ``mark``.

    Parameters
    ----------
    data : FeedData
        Candidates per user with their true and predicted values.
    columns : ndarray of shape (users, k)
        Candidate columns shown, best first.
    shown : ndarray of bool, shape (users, k)
        False in empty slots.
    user : int
        Row of the user.
    other : ndarray of shape (users, k)
        Columns of the feed to compare with.
    mark : str
        Marker for posts the other feed does not show.

    Returns
    -------
    DataFrame
        One row per post shown, best first.
    """
    cols = columns[user][shown[user]]
    posts = data.post_index[user, cols]
    extreme = (data.extremeness[posts] >= EXTREME) & ("extremeness" in data.known)
    flags = [
        ", ".join([*(["extreme"] if x else []), *(h for h in HARMS if data.harmful[h][p])])
        for p, x in zip(posts, extreme, strict=True)
    ]
    what = (
        {"topic": [TOPICS[t] for t in data.topic[posts]]}
        if data.topic is not None
        else {"post": data.post_id[posts]}
    )
    quality = "true quality" if "quality" in data.known else "predicted quality"
    return pd.DataFrame(
        {
            "#": np.arange(1, len(cols) + 1),
            **what,
            quality: data.quality[posts],
            "predicted click": data.engagement[user, cols],
            "flags": flags,
            "change": np.where(np.isin(cols, other), "", mark),
        }
    )


def weights_sentence(alpha: float, beta: float) -> str:
    """Only the ratio of the weights matters when both are >= 0.

    Parameters
    ----------
    alpha : float
        Weight of predicted quality, >= 0.
    beta : float
        Weight of predicted engagement, >= 0.

    Returns
    -------
    str
    """
    share = alpha / (alpha + beta)
    return (
        f"alpha = {alpha:.2f}, beta = {beta:.2f}: quality gets {share:.0%} of the weight and "
        f"engagement {1 - share:.0%}. Only the ratio matters; any weights in the same "
        "proportion give exactly this feed."
    )


def filter_sentence(report: FilterReport) -> str:
    """What the filters remove and what slips through, in one sentence.

    Parameters
    ----------
    report : FilterReport

    Returns
    -------
    str
    """
    removed = f"The filters remove {report.removed:,} of {report.posts:,} posts."
    if not report.harm_known:
        return (
            f"{removed} The data does not say which posts are truly harmful, so what slips "
            "through is not known."
        )
    return (
        f"{removed} {report.harmful_leaked:,} of {report.harmful:,} harmful posts slip through "
        f"and {report.good_removed:,} good posts are removed by mistake."
    )


def outcome_tiles(view: FeedView) -> list[Tile]:
    """The feed's six headline figures, each with its unit and its change against ranking by
    engagement alone (alpha = 0).

    Parameters
    ----------
    view : FeedView
        The ranked feed and its engagement-only baseline.

    Returns
    -------
    list of Tile
    """
    out, d = view.outcome, view.delta
    clicks = "true click probabilities" if view.known >= {"p_click"} else "predicted clicks"
    quality = "true quality" if view.known >= {"quality"} else "predicted quality"
    return [
        Tile(
            "Expected clicks per feed",
            f"{out.expected_clicks:.2f}",
            f"Clicks a user's feed earns, from the {clicks} of the posts shown.",
            f"{d('expected_clicks'):+.2f} clicks",
        ),
        Tile(
            "Mean quality (0 to 1)",
            f"{out.mean_quality:.3f}",
            f"Mean {quality} of the posts shown, from 0 (worst) to 1 (best).",
            f"{d('mean_quality'):+.3f}",
        ),
        _unknown_or(
            out.extreme_share,
            Tile(
                "Extreme posts, share",
                percent(out.extreme_share, decimals=1),
                f"Share of shown posts with an extremeness of at least {EXTREME}.",
                f"{d('extreme_share') * 100:+.1f} pts",
                better="lower",
            ),
        ),
        _unknown_or(
            out.harmful_per_1000_users,
            Tile(
                "Harmful per 1,000 feeds",
                f"{out.harmful_per_1000_users:,.0f}",
                "Posts flagged as spam, adult or misinformation shown in 1,000 users' feeds.",
                f"{d('harmful_per_1000_users'):+,.0f} posts",
                better="lower",
            ),
        ),
        Tile(
            "Revenue per 1,000 feeds",
            money(out.revenue_per_1000_users),
            "Ad revenue from 1,000 users' feeds, in USD.",
            signed_money(d("revenue_per_1000_users")),
        ),
        Tile(
            "Revenue a year",
            short_money(view.revenue_a_year),
            f"Revenue per 1,000 feeds x {view.feeds_per_day:,.0f} feeds a day / 1,000 x 365. "
            "The interval covers which users happen to be in the data.",
            signed_money(view.revenue_a_year - yearly_revenue(view.baseline, view.feeds_per_day)),
            note=_interval_note(view.revenue_a_year_interval),
        ),
    ]


def _interval_note(interval: tuple[float, float] | None) -> str | None:
    if interval is None:
        return None
    return f"95% interval: {short_money(interval[0])} to {short_money(interval[1])}"


def _unknown_or(value: float, tile: Tile) -> Tile:
    """The tile, or the same tile saying the data cannot tell (no truth column for it)."""
    if np.isfinite(value):
        return tile
    return Tile(tile.label, "n/a", tile.help + " The data has no column for it.")
