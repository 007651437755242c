"""``report``: saved scenarios rebuilt as one self-contained HTML report, without a browser."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``report``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    parser.set_defaults(run=run)
    parser.add_argument(
        "--scenario", action="append", required=True, help="a scenario file; repeat for a pack"
    )
    parser.add_argument("--data", help="a scored file for fraud scenarios (default: the sample)")
    parser.add_argument("--out", required=True, help="the HTML file to write")
    parser.add_argument("--json", action="store_true", help="print what was written as JSON")


def run(args: argparse.Namespace) -> dict:
    """Read each scenario, rebuild its section and write the report.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    dict
        out, sections, bytes.
    """
    from metrics.core.html_report import render_report
    from metrics.core.scenario import MAX_SCENARIO_BYTES, read_scenario
    from metrics.pack.sections import section_for

    sections = []
    for name in args.scenario:
        path = Path(name)
        if not path.is_file():
            raise ValueError(f"scenario '{name}' was not found")
        with path.open("rb") as file:  # no more than one byte past the limit is read
            text = file.read(MAX_SCENARIO_BYTES + 1)
        sections.append(section_for(read_scenario(text, source=name), args.data))
    title = "ValueLens review pack" if len(sections) > 1 else sections[0].question
    html = render_report(sections, title=title)
    Path(args.out).write_text(html, encoding="utf-8")
    return {"out": args.out, "sections": len(sections), "bytes": len(html.encode())}
