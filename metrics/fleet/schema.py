"""The JSON Schema of ``valuelens fleet --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import boolean, command_schema, integer, number, record, string

SCHEMA_VERSION = 1

_MODEL = record(
    "One model: its figures, or the error that kept it from being read.",
    {
        "id": string("The model's id in the registry."),
        "owner": string("Who answers for the model (the registry's owner)."),
        "chunk_start": string("First day of the latest complete chunk.", nullable=True),
        "value_latest": number(
            "That chunk's value, currency units (every outcome counted; negative is a cost).",
            nullable=True,
        ),
        "value_latest_source": string(
            "Whether value_latest is realised (its labels have arrived) or estimated.",
            nullable=True,
            enum=["realised", "estimated", None],
        ),
        "normal_low": number(
            "Lower end of the normal range (reference chunks' mean - 3 sd).", nullable=True
        ),
        "normal_high": number("Upper end of the normal range (mean + 3 sd).", nullable=True),
        "alert": boolean(
            "The latest chunk's value, or the latest chunk with its labels, is below normal_low."
        ),
        "alert_since": string("First day of the run of chunks below the range.", nullable=True),
        "lost_since_alert": number(
            "Over that run, the usual value (the reference mean) minus each chunk's value, "
            "summed, currency units."
        ),
        "days_since_training": integer(
            "Days from trained_at to as_of; null without trained_at or when as_of is before it.",
            nullable=True,
        ),
        "retrain_due": boolean(
            "days_since_training exceeds retrain_every_days; null without both keys or when "
            "as_of is before trained_at.",
            nullable=True,
        ),
        "error": string("Why the model could not be read, naming the key and the fix."),
    },
    optional=(
        "chunk_start",
        "value_latest",
        "value_latest_source",
        "normal_low",
        "normal_high",
        "alert",
        "alert_since",
        "lost_since_alert",
        "days_since_training",
        "retrain_due",
        "error",
    ),
)

SCHEMA = command_schema(
    "fleet",
    SCHEMA_VERSION,
    "Every model of a registry: its latest chunk's value against its normal range, since when "
    "it alerts and what that has cost, and whether it is due for retraining.",
    {
        "as_of": string("The day reported as of (YYYY-MM-DD).", nullable=True),
        "models": {
            "type": "array",
            "description": "One object per model, the most money lost since its alert first.",
            "items": _MODEL,
        },
    },
)
