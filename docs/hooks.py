"""MkDocs hook: the command-line reference and the JSON schemas are generated at build time
from the argparse parsers and the schema modules, never written by hand.

A page asks for them with a line ``<!-- generated: cli -->`` or ``<!-- generated: schemas -->``.
"""

from __future__ import annotations

import argparse
import json

CLI_MARK = "<!-- generated: cli -->"
SCHEMAS_MARK = "<!-- generated: schemas -->"


def _subparser(name: str) -> argparse.ArgumentParser:
    from metrics.cli import _parser

    parser = _parser([name])
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return commands.choices[name]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def cli_reference() -> str:
    """Every sub-command with every option, its help and its default, from the parsers."""
    from metrics.cli import COMMANDS

    parts = []
    for name, command in COMMANDS.items():
        sub = _subparser(name)
        parts += [
            f"### `valuelens {name}`",
            "",
            command.help[:1].upper() + command.help[1:] + ".",
            "",
            "| option | what it does | default |",
            "|---|---|---|",
        ]
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction) or not action.option_strings:
                continue
            names = ", ".join(f"`{o}`" for o in action.option_strings)
            if action.metavar or action.nargs != 0:
                names += f" `{(action.metavar or action.dest).upper()}`"
            default = "" if action.default in (None, argparse.SUPPRESS, False) else action.default
            if action.choices:
                default = f"{default} (one of {', '.join(map(str, action.choices))})".strip()
            parts.append(f"| {names} | {_cell(action.help or '')} | {_cell(default)} |")
        positional = [a for a in sub._actions if not a.option_strings and a.dest != "help"]
        for action in positional:
            parts.append(f"| `{action.dest}` | {_cell(action.help or '')} | |")
        parts.append("")
    return "\n".join(parts)


def schemas_reference() -> str:
    """Each command's JSON Schema (draft 2020-12), as ``valuelens schema CMD`` prints it."""
    from metrics.core.schema import SCHEMA_MODULES, schema_of, schema_version

    parts = []
    for name in SCHEMA_MODULES:
        parts += [
            f"### `valuelens {name} --json`",
            "",
            f"`schema_version` {schema_version(name)}. Printed by `valuelens schema {name}`.",
            "",
            "```json",
            json.dumps(schema_of(name), indent=2),
            "```",
            "",
        ]
    return "\n".join(parts)


def on_page_markdown(markdown: str, **_: object) -> str:
    if CLI_MARK in markdown:
        markdown = markdown.replace(CLI_MARK, cli_reference())
    if SCHEMAS_MARK in markdown:
        markdown = markdown.replace(SCHEMAS_MARK, schemas_reference())
    return markdown
