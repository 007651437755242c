"""The JSON Schema of ``valuelens feed --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, number, record, string

SCHEMA_VERSION = 1


def _figures(description: str) -> dict:
    """The per-feed figures, as the page shows them (null where the data cannot say)."""
    return record(
        description,
        {
            "expected_clicks": number("Expected clicks per user's feed.", nullable=True),
            "mean_quality": number("Mean true quality of the posts shown, 0-1.", nullable=True),
            "extreme_share": number("Share of posts shown that are extreme, 0-1.", nullable=True),
            "harmful_per_1000_feeds": number("Harmful posts shown per 1,000 feeds.", nullable=True),
            "posts_per_feed": number("Posts shown per feed (at most k)."),
            "revenue_per_1000_feeds": number("Ad revenue per 1,000 feeds, USD.", nullable=True),
            "ndcg_quality": number("NDCG@k with true quality as the gain, 0-1.", nullable=True),
            "ndcg_engagement": number(
                "NDCG@k with the click probability as the gain, 0-1.", nullable=True
            ),
            "revenue_a_year": number(
                "revenue_per_1000_feeds x feeds_per_day / 1,000 x 365, USD a year.",
                nullable=True,
            ),
        },
    )


SCHEMA = command_schema(
    "feed",
    SCHEMA_VERSION,
    "A ranked newsfeed for weights alpha (quality) and beta (engagement), beside ranking by "
    "engagement alone.",
    {
        "source": string("The data ranked: the bundled sample or the --data file."),
        "alpha": number("Weight of predicted quality in the score."),
        "beta": number("Weight of predicted engagement in the score."),
        "k": integer("Posts shown per feed."),
        "feeds_per_day": number("Feeds served a day, for revenue a year."),
        "feed": _figures("The feed at alpha and beta."),
        "engagement_only": _figures("The feed ranked by predicted engagement alone."),
        "change_against_engagement_only": _figures(
            "feed minus engagement_only, field by field (same units)."
        ),
        "filters": record(
            "What the harm filters removed, in posts (null where harm is not in the data).",
            {
                "posts": integer("Candidate posts, count."),
                "removed": integer("Posts removed by a filter, count."),
                "harmful": integer("Truly harmful posts, count.", nullable=True),
                "harmful_leaked": integer("Harmful posts no filter removed, count.", nullable=True),
                "good_removed": integer("Harmless posts removed, count.", nullable=True),
            },
        ),
        "truths": {
            "type": "array",
            "description": "What the data could measure (quality, p_click, extremeness, harm).",
            "items": {"type": "string"},
        },
        "currency": string("Currency of every money field.", enum=["USD"]),
    },
)
