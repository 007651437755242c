"""``decide``: any binary classifier's value under a value matrix, its best and constrained
operating points, the three-way decision, segments and a comparison, as JSON."""

from __future__ import annotations

import argparse

from metrics.core.command import common_options, four_numbers
from metrics.core.gate import add_gate_options
from metrics.framing.cli import add_task_arguments


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``decide``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run)
    parser.add_argument("--label-column", default="label", help="1 = the class acted on")
    parser.add_argument("--score-column", default="score")
    parser.add_argument("--amount-column", help="per-row amount for --amount-rates")
    parser.add_argument("--timestamp-column", help="dates: figures are also given a year")
    parser.add_argument(
        "--value-matrix",
        help="value of one row per outcome: TN,FP,FN,TP (required for --task binary; for "
        "multilabel, one matrix for every label)",
    )
    parser.add_argument("--amount-rates", help="share of the amount added per outcome: TN,FP,FN,TP")
    parser.add_argument("--threshold", type=float, help="also value acting on score >= threshold")
    parser.add_argument("--min-precision", type=float)
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--max-flag-rate", type=float, help="largest share of rows acted on")
    parser.add_argument("--review-cost", type=float, help="cost of reviewing one row (three-way)")
    parser.add_argument("--segment-column", help="best threshold per segment")
    parser.add_argument("--compare-column", help="a second model's scores on the same rows")
    parser.add_argument(
        "--mlflow",
        action="store_true",
        help="also log the figures and the review report to a new MLflow run "
        "(MLFLOW_TRACKING_URI, MLFLOW_EXPERIMENT_NAME)",
    )
    add_gate_options(parser, "the --gate-on figure (value_at_threshold with --threshold)")
    parser.add_argument(
        "--gate-on",
        dest="gate",
        choices=["best_value", "best_value_cross_fitted"],
        default="best_value",
        help="the figure the gate checks: the in-sample best value (default, as before) or the "
        "cross-fitted one, chosen and valued on different rows (lower, and what the model earns); "
        "other tasks gate on value_best_decision (multiclass), best_value_cross_fitted "
        "(multilabel) or value_at_best_shift_cross_fitted (regression)",
    )
    add_task_arguments(parser)


def run(args: argparse.Namespace) -> dict:
    """Read, validate and value the ``--data`` file; raise ValueError on bad input.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    dict
    """
    from metrics.core.io import keep_where, read_table
    from metrics.decide.data import decision_data
    from metrics.decide.model import value_matrix
    from metrics.decide.output import decide_json

    if args.task != "binary":
        from metrics.framing.cli import run_task

        return run_task(args, keep_where(read_table(args.data), args.where))
    if args.value_matrix is None:
        raise ValueError("--task binary needs --value-matrix TN,FP,FN,TP, e.g. 0,-5,-100,80")
    fixed = four_numbers(args.value_matrix, "--value-matrix", "0,-5,-100,80")
    rates = (0.0,) * 4
    if args.amount_rates is not None:
        if args.amount_column is None:
            raise ValueError("--amount-rates needs the amounts: name them with --amount-column")
        rates = four_numbers(args.amount_rates, "--amount-rates", "0,-0.1,-1,0")
    data = decision_data(
        keep_where(read_table(args.data), args.where),
        label=args.label_column,
        score=args.score_column,
        amount=args.amount_column,
        timestamp=args.timestamp_column,
        segment=args.segment_column,
        compare=args.compare_column,
    )
    if args.threshold is not None:
        args.gate = "value_at_threshold"
    report = {"task": "binary", **decide_json(data, value_matrix(fixed, rates), args)}
    if args.mlflow:
        report["mlflow_run_id"] = _log_to_mlflow(report, data, fixed, rates)
    return report


def _log_to_mlflow(report: dict, data, fixed, rates) -> str:
    """The JSON's figures and the review report, logged to a new MLflow run (tracking URI
    and experiment from ``MLFLOW_TRACKING_URI`` and ``MLFLOW_EXPERIMENT_NAME``)."""
    try:
        from metrics.mlflow import log_figures
        from metrics.valuation import value_decisions
    except ImportError:
        raise ValueError("--mlflow needs MLflow: pip install 'valuelens[mlflow]'") from None
    valuation = value_decisions(
        data.y, data.score, value_matrix=fixed, amount_rates=rates, amount=data.amount
    )
    return log_figures(report, valuation.to_html())
