"""CSV text: its encoding, header and separator, read into memory (decimal commas in files
separated by ';' read as numbers) or handed to the engine as UTF-8."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
from pathlib import Path

import numpy as np
import pandas as pd

from metrics.core.file_kinds import HEAD_BYTES, check_kind, check_not_blank
from metrics.core.number_text import DECIMAL_COMMA, is_number
from metrics.core.read_limits import CUT_SHORT, cut_short, max_read_bytes, too_big, unreadable
from metrics.core.validation import check_unique_names

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 16 * 2**20
_SEPARATORS = (",", ";", "\t", "|")
TRUE_WORDS = ["yes", "Yes", "YES", "t", "T"]
FALSE_WORDS = ["no", "No", "NO", "f", "F"]
"""Besides true and false, the words a column of only yes and no (or t and f) is read as
booleans by, as DuckDB's CSV reader reads them: both readers give the same figures."""
_HEAD = 65_536
"""Bytes read from a file's start to find its encoding and header."""


def csv_dialect(path: str | Path) -> tuple[str, str]:
    """A CSV file's text encoding (UTF-8, UTF-16 or Windows-1252/Latin-1) and separator,
    from its start. Raises a ValueError naming the file when a column name is in its header
    twice.

    Parameters
    ----------
    path : str or Path
        A CSV file, gzipped or not.
    """
    label = str(path)
    try:
        with _opened(path) as file:
            head = file.read(_HEAD)
    except CUT_SHORT:
        raise cut_short(label) from None
    check_not_blank(head, label)
    check_kind(head[:HEAD_BYTES], label)
    encoding = _encoding(head)
    return encoding, _checked_separator(_header_line(head, encoding), label)


def _checked_separator(header: str, label: str) -> str:
    """The separator the header line uses most (a comma when none), once its column names
    are checked: a name twice is an error naming the file."""
    separator = max(_SEPARATORS, key=header.count)
    if not header.count(separator):
        separator = ","
    check_unique_names(next(csv.reader([header], delimiter=separator), []), label)
    return separator


def utf8_copy(path: Path, encoding: str, folder: str | Path) -> Path:
    """A CSV file in another encoding copied into ``folder`` as plain UTF-8 text (gunzipped),
    a chunk at a time, for readers that take UTF-8 only.

    Parameters
    ----------
    path : Path
        The file, gzipped or not.
    encoding : str
        Its encoding (``csv_dialect``).
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
        except CUT_SHORT:
            raise cut_short(str(path)) from None
        target.write(decoder.decode(b"", final=True))
    return copy


def _opened(path: Path):
    with Path(path).open("rb") as file:
        gzipped = file.read(2) == GZIP_MAGIC
    return gzip.open(path, "rb") if gzipped else Path(path).open("rb")


def read_csv_bytes(raw: bytes, label: str) -> pd.DataFrame:
    """A CSV file's bytes (gzipped or not) as a frame: its encoding and separator found,
    its header checked for a name twice, its size capped once decompressed.

    Parameters
    ----------
    raw : bytes
    label : str
        The file's name, for messages.
    """
    text = _decompressed(raw, label)
    check_not_blank(text, label)
    check_kind(text[:HEAD_BYTES], label)  # e.g. JSON lines gzipped as .gz
    encoding = _encoding(text[:_HEAD])
    separator = _checked_separator(_header_line(text, encoding), label)
    try:
        frame = pd.read_csv(
            io.BytesIO(text),
            sep=separator,
            encoding=encoding,
            true_values=TRUE_WORDS,
            false_values=FALSE_WORDS,
        )
    except Exception as error:  # any parser failure becomes one clear line
        raise unreadable(label, "CSV", error) from None
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
        if with_comma.any() and (with_comma | text.map(is_number)).all():
            cleaned = values.astype("string").str.strip().str.replace(",", ".", regex=False)
            frame[name] = pd.to_numeric(cleaned).to_numpy(dtype="float64", na_value=np.nan)
    return frame


def _decompressed(raw: bytes, label: str) -> bytes:
    """The file's text bytes: gunzipped a chunk at a time, stopping at ``max_read_bytes``."""
    limit = max_read_bytes()
    if raw[:2] != GZIP_MAGIC:
        if len(raw) > limit:
            raise too_big(label)
        return raw
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            while chunk := handle.read(_CHUNK):
                out.write(chunk)
                if out.tell() > limit:
                    raise too_big(label)
    except (*CUT_SHORT, OSError):
        raise cut_short(label) from None
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
