"""Which rows of a big log a monitor reads, and which are its reference: from a column that
says so, or from the reference period's dates; and one model's rows of a log that holds
several (the fleet)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from metrics.monitor.big_log import LogColumns


def scope_sql(columns: LogColumns, stamp: str, quote: Callable[[str], str]) -> tuple[str, str, str]:
    """The SQL of each row's period (``'reference'`` or ``'analysis'``), of whether it is in
    the reference (1 or 0, without comparing texts on every row) and the WHERE clause.

    Parameters
    ----------
    columns : LogColumns
    stamp : str
        The SQL of the row's timestamp.
    quote : callable
        The engine's quoting of a column name.

    Returns
    -------
    period : str
    reference : str
    where : str
        ``""`` or `` WHERE ...``; every value from a registry is a checked date or a quoted
        text, never raw SQL.
    """
    if columns.reference_dates is not None:
        first, last = (_iso_day(d) for d in columns.reference_dates)
        within = f"CAST({stamp} AS DATE) BETWEEN DATE '{first}' AND DATE '{last}'"
        period = f"CASE WHEN {within} THEN 'reference' ELSE 'analysis' END"
        reference = f"CASE WHEN {within} THEN 1 ELSE 0 END"
    else:
        period = f"CAST({quote(columns.period)} AS STRING)"
        reference = f"CASE WHEN {period} = 'reference' THEN 1 ELSE 0 END"
    where = ""
    if columns.model is not None:
        column, value = columns.model
        where = f" WHERE CAST({quote(column)} AS STRING) = '{_sql_text(value)}'"
    return period, reference, where


def _iso_day(text: str) -> str:
    """A day as ``YYYY-MM-DD`` (safe inside SQL), or a ValueError naming it."""
    try:
        return pd.Timestamp(str(text)).strftime("%Y-%m-%d")
    except ValueError:
        raise ValueError(f"'{str(text)[:40]}' is not a date; write it as 2026-03-31") from None


def _sql_text(value: str) -> str:
    """A text value inside single quotes in SQL."""
    return str(value).replace("'", "''")
