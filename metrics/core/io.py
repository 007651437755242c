"""File input shared by every use case: CSV and Parquet reading, column lookup and the
``--where`` row filter. The only file reading in metrics/ (the samples' location is in
``metrics.core.samples``, the data folder's paths in ``metrics.core.data_folder``)."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from metrics.core.validation import DECIMAL_COMMA, check_unique_names

_PARQUET_MAGIC = b"PAR1"
_GZIP_MAGIC = b"\x1f\x8b"
MAX_READ_VARIABLE = "VALUELENS_MAX_READ_MB"
DEFAULT_MAX_READ_MB = 1024
"""What one file read into memory may hold once decompressed (MB), unless the environment
variable ``VALUELENS_MAX_READ_MB`` says otherwise: a small compressed file can expand to
gigabytes. Bigger Parquet logs are summed where they lie by the engine (DuckDB)."""
_CHUNK = 16 * 2**20
_SEPARATORS = (",", ";", "\t", "|")
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
            raise _too_big(label)
        raw = path.read_bytes()
        is_parquet = raw[:4] == _PARQUET_MAGIC or path.suffix.lower() in {".parquet", ".pq"}
    frame = _read_parquet(raw, label) if is_parquet else _read_csv(raw, label)
    if frame.empty:
        raise ValueError(f"file '{label}' has no data rows; it needs a header and at least one row")
    return frame


CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt")
_HEAD = 65_536


def is_csv(path: str) -> bool:
    """Whether a path, file or glob, names CSV text (by its ending), not Parquet.

    Parameters
    ----------
    path : str
    """
    return path.lower().endswith(CSV_SUFFIXES)


def csv_encoding(path: str | Path) -> str:
    """A CSV file's text encoding, from its start: UTF-8, UTF-16 or Windows-1252/Latin-1.
    Raises a ValueError naming the file when a column name is in its header twice.

    Parameters
    ----------
    path : str or Path
        A CSV file, gzipped or not.
    """
    label = str(path)
    try:
        with _opened(path) as file:
            head = file.read(_HEAD)
    except _CUT_SHORT:
        raise _cut_short(label) from None
    encoding = _encoding(head)
    header = _header_line(head, encoding)
    separator = max(_SEPARATORS, key=header.count) if header else ","
    check_unique_names(next(csv.reader([header], delimiter=separator), []), label)
    return encoding


def utf8_copy(path: Path, encoding: str, folder: str | Path) -> Path:
    """A CSV file in another encoding copied into ``folder`` as plain UTF-8 text (gunzipped),
    a chunk at a time, for readers that take UTF-8 only.

    Parameters
    ----------
    path : Path
        The file, gzipped or not.
    encoding : str
        Its encoding (``csv_encoding``).
    folder : str or Path
        Where the copy goes.

    Returns
    -------
    Path
    """
    copy = Path(folder) / f"{len(list(Path(folder).iterdir()))}.csv"
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    with _opened(path) as source, copy.open("w", encoding="utf-8", newline="") as target:
        try:
            while chunk := source.read(_CHUNK):
                target.write(decoder.decode(chunk))
        except _CUT_SHORT:
            raise _cut_short(str(path)) from None
        target.write(decoder.decode(b"", final=True))
    return copy


def _opened(path: Path):
    with Path(path).open("rb") as file:
        gzipped = file.read(2) == _GZIP_MAGIC
    return gzip.open(path, "rb") if gzipped else Path(path).open("rb")


_CUT_SHORT = (EOFError, zlib.error, gzip.BadGzipFile)
"""What a gzip stream that was cut short or corrupted raises while it is read."""


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else "no detail"


def _cut_short(label: str) -> ValueError:
    return ValueError(
        f"file '{label}' is a gzip file that ends early or is damaged (it was probably cut "
        "short while copying or downloading); copy it again, or compress the CSV again"
    )


def _unreadable(label: str, kind: str, error: Exception) -> ValueError:
    if isinstance(error, _CUT_SHORT):
        return _cut_short(label)
    return ValueError(
        f"file '{label}' could not be read as {kind} ({type(error).__name__}: "
        f"{_first_line(error)}); "
        "save it as CSV with a header row or as Parquet"
    )


def max_read_bytes() -> int:
    """The most one file read into memory may hold, decompressed (``DEFAULT_MAX_READ_MB``).

    Returns
    -------
    int
        Bytes.

    Raises
    ------
    ValueError
        When ``VALUELENS_MAX_READ_MB`` is set to something that is not a positive number.
    """
    text = os.environ.get(MAX_READ_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MAX_READ_MB * 2**20
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes < 2**40:
        raise ValueError(
            f"{MAX_READ_VARIABLE} is {text!r}; set it to a number of megabytes, such as "
            f"{DEFAULT_MAX_READ_MB}, or unset it"
        )
    return int(megabytes * 2**20)


def _too_big(label: str) -> ValueError:
    limit = max_read_bytes() // 2**20
    return ValueError(
        f"file '{label}' holds more than {limit:,} MB once decompressed, the most read into "
        f"memory; save it as Parquet and give it to `valuelens evaluate` or the server-log "
        f"source (read where it lies, by DuckDB), or raise the limit with "
        f"{MAX_READ_VARIABLE}=<megabytes> if this machine has the memory"
    )


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
        raise _too_big(label)
    try:
        return pd.read_parquet(io.BytesIO(raw))
    except Exception as error:
        raise _bad_parquet(label, error) from None


def _bad_parquet(label: str, error: Exception) -> ValueError:
    return ValueError(
        f"file '{label}' could not be read as Parquet ({type(error).__name__}: "
        f"{_first_line(error)}); it may be incomplete: copy or write it again, or save it as "
        "CSV with a header row"
    )


def _read_csv(raw: bytes, label: str) -> pd.DataFrame:
    text = _decompressed(raw, label)
    encoding = _encoding(text[:65_536])
    header = _header_line(text, encoding)
    separator = max(_SEPARATORS, key=header.count)
    if not header.count(separator):
        separator = ","
    check_unique_names(next(csv.reader([header], delimiter=separator), []), label)
    try:
        frame = pd.read_csv(io.BytesIO(text), sep=separator, encoding=encoding)
    except Exception as error:  # any parser failure becomes one clear line
        raise _unreadable(label, "CSV", error) from None
    return _decimal_commas(frame) if separator == ";" else frame


def _decimal_commas(frame: pd.DataFrame) -> pd.DataFrame:
    """A ';'-separated file's text columns that hold only numbers, some with a decimal comma
    (as spreadsheets set to most European languages save them), as numbers."""
    for name in frame.columns:
        values = frame[name]
        if values.dtype.kind in "biufcmM":
            continue
        text = values.dropna().astype(str).str.strip()
        with_comma = text.str.fullmatch(DECIMAL_COMMA.pattern)
        if with_comma.any() and (with_comma | text.map(_is_plain_number)).all():
            cleaned = values.astype("string").str.strip().str.replace(",", ".", regex=False)
            frame[name] = pd.to_numeric(cleaned).to_numpy(dtype="float64", na_value=np.nan)
    return frame


def _is_plain_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _decompressed(raw: bytes, label: str) -> bytes:
    """The file's text bytes: gunzipped a chunk at a time, stopping at ``max_read_bytes``."""
    limit = max_read_bytes()
    if raw[:2] != _GZIP_MAGIC:
        if len(raw) > limit:
            raise _too_big(label)
        return raw
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            while chunk := handle.read(_CHUNK):
                out.write(chunk)
                if out.tell() > limit:
                    raise _too_big(label)
    except (*_CUT_SHORT, OSError):
        raise _cut_short(label) from None
    return out.getvalue()


def _header_line(text: bytes, encoding: str) -> str:
    """The whole first line, however wide (a file of 50,000 columns has a long header)."""
    newline = {"utf-16": "\n".encode("utf-16-le" if text[:2] == b"\xff\xfe" else "utf-16-be")}
    end = text.find(newline.get(encoding, b"\n"))
    first = text if end < 0 else text[: end + len(newline.get(encoding, b"\n"))]
    return first.decode(encoding, errors="replace").lstrip("\ufeff").rstrip("\r\n")


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
