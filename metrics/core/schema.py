"""JSON Schemas (draft 2020-12) of the command line's outputs: the contract a script reads.

Each use case describes its command's fields in its own ``schema.py`` (a light module: no
numpy, no pandas) with the helpers here; ``valuelens schema CMD`` prints one. Every field's
``description`` gives its unit. A field renamed or removed bumps that command's
``SCHEMA_VERSION``; a field added does not.
"""

from __future__ import annotations

import argparse
import importlib
from functools import partial

SCHEMA_MODULES = {
    "evaluate": "metrics.fraud.schema",
    "ads": "metrics.ads.schema",
    "feed": "metrics.feed.schema",
    "decide": "metrics.decide.schema",
    "monitor": "metrics.monitor.schema",
    "adapt": "metrics.adapt.schema",
    "report": "metrics.pack.schema",
    "fleet": "metrics.fleet.schema",
}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def field(kind: str, description: str, *, nullable: bool = False, **more: object) -> dict:
    """One field's schema.

    Parameters
    ----------
    kind : {"number", "integer", "string", "boolean"}
        The JSON type.
    description : str
        What the field is, with its unit.
    nullable : bool
        Whether null is allowed (a figure undefined or not applicable).
    **more
        Further keywords, such as ``enum``.

    Returns
    -------
    dict
    """
    return {"type": [kind, "null"] if nullable else kind, "description": description} | more


number = partial(field, "number")
integer = partial(field, "integer")
string = partial(field, "string")
boolean = partial(field, "boolean")


def record(description: str, fields: dict[str, dict], *, optional: tuple[str, ...] = ()) -> dict:
    """An object with exactly ``fields``.

    Parameters
    ----------
    description : str
    fields : dict of str to dict
        Each field's schema, in output order.
    optional : tuple of str
        Fields present only with some options; the others are required.

    Returns
    -------
    dict
    """
    return {
        "type": "object",
        "description": description,
        "properties": fields,
        "required": [name for name in fields if name not in optional],
        "additionalProperties": False,
    }


def records(description: str, fields: dict[str, dict]) -> dict:
    """A list of objects with the same fields.

    Parameters
    ----------
    description : str
    fields : dict of str to dict

    Returns
    -------
    dict
    """
    return {"type": "array", "description": description, "items": record("one row", fields)}


def command_schema(
    command: str,
    version: int,
    description: str,
    fields: dict[str, dict],
    *,
    optional: tuple[str, ...] = (),
) -> dict:
    """The whole schema of one command's ``--json`` output.

    Parameters
    ----------
    command : str
        The sub-command.
    version : int
        Its ``schema_version``.
    description : str
        One sentence: what the object reports.
    fields : dict
        Field name to its schema (from the helpers above), in output order.
    optional : tuple of str
        Fields present only with some options.

    Returns
    -------
    dict
    """
    head = {
        "schema_version": {
            "const": version,
            "description": "Version of this output's fields; bumped when one is renamed or "
            "removed, not when one is added.",
        },
        "command": {"const": command, "description": "The sub-command that wrote this object."},
    }
    body = record(description, head | fields, optional=optional)
    return {
        "$schema": DRAFT,
        "$id": f"urn:valuelens:schema:{command}:{version}",
        "title": f"valuelens {command} --json",
        **body,
    }


def schema_of(command: str) -> dict:
    """The JSON Schema of ``command``'s output.

    Parameters
    ----------
    command : str
        A sub-command with JSON output (a key of ``SCHEMA_MODULES``).

    Returns
    -------
    dict
    """
    if command not in SCHEMA_MODULES:
        raise ValueError(
            f"'{command}' has no JSON output to describe; give one of {', '.join(SCHEMA_MODULES)}"
        )
    return importlib.import_module(SCHEMA_MODULES[command]).SCHEMA


def schema_version(command: str) -> int:
    """The ``schema_version`` that ``command`` writes.

    Parameters
    ----------
    command : str

    Returns
    -------
    int
    """
    return importlib.import_module(SCHEMA_MODULES[command]).SCHEMA_VERSION


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``schema``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    parser.set_defaults(run=run, raw=True, json=True)
    parser.add_argument("name", metavar="CMD", choices=list(SCHEMA_MODULES), help="the command")


def run(args: argparse.Namespace) -> dict:
    """The schema, printed as it is (not wrapped in a versioned report).

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    dict
    """
    return schema_of(args.name)
