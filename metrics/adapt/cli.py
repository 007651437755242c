"""``adapt``: the retraining page's numbers from the stored study, as JSON: each cadence's
value, retraining cost and net a year, the best cadence and how it moves with the cost per
retrain, staleness in dollars, and the mind-versus-data learning curves."""

from __future__ import annotations

import argparse

import numpy as np

from metrics.adapt.results import MAX_AGE, NOISES, STALE_SHARES, AdaptResults, GridCell
from metrics.adapt.schedule import NEVER
from metrics.adapt.view import (
    CADENCES,
    COST_STEPS,
    CadenceRow,
    RetrainCost,
    best,
    best_by_cost,
    cadence_rows,
    cadence_text,
    curve,
    mind_versus_data,
    staleness,
)
from metrics.core.command import common_options
from metrics.core.validation import MAX_AMOUNT


def _cadence(row: CadenceRow) -> dict:
    return {
        "cadence_days": None if row.cadence == NEVER else row.cadence,
        "label": cadence_text(row.cadence),
        "value_a_year": row.value_a_year,
        "retraining_cost_a_year": row.retrain_cost_a_year,
        "net_a_year": row.net_a_year,
    }


def _points(cells: list[GridCell]) -> list[dict]:
    return [{"rows": c.rows, "value_a_year": c.value_a_year, "roc_auc": c.roc_auc} for c in cells]


def adapt_json(
    results: AdaptResults, *, cadence: int, noise: float, stale: float, cost: RetrainCost
) -> dict:
    """The JSON object printed by ``adapt``: the page's figures at these inputs.

    Net a year = mean daily net savings x 365 - 365 / cadence x cost per retrain, where cost
    per retrain = engineer hours x hourly rate + compute.

    Parameters
    ----------
    results : AdaptResults
        The stored study.
    cadence : int
        Days between retrains shown as ``chosen`` (``NEVER``: keep the launch model).
    noise : float
        Share of training labels flipped: a stored level of ``NOISES``.
    stale : float
        Share of training rows from the older period: a stored level of ``STALE_SHARES``.
    cost : RetrainCost

    Returns
    -------
    dict
        ``cadences`` (``CADENCES`` order; ``cadence_days`` null for never), ``chosen``,
        ``best``, ``best_by_cost_per_retrain``, ``staleness``, the two learning curves and the
        page's mind-versus-data sentence.
    """
    matrix = results.matrices[noise]
    rows = cadence_rows(matrix, results.first_day, cost)
    steps = np.array(sorted({*COST_STEPS, cost.per_retrain}))
    stale_value = staleness(matrix)
    return {
        "noise": noise,
        "stale": stale,
        "cost_per_retrain": cost.per_retrain,
        "scored_days": f"{results.date(results.first_day)} to "
        f"{results.date(results.first_day + matrix.shape[1] - 1)}",
        "chosen": _cadence(next(r for r in rows if r.cadence == cadence)),
        "best": _cadence(best(rows)),
        "cadences": [_cadence(r) for r in rows],
        "best_by_cost_per_retrain": [
            {
                "cost_per_retrain": c,
                "cadence_days": None if k == NEVER else k,
                "label": cadence_text(k),
            }
            for c, k in best_by_cost(matrix, results.first_day, steps)
        ],
        "staleness": {
            "model_age_days": MAX_AGE,
            "old_model_value_a_year": stale_value.old,
            "fresh_model_value_a_year": stale_value.fresh,
            "lost_a_year": stale_value.fresh - stale_value.old,
        },
        "noise_curve": _points(curve(results.grid, noise=noise)),
        "stale_curve": _points(curve(results.grid, stale=stale)),
        "mind_versus_data": mind_versus_data(results.grid, noise, stale),
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``adapt``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run, data=None)
    offered = ", ".join(_cadence_word(c) for c in CADENCES)
    parser.add_argument("--cadence", default="7", help=f"days between retrains: {offered}")
    parser.add_argument("--noise", type=float, default=0.0, help="share of training labels flipped")
    parser.add_argument(
        "--stale", type=float, default=0.0, help="share of training rows from March-April"
    )
    default = RetrainCost()
    parser.add_argument("--engineer-hours", type=float, default=default.engineer_hours)
    parser.add_argument("--hourly-rate", type=float, default=default.hourly_rate, help="USD")
    parser.add_argument("--compute", type=float, default=default.compute, help="USD per retrain")


def run(args: argparse.Namespace) -> dict:
    """Check the inputs against the stored study and report it.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    dict
    """
    from metrics.adapt.results import load_results

    cadence = _parse_cadence(args.cadence)
    noise = _level("--noise", args.noise, NOISES)
    stale = _level("--stale", args.stale, STALE_SHARES)
    for flag, value in (
        ("--engineer-hours", args.engineer_hours),
        ("--hourly-rate", args.hourly_rate),
        ("--compute", args.compute),
    ):
        if not np.isfinite(value) or not 0 <= value <= MAX_AMOUNT:
            raise ValueError(f"{flag} is {value:g}; give a cost from 0 to 1e15")
    cost = RetrainCost(args.engineer_hours, args.hourly_rate, args.compute)
    return adapt_json(load_results(), cadence=cadence, noise=noise, stale=stale, cost=cost)


def _cadence_word(cadence: int) -> str:
    return "never" if cadence == NEVER else str(cadence)


def _parse_cadence(text: str) -> int:
    offered = {_cadence_word(c): c for c in CADENCES}
    if text.strip().lower() not in offered:
        raise ValueError(f"--cadence {text} is not offered; use one of {', '.join(offered)}")
    return offered[text.strip().lower()]


def _level(flag: str, value: float, levels: tuple[float, ...]) -> float:
    """``value`` when the study stored it (models were trained only at these levels)."""
    for level in levels:
        if abs(level - value) < 1e-9:
            return level
    raise ValueError(
        f"{flag} {value:g} is not a stored level; use one of {', '.join(f'{q:g}' for q in levels)}"
    )
