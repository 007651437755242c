"""Command line: the dashboard's numbers as JSON, so a model release can be judged in CI.

python -m metrics evaluate --data scored.csv --threshold 0.3 --json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from collections.abc import Sequence

import pandas as pd

from metrics.ads import AdsSummary, summarise
from metrics.bootstrap import bootstrap_curves
from metrics.curves import average_precision, roc_auc
from metrics.data import ads_data, fraud_data, read_table
from metrics.fraud import FraudAnalysis, FraudCosts, FraudData, analyse, snapshot
from metrics.validation import check_non_negative, check_threshold

EXIT_BAD_INPUT = 2


def _number(value: float) -> float | int | None:
    """JSON-safe number: whole counts as int, NaN and 'flag nothing' (inf) as null."""
    if value is None or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def evaluate_report(data: FraudData, analysis: FraudAnalysis, threshold: float) -> dict:
    """The JSON object printed by ``evaluate``; money in USD versus approving everything."""
    snap = snapshot(analysis, threshold)
    p, best = snap.point, analysis.best
    within = best.savings_within_capacity
    report = {
        "n": len(data.y_true),
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
        "best_f1_threshold": best.f1.threshold,
        "best_accuracy_threshold": best.accuracy.threshold,
        "days": analysis.days,
        "alerts_per_day": snap.alerts_per_day,
        "capacity_per_day": analysis.capacity_per_day,
        "best_savings_within_capacity_threshold": None if within is None else within.threshold,
        "currency": "USD",
    }
    if snap.interval is not None:
        report["net_savings_low"], report["net_savings_high"] = snap.interval
    return {k: v if isinstance(v, str) else _number(v) for k, v in report.items()}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m metrics", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ev = commands.add_parser(
        "evaluate", help="fraud model: confusion counts, ML metrics and net savings in USD"
    )
    ev.add_argument("--data", required=True, help="CSV (optionally .gz) or Parquet file")
    ev.add_argument(
        "--threshold",
        type=float,
        required=True,
        help="flag a transaction when score >= threshold, in [0, 1]",
    )
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    costs = FraudCosts()
    ev.add_argument(
        "--review-cost",
        type=float,
        default=costs.review_cost,
        help="USD per flagged transaction (default %(default)s)",
    )
    ev.add_argument(
        "--chargeback-fee",
        type=float,
        default=costs.chargeback_fee,
        help="USD saved per caught fraud on top of its amount (default %(default)s)",
    )
    ev.add_argument(
        "--decline-cost-rate",
        type=float,
        default=costs.decline_cost_rate,
        help="share of a flagged legitimate amount lost to friction (default %(default)s)",
    )
    ev.add_argument(
        "--capacity-per-day",
        type=float,
        default=None,
        help="alerts your reviewers can handle a day (needs a timestamp column)",
    )
    ev.add_argument(
        "--interval",
        action="store_true",
        help="add a 95%% bootstrap interval for net savings (400 resamples)",
    )
    ev.add_argument(
        "--where",
        metavar="COLUMN=VALUE",
        help="keep only rows where COLUMN equals VALUE, e.g. split=test",
    )
    ev.add_argument("--label-column", default="label")
    ev.add_argument("--score-column", default="score")
    ev.add_argument("--amount-column", default="amount")
    ev.add_argument("--timestamp-column", default="timestamp")
    ads = commands.add_parser(
        "ads", help="CTR model: auction revenue, RPM, AUC, log loss, NE and calibration"
    )
    ads.add_argument("--data", required=True, help="CSV (optionally .gz) or Parquet file")
    ads.add_argument("--json", action="store_true", help="print one JSON object")
    ads.add_argument("--slots", type=int, default=1, help="ads shown per query (default 1)")
    ads.add_argument(
        "--reserve",
        type=float,
        default=0.0,
        help="minimum bid x pCTR, USD per 1,000 impressions (default 0)",
    )
    ads.add_argument(
        "--pricing",
        choices=["first", "second"],
        default="first",
        help="first price (pay the bid) or second price (default first)",
    )
    ads.add_argument(
        "--where", metavar="COLUMN=VALUE", help="keep only rows where COLUMN equals VALUE"
    )
    for role, default in (
        ("query", "query_id"),
        ("bid", "bid"),
        ("score", "score"),
        ("clicked", "clicked"),
        ("p-true", "p_true"),
    ):
        ads.add_argument(f"--{role}-column", default=default)
    return parser


def ads_report(summary: AdsSummary) -> dict:
    """The JSON object printed by ``ads``: money in USD, reserve-independent quality."""
    out, q = summary.outcome, summary.quality
    report = {
        "queries": out.queries,
        "impressions": out.impressions,
        "clicks": out.clicks,
        "ctr": out.ctr,
        "revenue": out.revenue,
        "rpm": out.rpm,
        "coverage": out.coverage,
        "auc": q.auc,
        "log_loss": q.log_loss,
        "ne": q.normalized_entropy,
        "calibration_ratio": q.calibration_ratio,
    }
    if summary.oracle is not None:
        report["expected_revenue"] = out.expected_revenue
        report["oracle_expected_revenue"] = summary.oracle.expected_revenue
        report["oracle_share"] = summary.oracle_share
    report["currency"] = "USD"
    return {k: v if isinstance(v, str) else _number(v) for k, v in report.items()}


def _ads(args: argparse.Namespace) -> dict:
    data = ads_data(
        _read(args),
        query=args.query_column,
        bid=args.bid_column,
        score=args.score_column,
        clicked=args.clicked_column,
        p_true=args.p_true_column,
    )
    check_non_negative(args.reserve, "reserve", "USD per 1,000 impressions")
    if args.slots < 1:
        raise ValueError(f"--slots is {args.slots}; show at least 1 ad per query")
    return ads_report(summarise(data, slots=args.slots, reserve=args.reserve, pricing=args.pricing))


def _read(args: argparse.Namespace) -> pd.DataFrame:
    """The --data file, keeping only the --where rows."""
    frame, where = read_table(args.data), args.where
    if where is None:
        return frame
    column, sep, value = where.partition("=")
    if not sep or column not in frame.columns:
        raise ValueError(
            f"--where {where!r} must be COLUMN=VALUE with a column of the file, "
            f"e.g. split=test; the file has: {', '.join(map(str, frame.columns))}"
        )
    kept = frame[frame[column].astype(str) == value]
    if kept.empty:
        raise ValueError(
            f"--where {where!r} keeps no rows; column '{column}' has values such "
            f"as {', '.join(map(str, frame[column].unique()[:5]))}"
        )
    return kept


def _evaluate(args: argparse.Namespace) -> dict:
    threshold = check_threshold(args.threshold)
    costs = FraudCosts(args.review_cost, args.chargeback_fee, args.decline_cost_rate)
    data = fraud_data(
        _read(args),
        label=args.label_column,
        score=args.score_column,
        amount=args.amount_column,
        timestamp=args.timestamp_column,
    )
    if args.capacity_per_day is not None and data.days is None:
        raise ValueError(
            f"--capacity-per-day needs dates: column '{args.timestamp_column}' is missing; "
            "add it or name it with --timestamp-column"
        )
    boot = None
    if args.interval:
        boot = bootstrap_curves(
            data.y_true, data.y_score, amount=data.amount, thresholds=[threshold]
        )
    analysis = analyse(data, costs, capacity_per_day=args.capacity_per_day, boot=boot)
    return evaluate_report(data, analysis, threshold)


def _text(report: dict) -> str:
    width = max(map(len, report))
    return "\n".join(f"{key:<{width}}  {value}" for key, value in report.items())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; bad input prints one line on stderr and returns 2."""
    args = _parser().parse_args(argv)
    warnings.formatwarning = lambda message, *_, **__: f"warning: {message}\n"
    try:
        report = _evaluate(args) if args.command == "evaluate" else _ads(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(json.dumps(report, indent=2) if args.json else _text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
