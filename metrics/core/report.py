"""What every sub-command's JSON has in common: numbers that JSON can hold."""

from __future__ import annotations

import math


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
