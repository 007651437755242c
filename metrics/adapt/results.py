"""The stored results of the adaptation study (written by ``sample_data/make_adapt.py``)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass

import numpy as np

RESULTS_FILE = "adapt_results.json.gz"
FIRST_DAY, LAST_DAY = 61, 179
"""Production days of the monitoring sample (May 1 to Aug 27), counted from Mar 1."""
FRESH, STALE, TEST = (120, 130), (0, 60), (131, 149)
"""Mind versus data: recent rows (Jun 29 to Jul 9, after the merchant-mix shift), older rows
(March and April, before it), and the days valued (Jul 10 to Jul 28)."""
SIZES = (2_000, 5_000, 10_000, 20_000, 40_000)
NOISES = (0.0, 0.01, 0.02, 0.05, 0.1)
"""Shares of training labels flipped (0.4% of transactions are fraud, so 1% flipped already
adds more than twice as many false frauds as there are real ones)."""
STALE_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)

MAX_AGE = 60
"""Days a retrained model is valued after its training day (the launch model: every day)."""


@dataclass(frozen=True)
class GridCell:
    """One training set of the mind-versus-data grid and what its model earned."""

    rows: int
    noise: float
    stale: float
    value_a_year: float
    roc_auc: float


@dataclass(frozen=True, eq=False)
class AdaptResults:
    """What the study's models earned.

    Attributes
    ----------
    start : datetime.date
        Day 0 of the log.
    first_day : int
        The launch model's training day, also the first scored day.
    matrices : dict of float to ndarray of shape (days, days)
        Per noise level, ``[i, j]``: value on day ``first_day + j`` of the model trained on
        day ``first_day + i`` (NaN where ``i > j``).
    grid : list of GridCell
        The mind-versus-data models.
    """

    start: dt.date
    first_day: int
    matrices: dict[float, np.ndarray]
    grid: list[GridCell]

    def date(self, day: int) -> dt.date:
        """The calendar date of a day number."""
        return self.start + dt.timedelta(days=int(day))


def load_results(path: str | None = None) -> AdaptResults:
    """Read the stored study.

    Parameters
    ----------
    path : str, optional
        A results file; the bundled one by default.

    Returns
    -------
    AdaptResults
    """
    from metrics.core.samples import sample_path

    with gzip.open(path or sample_path(RESULTS_FILE), "rt") as f:
        raw = json.load(f)
    return AdaptResults(
        dt.date.fromisoformat(raw["start"]),
        int(raw["first_day"]),
        {float(k): np.array(v, dtype=float) for k, v in raw["matrices"].items()},
        [GridCell(**cell) for cell in raw["grid"]],
    )
