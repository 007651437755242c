"""The ``decide`` command's JSON: one object with the optimum, the baselines, the constrained
optimum, the three-way decision, segments and a comparison."""

from __future__ import annotations

import argparse

from metrics.core.command import json_number, json_report
from metrics.core.crossfit import curve_with_cross_fit
from metrics.core.validation import check_non_negative, check_share, check_threshold
from metrics.core.value import ValueModel, class_amounts
from metrics.decide.compare import compare_models
from metrics.decide.data import DecisionData
from metrics.decide.model import Constraints, constrained_best, decide, earned_best
from metrics.decide.segments import by_segment, segment_curves
from metrics.decide.three_way import three_way


def constraints_of(args: argparse.Namespace) -> Constraints:
    """The command line's limits, each checked to be a share in [0, 1].

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    Constraints
    """
    shares = {}
    for name, meaning in (
        ("min_precision", "smallest precision"),
        ("min_recall", "smallest recall"),
        ("max_flag_rate", "largest share of rows acted on"),
    ):
        value = getattr(args, name)
        shares[name] = (
            None if value is None else check_share(value, f"--{name.replace('_', '-')}", meaning)
        )
    return Constraints(**shares)


def decide_json(data: DecisionData, model: ValueModel, args: argparse.Namespace) -> dict:
    """Everything ``decide`` prints, in currency units over the data's rows.

    Parameters
    ----------
    data : DecisionData
    model : ValueModel
    args : argparse.Namespace
        threshold, min_precision, min_recall, max_flag_rate, review_cost.

    Returns
    -------
    dict
    """
    curve, inputs = curve_with_cross_fit(data.y, data.score, amount=data.amount)
    decision = decide(curve, class_amounts(data.y, data.amount), model)
    honest = earned_best(decision, inputs)
    report: dict[str, object] = {
        "n": int(curve.n),
        "positives": int(curve.positives),
        "best_threshold": json_number(decision.best_threshold),
        "best_value": decision.best_value,
        "best_value_cross_fitted": decision.none + honest.value,
        "best_value_cross_fitted_low": decision.none + honest.low,
        "best_value_cross_fitted_high": decision.none + honest.high,
    }
    if args.threshold is not None:
        report["value_at_threshold"] = float(
            decision.value[curve.index(check_threshold(args.threshold))]
        )
    report |= {
        "act_on_none_value": decision.none,
        "act_on_all_value": decision.everyone,
        "perfect_value": decision.perfect,
    }
    point = constrained_best(decision, constraints_of(args))
    report["constrained_best_threshold"] = (
        None if point is None else json_number(curve.thresholds[point])
    )
    report["constrained_best_value"] = None if point is None else float(decision.value[point])
    if args.review_cost is not None:
        band = three_way(decision, check_non_negative(args.review_cost, "review cost", "per row"))
        report["three_way"] = {
            "low": json_number(band.low_threshold),
            "high": json_number(band.high_threshold),
            "value": band.value,
        }
    if data.segment is not None:
        parts = segment_curves(data.y, data.score, data.amount, data.segment)
        seg = by_segment(parts, model, decision, honest)
        report["segments"] = {
            name: {"best_threshold": json_number(d.best_threshold), "best_value": d.best_value}
            for name, d in zip(seg.names, seg.decisions, strict=True)
        }
        report["per_segment_gain"] = seg.gain
        report["per_segment_gain_cross_fitted"] = seg.gain_earned
    if data.other is not None:
        _, diff = compare_models(
            decision, data.y, data.amount, data.score, data.other, earned=honest
        )
        report["difference"] = {
            "value": diff.value,
            "lower": diff.lower,
            "upper": diff.upper,
            "value_cross_fitted": diff.earned,
        }
    return json_report({k: v for k, v in report.items() if not isinstance(v, dict)}) | {
        k: v for k, v in report.items() if isinstance(v, dict)
    }
