"""``monitor``: a model's value per chunk, realised where labels exist and estimated where
they do not, with the alert band, as JSON."""

from __future__ import annotations

import argparse
import warnings

from metrics.core.command import common_options, four_numbers, json_number
from metrics.fraud.model import FraudCosts
from metrics.monitor import CHUNK_PERIODS


def monitor_json(snapshot, monitor) -> dict:
    """The JSON object printed by ``monitor``.

    Parameters
    ----------
    snapshot : Snapshot
        The chunks as of the chosen date.
    monitor : Monitor

    Returns
    -------
    dict
        ``band``, ``normal_ranges``, ``calibrated`` and ``chunks`` (time order), JSON-safe.
    """
    from metrics.monitor.rates import METRICS, normal_ranges

    chunks = []
    for row in snapshot.table.to_dict("records"):
        alert = row["realized_alert"]
        chunks.append(
            {
                "period": row["period"],
                "start": str(row["start"])[:10],
                "end": str(row["end"])[:10],
                "rows": int(row["rows"]),
                "labelled_rows": int(row["labelled_rows"]),
                "realized_value": json_number(row["realized_value"]),
                "estimated_value": json_number(row["estimated_value"]),
                "estimated_lower": json_number(row["estimated_lower"]),
                "estimated_upper": json_number(row["estimated_upper"]),
                "realized_alert": None if alert is None else bool(alert),
                "estimated_alert": bool(row["estimated_alert"]),
                "roc_auc": json_number(row["roc_auc"]),
                **{
                    f"{kind}_{name}": json_number(row[f"{kind}_{name}"])
                    for name in METRICS
                    for kind in ("estimated", "realized")
                },
                "alerts": list(row["alerts"]),
            }
        )
    low, high = monitor.band
    return {
        "as_of": str(snapshot.as_of),
        "band": {"lower": json_number(low), "upper": json_number(high)},
        "normal_ranges": {
            name: {"lower": json_number(lower), "upper": json_number(upper)}
            for name, (lower, upper) in normal_ranges(monitor).items()
        },
        "calibrated": monitor.calibration.needed,
        "chunks": chunks,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``monitor``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser, named and described by ``metrics.cli.COMMANDS``.

    Returns
    -------
    None
    """
    common_options(parser, run=run, data=None)
    parser.add_argument("--reference", required=True, help="reference period: every row labelled")
    parser.add_argument("--analysis", required=True, help="the period to monitor")
    parser.add_argument("--labels", help="a separate file of labels for the analysis rows")
    parser.add_argument("--id-column", help="joins --labels to the analysis rows")
    parser.add_argument("--label-column", default="label")
    parser.add_argument("--score-column", default="score")
    parser.add_argument("--amount-column", help="per-row amount (needed for the fraud costs)")
    parser.add_argument("--timestamp-column", default="timestamp")
    parser.add_argument("--timestamp-format", help="strftime format of non-ISO timestamps")
    parser.add_argument("--label-date-column", help="when each label arrived (for --as-of)")
    parser.add_argument("--as-of", help="only labels that had arrived by this date (default: all)")
    decision = parser.add_mutually_exclusive_group(required=True)
    decision.add_argument("--prediction-column", help="the model's logged 0/1 decision")
    decision.add_argument("--threshold", type=float, help="flag when score >= threshold")
    chunking = parser.add_mutually_exclusive_group(required=True)
    chunking.add_argument("--chunk-size", type=int, help="rows per chunk")
    chunking.add_argument("--chunk-period", choices=CHUNK_PERIODS, help="calendar chunks")
    parser.add_argument(
        "--value-matrix",
        help="value of one row per outcome, TN,FP,FN,TP (else the fraud costs, with amounts)",
    )
    costs = FraudCosts()
    parser.add_argument("--review-cost", type=float, default=costs.review_cost)
    parser.add_argument("--chargeback-fee", type=float, default=costs.chargeback_fee)
    parser.add_argument("--decline-cost-rate", type=float, default=costs.decline_cost_rate)


def run(args: argparse.Namespace) -> dict:
    """Read both periods, build the monitor and report it as of ``--as-of``.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.

    Returns
    -------
    dict
    """
    from metrics.core.io import read_table
    from metrics.monitor.data import join_labels, monitor_log, period_note
    from metrics.monitor.model import build_monitor
    from metrics.monitor.replay import as_of
    from metrics.monitor.values import fraud_monitoring_model, matrix_model

    reference, analysis = read_table(args.reference), read_table(args.analysis)
    if args.value_matrix is not None:
        model = matrix_model(four_numbers(args.value_matrix, "--value-matrix", "0,-5,-100,80"))
    elif args.amount_column is None:
        raise ValueError(_amounts_needed(list(reference.columns)))
    else:
        model = fraud_monitoring_model(
            args.review_cost, args.chargeback_fee, args.decline_cost_rate
        )
    if args.labels is not None:
        if args.id_column is None:
            raise ValueError("--labels needs --id-column to join them to the analysis rows")
        analysis = join_labels(
            analysis, read_table(args.labels), id_column=args.id_column, label=args.label_column
        )
    log = monitor_log(
        reference,
        analysis,
        label=args.label_column,
        score=args.score_column,
        timestamp=args.timestamp_column,
        amount=args.amount_column,
        prediction=args.prediction_column,
        threshold=args.threshold,
        label_date=args.label_date_column,
        timestamp_format=args.timestamp_format,
    )
    note = period_note(log)
    if note is not None:
        warnings.warn(note, stacklevel=1)
    monitor = build_monitor(log, model, period=args.chunk_period, size=args.chunk_size)
    day = args.as_of if args.as_of is not None else _last_day(log)
    return monitor_json(as_of(monitor, _check_date(day)), monitor)


def _amounts_needed(columns: list[str]) -> str:
    """What to give when the fraud costs have no amounts: the file's amount column, if it
    has one by a usual name."""
    named = [c for c in columns if str(c).lower() in ("amount", "amount_usd", "value", "price")]
    hint = f" (this file has '{named[0]}': --amount-column {named[0]})" if named else ""
    return f"the fraud costs need amounts: give --amount-column{hint}, or --value-matrix"


def _last_day(log) -> str:
    return str(max(log.timestamp.max(), log.label_day.max()))[:10]


def _check_date(text: str) -> str:
    import pandas as pd

    try:
        pd.Timestamp(text)
    except ValueError:
        raise ValueError(f"--as-of is {text!r}; give a date such as 2026-08-01") from None
    return text
