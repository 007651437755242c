"""How much one file may hold once read into memory, and the errors a read ends in: one line
that names the file and the fix."""

from __future__ import annotations

import gzip
import os
import zlib

MAX_READ_VARIABLE = "VALUELENS_MAX_READ_MB"
DEFAULT_MAX_READ_MB = 1024
"""What one file read into memory may hold once decompressed (MB), unless the environment
variable ``VALUELENS_MAX_READ_MB`` says otherwise: a small compressed file can expand to
gigabytes. Bigger Parquet logs are summed where they lie by the engine (DuckDB)."""

CUT_SHORT = (EOFError, zlib.error, gzip.BadGzipFile)
"""What a gzip stream that was cut short or corrupted raises while it is read."""


def first_line(error: Exception) -> str:
    """An error's first line, for a message of one line.

    Parameters
    ----------
    error : Exception
    """
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def cut_short(label: str) -> ValueError:
    """The error for a gzip file that ends early.

    Parameters
    ----------
    label : str
        The file's name.
    """
    return ValueError(
        f"file '{label}' is a gzip file that ends early or is damaged (it was probably cut "
        "short while copying or downloading); copy it again, or compress the CSV again"
    )


def unreadable(label: str, kind: str, error: Exception) -> ValueError:
    """The error for a file its parser refused.

    Parameters
    ----------
    label : str
        The file's name.
    kind : str
        What it was read as (``"CSV"``).
    error : Exception
        The parser's error.
    """
    if isinstance(error, CUT_SHORT):
        return cut_short(label)
    return ValueError(
        f"file '{label}' could not be read as {kind} ({type(error).__name__}: "
        f"{first_line(error)}); "
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


def too_big(label: str) -> ValueError:
    """The error for a file that holds more than ``max_read_bytes``.

    Parameters
    ----------
    label : str
        The file's name.
    """
    limit = max_read_bytes() // 2**20
    return ValueError(
        f"file '{label}' holds more than {limit:,} MB once decompressed, the most read into "
        f"memory; save it as Parquet and give it to `valuelens evaluate` or the server-log "
        f"source (read where it lies, by DuckDB), or raise the limit with "
        f"{MAX_READ_VARIABLE}=<megabytes> if this machine has the memory"
    )
