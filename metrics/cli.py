"""Command line: the dashboard's numbers as JSON, so a model release can be judged in CI.

valuelens evaluate --data scored.csv --threshold 0.3 --json

``COMMANDS`` is a light table of names and one-line help. Only the command that runs is
imported: its module (``metrics/<use case>/cli.py``) adds its options and imports the heavy
work (pandas, scikit-learn, the engine) inside ``run``, so ``valuelens --help`` and every
``valuelens CMD --help`` start in a fraction of a second.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

from metrics.core.gate import check_gate
from metrics.core.read_limits import first_line

EXIT_BAD_INPUT = 2
EXIT_GATE = 1
EXIT_BUG = 3
"""A problem in ValueLens itself, not in the input: one line that says so (the traceback with
``VALUELENS_DEBUG=1``)."""
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Command:
    """A sub-command: the module that adds its options and runs it, and its help line."""

    module: str
    help: str


COMMANDS: dict[str, Command] = {
    "evaluate": Command(
        "metrics.fraud.cli", "fraud model: confusion counts, ML metrics and net savings in USD"
    ),
    "ads": Command(
        "metrics.ads.cli", "CTR model: auction revenue, RPM, AUC, log loss, NE and calibration"
    ),
    "feed": Command(
        "metrics.feed.cli", "newsfeed: clicks, quality, harm and ad revenue for weights alpha, beta"
    ),
    "decide": Command(
        "metrics.decide.cli",
        "any binary classifier: value of acting on its scores under a value matrix",
    ),
    "monitor": Command(
        "metrics.monitor.cli", "value per chunk over time, estimated before the labels arrive"
    ),
    "adapt": Command(
        "metrics.adapt.cli", "retraining cadence, staleness and data quality in dollars a year"
    ),
    "report": Command("metrics.pack.cli", "saved scenarios as one HTML review report"),
    "fleet": Command(
        "metrics.fleet.cli", "many models from a registry: which are losing money, which are due"
    ),
    "schema": Command("metrics.core.schema", "print a command's JSON Schema (draft 2020-12)"),
    "dashboard": Command(
        "metrics.core.serve", "serve the dashboard, optionally on your own file (--data)"
    ),
}


class _Parser(argparse.ArgumentParser):
    """argparse with one ``error:`` line and the help to read, instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message} (see: {self.prog} --help)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _chosen(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line: the first word that is one."""
    return next((word for word in argv if word in COMMANDS), None)


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """Every sub-command by name; only the chosen one's options (and module) are loaded."""
    parser = _Parser(prog="valuelens", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    chosen = _chosen(argv)
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.help)
        if name == chosen:
            importlib.import_module(command.module).add_arguments(sub)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("valuelens")
    except PackageNotFoundError:
        return "(not installed)"


def _text(report: dict) -> str:
    """``key  value`` lines; a list of records (e.g. chunks) as an aligned table."""
    width = max(map(len, report))
    lines = []
    for key, value in report.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines += [f"{key}:", _table(value)]
        elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            lines += [f"{key}:", _table([{"": name, **row} for name, row in value.items()])]
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


def versioned(command: str, report: dict) -> dict:
    """``report`` headed by ``schema_version`` and ``command``, as every JSON output is.

    Parameters
    ----------
    command : str
        The sub-command's name.
    report : dict
        What its ``run`` returned.

    Returns
    -------
    dict
    """
    from metrics.core.schema import schema_version

    return {"schema_version": schema_version(command), "command": command, **report}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input prints one line on stderr and returns 2.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments after the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        0 on success, 1 when a release gate fails, 2 on bad input, 3 on a problem in
        ValueLens itself, 130 when interrupted.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = _parser(argv)
        args, passed = parser.parse_known_args(argv)
        if passed and not getattr(args, "passes_options", False):
            parser.error(f"unrecognized arguments: {' '.join(passed)}")
        args.passed_options = passed  # the dashboard hands Streamlit's own options on
    except SystemExit as stop:
        return int(stop.code or 0)
    warnings.formatwarning = lambda message, *_, **__: f"warning: {message}\n"
    ran = _run(args)
    if isinstance(ran, int):
        return ran
    report, failed = ran
    text = _formatted(args, report)
    if text is None:
        return EXIT_BUG
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # The reader (e.g. `head`) closed the pipe: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if failed:
        print(f"fail: {failed}", file=sys.stderr)
        return EXIT_GATE
    said = getattr(args, "exit_with", None)  # a command that reports and still fails (fleet)
    if said is not None:
        code, reason = said
        print(reason, file=sys.stderr)
        return code
    return 0


def _run(args: argparse.Namespace) -> tuple[dict, str | None] | int:
    """The command's report and what its release gate found (None: passed), or the exit
    code after one ``error:`` line: never a traceback."""
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
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the last resort: a bug is one line, not a traceback
        if os.environ.get("VALUELENS_DEBUG"):
            raise
        print(
            f"error: ValueLens stopped on a problem of its own ({type(error).__name__}: "
            f"{first_line(error)}), not one in your input; please report it with the command "
            "you ran (VALUELENS_DEBUG=1 shows the details)",
            file=sys.stderr,
        )
        return EXIT_BUG
    return report, failed


def _formatted(args: argparse.Namespace, report: dict) -> str | None:
    """The report as JSON or text; None, after one ``error:`` line, when a figure is not
    finite (JSON has no Infinity or NaN, so one is never printed)."""
    try:
        if getattr(args, "raw", False):
            return json.dumps(report, indent=2, allow_nan=False)
        if args.json:
            return json.dumps(versioned(args.command, report), indent=2, allow_nan=False)
        return _text(report)
    except ValueError:
        print(
            "error: a figure came out infinite or undefined, which JSON cannot hold; check the "
            "inputs for extreme values, and report it if they are plausible",
            file=sys.stderr,
        )
        return None


if __name__ == "__main__":
    sys.exit(main())
