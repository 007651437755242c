"""A big log as the monitor's view: each row's period, chunk, day, score, label, amount, label
day, decision and cross-fitting fold, read where the log lies and checked in one pass."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from metrics.core.log_checks import check_text_roles
from metrics.monitor.log_scope import scope_sql

if TYPE_CHECKING:
    from metrics.monitor.big_log import LogColumns

_views = itertools.count()
NUMBER = re.compile(r"^(u?(tiny|small|big|huge)?int(eger)?|float|double|real|decimal.*|boolean)$")
"""The engines' names of number types (DuckDB's upper-cased, Spark's lower-case)."""
TIME = re.compile(r"^(timestamp.*|date|bigint)$")
"""Times: DuckDB's and Spark's timestamps and dates, and the nanoseconds Spark reads pandas'
timestamps as."""

FOLDS = 5
"""Reference rows are dealt into this many folds by row number (the calibration's
cross-fitting)."""


@dataclass(frozen=True)
class LogView:
    """The SELECT of the monitor's view of one log, before it is created.

    Attributes
    ----------
    select : str
        Columns ``r, c, day, s, y, a, d, f, k, filename, file_row_number, p`` and the inputs.
    features : dict of str to str
        The inputs (every other column) and their types.
    stamp : str
        The SQL of the row's timestamp.
    stamp_type : str
        The timestamp column's type in the engine.
    filtered : bool
        Whether ``select`` ends in a WHERE clause (one model's rows of a shared log).
    """

    select: str
    features: dict[str, str]
    stamp: str
    stamp_type: str
    filtered: bool = False

    def within(self, days: tuple[str | None, str | None]) -> str:
        """The SELECT of the rows scored from the first day to the day before the second,
        either end open when None. The condition is on the timestamp column itself, so the
        engine skips the other rows as it reads the log.

        Parameters
        ----------
        days : (str or None, str or None)
            ISO days, checked by the caller.

        Returns
        -------
        str
        """
        bounds = [
            f"{self.stamp} {sign} TIMESTAMP '{day}'"
            for sign, day in zip((">=", "<"), days, strict=True)
            if day is not None
        ]
        if not bounds:
            return self.select
        return f"{self.select} {'AND' if self.filtered else 'WHERE'} {' AND '.join(bounds)}"


def log_view(engine, path: str, columns: LogColumns, threshold: float, period: str) -> LogView:
    """The SELECT of the monitor's view of a log, its columns checked against the log's.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    path : str
        A Parquet file, a glob or a folder of Parquet files, or a CSV file or a glob of them.
    columns : LogColumns
    threshold : float
        The model flags a row when its score is at least this.
    period : {'day', 'week', 'month'}

    Returns
    -------
    LogView
    """
    scanned = engine.open(path)
    types = engine.types(scanned)
    shown = ", ".join(c for c in types if c not in ("filename", "file_row_number"))
    roles = {
        "label": columns.label,
        "score": columns.score,
        "timestamp": columns.timestamp,
        "period": columns.period,
        "amount": columns.amount,
        "label date": columns.label_date,
        "model": columns.model[0] if columns.model else None,
    }
    for role, name in roles.items():
        if name is not None and name not in types:
            raise ValueError(f"column '{name}' ({role}) is missing; the log has columns: {shown}")
    if not TIME.match(types[columns.timestamp].lower()):
        raise ValueError(
            f"column '{columns.timestamp}' (timestamp) holds {types[columns.timestamp]} values, "
            "not times; write it as a Parquet timestamp or date, or in a CSV as e.g. "
            "2026-07-01 14:30:00"
        )
    check_text_roles(
        engine, scanned, types, {r: roles[r] for r in ("score", "label", "amount") if roles[r]}
    )
    for role in ("score", "label", "amount"):
        name = roles[role]
        if name is not None and not NUMBER.match(types[name].lower()):
            raise ValueError(
                f"column '{name}' ({role}) holds {types[name]} values, not numbers; write the "
                f"{role} as numbers (or pick the column that holds them)"
            )
    q = engine.quote
    stamp = engine.timestamp(q(columns.timestamp), types[columns.timestamp])
    arrived = f"CAST({q(columns.label_date)} AS DATE)" if columns.label_date else None
    hidden = {*roles.values(), "filename", "file_row_number"}
    features = {c: kind for c, kind in types.items() if c not in hidden}
    period_sql, reference_sql, where = scope_sql(columns, stamp, q)
    select = (
        f"SELECT {reference_sql} AS r, CAST(date_trunc('{period}', {stamp}) AS DATE) AS c, "
        f"CAST({stamp} AS DATE) AS day, "
        f"CAST({q(columns.score)} AS DOUBLE) AS s, CAST({q(columns.label)} AS DOUBLE) AS y, "
        f"{f'CAST({q(columns.amount)} AS DOUBLE)' if columns.amount else 'CAST(0 AS DOUBLE)'} "
        f"AS a, {arrived or f'CAST({stamp} AS DATE)'} AS d, "
        f"CASE WHEN {q(columns.score)} >= {float(threshold)!r} THEN 1 ELSE 0 END AS f, "
        f"file_row_number % {FOLDS} AS k, filename, file_row_number, "
        f"{period_sql} AS p" + "".join(f", {q(c)}" for c in features) + f" FROM {scanned}{where}"
    )
    return LogView(select, features, stamp, types[columns.timestamp], bool(where))


def open_view(
    engine, path: str, columns: LogColumns, threshold: float, period: str
) -> tuple[str, dict[str, str]]:
    """The log as a view of the parts the queries use, checked in the engine.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    path : str
    columns : LogColumns
    threshold : float
    period : {'day', 'week', 'month'}

    Returns
    -------
    view : str
        The view's name.
    features : dict of str to str
        The inputs to check for drift, the score among them.
    """
    built = log_view(engine, path, columns, threshold, period)
    view = f"monitor_{next(_views)}"
    engine.create_view(view, built.select)
    check_view(engine, view, columns)
    return view, {**built.features, "s": "DOUBLE"}


def check_view(engine, view: str, columns: LogColumns) -> None:
    """Every bad value counted in one pass; the first named by file and row.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    view : str
        A view made from ``log_view``'s SELECT.
    columns : LogColumns
        Whose names the errors give.
    """
    nf = engine.not_finite
    checks = [
        (f"s IS NULL OR {nf('s')} OR s < 0 OR s > 1", "s", columns.score,
         "value missing or outside [0, 1]", "scores must be probabilities"),
        (f"y IS NOT NULL AND (y NOT IN (0, 1) OR {nf('y')})", "y", columns.label,
         "value other than 0, 1 or empty", "labels are 1, 0, or empty where not known yet"),
        (f"a IS NULL OR {nf('a')} OR a < 0", "a", columns.amount or "amount",
         "missing or negative amount", "amounts must be zero or positive"),
        ("c IS NULL", "c", columns.timestamp, "empty timestamp", "every row needs its time"),
        ("p IS NULL OR p NOT IN ('reference', 'analysis')", "p", columns.period,
         "value other than reference or analysis", "mark each row's period"),
        ("r = 1 AND y IS NULL", "y", columns.label,
         "reference row without a label", "the reference period needs every label"),
    ]  # fmt: skip
    counts = engine.query(
        "SELECT count(*), count(*) FILTER (WHERE r = 1), "
        + ", ".join(f"count(*) FILTER (WHERE {condition})" for condition, *_ in checks)
        + f" FROM {view}"
    )[0]
    for found, (condition, value, name, noun, fix) in zip(counts[2:], checks, strict=True):
        if found:
            first, row, file = engine.query(
                f"SELECT {value}, file_row_number, filename FROM {view} WHERE {condition} "
                "ORDER BY filename, file_row_number LIMIT 1"
            )[0]
            shown = "an empty cell" if first is None else repr(first)
            raise ValueError(
                f"column '{name}' has {found:,} {noun}, e.g. {shown} in row {row} of "
                f"{str(file).rsplit('/', 1)[-1]}; {fix}"
            )
    if counts[0] == 0 and columns.model is not None:
        raise ValueError(
            f"no row of column '{columns.model[0]}' is {columns.model[1]!r}; check model_value"
        )
    if counts[1] == 0 and columns.reference_dates is not None:
        raise ValueError(
            f"no row falls in the reference period {columns.reference_dates[0]} to "
            f"{columns.reference_dates[1]}; give dates the log covers"
        )
    if counts[1] == 0:
        raise ValueError(
            f"no row of column '{columns.period}' says reference; mark the model's validation "
            "period 'reference' and the period to monitor 'analysis'"
        )
