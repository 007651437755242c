"""``ads``: a CTR model's auction revenue, RPM, AUC, log loss, NE and calibration."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from metrics.ads.references import RANK_BY
from metrics.core.command import common_options, json_report
from metrics.core.validation import check_non_negative

if TYPE_CHECKING:
    from metrics.ads.references import AdsSummary


def ads_json(summary: AdsSummary, *, rank_by: str = "score") -> dict:
    """The JSON object printed by ``ads``: money in USD, reserve-independent quality.

    Realised figures count the clicks in the file; expected figures (with true click
    probabilities) are what the dashboard shows, free of click noise.

    Parameters
    ----------
    summary : AdsSummary
        Outcome, quality and oracle for the command line.
    rank_by : str
        The ranking that was priced.

    Returns
    -------
    dict
        JSON-safe numbers; money in USD.
    """
    out, q = summary.outcome, summary.quality
    report: dict[str, object] = {
        "rank_by": rank_by,
        "queries": out.queries,
        "impressions": out.impressions,
        "ads_per_query": out.coverage,
        "fill_rate": out.fill_rate,
        "clicks": out.clicks,
        "ctr": out.ctr,
        "realised_revenue": out.revenue,
        "realised_rpm": out.rpm,
    }
    if summary.oracle is not None:
        report["expected_revenue"] = out.expected_revenue
        report["expected_rpm"] = out.expected_rpm
        report["oracle_expected_revenue"] = summary.oracle.expected_revenue
        report["share_of_oracle"] = summary.oracle_share
    report |= {
        "auc": q.auc,
        "log_loss": q.log_loss,
        "ne": q.normalized_entropy,
        "calibration_ratio": q.calibration_ratio,
        "currency": "USD",
    }
    return json_report(report)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``ads``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run)
    parser.add_argument("--slots", type=int, default=1, help="ads shown per query (default 1)")
    parser.add_argument(
        "--reserve",
        type=float,
        default=0.0,
        help="minimum bid x pCTR, USD per 1,000 impressions (default 0)",
    )
    parser.add_argument(
        "--pricing",
        choices=["first", "second"],
        default="first",
        help="first price (pay the bid) or second price (default first)",
    )
    parser.add_argument(
        "--rank-by",
        choices=RANK_BY,
        default="score",
        help="ranking to price: the model's eCPM (score), highest bid, the oracle (p_true) "
        "or a seeded random order (default score)",
    )
    for role, default in (
        ("query", "query_id"),
        ("bid", "bid"),
        ("score", "score"),
        ("clicked", "clicked"),
        ("p-true", "p_true"),
    ):
        parser.add_argument(f"--{role}-column", default=default)


def run(args: argparse.Namespace) -> dict:
    """Read, validate and price the ``--data`` auction log; raise ValueError on bad input.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    dict
        The JSON report.
    """
    # imported here: ``valuelens evaluate`` on a big log never loads pandas
    from metrics.ads.data import ads_data
    from metrics.ads.references import summarise
    from metrics.core.io import keep_where, read_table

    data = ads_data(
        keep_where(read_table(args.data), args.where),
        query=args.query_column,
        bid=args.bid_column,
        score=args.score_column,
        clicked=args.clicked_column,
        p_true=args.p_true_column,
    )
    check_non_negative(args.reserve, "reserve", "USD per 1,000 impressions")
    if args.slots < 1:
        raise ValueError(f"--slots is {args.slots}; show at least 1 ad per query")
    summary = summarise(
        data, slots=args.slots, reserve=args.reserve, pricing=args.pricing, rank_by=args.rank_by
    )
    return ads_json(summary, rank_by=args.rank_by)
