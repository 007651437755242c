"""The JSON Schema of ``valuelens adapt --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, number, record, records, string


def _cadence(description: str) -> dict:
    return record(
        description,
        {
            "cadence_days": integer(
                "Days between retrains; null: never (keep the launch model).", nullable=True
            ),
            "label": string("The cadence in words."),
            "value_a_year": number("Mean daily net savings x 365, USD a year."),
            "retraining_cost_a_year": number("365 / cadence x cost per retrain, USD a year."),
            "net_a_year": number("value_a_year - retraining_cost_a_year, USD a year."),
        },
    )


def _curve(description: str) -> dict:
    return records(
        description,
        {
            "rows": integer("Training rows, count."),
            "value_a_year": number("What the model trained on them earns, USD a year."),
            "roc_auc": number("Its ROC AUC on the test days, 0-1."),
        },
    )


SCHEMA_VERSION = 1

SCHEMA = command_schema(
    "adapt",
    SCHEMA_VERSION,
    "Retraining cadence, staleness and data quality in dollars a year, from the stored study.",
    {
        "noise": number("Share of training labels flipped (--noise), 0-1."),
        "stale": number("Share of training rows from the older period (--stale), 0-1."),
        "cost_per_retrain": number("Engineer hours x hourly rate + compute, USD a retrain."),
        "scored_days": string("The production days valued, first to last."),
        "chosen": _cadence("The --cadence asked for."),
        "best": _cadence("The cadence with the most net a year."),
        "cadences": {
            "type": "array",
            "description": "Every cadence offered, daily to never.",
            "items": _cadence("One cadence."),
        },
        "best_by_cost_per_retrain": records(
            "How the best cadence moves with the cost per retrain.",
            {
                "cost_per_retrain": number("USD a retrain."),
                "cadence_days": integer("The best cadence; null: never.", nullable=True),
                "label": string("The cadence in words."),
            },
        ),
        "staleness": record(
            "A model kept model_age_days against one retrained daily, on the same days.",
            {
                "model_age_days": integer("Age of the old model, days."),
                "old_model_value_a_year": number("USD a year."),
                "fresh_model_value_a_year": number("USD a year."),
                "lost_a_year": number("fresh minus old, USD a year."),
            },
        ),
        "noise_curve": _curve("Value by training rows at this label noise."),
        "stale_curve": _curve("Value by training rows at this share of older rows."),
        "mind_versus_data": string("The page's sentence: what more data of this quality earns."),
    },
)
