"""``fleet``: every model of a registry through the monitoring queries, as JSON; exit 1 when a
model alerts (for a scheduler), 2 when the registry or a model's entry is bad."""

from __future__ import annotations

import argparse

from metrics.core.command import common_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``fleet``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run, data=None)
    parser.add_argument(
        "--registry", help="a TOML file listing the models (default: the bundled fleet of 100)"
    )
    parser.add_argument("--as-of", help="replay as of this date: only the labels that had arrived")
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="read every model's reference rows again, not what the last run kept "
        "(it keeps them in the cache folder, $VALUELENS_CACHE or ~/.cache/valuelens)",
    )


def run(args: argparse.Namespace) -> dict:
    """Read the registry, report every model; set the exit code a scheduler reads.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    dict
    """
    import datetime as dt

    from metrics.fleet.model import fleet_status
    from metrics.fleet.output import fleet_json
    from metrics.fleet.reference_store import default_store
    from metrics.fleet.registry import read_registry
    from metrics.fleet.sample import sample_registry

    day = None
    if args.as_of is not None:
        try:
            day = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise ValueError(
                f"--as-of is {args.as_of[:40]!r}; give a date such as 2026-07-01"
            ) from None
    registry = read_registry(args.registry or sample_registry())
    statuses, reported = fleet_status(
        registry, as_of=day, engine=args.engine, store=default_store(fresh=args.fresh)
    )
    report = fleet_json(statuses, reported)
    errors = [s for s in statuses if s.error]
    alerts = [s for s in statuses if s.alert]
    if errors:
        args.exit_with = (
            2,
            f"error: {errors[0].error}"
            + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""),
        )
    elif alerts:
        args.exit_with = (
            1,
            f"alert: {len(alerts)} of {len(statuses)} models below their normal range",
        )
    return report
