"""Cutting a prediction log into chunks: calendar periods or runs of rows, the reference
period's chunks first, then the analysis period's, each in time order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from metrics.monitor import CHUNK_PERIODS

MIN_CHUNK_ROWS = 100
"""Fewer rows than this make a chunk's value mostly noise."""

PERIODS = dict(zip(CHUNK_PERIODS, ("D", "W-SUN", "M"), strict=True))
"""pandas period of each chunk period (weeks run Monday to Sunday)."""


@dataclass(frozen=True, eq=False)
class Chunks:
    """Which chunk each row is in, and each chunk's dates and period.

    Attributes
    ----------
    of_row : ndarray of int, shape (n,)
        Chunk of each row.
    start, end : ndarray of datetime64[D]
        First and last day of each chunk (both included).
    reference : ndarray of bool
        Whether a chunk is in the reference period.
    rows : ndarray of int
        Rows in each chunk.
    """

    of_row: np.ndarray
    start: np.ndarray
    end: np.ndarray
    reference: np.ndarray
    rows: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def members(self) -> list[np.ndarray]:
        """Each chunk's row positions (computed once: a replay slices, never scans)."""
        order = np.argsort(self.of_row, kind="stable")
        return np.split(order, np.cumsum(np.bincount(self.of_row, minlength=len(self)))[:-1])

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Per chunk, the sum of ``values`` over its rows."""
        return np.bincount(self.of_row, weights=values, minlength=len(self))


def chunk_rows(
    timestamp: np.ndarray,
    reference: np.ndarray,
    *,
    period: str | None = None,
    size: int | None = None,
) -> Chunks:
    """Chunks by calendar period (day, week starting Monday, month) or by ``size`` rows.

    A period that straddles the end of the reference is split in two, so no chunk mixes the
    periods. With ``size``, a remainder of less than half a chunk joins the chunk before it.

    Parameters
    ----------
    timestamp : ndarray of datetime64
        When each row was scored.
    reference : ndarray of bool
        Rows of the reference period.
    period : {'day', 'week', 'month'}, optional
    size : int, optional
        Rows per chunk, in time order.

    Returns
    -------
    Chunks
    """
    if (period is None) == (size is None):
        raise ValueError("chunk by a period (day, week or month) or by a number of rows")
    stamp = pd.Series(pd.to_datetime(timestamp))
    if period is not None:
        if period not in PERIODS:
            raise ValueError(f"chunk period is {period!r}; use day, week or month")
        starts = stamp.dt.to_period(PERIODS[period]).dt.start_time.to_numpy()
        day = starts.astype("datetime64[D]").astype(np.int64) + 10**7  # positive for any date
        _, of_row = np.unique(np.where(reference, 0, 10**8) + day, return_inverse=True)
    else:
        if size < MIN_CHUNK_ROWS:
            raise ValueError(f"chunk size is {size}; use at least {MIN_CHUNK_ROWS} rows")
        order = np.lexsort((stamp.to_numpy(), ~reference))
        position = np.empty(len(order), dtype=np.int64)
        position[order] = np.arange(len(order))
        n_ref = int(reference.sum())
        of_row = np.where(
            reference,
            _runs(position, size, n_ref),
            _runs(position - n_ref, size, len(order) - n_ref) + _count_runs(n_ref, size),
        )
    return _described(of_row.astype(np.int64), stamp, reference)


def _count_runs(n: int, size: int) -> int:
    full, rest = divmod(n, size)
    return full + (1 if rest * 2 >= size or (full == 0 and rest) else 0)


def _runs(position: np.ndarray, size: int, n: int) -> np.ndarray:
    return np.minimum(position // size, max(_count_runs(n, size) - 1, 0))


def _described(of_row: np.ndarray, stamp: pd.Series, reference: np.ndarray) -> Chunks:
    days = stamp.to_numpy().astype("datetime64[D]")
    count = int(of_row.max()) + 1
    rows = np.bincount(of_row, minlength=count)
    start = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    end = start.copy()
    frame = pd.DataFrame({"c": of_row, "d": days})
    grouped = frame.groupby("c")["d"]
    start[grouped.min().index] = grouped.min().to_numpy()
    end[grouped.max().index] = grouped.max().to_numpy()
    is_reference = np.bincount(of_row, weights=reference, minlength=count) > 0
    small = np.flatnonzero(rows < MIN_CHUNK_ROWS)
    if small.size:
        first = small[0]
        raise ValueError(
            f"the chunk from {start[first]} to {end[first]} has {rows[first]} rows; each needs "
            f"at least {MIN_CHUNK_ROWS}: choose a longer period or a larger chunk size"
        )
    return Chunks(of_row, start, end, is_reference, rows)
