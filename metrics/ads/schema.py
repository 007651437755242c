"""The JSON Schema of ``valuelens ads --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, number, string

SCHEMA_VERSION = 1

SCHEMA = command_schema(
    "ads",
    SCHEMA_VERSION,
    "A CTR model's auction revenue, RPM and reserve-independent quality on an auction log.",
    {
        "rank_by": string(
            "The ranking priced (--rank-by).", enum=["score", "bid", "p_true", "random"]
        ),
        "queries": integer("Queries in the log, count."),
        "impressions": integer("Ads shown, count."),
        "ads_per_query": number("Ads shown per query."),
        "fill_rate": number("Share of queries that show at least one ad, 0-1."),
        "clicks": integer("Clicks on the ads shown, count (from the log)."),
        "ctr": number("Clicks per impression, 0-1; null when no ad is shown.", nullable=True),
        "realised_revenue": number("Revenue from the clicks in the log, USD."),
        "realised_rpm": number("realised_revenue per 1,000 queries, USD."),
        "expected_revenue": number(
            "Revenue expected from the true click probabilities (p_true), USD: free of "
            "click noise, what the dashboard shows (with a p_true column)."
        ),
        "expected_rpm": number("expected_revenue per 1,000 queries, USD (with p_true)."),
        "oracle_expected_revenue": number(
            "Expected revenue when ranking by the true click probabilities, USD (with p_true)."
        ),
        "share_of_oracle": number(
            "expected_revenue / oracle_expected_revenue (1 = 100%; with p_true).", nullable=True
        ),
        "auc": number("ROC AUC of the scores against the clicks, 0-1.", nullable=True),
        "log_loss": number("Mean log loss of the scores, nats per impression.", nullable=True),
        "ne": number(
            "Normalised entropy: log loss over the log loss of predicting the average CTR "
            "(below 1 is better than the average).",
            nullable=True,
        ),
        "calibration_ratio": number(
            "Sum of predicted CTR over clicks (1 is calibrated).", nullable=True
        ),
        "currency": string("Currency of every money field.", enum=["USD"]),
    },
    optional=("expected_revenue", "expected_rpm", "oracle_expected_revenue", "share_of_oracle"),
)
