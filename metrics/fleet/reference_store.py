"""What the fleet keeps of each model's reference rows between runs.

A model's reference period does not change from one morning to the next, yet each run would
read its rows twice and fit its calibration again: the rows are read for the reference
chunks' values (the normal range) and for the score cells of the calibration. The fleet keeps
the reference's label groups and the fitted calibration in the cache folder, one ``.npz`` file
per model, and on the next run reads only the rows outside the reference.

What is kept is keyed by everything its groups depend on: the model's SQL (columns,
threshold, chunk, reference dates, its value in a shared log), the engine's time zone and
each file that may hold a reference row, by path, size and modification time. A file holds
no reference row when its row groups' timestamp statistics lie wholly outside the reference
period (a day's margin at each end). A log of daily or weekly files keeps its reference
files unchanged as new days arrive; a log written again as one file does not, and is read
in full each run. CSV logs and the Spark engine are always read in full.

A kept file is written by ValueLens into the user's own cache folder, read back without
pickles (``allow_pickle=False``) and capped in size; a file that cannot be read is a miss.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from metrics.core.backends import parquet_pattern
from metrics.core.csv_logs import is_csv
from metrics.fleet.registry import ModelEntry
from metrics.monitor.calibration import Calibration
from metrics.monitor.isotonic import IsotonicCurve

FORMAT = 1
"""Bumped when the layout of a kept file changes."""
MAX_KEPT_BYTES = 64 * 2**20
"""A kept file larger than this is not read (a model's is a few hundred kB)."""
FOLDER = "fleet-reference"
LABEL_COLUMNS = ("r", "c", "f", "y", "d", "n", "lo", "hi", "sa")
"""The first pass's columns beside the model's position (``metrics.fleet.passes``)."""
CACHE_VARIABLE = "VALUELENS_CACHE"


def cache_root() -> Path:
    """The cache folder: ``$VALUELENS_CACHE``, else ``~/.cache/valuelens``.

    Returns
    -------
    Path
    """
    return Path(os.environ.get(CACHE_VARIABLE) or Path.home() / ".cache" / "valuelens")


@dataclass(frozen=True)
class ReferenceStore:
    """Where the reference groups are kept.

    Attributes
    ----------
    folder : Path
    read : bool
        False to read every reference row again; what is found replaces what was kept.
    """

    folder: Path
    read: bool = True


def default_store(fresh: bool = False) -> ReferenceStore:
    """The store in the cache folder.

    Parameters
    ----------
    fresh : bool
        Read every reference row again (``valuelens fleet --fresh``).

    Returns
    -------
    ReferenceStore
    """
    return ReferenceStore(cache_root() / FOLDER, read=not fresh)


@dataclass(frozen=True, eq=False)
class KeptReference:
    """One model's place in the store and what it holds.

    Attributes
    ----------
    store : ReferenceStore
    model : str
        The start of the file's name, one per model and log: older files of the model are
        removed when a new one is written.
    key : str
        The hash of everything the groups depend on.
    labels : dict of str to ndarray, or None
        The reference rows' label groups (as the first pass returns them, without the
        model's position ``m``), None when not kept.
    calibration : Calibration or None
        Fitted on the reference rows, None when not kept.
    """

    store: ReferenceStore
    model: str
    key: str
    labels: dict[str, np.ndarray] | None = None
    calibration: Calibration | None = None

    @property
    def path(self) -> Path:
        return self.store.folder / f"{self.model}-{self.key}.npz"


def reference_files(engine, log: str, stamp_column: str, days: tuple[str, str]) -> list[list]:
    """Each file of a Parquet log that may hold a row scored within ``days``: its path, size
    and modification time. A file whose timestamp column has no readable statistics may.

    Parameters
    ----------
    engine : DuckDBBackend
    log : str
        A Parquet file, glob or folder.
    stamp_column : str
    days : (str, str)
        The first day and the day after the last, ISO.

    Returns
    -------
    list of [str, int, int]
    """
    quoted = parquet_pattern(log).replace("'", "''")
    column = stamp_column.replace("'", "''")
    overlaps = (
        f"lo IS NULL OR hi IS NULL OR (lo < TIMESTAMP '{days[1]}' AND hi >= TIMESTAMP '{days[0]}')"
    )
    rows = engine.query(
        f"SELECT file_name, coalesce(bool_or({overlaps}) FILTER (WHERE path_in_schema = "
        f"'{column}'), true) FROM (SELECT file_name, path_in_schema, "
        "TRY_CAST(stats_min_value AS TIMESTAMP) AS lo, TRY_CAST(stats_max_value AS TIMESTAMP) "
        f"AS hi FROM parquet_metadata('{quoted}')) GROUP BY 1 ORDER BY 1"
    )
    files = []
    for name, may_hold in rows:
        if may_hold:
            stat = os.stat(name)
            files.append([os.path.abspath(name), stat.st_size, stat.st_mtime_ns])
    return files


def time_zone(engine) -> str | None:
    """The engine's time zone, which turns time-zone-aware timestamps into days (None on
    Spark, whose logs are not kept).

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend

    Returns
    -------
    str or None
    """
    if engine.name != "duckdb":
        return None
    return str(engine.query("SELECT current_setting('TimeZone')")[0][0])


def kept_reference(
    engine,
    store: ReferenceStore,
    entry: ModelEntry,
    days: tuple[str, str],
    described: str,
    zone: str | None,
) -> KeptReference | None:
    """A model's place in the store, with what was kept under its key.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    store : ReferenceStore
    entry : ModelEntry
    days : (str, str)
        The days that may hold its reference rows: the first, and the day after the last.
    described : str
        The SQL of the model's reference groups.
    zone : str or None
        ``time_zone(engine)``.

    Returns
    -------
    KeptReference or None
        None when the log cannot be kept: on Spark, in CSV, or its files cannot be listed.
    """
    if zone is None or is_csv(entry.log):
        return None
    try:
        files = reference_files(engine, entry.log, entry.timestamp_column, days)
    except (OSError, ValueError):
        return None
    text = json.dumps([FORMAT, zone, re.sub(r"\bscan_\d+\b", "scan", described), files])
    place = KeptReference(
        store,
        hashlib.sha256(json.dumps([entry.id, os.path.abspath(entry.log)]).encode()).hexdigest()[
            :16
        ],
        hashlib.sha256(text.encode()).hexdigest()[:32],
    )
    return _read(place) if store.read else place


def _read(place: KeptReference) -> KeptReference:
    """The place with what its file holds; a missing, large or damaged file holds nothing."""
    try:
        if place.path.stat().st_size > MAX_KEPT_BYTES:
            return place
        with np.load(place.path, allow_pickle=False) as kept:
            arrays = {name: kept[name] for name in kept.files}
        labels = _labels(arrays["labels"])
        calibration = _calibration(arrays) if "errors" in arrays else None
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, EOFError):
        return place
    return dataclasses.replace(place, labels=labels, calibration=calibration)


def _labels(table: np.ndarray) -> dict[str, np.ndarray]:
    """The kept label groups' columns; a ValueError unless they are the first pass's, as
    numbers and dates in one dimension."""
    names = table.dtype.names or ()
    if table.ndim != 1 or sorted(names) != sorted(LABEL_COLUMNS):
        raise ValueError("not the label groups' layout")
    if any(table.dtype[name].kind not in "biufM" for name in names):
        raise ValueError("a column that is not numbers or dates")
    return {name: table[name] for name in LABEL_COLUMNS}


def _calibration(arrays: dict[str, np.ndarray]) -> Calibration:
    """A calibration from its kept arrays; a ValueError unless each curve is two finite float
    arrays of one length."""

    def curve(name: str) -> IsotonicCurve | None:
        if f"{name}_x" not in arrays:
            return None
        x, fitted = arrays[f"{name}_x"], arrays[f"{name}_fitted"]
        if x.ndim != 1 or x.shape != fitted.shape or not x.size or x.dtype.kind != "f":
            raise ValueError("not a curve")
        if fitted.dtype.kind != "f" or not (np.isfinite(x).all() and np.isfinite(fitted).all()):
            raise ValueError("not a curve")
        return IsotonicCurve(x, fitted)

    errors, needed = arrays["errors"], arrays["needed"]
    if errors.shape != (2,) or errors.dtype.kind != "f" or needed.shape != (1,):
        raise ValueError("not a calibration")
    raw, calibrated = (float(e) for e in errors)
    return Calibration(bool(needed[0]), raw, calibrated, curve("mapping"), curve("amount"))


def _arrays(labels: dict[str, np.ndarray], calibration: Calibration | None) -> dict:
    """What a kept file holds: the label groups as one structured array (``np.savez`` writes
    it without pickles) and the calibration's curves and errors."""
    columns = {name: values for name, values in labels.items() if name != "m"}
    table = np.empty(
        len(next(iter(columns.values()))), dtype=[(name, v.dtype) for name, v in columns.items()]
    )
    for name, values in columns.items():
        table[name] = values
    arrays = {"labels": table}
    if calibration is not None:
        arrays |= {
            "needed": np.array([calibration.needed]),
            "errors": np.array([calibration.raw_error, calibration.calibrated_error]),
        }
        curves = {"mapping": calibration.mapping, "amount": calibration.amount_mapping}
        for name, curve in curves.items():
            if curve is not None:
                arrays |= {f"{name}_x": curve.x, f"{name}_fitted": curve.fitted}
    return arrays


def keep(
    place: KeptReference | None, labels: dict[str, np.ndarray], calibration: Calibration | None
) -> None:
    """Write a model's reference label groups and calibration under its key (atomically),
    when they add to what was kept, and remove the model's older files. A folder that cannot
    be written keeps nothing.

    Parameters
    ----------
    place : KeptReference or None
        None: the model's log is not kept.
    labels : dict of str to ndarray
        The reference rows' label groups.
    calibration : Calibration or None
        Fitted on the reference rows; None when not fitted this run.
    """
    if place is None or (
        place.labels is not None and (calibration is None or place.calibration is not None)
    ):
        return
    partial = place.path.with_name(f"{place.path.stem}.partial-{os.getpid()}.npz")
    try:
        place.store.folder.mkdir(parents=True, exist_ok=True)
        np.savez(partial, **_arrays(labels, calibration))
        os.replace(partial, place.path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            partial.unlink()
        return
    for older in place.store.folder.glob(f"{place.model}-*.npz"):
        if older != place.path:
            with contextlib.suppress(OSError):
                older.unlink()
