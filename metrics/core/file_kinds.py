"""Files that are not CSV or Parquet, told apart by their first bytes (and, where the bytes are
shared, by their ending): a spreadsheet, an archive, JSON, a web page saved in place of the
file. Each gets one line that names what it is and how to save it as something read."""

from __future__ import annotations

import glob
import gzip
import zlib
from pathlib import Path

SAVE_AS = "save it as CSV with a header row or as Parquet"
_ZIP = b"PK\x03\x04"
_GZIP = b"\x1f\x8b"
_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 workbook", f"open it in a spreadsheet and {SAVE_AS}"),
    (b"ARROW1", "an Arrow (Feather) file", "save it as Parquet (pandas: df.to_parquet(path))"),
    (b"ORC", "an ORC file", SAVE_AS),
    (b"Obj\x01", "an Avro file", SAVE_AS),
    (b"BZh", "a bzip2 archive", "decompress it, or compress the CSV with gzip (.csv.gz)"),
    (b"\xfd7zXZ\x00", "an xz archive", "decompress it, or compress the CSV with gzip (.csv.gz)"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive", "decompress it, or compress the CSV with gzip"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract the CSV or Parquet file inside it"),
    (b"%PDF", "a PDF document", "export the table it came from as CSV or Parquet"),
)
_PICKLE_PROTOCOLS = (b"\x80\x02", b"\x80\x03", b"\x80\x04", b"\x80\x05")
_WORKBOOKS = {
    ".xlsx": "an Excel workbook",
    ".xlsm": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
}
_MARKUP = (b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<!--")
_JSON_ENDINGS = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz")
HEAD_BYTES = 64
"""Bytes of a file's start that tell its kind."""


def other_kind(head: bytes, name: str) -> tuple[str, str] | None:
    """What a file is, and how to fix it, when its start or ending says it is neither CSV
    nor Parquet; None when it may be either.

    Parameters
    ----------
    head : bytes
        The file's first bytes (``HEAD_BYTES`` are enough), as stored (gzip not undone).
    name : str
        The file's name or path.

    Returns
    -------
    (str, str) or None
        What it is (``"an Excel workbook"``) and the fix.
    """
    ending = name.lower()
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_ZIP):
        kind = next((k for suffix, k in _WORKBOOKS.items() if ending.endswith(suffix)), None)
        if kind is not None:
            return kind, f"open it in a spreadsheet and {SAVE_AS}"
        return "a zip archive", "extract the CSV or Parquet file inside it and give that file"
    for magic, kind, fix in _KINDS:
        if head.startswith(magic):
            return kind, fix
    if head.startswith(_PICKLE_PROTOCOLS) or ending.endswith((".pkl", ".pickle")):
        return "a Python pickle (not opened: a pickle can run code)", (
            "save it as Parquet (pandas: df.to_parquet(path))"
        )
    if text.startswith(_MARKUP):
        return "a web page or XML, not a table", (
            "if it came from a link, download the file itself (a raw or download link), "
            f"or {SAVE_AS}"
        )
    if text.startswith(b"{") or (text.startswith(b"[") and ending.endswith(_JSON_ENDINGS)):
        return "JSON", f"{SAVE_AS} (pandas: pd.read_json(path, lines=True).to_parquet(out))"
    return None


def check_not_blank(text: bytes, name: str) -> None:
    """Raise a ValueError naming the file when it holds nothing but white space (and a
    byte-order mark).

    Parameters
    ----------
    text : bytes
        The file's bytes, gunzipped.
    name : str
    """
    if not text.lstrip(b"\xef\xbb\xbf\xff\xfe").strip(b" \t\r\n\x00"):
        raise ValueError(f"file '{name}' is empty; it needs a header row and at least one row")


def check_kind(head: bytes, name: str) -> None:
    """Raise a ValueError naming the file, what it is and the fix, when it is neither CSV nor
    Parquet (``other_kind``).

    Parameters
    ----------
    head : bytes
        The file's first bytes.
    name : str
        The file's name or path, for the message and its ending.
    """
    found = other_kind(head, name)
    if found is not None:
        kind, fix = found
        raise ValueError(f"file '{name}' is {kind}, which ValueLens does not read; {fix}")


def check_file_kind(path: str | Path) -> None:
    """``check_kind`` on a file on disk: its first ``HEAD_BYTES``, gunzipped when it is gzip.

    Parameters
    ----------
    path : str or Path
    """
    with Path(path).open("rb") as file:
        head = file.read(HEAD_BYTES)
    if head.startswith(_GZIP):
        try:
            with gzip.open(path, "rb") as file:
                head = file.read(HEAD_BYTES)
        except (EOFError, OSError, zlib.error):
            return  # a damaged gzip file: its reader says so
    check_kind(head, str(path))


def check_kinds(pattern: str, most: int = 1000) -> None:
    """``check_file_kind`` on the files a path or glob names (the first ``most`` of them):
    run when a reader has failed, to say what the file it failed on is.

    Parameters
    ----------
    pattern : str
        A file or a glob.
    most : int
        Files looked at, at most.
    """
    for name in sorted(glob.glob(pattern, recursive=True))[:most]:
        if Path(name).is_file():
            check_file_kind(name)
