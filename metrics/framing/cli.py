"""``decide --task multiclass|multilabel|regression``: read the file, value the decisions and
return the JSON fields (the binary task stays in ``metrics.decide.cli``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built without numpy or pandas: `decide --help` stays quick
    import numpy as np
    import pandas as pd

TASKS = ("binary", "multiclass", "multilabel", "regression")


def add_task_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``decide`` takes for the other output types.

    Parameters
    ----------
    parser : ArgumentParser

    Returns
    -------
    None
    """
    parser.add_argument("--task", choices=TASKS, default="binary", help="the model's output type")
    parser.add_argument(
        "--score-columns",
        help="multiclass: one probability column per class, in the order of the matrix's rows; "
        "multilabel: one score column per label",
    )
    parser.add_argument(
        "--label-columns", help="multilabel: one 0/1 column per label, in the order of the scores"
    )
    parser.add_argument(
        "--value-matrix-file",
        help="multiclass: CSV 'true,<action>,...' with one row per class; multilabel: CSV "
        "'label,TN,FP,FN,TP' with one row per label",
    )
    parser.add_argument(
        "--amount-rates-file",
        help="multiclass: the share of the row's amount added per cell, same layout as "
        "--value-matrix-file",
    )
    parser.add_argument(
        "--review-capacity",
        type=int,
        help="multiclass: the most rows the 'review' action may take",
    )
    parser.add_argument("--target-column", help="regression: the true value")
    parser.add_argument("--prediction-column", help="regression: the model's prediction")
    parser.add_argument(
        "--under-cost", type=float, help="regression: cost per unit under the truth"
    )
    parser.add_argument("--over-cost", type=float, help="regression: cost per unit over the truth")
    parser.add_argument(
        "--miss-cost",
        type=float,
        default=0.0,
        help="regression: fixed cost per row beyond --tolerance",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.0,
        help="regression: error within which --miss-cost is not paid",
    )


def run_task(args: argparse.Namespace, frame: pd.DataFrame) -> dict:
    """The JSON of ``decide`` for a non-binary ``--task``; ValueError on bad input.

    Parameters
    ----------
    args : argparse.Namespace
    frame : DataFrame
        The ``--data`` rows (after ``--where``).

    Returns
    -------
    dict
    """
    from metrics.framing import output

    amount = (
        None
        if args.amount_column is None
        else _column(frame, args.amount_column, "--amount-column")
    )
    if args.task == "regression":
        args.gate = "value_at_best_shift_cross_fitted"
        return output.regression_json(_regression(args, frame, amount))
    if args.task == "multiclass":
        args.gate = "value_best_decision"
        return output.multiclass_json(_multiclass(args, frame, amount))
    args.gate = "best_value_cross_fitted"
    return output.multilabel_json(_multilabel(args, frame, amount))


def _column(frame: pd.DataFrame, name: str, option: str) -> np.ndarray:
    if name not in frame.columns:
        listed = ", ".join(map(str, frame.columns[:12]))
        raise ValueError(f"{option} '{name}' is not a column of the file; its columns are {listed}")
    return frame[name].to_numpy()


def _columns(frame: pd.DataFrame, names: str | None, option: str) -> list[str]:
    if not names:
        raise ValueError(f"this task needs {option}: name the columns, comma-separated")
    listed = [n.strip() for n in names.split(",") if n.strip()]
    for name in listed:
        _column(frame, name, option)
    return listed


def _needs(value: object, option: str, task: str) -> None:
    if value is None:
        raise ValueError(f"--task {task} needs {option}")


def _regression(args, frame, amount):
    from metrics.framing.regression import value_regression

    needed = {
        "--target-column": args.target_column,
        "--prediction-column": args.prediction_column,
        "--under-cost": args.under_cost,
        "--over-cost": args.over_cost,
    }
    for option, value in needed.items():
        _needs(value, option, "regression")
    from metrics.framing.checks import numeric_column

    _column(frame, args.target_column, "--target-column")
    _column(frame, args.prediction_column, "--prediction-column")
    return value_regression(
        numeric_column(frame, args.target_column),
        numeric_column(frame, args.prediction_column),
        under_cost=args.under_cost,
        over_cost=args.over_cost,
        miss_cost=args.miss_cost,
        tolerance=args.tolerance,
        amount=amount,
    )


def _multiclass(args, frame, amount):
    import numpy as np

    from metrics.framing.matrix_file import read_matrix
    from metrics.framing.multiclass import ActionMatrix, multiclass_rows, value_rows

    _needs(args.value_matrix_file, "--value-matrix-file", "multiclass")
    fixed = read_matrix(args.value_matrix_file, first="true", option="--value-matrix-file")
    rates = np.zeros_like(fixed.values)
    if args.amount_rates_file is not None:
        if amount is None:
            raise ValueError(
                "--amount-rates-file needs the amounts: name them with --amount-column"
            )
        read = read_matrix(args.amount_rates_file, first="true", option="--amount-rates-file")
        if (read.rows, read.columns) != (fixed.rows, fixed.columns):
            raise ValueError(
                "--amount-rates-file must have the same rows and columns as --value-matrix-file"
            )
        rates = read.values
    scores = _columns(frame, args.score_columns, "--score-columns")
    if len(scores) != len(fixed.rows):
        raise ValueError(
            f"--score-columns names {len(scores)} columns, but the matrix has {len(fixed.rows)} "
            f"classes ({', '.join(fixed.rows)}); give one probability column per class, in order"
        )
    extra = fixed.columns[len(fixed.rows) :]
    limited = "review" if "review" in extra and args.review_capacity is not None else None
    matrix = ActionMatrix(fixed.rows, fixed.columns, fixed.values, rates, limited,
                          args.review_capacity if limited else None)  # fmt: skip
    rows = multiclass_rows(
        _column(frame, args.label_column, "--label-column"),
        frame[scores].to_numpy(),
        classes=matrix.classes,
        amount=amount,
        label_column=args.label_column,
        proba_columns=scores,
    )
    return value_rows(rows, matrix)


def _multilabel(args, frame, amount):
    import numpy as np

    from metrics.core.command import four_numbers
    from metrics.framing.matrix_file import outcome_rows, read_matrix
    from metrics.framing.multilabel import value_multilabel

    labels = _columns(frame, args.label_columns, "--label-columns")
    scores = _columns(frame, args.score_columns, "--score-columns")
    if len(labels) != len(scores):
        raise ValueError(
            f"--label-columns names {len(labels)} columns and --score-columns {len(scores)}; "
            "give one score per label, in the same order"
        )
    if args.value_matrix_file is not None:
        read = read_matrix(args.value_matrix_file, first="label", option="--value-matrix-file")
        matrix = outcome_rows(read, tuple(labels), "--value-matrix-file")
    else:
        _needs(args.value_matrix, "--value-matrix (or --value-matrix-file)", "multilabel")
        matrix = np.asarray(four_numbers(args.value_matrix, "--value-matrix", "0,-1,-2,3"))
    rates = None
    if args.amount_rates is not None:
        if amount is None:
            raise ValueError("--amount-rates needs the amounts: name them with --amount-column")
        rates = four_numbers(args.amount_rates, "--amount-rates", "0,-0.1,-1,0")
    return value_multilabel(
        frame[labels].to_numpy(),
        frame[scores].to_numpy(),
        labels=labels,
        value_matrix=matrix,
        amount_rates=rates,
        amount=amount,
    )
