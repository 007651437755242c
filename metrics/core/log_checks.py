"""Checking a big log in the engine: one pass finds whether any label, score or amount is
bad (Parquet metadata answers most of it), and only then are the bad values counted and the
first one located by file and row."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from metrics.core.backends import DuckDBBackend, SparkBackend
from metrics.core.format import count
from metrics.core.number_text import label_text_hint, number_hint
from metrics.core.validation import MAX_AMOUNT
from metrics.core.value import ValueModel


def perfect_sql(model: ValueModel | None, y: str, a: str) -> str:
    """Sum over rows of max(0, value of flagging - value of not flagging), or 0.

    Parameters
    ----------
    model : ValueModel or None
        What each confusion-matrix cell is worth; None gives "0".
    y, a : str
        Quoted label and amount columns.

    Returns
    -------
    str
        A SQL aggregate.
    """
    if model is None:
        return "0"
    gain_pos = f"{model.tp.fixed - model.fn.fixed} + {model.tp.rate - model.fn.rate} * {a}"
    gain_neg = f"{model.fp.fixed - model.tn.fixed} + {model.fp.rate - model.tn.rate} * {a}"
    return f"sum(greatest(0, CASE WHEN {y} = 1 THEN {gain_pos} ELSE {gain_neg} END))"


def is_numeric(column_type: str) -> bool:
    """Whether a column type holds numbers (or booleans), in DuckDB's or Spark's names.

    Parameters
    ----------
    column_type : str
        The engine's name of the column's type.

    Returns
    -------
    bool
    """
    words = (
        "INT",
        "BOOL",
        "DOUBLE",
        "FLOAT",
        "DECIMAL",
        "REAL",
        "NUMERIC",
        "LONG",
        "SHORT",
        "BYTE",
    )
    return any(word in column_type.upper() for word in words)


def is_whole(column_type: str) -> bool:
    """Whether a column type holds whole numbers only (integers, booleans).

    Parameters
    ----------
    column_type : str
        The engine's name of the column's type.

    Returns
    -------
    bool
    """
    return any(word in column_type.upper() for word in ("INT", "BOOL"))


def profile_log(
    engine: DuckDBBackend | SparkBackend,
    view: str,
    y: str,
    s: str,
    a: str,
    stamp: str | None,
    *,
    whole_label: bool,
    stamp_type: str = "",
) -> dict:
    """Rows, whether each role holds a bad value, distinct scores, days and the amounts'
    range. Counts, minima and maxima come from Parquet metadata where DuckDB has them; one
    scan of the score column counts its NaNs and its distinct values. A NaN amount is found
    later, for free, in the grouped sums (``amount_sums_are_finite``).

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    view : str
        The log's rows.
    y, s, a : str
        Quoted label, score and amount columns.
    stamp : str or None
        Quoted timestamp column.
    whole_label : bool
        The label column holds whole numbers only (no check for 0.5 and the like needed).
    stamp_type : str
        The timestamp column's type (Spark reads nanosecond stamps as numbers).

    Returns
    -------
    dict
        rows, label/score/amount (True when bad), distinct, days, low and high (amounts).
    """
    days = engine.days(stamp, stamp_type) if stamp else "NULL"
    n, ny, ymin, ymax, ns, smin, smax, na, amin, amax, span = engine.query(
        f"SELECT count(*), count({y}), min({y}), max({y}), count({s}), min({s}), max({s}), "
        f"count({a}), min({a}), max({a}), {days} FROM {view}"
    )[0]
    not_binary = (
        "0"
        if whole_label
        else f"count(*) FILTER (WHERE {y} NOT IN (0, 1) OR {engine.not_finite(y)})"
    )
    nan_s, other_labels, distinct = engine.query(
        f"SELECT count(*) FILTER (WHERE {engine.not_finite(s)}), {not_binary}, "
        f"approx_count_distinct({s}) FROM {view}"
    )[0]
    return {
        "rows": n,
        "label": n > 0 and (ny < n or ymin < 0 or ymax > 1 or other_labels > 0),
        "score": n > 0 and (ns < n or smin < 0 or smax > 1 or nan_s > 0),
        "amount": n > 0 and (na < n or amin < 0 or amax > MAX_AMOUNT),
        "distinct": distinct,
        "days": None if span is None else float(span),
        "low": None if amin is None else float(amin),
        "high": None if amax is None else float(amax),
    }


def amount_sums_are_finite(groups: dict) -> bool:
    """Whether no group's amount sum is NaN or infinite (a NaN or infinite amount makes it so).

    Parameters
    ----------
    groups : dict of str to ndarray
        From ``group_log``.

    Returns
    -------
    bool
    """
    return bool(np.isfinite(groups["a"]).all())


_CHECKS = (
    (
        "label",
        "{y} IS NULL OR {y} NOT IN (0, 1) OR {not_finite_y}",
        "value{s} other than 0 or 1",
        "labels must be binary (1 = positive, e.g. fraud)",
    ),
    (
        "score",
        "{s} IS NULL OR {not_finite_s} OR {s} < 0 OR {s} > 1",
        "value{s} missing or outside [0, 1]",
        "scores must be probabilities",
    ),
    (
        "amount",
        "{a} IS NULL OR {not_finite_a} OR {a} < 0 OR {a} > 1e15",
        "amount{s} missing, negative or above 1e15",
        "amounts must be zero or positive (refunds excluded)",
    ),
)


def raise_first_bad(
    engine: DuckDBBackend | SparkBackend, view: str, profile: dict, names: dict[str, str]
) -> None:
    """For the first role with a bad value: count them and name the first, file and row.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    view : str
        The log's rows.
    profile : dict
        From ``profile_log``.
    names : dict of str to str
        Role to column name.
    """
    q = engine.quote
    y, s, a = q(names["label"]), q(names["score"]), q(names["amount"])
    for role, condition, noun, fix in _CHECKS:
        if not profile[role]:
            continue
        bad = condition.format(
            y=y,
            s=s,
            a=a,
            not_finite_y=engine.not_finite(y),
            not_finite_s=engine.not_finite(s),
            not_finite_a=engine.not_finite(a),
        )
        found = engine.query(f"SELECT count(*) FROM {view} WHERE {bad}")[0][0]
        first_value, first_row, first_file = engine.query(
            f"SELECT {q(names[role])}, file_row_number, filename FROM {view} WHERE {bad} "
            "ORDER BY filename, file_row_number LIMIT 1"
        )[0]
        if role == "score" and _percentages(engine, view, s):
            fix += " (these look like percentages: divide them by 100)"
        raise ValueError(
            f"column '{names[role]}' has {count(found, noun)}, e.g. "
            f"{'an empty cell' if first_value is None else repr(first_value)} in "
            f"row {first_row} of {Path(str(first_file)).name}; {fix}"
        )


def _percentages(engine: DuckDBBackend | SparkBackend, view: str, s: str) -> bool:
    """Whether every score that is a number lies in [0, 100], some above 1."""
    low, high = engine.query(
        f"SELECT min({s}), max({s}) FROM {view} WHERE NOT ({engine.not_finite(s)})"
    )[0]
    return low is not None and low >= 0 and 1 < high <= 100


def check_columns(types: dict[str, str], names: dict[str, str], shown: str) -> None:
    """Each role's column exists and holds numbers, or one error that says what to fix.

    Parameters
    ----------
    types : dict of str to str
        Every column's engine type.
    names : dict of str to str
        Role to column name.
    shown : str
        The file's columns, listed for the message.

    Returns
    -------
    None
    """
    for role, name in names.items():
        if name not in types:
            raise ValueError(
                f"column '{name}' ({role}) is missing; the file has columns: {shown}; rename a "
                f"column to '{name}' or name the {role} column (--{role}-column)"
            )
    for role, name in names.items():
        if not is_numeric(types[name]):
            raise ValueError(
                f"column '{name}' ({role}) holds {types[name]} values, not numbers; the "
                f"{role} must be numeric (write it as numbers in the file, or name another "
                f"column with --{role}-column)"
            )


TEXT_TYPES = ("VARCHAR", "STRING", "TEXT", "CHAR")
"""The engines' names of text types (DuckDB's, Spark's)."""


def check_text_roles(engine, view: str, types: dict[str, str], names: dict[str, str]) -> None:
    """A role's column read as text gets the in-memory reader's error: labels written as two
    words, or the first value that is not a number, with its file and row and how to write it.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    view : str
        The log's view, with ``filename`` and ``file_row_number``.
    types : dict of str to str
        Every column's engine type.
    names : dict of str to str
        Role to column name.
    """
    for role, name in names.items():
        if name not in types or not types[name].upper().startswith(TEXT_TYPES):
            continue
        q = engine.quote(name)
        words = [r[0] for r in engine.query(f"SELECT DISTINCT {q} FROM {view} LIMIT 3")]
        if role == "label" and (hint := label_text_hint(words, name)) is not None:
            raise ValueError(hint)
        for value, row, file in engine.query(
            f"SELECT {q}, file_row_number, filename FROM {view} WHERE {q} IS NOT NULL AND "
            f"TRY_CAST({q} AS DOUBLE) IS NULL ORDER BY filename, file_row_number LIMIT 1"
        ):
            raise ValueError(
                f"column '{name}' ({role}) holds text, e.g. {value!r} in row {row} of "
                f"{Path(str(file)).name}; {number_hint(value, name)}"
            )
