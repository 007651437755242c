"""The JSON Schema of ``valuelens report --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, string

SCHEMA_VERSION = 1

SCHEMA = command_schema(
    "report",
    SCHEMA_VERSION,
    "What the report command wrote.",
    {
        "out": string("The HTML file written."),
        "sections": integer("Scenarios rebuilt, one section each, count."),
        "bytes": integer("Size of the HTML file, bytes."),
    },
)
