"""The files ``valuelens dashboard`` was started with (``--data``, ``--reference``,
``--analysis`` and the column options): handed to the dashboard's server in environment
variables, checked once before it starts, and read by the pages as if uploaded.

No Streamlit here: the command line checks the files, the pages read them.
"""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from pathlib import Path

OPENED_VARIABLE = "VALUELENS_OPEN"
"""JSON: ``{"data": path, "reference": path, "analysis": path, "columns": {role: name}}``."""
ROLES = ("label", "score", "amount", "timestamp")
"""The roles a column option names (``--label-column`` ...), as the sub-commands take them."""
TABLE_SUFFIXES = (".csv", ".csv.gz", ".gz", ".parquet", ".pq")


@dataclass(frozen=True)
class OpenedFile:
    """One file the dashboard was started with, shaped like an upload: ``name``,
    ``file_id`` (changes when the file does) and ``getvalue()`` (its bytes, read once per
    call: the pages cache what they build from it)."""

    path: str

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def file_id(self) -> str:
        stat = os.stat(self.path)
        return f"opened:{self.path}:{stat.st_mtime_ns}:{stat.st_size}"

    @property
    def is_log(self) -> bool:
        """A folder or a glob of Parquet files: summed where it lies, never read whole."""
        return not Path(self.path).is_file()

    def getvalue(self) -> bytes:
        return Path(self.path).read_bytes()


@dataclass(frozen=True)
class Opened:
    """What the dashboard was started with; every field may be empty."""

    data: OpenedFile | None = None
    reference: OpenedFile | None = None
    analysis: OpenedFile | None = None
    columns: tuple[tuple[str, str], ...] = ()

    def column(self, role: str) -> str | None:
        """The column a ``--<role>-column`` option named, or None (then guessed)."""
        return dict(self.columns).get(role)

    def to_env(self) -> str:
        """The JSON the server reads back with ``opened``."""
        files = {k: getattr(self, k) for k in ("data", "reference", "analysis")}
        return json.dumps(
            {
                **{k: f.path for k, f in files.items() if f is not None},
                "columns": dict(self.columns),
            }
        )


def opened(environ: dict[str, str] | None = None) -> Opened:
    """What the dashboard was started with (nothing when it was started another way).

    Parameters
    ----------
    environ : dict, optional
        ``os.environ`` when None.

    Returns
    -------
    Opened
    """
    text = (os.environ if environ is None else environ).get(OPENED_VARIABLE)
    if not text:
        return Opened()
    raw = json.loads(text)
    files = {k: OpenedFile(raw[k]) for k in ("data", "reference", "analysis") if raw.get(k)}
    return Opened(**files, columns=tuple(sorted(raw.get("columns", {}).items())))


def check_opened(
    data: str | None,
    reference: str | None,
    analysis: str | None,
    columns: dict[str, str | None],
) -> Opened:
    """Check the files once, before the server starts: each exists and is a table ValueLens
    reads, a folder or glob holds Parquet files, the monitoring pair comes together, and a
    named column is in the file.

    Parameters
    ----------
    data, reference, analysis : str or None
        Paths as given on the command line.
    columns : dict
        Role to column name (None where not given).

    Returns
    -------
    Opened

    Raises
    ------
    ValueError
        One line naming the file or option, the problem and the fix.
    """
    if (reference is None) != (analysis is None):
        raise ValueError(
            "--reference and --analysis come together (the monitoring page compares the two "
            "periods); give both, or neither"
        )
    files = {
        name: OpenedFile(_checked_path(path, f"--{name}"))
        for name, path in (("data", data), ("reference", reference), ("analysis", analysis))
        if path is not None
    }
    named = tuple(sorted((r, c) for r, c in columns.items() if c))
    for name, file in files.items():
        header = _columns_of(file)
        for role, column in named:
            if name != "data" or column in header:
                continue
            raise ValueError(
                f"--{role}-column {column!r} is not a column of {file.path} (its columns: "
                f"{', '.join(header[:12])}{'...' if len(header) > 12 else ''}); give one of them"
            )
    data = files.get("data")
    if data is not None and not data.is_log:
        _check_scored_rows(data, dict(named))
    return Opened(**files, columns=named)


def _check_scored_rows(file: OpenedFile, named: dict[str, str]) -> None:
    """A scored file's rows, checked as the fraud and your-model pages check an upload, when
    its label and score columns are named or guessed for sure (an auction log or a feed's
    candidates have none: their pages check them)."""
    from metrics.core.io import read_table
    from metrics.decide.data import decision_data
    from metrics.fraud.data import guess_columns

    frame = read_table(file.path)
    guess = guess_columns(frame)
    picked = {
        role: named.get(role) or (guess.columns[role] if guess.sure[role] else None)
        for role in ROLES
    }
    if picked["label"] is None or picked["score"] is None:
        return
    try:
        decision_data(frame, **picked)
    except ValueError as error:
        raise ValueError(f"--data {file.path}: {error}") from None


def _checked_path(path: str, option: str) -> str:
    resolved = os.path.abspath(os.path.expanduser(path))
    if any(ch in path for ch in "*?["):
        if not glob.glob(resolved):
            raise ValueError(f"{option} {path}: no file matches this pattern; check the path")
        return resolved
    if os.path.isdir(resolved):
        if not glob.glob(os.path.join(resolved, "**", "*.parquet"), recursive=True):
            raise ValueError(
                f"{option} {path}: the folder holds no Parquet files; give a file or a folder "
                "of Parquet files"
            )
        return resolved
    if not os.path.isfile(resolved):
        raise ValueError(f"{option} {path}: no such file; check the path")
    if not resolved.lower().endswith(TABLE_SUFFIXES):
        raise ValueError(
            f"{option} {path}: not a CSV, gzip CSV or Parquet file; save it as one of those"
        )
    return resolved


def _columns_of(file: OpenedFile) -> list[str]:
    """The file's column names, read from its header or Parquet schema (never the rows);
    the file's own error when it cannot be read."""
    if file.is_log or file.path.lower().endswith((".parquet", ".pq")):
        from metrics.core.log_sample import sample_rows

        return [str(c) for c in sample_rows(file.path, rows=5).columns]
    from metrics.core.io import read_table

    return [str(c) for c in read_table(file.path).columns]
