"""The value matrix of a multiclass or multilabel model as a small CSV file, read once,
capped in size and checked cell by cell.

Multiclass: a header ``true,<action>,<action>,...`` and one row per class, the first actions
being the classes in the order of the rows (extra actions such as ``review`` after them)::

    true,billing,technical,outage,review
    billing,-4,-25,-60,-14
    technical,-30,-6,-60,-16
    outage,-200,-200,-20,-40

Multilabel: a header ``label,TN,FP,FN,TP`` and one row per label.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_MATRIX_BYTES = 64_000
OUTCOMES = ("TN", "FP", "FN", "TP")


@dataclass(frozen=True)
class MatrixFile:
    """A matrix read from a file: its row names, column names and values."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: np.ndarray


def read_matrix(path: str | Path, *, first: str, option: str) -> MatrixFile:
    """Read a value matrix CSV whose header starts with ``first``.

    Parameters
    ----------
    path : str or Path
    first : str
        The first header cell: ``true`` (multiclass) or ``label`` (multilabel).
    option : str
        The option that named the file, for messages.

    Returns
    -------
    MatrixFile

    Raises
    ------
    ValueError
        Naming the file, the cell and the fix.
    """
    where = Path(path)
    if not where.is_file():
        raise ValueError(f"{option} '{where}' is not a file; give the path of a CSV file")
    if where.stat().st_size > MAX_MATRIX_BYTES:
        raise ValueError(
            f"{option} '{where.name}' is larger than {MAX_MATRIX_BYTES // 1000} KB; a value "
            "matrix is one small row per class"
        )
    try:
        text = where.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{option} '{where.name}' is not UTF-8 text; save it as CSV") from None
    table = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not table or table[0][0].strip().lower() != first:
        raise ValueError(
            f"{option} '{where.name}' must start with a header whose first cell is '{first}' "
            f"(e.g. {first},{'TN,FP,FN,TP' if first == 'label' else 'billing,outage'})"
        )
    columns = tuple(cell.strip() for cell in table[0][1:])
    rows, values = [], []
    for number, row in enumerate(table[1:], start=2):
        if len(row) != len(columns) + 1:
            raise ValueError(
                f"{option} '{where.name}' line {number} has {len(row) - 1} values for "
                f"{len(columns)} columns; give one value per column"
            )
        rows.append(row[0].strip())
        values.append([_number(cell, option, where.name, number) for cell in row[1:]])
    if not rows:
        raise ValueError(f"{option} '{where.name}' has a header but no rows; add one per class")
    return MatrixFile(tuple(rows), columns, np.asarray(values, dtype=float))


def _number(cell: str, option: str, name: str, line: int) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(
            f"{option} '{name}' line {line} has {cell.strip()[:40]!r}; every cell is a number "
            "(value of one row, currency units)"
        )
    return value


def outcome_rows(matrix: MatrixFile, labels: tuple[str, ...], option: str) -> np.ndarray:
    """A multilabel file's (TN, FP, FN, TP) rows in the order of ``labels``.

    Parameters
    ----------
    matrix : MatrixFile
    labels : tuple[str, ...]
    option : str

    Returns
    -------
    np.ndarray
    """
    if matrix.columns != OUTCOMES:
        raise ValueError(f"{option} must have the header label,TN,FP,FN,TP")
    missing = [label for label in labels if label not in matrix.rows]
    if missing:
        raise ValueError(
            f"{option} has no row for the label '{missing[0][:40]}'; add one row per label"
        )
    return matrix.values[[matrix.rows.index(label) for label in labels]]
