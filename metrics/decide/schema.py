"""The JSON Schema of ``valuelens decide --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, number, record

SCHEMA_VERSION = 1

_VALUE = "currency units over the file's rows, every outcome counted (absolute, not relative)"

SCHEMA = command_schema(
    "decide",
    SCHEMA_VERSION,
    "Any binary classifier's value under a value matrix: the best and constrained operating "
    "points, the baselines and the perfect decision.",
    {
        "n": integer("Rows valued (after --where), count."),
        "positives": integer("Rows of the class acted on (label 1), count."),
        "best_threshold": number(
            "The threshold of most value (act when score >= it); null when acting on nobody "
            "is best.",
            nullable=True,
        ),
        "best_value": number(
            f"Value at best_threshold, {_VALUE}; chosen and valued on the same rows, so optimistic."
        ),
        "best_value_cross_fitted": number(
            f"The best threshold's value as earned, {_VALUE}: chosen on 4 of 5 stratified "
            "folds, valued on the fifth, summed over the folds."
        ),
        "best_value_cross_fitted_low": number(
            "Lower end of the 95% interval of best_value_cross_fitted (bootstrap that "
            "re-chooses the threshold in every resample), currency units.",
            nullable=True,
        ),
        "best_value_cross_fitted_high": number(
            "Upper end of that 95% interval, currency units.", nullable=True
        ),
        "value_at_threshold": number(f"Value at --threshold, {_VALUE}."),
        "act_on_none_value": number(f"Value of acting on nobody, {_VALUE}."),
        "act_on_all_value": number(f"Value of acting on everybody, {_VALUE}."),
        "perfect_value": number(f"Value of the perfect decision, {_VALUE}."),
        "constrained_best_threshold": number(
            "The threshold of most value meeting --min-precision, --min-recall and "
            "--max-flag-rate; null when none does (or acting on nobody is best).",
            nullable=True,
        ),
        "constrained_best_value": number(
            f"Value at constrained_best_threshold, {_VALUE}; null when none meets the limits.",
            nullable=True,
        ),
        "per_segment_gain": number(
            "Value gained by a best threshold per segment over one threshold for all, "
            "currency units (with --segment-column)."
        ),
        "three_way": record(
            "Act, review or pass (with --review-cost): act at or above high, review between "
            "low and high, pass below low.",
            {
                "low": number("Lowest score reviewed.", nullable=True),
                "high": number("Lowest score acted on.", nullable=True),
                "value": number("Value of the three-way decision, currency units."),
            },
        ),
        "segments": {
            "type": "object",
            "description": "Each segment's own best (with --segment-column), by segment value.",
            "additionalProperties": record(
                "One segment.",
                {
                    "best_threshold": number("The segment's best threshold.", nullable=True),
                    "best_value": number("Value at it over the segment's rows, currency units."),
                },
            ),
        },
        "difference": record(
            "The second model's value minus this one's at their own best thresholds (with "
            "--compare-column), with a paired 95% bootstrap interval, currency units.",
            {
                "value": number("The difference, currency units."),
                "lower": number("Lower end of the interval, currency units."),
                "upper": number("Upper end of the interval, currency units."),
            },
        ),
        "mlflow_run_id": {
            "type": "string",
            "description": "The MLflow run the figures and the review report were logged to "
            "(with --mlflow).",
        },
    },
    optional=(
        "value_at_threshold",
        "three_way",
        "segments",
        "per_segment_gain",
        "difference",
        "mlflow_run_id",
    ),
)
