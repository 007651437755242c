"""File input shared by every use case: the bundled samples' location, CSV and Parquet
reading, column lookup and the ``--where`` row filter. The only file I/O in metrics/."""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import os
from importlib import resources
from pathlib import Path

import pandas as pd

SAMPLE_DIR_VARIABLE = "VALUELENS_SAMPLE_DIR"
"""Environment variable naming a folder of sample files; it wins over the built-in places."""

_CHECKOUT_SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
_INSTALLED_SAMPLES = "valuelens_samples"  # sample_data/ as installed by ``pip install .``
_PARQUET_MAGIC = b"PAR1"
_GZIP_MAGIC = b"\x1f\x8b"
_SEPARATORS = (",", ";", "\t", "|")
_DATA_SUFFIXES = (".csv", ".csv.gz", ".parquet", ".pq", ".tsv", ".txt")


def sample_path(file_name: str) -> Path:
    """Path of a bundled sample file, from a checkout or an installed package.

    Parameters
    ----------
    file_name : str
        File name inside ``sample_data/``, e.g. ``"fraud_transactions.csv.gz"``.

    Returns
    -------
    Path
        The first existing file among ``$VALUELENS_SAMPLE_DIR``, the checkout's
        ``sample_data/`` and the installed package data.

    Raises
    ------
    ValueError
        When no place holds the file, naming the places looked in and the fix.
    """
    places: list[Path] = []
    if os.environ.get(SAMPLE_DIR_VARIABLE):
        places.append(Path(os.environ[SAMPLE_DIR_VARIABLE]))
    places.append(_CHECKOUT_SAMPLES)
    with contextlib.suppress(ModuleNotFoundError):
        places.append(Path(str(resources.files(_INSTALLED_SAMPLES))))
    for place in places:
        if (place / file_name).is_file():
            return place / file_name
    looked = ", ".join(str(p) for p in places)
    raise ValueError(
        f"sample file '{file_name}' was not found (looked in {looked}); run ValueLens from "
        f"its checkout, reinstall it with 'pip install .', or set {SAMPLE_DIR_VARIABLE} to a "
        "folder holding the sample files"
    )


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
        raw = path.read_bytes()
        is_parquet = raw[:4] == _PARQUET_MAGIC or path.suffix.lower() in {".parquet", ".pq"}
    frame = _read_parquet(raw, label) if is_parquet else _read_csv(raw, label)
    if frame.empty:
        raise ValueError(f"file '{label}' has no data rows; it needs a header and at least one row")
    return frame


def _unreadable(label: str, kind: str, error: Exception) -> ValueError:
    detail = str(error).splitlines()[0] if str(error) else "no detail"
    return ValueError(
        f"file '{label}' could not be read as {kind} ({type(error).__name__}: {detail}); "
        "save it as CSV with a header row or as Parquet"
    )


def _read_parquet(raw: bytes, label: str) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(io.BytesIO(raw))
    except Exception as error:  # any parser failure becomes one clear line
        raise _unreadable(label, "Parquet", error) from None
    _check_unique(list(map(str, frame.columns)), label)
    return frame


def _read_csv(raw: bytes, label: str) -> pd.DataFrame:
    text_head = _head(raw)
    encoding = _encoding(text_head)
    head = text_head.decode(encoding, errors="replace").lstrip("\ufeff")
    header = head.splitlines()[0] if head.strip() else ""
    separator = max(_SEPARATORS, key=header.count)
    if not header.count(separator):
        separator = ","
    _check_unique(next(csv.reader([header], delimiter=separator), []), label)
    compression = "gzip" if raw[:2] == _GZIP_MAGIC else None
    try:
        return pd.read_csv(
            io.BytesIO(raw), sep=separator, encoding=encoding, compression=compression
        )
    except Exception as error:  # any parser failure becomes one clear line
        raise _unreadable(label, "CSV", error) from None


def _head(raw: bytes, size: int = 65_536) -> bytes:
    """The first bytes of the file's text, decompressed if it is gzipped."""
    if raw[:2] != _GZIP_MAGIC:
        return raw[:size]
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            return handle.read(size)
    except OSError as error:
        raise ValueError(
            f"the gzip file could not be opened ({error}); compress it again"
        ) from None


def _encoding(head: bytes) -> str:
    """UTF-16 by its byte-order mark, else UTF-8 if the start decodes, else Windows-1252."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252" if _decodes(head, "cp1252") else "latin-1"
    return "utf-8-sig" if head[:3] == b"\xef\xbb\xbf" else "utf-8"


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        head.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _check_unique(names: list[str], label: str) -> None:
    seen: dict[str, int] = {}
    for position, column_name in enumerate(names, start=1):
        if column_name in seen:
            raise ValueError(
                f"file '{label}' has the column name '{column_name}' twice (columns "
                f"{seen[column_name]} and {position}); rename one so each column has its "
                "own name"
            )
        seen[column_name] = position


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


DATA_DIR_VARIABLE = "VALUELENS_DATA_DIR"
"""Environment variable naming the folder whose logs the dashboard may open (set by the
operator on the server; the browser only names paths inside it)."""


def data_path(data_dir: str | Path, relative: str) -> Path:
    """A file, folder or glob inside the operator's data folder, or a ValueError.

    Parameters
    ----------
    data_dir : str or Path
        The data folder.
    relative : str
        What the viewer asked for, relative to it: ``day1.parquet``, ``logs/``,
        ``logs/*.parquet``.

    Returns
    -------
    Path
        Inside ``data_dir`` after resolving links; absolute paths, ``..`` and links that
        lead outside are refused.
    """
    base = Path(data_dir).resolve()
    asked = relative.strip()
    if not asked:
        raise ValueError("give a file or folder inside the data folder, e.g. logs/day1.parquet")
    if Path(asked).is_absolute() or asked.startswith("~"):
        raise ValueError(
            f"'{asked}' is an absolute path; give a path inside the data folder, e.g. "
            "logs/day1.parquet"
        )
    if ".." in Path(asked).parts:
        raise ValueError(f"'{asked}' leaves the data folder ('..'); give a path inside it")
    # The part before any wildcard must exist inside the folder, links resolved.
    fixed = Path(*[p for p in Path(asked).parts if not any(c in p for c in "*?[")][:1] or ["."])
    wildcard = any(c in asked for c in "*?[")
    target = (base / (fixed if wildcard else asked)).resolve()
    if not target.is_relative_to(base):
        raise ValueError(f"'{asked}' leads outside the data folder; give a path inside it")
    if not wildcard and not target.exists():
        raise ValueError(f"'{asked}' is not in the data folder; check the name")
    return base / asked


def data_folder_entries(data_dir: str | Path, *, limit: int = 500) -> list[str]:
    """Parquet files and folders holding them inside the data folder, relative, sorted.

    Parameters
    ----------
    data_dir : str or Path
        The data folder.
    limit : int
        At most this many entries.

    Returns
    -------
    list of str
    """
    base = Path(data_dir).resolve()
    entries: set[str] = set()
    for file in base.rglob("*.parquet"):
        resolved = file.resolve()
        if not resolved.is_relative_to(base):
            continue  # a link out of the folder is not offered
        relative = file.relative_to(base)
        entries.add(str(relative))
        if len(relative.parts) > 1:
            entries.add(str(relative.parent) + "/")
        if len(entries) >= limit:
            break
    return sorted(entries)
