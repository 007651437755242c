"""A seeded simulation of what the estimate's interval covers, and how often a model that
does not change raises an alert (``tests/monitor/test_coverage.py`` holds it to its targets;
``benchmarks/monitor_coverage.py`` prints the figures the documentation quotes).

Each case draws a reference of labelled rows whose scores are calibrated probabilities, and
analysis chunks whose labels are drawn from:

- ``stationary``: the same score distribution and meaning as the reference;
- ``covariate shift``: scores moved towards where the reference had few rows, each score
  still meaning what it meant (labels ~ Bernoulli(score));
- ``concept drift``: the same scores, but positives half as likely again at every score
  (what a score means has changed: no interval from scores can cover this; reported only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.monitor.data import monitor_log
from metrics.monitor.model import build_monitor
from metrics.monitor.replay import as_of
from metrics.monitor.values import matrix_model

CASES = ("stationary", "covariate shift", "concept drift")
VALUE_MATRIX = (0.0, -5.0, -50.0, 100.0)
"""TN, FP, FN, TP per row: NannyML's business-value example."""
THRESHOLD = 0.3


@dataclass(frozen=True)
class Coverage:
    """One case's result over every simulated analysis chunk.

    Attributes
    ----------
    case : str
    chunks : int
    inside : float
        Share of chunks whose realised value is inside the estimate's 95% interval.
    inside_labels_only : float
        The same for the interval from the labels' noise alone (the calibration's error left
        out), for comparison.
    alerts : dict of str to float
        Share of chunks raising each alert.
    any_alert : float
        Share of chunks raising at least one alert.
    """

    case: str
    chunks: int
    inside: float
    inside_labels_only: float
    alerts: dict[str, float]
    any_alert: float


def simulate(
    case: str,
    *,
    references: int = 50,
    chunks_per_reference: int = 8,
    chunk_rows: int = 5_000,
    reference_rows: int = 50_000,
    seed: int = 0,
) -> Coverage:
    """Run one case: ``references`` reference draws, each with its analysis chunks.

    Parameters
    ----------
    case : {'stationary', 'covariate shift', 'concept drift'}
    references, chunks_per_reference, chunk_rows, reference_rows : int
    seed : int

    Returns
    -------
    Coverage
    """
    if case not in CASES:
        raise ValueError(f"case is {case!r}; use one of {', '.join(CASES)}")
    rng = np.random.default_rng([seed, CASES.index(case)])
    inside, labels_only, alerts = [], [], []
    for _ in range(references):
        table, sd_labels = _one_reference(
            case, rng, chunks_per_reference, chunk_rows, reference_rows
        )
        realised, estimate = table["realized_value"], table["estimated_value"]
        low, high = table["estimated_lower"], table["estimated_upper"]
        inside.append((low <= realised) & (realised <= high))
        labels_only.append(np.abs(realised - estimate) <= 1.959963984540054 * sd_labels)
        alerts.append(table["alerts"])
    raised = pd.concat(alerts)
    every = [name for names in raised for name in names]
    n = references * chunks_per_reference
    return Coverage(
        case=case,
        chunks=n,
        inside=float(np.mean(np.concatenate(inside))),
        inside_labels_only=float(np.mean(np.concatenate(labels_only))),
        alerts={name: every.count(name) / n for name in sorted(set(every))},
        any_alert=float(np.mean([len(names) > 0 for names in raised])),
    )


def _one_reference(case, rng, chunks, chunk_rows, reference_rows):
    start = pd.Timestamp("2026-01-05")
    n = reference_rows + chunks * chunk_rows
    reference = np.arange(n) < reference_rows
    p = rng.beta(0.6, 6.0, n)
    if case == "covariate shift":  # more rows where the reference had few
        p[~reference] = rng.beta(1.0, 4.0, (~reference).sum())
    truth = p.copy()
    if case == "concept drift":
        truth[~reference] = np.minimum(1.5 * p[~reference], 1.0)
    frame = pd.DataFrame(
        {
            "timestamp": start + pd.to_timedelta(np.arange(n) // 1000, unit="h"),
            "score": p,
            "label": (rng.random(n) < truth).astype(int),
        }
    )
    log = monitor_log(
        frame[reference],
        frame[~reference],
        label="label",
        score="score",
        timestamp="timestamp",
        threshold=THRESHOLD,
    )
    monitor = build_monitor(log, matrix_model(VALUE_MATRIX), size=chunk_rows)
    table = as_of(monitor, "2100-01-01").table
    analysis = (table["period"] == "analysis").to_numpy()
    return table[analysis].reset_index(drop=True), monitor.estimated_label_sd[analysis]
