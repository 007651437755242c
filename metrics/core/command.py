"""What every sub-command shares: its common options, and numbers that JSON can hold."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def json_number(value: float | None) -> float | int | None:
    """JSON-safe number: whole counts as int, NaN and 'flag nothing' (inf) as null.

    Parameters
    ----------
    value : float
        The number to write; NaN is written as ``n/a``.

    Returns
    -------
    int, float or None
    """
    if value is None or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def json_report(report: dict[str, object]) -> dict[str, object]:
    """``report`` with every number made JSON-safe by ``json_number``; strings kept.

    Parameters
    ----------
    report : dict
        Names to numbers (or strings).

    Returns
    -------
    dict
    """
    return {k: v if isinstance(v, str) else json_number(v) for k, v in report.items()}


def common_options(
    parser: argparse.ArgumentParser,
    *,
    run: Callable[[argparse.Namespace], dict],
    data: str | None = "required",
) -> argparse.ArgumentParser:
    """``--json``, and ``--data`` and ``--where`` when the sub-command reads one file.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command's parser.
    run : callable
        Reads the parsed arguments and returns the JSON report; raises ValueError on bad input.
    data : {"required", "optional"} or None
        Whether ``--data`` must be given, may be (the bundled sample otherwise), or is not an
        option (the command reads its own files or the stored study).

    Returns
    -------
    ArgumentParser
        ``parser``, for the use case's own options.
    """
    parser.set_defaults(run=run)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    if data is None:
        return parser
    parser.add_argument(
        "--data",
        required=data == "required",
        help="CSV (optionally .gz) or Parquet file"
        + ("" if data == "required" else " (default: the bundled sample)"),
    )
    parser.add_argument(
        "--where",
        metavar="COLUMN=VALUE",
        help="keep only rows where COLUMN equals VALUE, e.g. split=test",
    )
    return parser


def four_numbers(text: str, option: str, example: str) -> tuple[float, float, float, float]:
    """``TN,FP,FN,TP`` as four finite numbers, or a ValueError that shows the form.

    Parameters
    ----------
    text : str
        What was given on the command line.
    option : str
        The option's name, for the message (``--value-matrix``).
    example : str
        A valid value, for the message.

    Returns
    -------
    tuple of 4 floats
    """
    try:
        values = tuple(float(p) for p in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise ValueError(f"{option} is {text!r}; give four numbers TN,FP,FN,TP, e.g. {example}")
    return values  # type: ignore[return-value]
