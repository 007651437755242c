"""The JSON Schema of ``valuelens monitor --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import boolean, command_schema, integer, number, record, records, string

SCHEMA_VERSION = 1

_VALUE = "currency units over the chunk's rows, relative to acting on nobody"
_METRICS = {
    "roc_auc": "ROC AUC",
    "f1": "F1 at the production decisions",
    "precision": "Precision at the production decisions",
    "recall": "Recall at the production decisions",
}
ALERTS = (
    "estimated_value",
    "realized_value",
    "realized_outside_estimate",
    *(f"{kind}_{name}" for name in _METRICS for kind in ("estimated", "realized")),
)
"""Every name a chunk's ``alerts`` can hold."""

SCHEMA = command_schema(
    "monitor",
    SCHEMA_VERSION,
    "A model's value per chunk over time: realised where labels have arrived, estimated from "
    "the scores before them, against the reference period's alert band.",
    {
        "as_of": string("Only labels that had arrived by this date count (YYYY-MM-DD)."),
        "band": record(
            "The alert band: the reference chunks' mean value +- 3 standard deviations, "
            "currency units a chunk.",
            {
                "lower": number("Lower alert limit, currency units.", nullable=True),
                "upper": number("Upper alert limit, currency units.", nullable=True),
            },
        ),
        "normal_ranges": record(
            "Each ML metric's normal range: the reference chunks' realised mean +- 3 standard "
            "deviations, the value's rule.",
            {
                name: record(
                    f"{label}'s normal range, 0-1.",
                    {
                        "lower": number("Lower limit, 0-1; null when undefined.", nullable=True),
                        "upper": number("Upper limit, 0-1; null when undefined.", nullable=True),
                    },
                )
                for name, label in _METRICS.items()
            },
        ),
        "calibrated": boolean(
            "Whether the scores were recalibrated on the reference before estimating."
        ),
        "chunks": records(
            "The chunks in time order.",
            {
                "period": string("Which period the chunk is in.", enum=["reference", "analysis"]),
                "start": string("First day of the chunk (YYYY-MM-DD)."),
                "end": string("Last day of the chunk (YYYY-MM-DD)."),
                "rows": integer("Rows in the chunk, count."),
                "labelled_rows": integer("Rows whose label had arrived by as_of, count."),
                "realized_value": number(
                    f"Value from the labels, {_VALUE}; null until 95% of the chunk is labelled.",
                    nullable=True,
                ),
                "estimated_value": number(f"Value estimated from the scores, {_VALUE}."),
                "estimated_lower": number(
                    "Lower end of the estimate's interval, currency units.", nullable=True
                ),
                "estimated_upper": number(
                    "Upper end of the estimate's interval, currency units.", nullable=True
                ),
                "realized_alert": boolean(
                    "realized_value is outside the band; null without labels.", nullable=True
                ),
                "estimated_alert": boolean("estimated_value is outside the band."),
                "roc_auc": number(
                    "ROC AUC from the labels, 0-1; null when undefined.", nullable=True
                ),
                **{
                    f"{kind}_{name}": number(
                        f"{label} {how}, 0-1; null when undefined"
                        + (
                            " or until 95% of the chunk is labelled." if kind == "realized" else "."
                        ),
                        nullable=True,
                    )
                    for name, label in _METRICS.items()
                    for kind, how in (
                        ("estimated", "estimated from the calibrated scores"),
                        ("realized", "from the labels"),
                    )
                },
                "alerts": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(ALERTS)},
                    "description": (
                        "What left its normal range in this chunk: the value (estimated, "
                        "realized), the realized value more than 3 standard deviations of its "
                        "estimate away from it (realized_outside_estimate: the scores no longer "
                        "mean what they meant in the reference), and each ML metric."
                    ),
                },
            },
        ),
    },
)
