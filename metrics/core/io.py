"""File input shared by every use case: the bundled samples' location, CSV and Parquet
reading, column lookup and the ``--where`` row filter. The only file I/O in metrics/."""

from __future__ import annotations

import contextlib
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

    Parameters
    ----------
    source : str, Path or bytes
        A file path, or the bytes of an uploaded file.
    name : str, optional
        Name used in messages (an upload's file name).

    Returns
    -------
    DataFrame
        One row per data row of the file.

    Raises
    ------
    ValueError
        Naming the file and the fix when it is missing, empty or unreadable.
    """
    label = name or (str(source) if not isinstance(source, bytes) else "upload")
    if isinstance(source, bytes):
        is_parquet = source[:4] == _PARQUET_MAGIC
        handle: io.BytesIO | Path = io.BytesIO(source)
        compression = "gzip" if source[:2] == b"\x1f\x8b" else None
    else:
        handle = Path(source)
        if not handle.is_file():
            raise ValueError(f"file '{label}' was not found; check the path")
        is_parquet = handle.suffix.lower() in {".parquet", ".pq"}
        compression = "infer"
    try:
        if is_parquet:
            frame = pd.read_parquet(handle)
        else:
            frame = pd.read_csv(handle, compression=compression)
    except Exception as error:  # any parser failure becomes one clear line
        kind = "Parquet" if is_parquet else "CSV"
        raise ValueError(
            f"file '{label}' could not be read as {kind} ({type(error).__name__}: "
            f"{str(error).splitlines()[0] if str(error) else 'no detail'}); save it as CSV "
            "with a header row or as Parquet"
        ) from None
    if frame.empty:
        raise ValueError(f"file '{label}' has no data rows; it needs a header and at least one row")
    return frame


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
