"""The ML metrics beside the value, per chunk: ROC AUC, and F1, precision and recall at the
production decisions, estimated from the calibrated scores and realised from the labels,
with the same normal range as the value (the reference chunks' mean +- 3 standard
deviations)."""

from __future__ import annotations

import functools

import numpy as np

from metrics.monitor.model import BAND_WIDTH, Monitor, realised_auc

METRICS = ("roc_auc", "f1", "precision", "recall")
"""The ML metrics with a normal range, in the order the page and the JSON show them."""


@functools.lru_cache(maxsize=4)  # independent of the as-of date: once per monitor
def estimated_rates(monitor: Monitor) -> dict[str, np.ndarray]:
    """Per chunk, each metric expected from the calibrated probabilities.

    Parameters
    ----------
    monitor : Monitor

    Returns
    -------
    dict of str to ndarray
        ``METRICS`` -> per chunk (NaN where undefined). F1, precision and recall from the
        expected counts ``TP = sum of p`` over flagged rows, ``FP = sum of 1 - p`` over
        flagged rows, ``FN = sum of p`` over the others (CBPE's estimate).
    """
    log = monitor.log
    p = monitor.calibration.probabilities(log.score) * log.weights
    flagged = log.flagged.astype(np.float64)
    tp = monitor.chunks.sums(flagged * p)
    fp = monitor.chunks.sums(flagged * (log.weights - p))
    fn = monitor.chunks.sums((1 - flagged) * p)
    return {"roc_auc": monitor.estimated_auc, **_from_counts(tp, fp, fn)}


def realised_rates(
    monitor: Monitor, known: np.ndarray, auc: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """Per chunk, each metric from the labels that are known (NaN until the chunk's
    labelled share reaches ``min_labelled``, as its realised value).

    Parameters
    ----------
    monitor : Monitor
    known : ndarray of bool
        Rows whose label is known.
    auc : ndarray, optional
        ``realised_auc(monitor, known)`` when the caller has it.

    Returns
    -------
    dict of str to ndarray
    """
    log, n = monitor.log, len(monitor.chunks)
    rows = np.flatnonzero(known)
    # one pass: weight per (chunk, decision, label) over the known rows
    cell = 4 * monitor.chunks.of_row[rows] + 2 * log.flagged[rows] + (log.y[rows] == 1)
    weights = None if log.weight is None else log.weight[rows]
    counts = np.bincount(cell, weights, 4 * n).reshape(n, 4)
    tp, fp, fn = counts[:, 3], counts[:, 2], counts[:, 1]
    shown = counts.sum(axis=1) >= monitor.min_labelled * monitor.chunks.rows
    auc = realised_auc(monitor, known) if auc is None else auc
    rates = {"roc_auc": auc, **_from_counts(tp, fp, fn)}
    return {name: np.where(shown, value, np.nan) for name, value in rates.items()}


@functools.lru_cache(maxsize=4)  # independent of the as-of date: once per monitor
def normal_ranges(monitor: Monitor) -> dict[str, tuple[float, float]]:
    """Each metric's normal range: the reference chunks' realised mean +- ``BAND_WIDTH``
    standard deviations (the value's rule), within [0, 1], where each of these metrics lies
    (an AUC range "up to 1.0016" would only puzzle a reader).

    Parameters
    ----------
    monitor : Monitor

    Returns
    -------
    dict of str to (float, float)
        NaN ends where the reference chunks do not define the metric.
    """
    rates = realised_rates(monitor, monitor.log.reference)
    ranges = {}
    for name in METRICS:
        values = rates[name][monitor.chunks.reference]
        values = values[~np.isnan(values)]
        if values.size < 2:
            ranges[name] = (np.nan, np.nan)
            continue
        mean, sd = float(values.mean()), float(values.std(ddof=1))
        ranges[name] = (max(0.0, mean - BAND_WIDTH * sd), min(1.0, mean + BAND_WIDTH * sd))
    return ranges


def _from_counts(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> dict[str, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "f1": np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan),
            "precision": np.where(tp + fp > 0, tp / (tp + fp), np.nan),
            "recall": np.where(tp + fn > 0, tp / (tp + fn), np.nan),
        }
