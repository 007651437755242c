"""How numbers read on every page, sentence, chart label and download: one place.

Money is written with the sign before the currency symbol (``-$1,234``), never ``$-1,234``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # the engine path of the command line never loads pandas
    import pandas as pd


def money(value: float, *, decimals: int = 0, symbol: str = "$") -> str:
    """``$1,234`` or ``-$1,234``; ``n/a`` when the value is undefined (NaN).

    Parameters
    ----------
    value : float
        Amount in the currency unit.
    decimals : int
        Digits after the decimal point.
    symbol : str
        Currency symbol written before the digits.
    """
    if value is None or not math.isfinite(value):
        return "n/a"
    sign = "-" if round(value, decimals) < 0 else ""
    return f"{sign}{symbol}{abs(value):,.{decimals}f}"


def short_money(value: float, *, signed: bool = False) -> str:
    """Money for a tile too narrow for every digit: ``$130.9M``, ``-$4.1M``, ``$2.3B``; below a
    million, every dollar (``$41,420``). ``signed`` writes ``+`` before a gain.

    Parameters
    ----------
    value : float
    signed : bool

    Returns
    -------
    str
    """
    if value is None or not math.isfinite(value) or abs(value) < 1e6:
        return signed_money(value) if signed else money(value)
    scale, unit = (1e9, "B") if abs(value) >= 1e9 else (1e6, "M")
    sign = "-" if value < 0 else ("+" if signed else "")
    return f"{sign}${abs(value) / scale:,.1f}{unit}"


def signed_money(value: float, *, decimals: int = 0, symbol: str = "$") -> str:
    """``+$1,234`` or ``-$1,234``: a change, always with its sign.

    Parameters
    ----------
    value : float
        The number to write; NaN is written as ``n/a``.
    decimals : int
        Digits after the decimal point.
    symbol : str
        Currency symbol written before the digits.

    Returns
    -------
    str
    """
    text = money(value, decimals=decimals, symbol=symbol)
    return text if text.startswith(("-", "n/a")) else f"+{text}"


def percent(value: float, *, decimals: int = 0) -> str:
    """``12%`` from ``0.12``; ``n/a`` when the share is undefined (NaN).

    Parameters
    ----------
    value : float
        The number to write; NaN is written as ``n/a``.
    decimals : int
        Digits after the decimal point.

    Returns
    -------
    str
    """
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:.{decimals}%}"


def count(n: int | np.integer, noun: str) -> str:
    """``1 value``, ``12 values``, with thousands separators.

    Parameters
    ----------
    n : int
        How many.
    noun : str
        Singular noun; an ``s`` is added unless ``n`` is 1, at ``{s}`` when the noun marks
        where (``"value{s} outside [0, 1]"``), else at its end.

    Returns
    -------
    str
    """
    plural = "" if n == 1 else "s"
    if "{s}" in noun:
        return f"{int(n):,} {noun.replace('{s}', plural)}"
    return f"{int(n):,} {noun}{plural}"


@dataclass(frozen=True)
class Tile:
    """One KPI tile as a page shows it: label with its unit, value, change and explanation.

    ``better`` says which direction of ``delta`` is good: "higher" (green when up) or "lower"
    (green when down). ``arrow`` False shows the change without an arrow; ``note`` is a
    line of small print under the tile.
    """

    label: str
    value: str
    help: str
    delta: str | None = None
    better: str = "higher"
    arrow: bool = True
    note: str | None = None


@dataclass(frozen=True)
class Headline:
    """One use case's figure people quote, for the home page: currency units (a year where
    the data allows), what it is, how it was measured and its 95% interval if it has one."""

    value: float
    label: str
    how: str
    interval: tuple[float, float] | None = None


def threshold_text(threshold: float) -> str:
    """A decision threshold with the digits it needs: ``0.50``, ``0.05``, ``0.0238``.

    Parameters
    ----------
    threshold : float
        In [0, 1]; infinity means "flag nothing".

    Returns
    -------
    str
    """
    if not math.isfinite(threshold):
        return "above every score"
    text = f"{threshold:.4f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals:0<2}"


def csv_text(frame: pd.DataFrame, *, money_columns: tuple[str, ...] = ()) -> str:
    """A table as CSV for a download: plain decimals that any spreadsheet reads, never
    ``3.37234e+09``. Money columns (and any column ending in ``_usd``) get two decimals;
    other numbers their shortest exact positional form.

    Parameters
    ----------
    frame : DataFrame
        The table to write.
    money_columns : tuple of str
        Columns in a currency besides those named ``*_usd``.

    Returns
    -------
    str
    """
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype.kind != "f":
            continue
        if name in money_columns or str(name).endswith("_usd"):
            out[name] = [f"{v:.2f}" if np.isfinite(v) else "" for v in column]
        else:
            out[name] = [
                np.format_float_positional(v, precision=8, trim="-") if np.isfinite(v) else ""
                for v in column
            ]
    return out.to_csv(index=False)


def year_scale(days: float | None) -> tuple[float, str]:
    """The factor from the data's period to a year, and how it is said.

    Parameters
    ----------
    days : float or None

    Returns
    -------
    factor : float
    text : str
        E.g. "30 days x 12.2"; empty without dates.
    """
    if not days:
        return 1.0, ""
    return 365.0 / days, f"{days:.0f} days x {365.0 / days:.1f}"


def period_text(days: float | None) -> str:
    """What a figure over the data's period is over, to follow it: " over the 30 days of
    data", or nothing without dates.

    Parameters
    ----------
    days : float or None

    Returns
    -------
    str
    """
    return f" over the {days:,.0f} days of data" if days else ""
