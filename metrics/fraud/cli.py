"""``evaluate``: a fraud model's confusion counts, ML metrics and net savings in USD."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from metrics.core.bootstrap import bootstrap_curves
from metrics.core.command import common_options, json_report
from metrics.core.engine import open_log
from metrics.core.gate import add_gate_options
from metrics.core.rates import average_precision, roc_auc
from metrics.core.validation import check_threshold
from metrics.fraud.model import FraudAnalysis, FraudCosts, analyse, analyse_curve, snapshot


def evaluate_json(
    analysis: FraudAnalysis, threshold: float, *, resolution: float | None = None
) -> dict:
    """The JSON object printed by ``evaluate``; money in USD versus approving everything.

    Parameters
    ----------
    analysis : FraudAnalysis
        The threshold-independent analysis for one cost setting.
    threshold : float
        Flag a row when ``score >= threshold``, in [0, 1].
    resolution : float or None
        Step of the score grid when a big log was grouped on one; None when exact.

    Returns
    -------
    dict
        JSON-safe: counts, metrics, net savings (USD) and best thresholds.
    """
    snap = snapshot(analysis, threshold)
    p, best, honest = snap.point, analysis.best, analysis.honest
    within = best.savings_within_capacity
    report = {
        "n": analysis.curve.n,
        "positives": analysis.curve.positives,
        "threshold": p.threshold,
        "tp": p.tp,
        "fp": p.fp,
        "fn": p.fn,
        "tn": p.tn,
        "precision": p.precision,
        "recall": p.recall,
        "f1": p.f1,
        "accuracy": p.accuracy,
        "roc_auc": roc_auc(analysis.curve),
        "pr_auc": average_precision(analysis.curve),
        "net_savings": snap.net_savings,
        "perfect_savings": analysis.perfect_savings,
        "share_of_perfect": snap.share_of_perfect,
        "best_savings_threshold": best.savings.threshold,
        "best_savings": best.savings.value,
        "best_value_cross_fitted": None if honest is None else honest.value,
        "best_value_cross_fitted_low": None if honest is None else honest.low,
        "best_value_cross_fitted_high": None if honest is None else honest.high,
        "best_f1_threshold": best.f1.threshold,
        "best_accuracy_threshold": best.accuracy.threshold,
        "days": analysis.days,
        "alerts_per_day": snap.alerts_per_day,
        "capacity_per_day": analysis.capacity_per_day,
        "best_savings_within_capacity_threshold": None if within is None else within.threshold,
        "score_resolution": resolution,
        "currency": "USD",
    }
    if snap.interval is not None:
        report["net_savings_low"], report["net_savings_high"] = snap.interval
    return json_report(report)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``evaluate``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run)
    parser.add_argument(
        "--threshold",
        type=float,
        required=True,
        help="flag a transaction when score >= threshold, in [0, 1]",
    )
    costs = FraudCosts()
    parser.add_argument(
        "--review-cost",
        type=float,
        default=costs.review_cost,
        help="USD per flagged transaction (default %(default)s)",
    )
    parser.add_argument(
        "--chargeback-fee",
        type=float,
        default=costs.chargeback_fee,
        help="USD saved per caught fraud on top of its amount (default %(default)s)",
    )
    parser.add_argument(
        "--decline-cost-rate",
        type=float,
        default=costs.decline_cost_rate,
        help="share of a flagged legitimate amount lost to friction (default %(default)s)",
    )
    parser.add_argument(
        "--capacity-per-day",
        type=float,
        default=None,
        help="alerts your reviewers can handle a day (needs a timestamp column)",
    )
    parser.add_argument(
        "--interval",
        action="store_true",
        help="add a 95%% bootstrap interval for net savings (400 resamples); on a big log "
        "summed by an engine, also the cross-fitted best (each one more pass over the log)",
    )
    parser.add_argument("--label-column", default="label")
    parser.add_argument("--score-column", default="score")
    parser.add_argument("--amount-column", default="amount")
    parser.add_argument("--timestamp-column", default="timestamp")
    parser.add_argument(
        "--timestamp-format",
        metavar="FORMAT",
        help="strftime format of the timestamps when they are not ISO 8601 or epoch numbers, "
        "e.g. %%d/%%m/%%Y",
    )
    _add_engine_arguments(parser)
    add_gate_options(parser, "net_savings")
    parser.set_defaults(gate="net_savings")


def _add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=["auto", "pandas", "duckdb", "spark"],
        default="auto",
        help="where the rows are summed: DuckDB (embedded) for Parquet files, globs and "
        "folders of any size; Spark for logs on a cluster; pandas in memory for a CSV file "
        "(default auto: DuckDB for Parquet, pandas for CSV)",
    )
    parser.add_argument(
        "--spark-master",
        metavar="URL",
        help="with --engine spark: the cluster, e.g. spark://host:7077 (default local mode, "
        "or Spark Connect's SPARK_REMOTE when set)",
    )


def run(args: argparse.Namespace) -> dict:
    """Read, validate and value the ``--data`` file; raise ValueError on bad input.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    dict
        The JSON report.
    """
    threshold = check_threshold(args.threshold)
    costs = FraudCosts(args.review_cost, args.chargeback_fee, args.decline_cost_rate)
    if _engine(args) in ("duckdb", "spark"):
        return _run_in_engine(args, threshold, costs)
    # imported here: the engine path never loads pandas (a third of a second at start)
    from metrics.core.io import keep_where, read_table
    from metrics.fraud.data import fraud_data

    data = fraud_data(
        keep_where(read_table(args.data), args.where),
        label=args.label_column,
        score=args.score_column,
        amount=args.amount_column,
        timestamp=args.timestamp_column,
        timestamp_format=args.timestamp_format,
    )
    _check_capacity(args, data.days)
    boot = None
    if args.interval:
        boot = bootstrap_curves(
            data.y_true, data.y_score, amount=data.amount, thresholds=[threshold]
        )
    analysis = analyse(data, costs, capacity_per_day=args.capacity_per_day, boot=boot)
    return evaluate_json(analysis, threshold)


def _engine(args: argparse.Namespace) -> str:
    """``auto``: DuckDB for Parquet files, globs and folders; pandas for a CSV file."""
    if args.engine != "auto":
        return args.engine
    path = Path(args.data)
    big = (
        path.is_dir()
        or any(c in args.data for c in "*?[")
        or path.suffix.lower() in {".parquet", ".pq"}
    )
    return "duckdb" if big else "pandas"


def _check_capacity(args: argparse.Namespace, days: float | None) -> None:
    if args.capacity_per_day is not None and days is None:
        raise ValueError(
            f"--capacity-per-day needs dates: column '{args.timestamp_column}' is missing; "
            "add it or name it with --timestamp-column"
        )


def _run_in_engine(args: argparse.Namespace, threshold: float, costs: FraudCosts) -> dict:
    """The same report from a Parquet log too big for memory: only sums come back."""
    log = open_log(
        args.data,
        label=args.label_column,
        score=args.score_column,
        amount=args.amount_column,
        timestamp=args.timestamp_column,
        where=args.where,
        model=costs.value_model(),
        engine_name=_engine(args),
        spark_master=args.spark_master,
    )
    summary = log.summary()
    _check_capacity(args, summary.days)
    boot = cross_fit = None
    if args.interval:  # each is one more grouped pass over the log
        from metrics.core.log_crossfit import log_cross_fit

        boot, cross_fit = log.bootstrap(np.array([threshold])), log_cross_fit(log)
    analysis = analyse_curve(
        summary.curve,
        costs,
        days=summary.days,
        perfect_savings=summary.perfect,
        capacity_per_day=args.capacity_per_day,
        boot=boot,
        cross_fit=cross_fit,
    )
    return evaluate_json(analysis, threshold, resolution=summary.resolution)
