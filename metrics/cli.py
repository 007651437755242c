"""Command line: the dashboard's numbers as JSON, so a model release can be judged in CI.

valuelens evaluate --data scored.csv --threshold 0.3 --json

Each use case registers its own sub-command from its folder (``metrics/<use case>/cli.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from typing import NoReturn

from metrics.adapt import cli as adapt_cli
from metrics.ads import cli as ads_cli
from metrics.core.gate import check_gate
from metrics.decide import cli as decide_cli
from metrics.feed import cli as feed_cli
from metrics.fraud import cli as fraud_cli
from metrics.monitor import cli as monitor_cli
from metrics.pack import cli as pack_cli

EXIT_BAD_INPUT = 2
EXIT_GATE = 1
SUB_COMMANDS = (fraud_cli, ads_cli, feed_cli, decide_cli, monitor_cli, adapt_cli, pack_cli)


class _Parser(argparse.ArgumentParser):
    """argparse with one ``error:`` line and the help to read, instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message} (see: {self.prog} --help)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="valuelens", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in SUB_COMMANDS:
        module.add_parser(commands)
    return parser


def _text(report: dict) -> str:
    """``key  value`` lines; a list of records (e.g. chunks) as an aligned table."""
    width = max(map(len, report))
    lines = []
    for key, value in report.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines += [f"{key}:", _table(value)]
        elif isinstance(value, dict):
            inner = ", ".join(f"{k} {_cell(v)}" for k, v in value.items())
            lines.append(f"{key:<{width}}  {inner}")
        else:
            lines.append(f"{key:<{width}}  {value}")
    return "\n".join(lines)


def _cell(value: object) -> str:
    """A number as people read it in a table: two decimals for money-sized floats."""
    if isinstance(value, float) and value == 0:
        return "0"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) >= 1 else f"{value:.4f}"
    return "" if value is None else str(value)


def _table(records: list[dict]) -> str:
    columns = list(records[0])
    cells = [[_cell(r[c]) for c in columns] for r in records]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    rows = [columns, *cells]
    return "\n".join(
        "  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)) for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input prints one line on stderr and returns 2.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments after the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        0 on success, 1 when a release gate fails, 2 on bad input.
    """
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    warnings.formatwarning = lambda message, *_, **__: f"warning: {message}\n"
    try:
        report = args.run(args)
        failed = check_gate(args, report, args.gate) if getattr(args, "gate", None) else None
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MemoryError:
        print(
            "error: the file does not fit in memory here; filter it first with --where or split it",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        print(json.dumps(report, indent=2) if args.json else _text(report), flush=True)
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if failed:
        print(f"fail: {failed}", file=sys.stderr)
        return EXIT_GATE
    return 0


if __name__ == "__main__":
    sys.exit(main())
