"""The operator's data folder (``VALUELENS_DATA_DIR``): what a viewer may open there, a
file, a folder or a glob, always inside it with links resolved, and what it holds."""

from __future__ import annotations

from pathlib import Path

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
    parts = Path(asked).parts
    wildcard = next((i for i, p in enumerate(parts) if any(c in p for c in "*?[")), None)
    fixed = Path(asked) if wildcard is None else Path(*parts[:wildcard])
    target = (base / fixed).resolve()  # every part before the first wildcard, links resolved
    outside = ValueError(f"'{asked}' leads outside the data folder; give a path inside it")
    if not target.is_relative_to(base):
        raise outside
    if wildcard is None and not target.exists():
        raise ValueError(f"'{asked}' is not in the data folder; check the name")
    if wildcard is not None and any(
        not match.resolve().is_relative_to(base) for match in base.glob(asked)
    ):
        raise outside  # a match under a folder link, or itself a link, that leads out
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
