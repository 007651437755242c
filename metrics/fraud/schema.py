"""The JSON Schema of ``valuelens evaluate --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, number, string

SCHEMA_VERSION = 1

_MONEY = "USD over the file's rows, relative to approving everything"

SCHEMA = command_schema(
    "evaluate",
    SCHEMA_VERSION,
    "A fraud model's confusion counts, ML metrics and net savings at one threshold.",
    {
        "n": integer("Rows valued (after --where), count."),
        "positives": integer("Fraud rows (label 1), count."),
        "threshold": number("The threshold asked for: a row is flagged when score >= it."),
        "tp": integer("Fraud flagged, count."),
        "fp": integer("Legitimate rows flagged, count."),
        "fn": integer("Fraud approved, count."),
        "tn": integer("Legitimate rows approved, count."),
        "precision": number(
            "Share of flagged rows that are fraud, 0-1; null when nothing is flagged.",
            nullable=True,
        ),
        "recall": number("Share of fraud flagged, 0-1; null without fraud.", nullable=True),
        "f1": number(
            "Harmonic mean of precision and recall, 0-1; null when undefined.", nullable=True
        ),
        "accuracy": number("Share of rows decided rightly, 0-1."),
        "roc_auc": number(
            "Area under the ROC curve, 0-1; null with one class only.", nullable=True
        ),
        "pr_auc": number("Average precision, 0-1; null without fraud.", nullable=True),
        "net_savings": number(f"Net savings at the threshold, {_MONEY}."),
        "perfect_savings": number(f"Net savings of the perfect decision, {_MONEY}."),
        "share_of_perfect": number(
            "net_savings / perfect_savings (a share, 1 = 100%); null "
            "when the perfect decision saves nothing.",
            nullable=True,
        ),
        "best_savings_threshold": number(
            "The threshold with the most net savings on these "
            "rows; null when flagging nothing is best.",
            nullable=True,
        ),
        "best_savings": number(
            f"Net savings at best_savings_threshold, {_MONEY}; chosen and "
            "valued on the same rows, so optimistic."
        ),
        "best_value_cross_fitted": number(
            f"The most-money threshold's net savings as earned, {_MONEY}: chosen on 4 of 5 "
            "stratified folds and valued on the fifth, summed over the folds. On a big log "
            "summed by an engine it costs one more pass and comes with --interval (null "
            "without it); folds there are a hash of each row's file and row number, and the "
            "threshold is chosen on scores k / 1,000.",
            nullable=True,
        ),
        "best_value_cross_fitted_low": number(
            "Lower end of the 95% interval of best_value_cross_fitted, USD (bootstrap that "
            "re-chooses the threshold in every resample).",
            nullable=True,
        ),
        "best_value_cross_fitted_high": number(
            "Upper end of that 95% interval, USD.", nullable=True
        ),
        "best_f1_threshold": number(
            "The threshold with the highest F1; null when undefined.", nullable=True
        ),
        "best_accuracy_threshold": number(
            "The threshold with the highest accuracy; null when flagging nothing is best.",
            nullable=True,
        ),
        "days": number(
            "Calendar days the timestamps span, first and last included; null "
            "without a timestamp column.",
            nullable=True,
        ),
        "alerts_per_day": number(
            "Rows flagged a day at the threshold; null without days.", nullable=True
        ),
        "capacity_per_day": number(
            "--capacity-per-day: alerts reviewers can handle a day; null when not given.",
            nullable=True,
        ),
        "best_savings_within_capacity_threshold": number(
            "The threshold with the most net savings whose alerts a day stay within "
            "capacity; null without a capacity or days.",
            nullable=True,
        ),
        "score_resolution": number(
            "Step of the score grid when a big log had more than a "
            "million distinct scores; null when exact.",
            nullable=True,
        ),
        "currency": string("Currency of every money field.", enum=["USD"]),
        "net_savings_low": number(
            "Lower end of the 95% bootstrap interval of net_savings, USD (with --interval)."
        ),
        "net_savings_high": number("Upper end of that interval, USD (with --interval)."),
    },
    optional=("net_savings_low", "net_savings_high"),
)
