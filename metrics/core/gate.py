"""A release gate for CI: a figure of the report must stay above a floor, or within a drop
of the same figure in a previous report."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_gate_options(parser: argparse.ArgumentParser, figure: str) -> None:
    """``--fail-below``, ``--baseline`` and ``--max-drop`` on a sub-command.

    Parameters
    ----------
    parser : ArgumentParser
    figure : str
        The report's field the gate checks, for the help.

    Returns
    -------
    None
    """
    parser.add_argument(
        "--fail-below", type=float, help=f"exit 1 when {figure} is below this (release gate)"
    )
    parser.add_argument("--baseline", help="a previous --json report to compare with")
    parser.add_argument(
        "--max-drop",
        type=float,
        help=f"with --baseline: exit 1 when {figure} fell more than this many percent",
    )


def shortfall(
    name: str,
    value: float,
    *,
    fail_below: float | None = None,
    baseline: float | None = None,
    max_drop: float | None = None,
) -> str | None:
    """Which limit ``value`` misses and by how much, or None when it passes.

    A drop is measured against the baseline's size: ``(baseline - value) / |baseline|``, so a
    cost (a negative value) that grows counts as a drop too.

    Parameters
    ----------
    name : str
        The figure's name.
    value : float
    fail_below : float, optional
    baseline, max_drop : float, optional
        The previous report's figure and the largest drop allowed, in percent.

    Returns
    -------
    str or None
    """
    if fail_below is not None and value < fail_below:
        return (
            f"{name} is {value:,.2f}, {fail_below - value:,.2f} below --fail-below "
            f"{fail_below:,.2f}"
        )
    if baseline is not None and max_drop is not None and baseline != 0:
        drop = (baseline - value) / abs(baseline) * 100
        if drop > max_drop:
            return (
                f"{name} is {value:,.2f}, {drop:.1f}% below the baseline's {baseline:,.2f} "
                f"(--max-drop {max_drop:g}%)"
            )
    return None


def check_gate(args: argparse.Namespace, report: dict, name: str) -> str | None:
    """Apply the command line's gate to ``report[name]``; ValueError for options that cannot
    work (a baseline that is missing, not JSON, or without the figure).

    Parameters
    ----------
    args : argparse.Namespace
    report : dict
    name : str
        The figure the gate checks.

    Returns
    -------
    str or None
        The shortfall, or None when the release passes (or no gate was asked for).
    """
    if args.max_drop is not None and args.baseline is None:
        raise ValueError("--max-drop needs --baseline, the previous report to compare with")
    baseline = None
    if args.baseline is not None:
        path = Path(args.baseline)
        if not path.is_file():
            raise ValueError(f"--baseline '{args.baseline}' was not found; give a report file")
        try:
            previous = json.loads(path.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ValueError(
                f"--baseline '{args.baseline}' is not a JSON report; write one with --json"
            ) from None
        if not isinstance(previous, dict) or not isinstance(previous.get(name), int | float):
            raise ValueError(f"--baseline '{args.baseline}' has no number '{name}'")
        baseline = float(previous[name])
    value = report.get(name)
    if value is None:
        return None
    return shortfall(
        name, float(value), fail_below=args.fail_below, baseline=baseline, max_drop=args.max_drop
    )
