"""File input shared by every use case: CSV and Parquet reading, column lookup and the
``--where`` row filter. The only file reading in metrics/ (the samples' location is in
``metrics.core.samples``, the data folder's paths in ``metrics.core.data_folder``)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from metrics.core.csv_text import read_csv_bytes
from metrics.core.file_kinds import HEAD_BYTES, check_kind, check_not_blank
from metrics.core.read_limits import first_line, max_read_bytes, too_big
from metrics.core.validation import check_unique_names

_PARQUET_MAGIC = b"PAR1"
_DATA_SUFFIXES = (".csv", ".csv.gz", ".parquet", ".pq", ".tsv", ".txt")


def read_table(source: str | Path | bytes, *, name: str | None = None) -> pd.DataFrame:
    """Read CSV (optionally gzipped) or Parquet from a path or from uploaded bytes.

    CSV files may use a comma, semicolon, tab or pipe between values, and be saved as UTF-8,
    UTF-16 (with its byte-order mark) or Windows-1252/Latin-1: all are read.

    Parameters
    ----------
    source : str, Path or bytes
        A file path, or the bytes of an uploaded file.
    name : str, optional
        Name used in messages (an upload's file name).

    Returns
    -------
    DataFrame
        One row per data row of the file; its index counts data rows from 0.

    Raises
    ------
    ValueError
        Naming the file and the fix when it is missing, a folder, empty, unreadable or has
        a column name twice.
    """
    label = name or (str(source) if not isinstance(source, bytes) else "upload")
    if isinstance(source, bytes):
        raw = source
        is_parquet = raw[:4] == _PARQUET_MAGIC
    else:
        path = Path(source)
        if path.is_dir():
            files = [p for p in sorted(path.iterdir()) if p.name.endswith(_DATA_SUFFIXES)]
            example = str(files[0]) if files else str(path / "scored.csv")
            raise ValueError(f"'{label}' is a folder; give one CSV or Parquet file, e.g. {example}")
        if not path.is_file():
            raise ValueError(f"file '{label}' was not found; check the path")
        if path.stat().st_size > max_read_bytes():
            raise too_big(label)
        raw = path.read_bytes()
        is_parquet = raw[:4] == _PARQUET_MAGIC or path.suffix.lower() in {".parquet", ".pq"}
    check_not_blank(raw, label)
    check_kind(raw[:HEAD_BYTES], label)
    frame = _read_parquet(raw, label) if is_parquet else read_csv_bytes(raw, label)
    if frame.empty:
        raise ValueError(f"file '{label}' has no data rows; it needs a header and at least one row")
    return frame


def _read_parquet(raw: bytes, label: str) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(io.BytesIO(raw))
        names = meta.schema.to_arrow_schema().names
    except Exception as error:  # any parser failure becomes one clear line
        raise _bad_parquet(label, error) from None
    check_unique_names(names, label)  # with a name twice, which column would be read?
    held = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if held > max_read_bytes():
        raise too_big(label)
    try:
        return pd.read_parquet(io.BytesIO(raw))
    except Exception as error:
        raise _bad_parquet(label, error) from None


def _bad_parquet(label: str, error: Exception) -> ValueError:
    return ValueError(
        f"file '{label}' could not be read as Parquet ({type(error).__name__}: "
        f"{first_line(error)}); it may be incomplete: copy or write it again, or save it as "
        "CSV with a header row"
    )


def column(frame: pd.DataFrame, name: str, role: str) -> pd.Series:
    """Column ``name`` of ``frame``, or a ValueError listing the columns there are.

    Parameters
    ----------
    frame : DataFrame
    name : str
        Column expected to hold the ``role`` (e.g. ``"label"``).
    role : str
        What the column is for; also the command-line option's stem (``--ROLE-column``).
    """
    if name not in frame.columns:
        present = ", ".join(map(str, frame.columns[:12]))
        raise ValueError(
            f"column '{name}' ({role}) is missing; the file has columns: {present}; "
            f"rename a column to '{name}' or name the {role} column "
            f"(--{role}-column on the command line)"
        )
    return frame[name]


def keep_where(frame: pd.DataFrame, where: str | None) -> pd.DataFrame:
    """Rows whose ``COLUMN`` equals ``VALUE`` for ``where = "COLUMN=VALUE"`` (all if None).

    Parameters
    ----------
    frame : DataFrame
        The file's rows.
    where : str or None
        ``COLUMN=VALUE``; None keeps every row.

    Returns
    -------
    DataFrame
        The kept rows.
    """
    if where is None:
        return frame
    name, sep, value = where.partition("=")
    if not sep or name not in frame.columns:
        raise ValueError(
            f"--where {where!r} must be COLUMN=VALUE with a column of the file, "
            f"e.g. split=test; the file has: {', '.join(map(str, frame.columns))}"
        )
    kept = frame[frame[name].astype(str) == value]
    if kept.empty:
        raise ValueError(
            f"--where {where!r} keeps no rows; column '{name}' has values such "
            f"as {', '.join(map(str, frame[name].unique()[:5]))}"
        )
    return kept
