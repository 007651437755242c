"""The bundled fleet: 100 fraud models, one Parquet log each, and their registry, written by a
seeded generator on first use (2.6M rows; nothing large is committed).

Four models fail, each in its own way:

- ``fraud-007``: a riskier population from week 21; the model stays calibrated, so the
  estimate sees the loss before the labels arrive;
- ``fraud-023``: a new fraud pattern from week 18 that the model scores low: only the labels
  reveal it;
- ``fraud-042``: a frozen input from week 20: every score is the same, nothing is flagged;
- ``fraud-077``: healthy, but last trained more than a year ago.

One healthy model, ``fraud-020``, also falls below its normal range in its latest labelled
week, by chance: a band of 3 standard deviations estimated from 13 reference weeks lets about
one healthy model in a hundred through. A fleet view shows such false alarms too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import numpy as np
import pandas as pd

from metrics.fleet.reference_store import cache_root

SEED = 20261210
VERSION = 1
MODELS = 100
WEEKS = 26
ROWS_PER_WEEK = 1000
START = dt.date(2026, 1, 5)  # a Monday
REFERENCE = ("2026-01-05", "2026-04-05")
OWNERS = ("payments-eu", "payments-us", "growth", "risk-apac", "marketplace")
VALUE_MATRIX = (0.0, -5.0, -200.0, -15.0)
"""TN, FP, FN, TP per row: a review costs $5, caught fraud still costs $15, missed fraud $200."""
EXPORTED = dt.date(2026, 7, 19)
"""The day the logs were exported: labels due after it are not in them yet."""
THRESHOLD = 0.1


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def model_log(number: int, rows_per_week: int = ROWS_PER_WEEK) -> pd.DataFrame:
    """One model's scored rows over 26 weeks, with labels that arrive 7 to 35 days later
    (seeded per model, so one model's log does not depend on the others).

    Parameters
    ----------
    number : int
        The model's number (1 to 100); 7, 23 and 42 fail.
    rows_per_week : int
        Rows scored each week (the benchmark's fleet of 100M rows has 38,462).

    Returns
    -------
    DataFrame
    """
    rng = np.random.default_rng([SEED, number])
    n = WEEKS * rows_per_week
    week = np.repeat(np.arange(WEEKS), rows_per_week)
    seconds = rng.integers(0, 7 * 86_400, n)
    stamp = pd.Timestamp(START) + pd.to_timedelta(week * 7 * 86_400 + seconds, unit="s")
    risk = rng.normal(0, 1, n) + (1.3 if number == 7 else 0.0) * (week >= 20)
    base = rng.normal(-4.2, 0.15)
    fraud = rng.random(n) < _sigmoid(base + 1.6 * risk)
    score = _sigmoid(base + 1.6 * risk + rng.normal(0, 0.35, n))
    if number == 23:  # a new pattern the model does not see
        fraud |= (week >= 17) & (rng.random(n) < 0.05)
    if number == 42:  # an input frozen at one value
        score = np.where(week >= 19, 0.02, score)
    arrived = (stamp + pd.to_timedelta(rng.integers(7, 36, n), unit="D")).normalize()
    known = np.asarray(arrived <= pd.Timestamp(EXPORTED))
    return pd.DataFrame(
        {
            "timestamp": stamp,
            "score": np.round(score, 5),
            "label": pd.Series(fraud.astype(np.int8), dtype="Int8").where(known),
            "label_date": arrived.where(known),
        }
    )


def registry_text(folder: str = "logs") -> str:
    """The sample's registry: shared defaults and one ``[[model]]`` table per model.

    Parameters
    ----------
    folder : str
        Where the logs are, relative to the registry.

    Returns
    -------
    str
    """
    matrix = ", ".join(f"{v:g}" for v in VALUE_MATRIX)
    lines = [
        "# The bundled fleet: 100 fraud models (metrics/fleet/sample.py).",
        "[defaults]",
        f"value_matrix = [{matrix}]",
        f'reference = ["{REFERENCE[0]}", "{REFERENCE[1]}"]',
        f"threshold = {THRESHOLD}",
        'chunk = "week"',
        'label_time_column = "label_date"',
        "retrain_every_days = 180",
        "",
    ]
    for number in range(1, MODELS + 1):
        trained = "2025-06-01" if number == 77 else f"2026-0{2 + number % 5}-15"
        lines += [
            "[[model]]",
            f'id = "fraud-{number:03d}"',
            f'log = "{folder}/fraud-{number:03d}.parquet"',
            f'owner = "{OWNERS[number % len(OWNERS)]}"',
            f'trained_at = "{trained}"',
            "",
        ]
    return "\n".join(lines)


def write_fleet(folder: Path, rows_per_week: int = ROWS_PER_WEEK) -> Path:
    """Write the 100 logs and the registry into ``folder``; return the registry's path.

    Parameters
    ----------
    folder : Path
    rows_per_week : int
        Rows each model scores a week.

    Returns
    -------
    Path
    """
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for number in range(1, MODELS + 1):
        model_log(number, rows_per_week).to_parquet(
            logs / f"fraud-{number:03d}.parquet", index=False
        )
    registry = folder / "fleet.toml"
    registry.write_text(registry_text(), encoding="utf-8")
    return registry


def sample_registry() -> Path:
    """The bundled fleet's registry, written on first use into the cache folder
    (``$VALUELENS_CACHE``, else ``~/.cache/valuelens``).

    Returns
    -------
    Path
    """
    folder = cache_root() / f"fleet-v{VERSION}"
    registry = folder / "fleet.toml"
    if not registry.is_file():
        partial = folder.with_name(f"{folder.name}.partial-{os.getpid()}")
        write_fleet(partial)
        with contextlib.suppress(OSError):  # another process wrote it first
            partial.rename(folder)
    return registry
