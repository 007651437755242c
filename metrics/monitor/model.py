"""A model's value per chunk: realised where labels exist, estimated from calibrated scores
where they do not (confidence-based performance estimation, with per-row amounts), and the
reference band that raises an alert."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from metrics.core.curves import threshold_curve
from metrics.core.rates import roc_auc
from metrics.core.value import ValueModel
from metrics.monitor.calibration import Calibration, fit_calibration
from metrics.monitor.chunks import Chunks, chunk_rows
from metrics.monitor.uncertainty import calibration_sd, reference_cells
from metrics.monitor.values import row_values

BAND_WIDTH = 3.0
"""The alert band is the reference chunks' mean value +- this many standard deviations."""
Z_95 = 1.959963984540054


@dataclass(frozen=True, eq=False)
class MonitorLog:
    """Validated rows: reference period first or mixed, any order.

    Attributes
    ----------
    timestamp : ndarray of datetime64
    reference : ndarray of bool
    y : ndarray of float
        1, 0, or NaN where the label is not in the data.
    score : ndarray of float
    flagged : ndarray of bool
        The model's decision (a logged decision, or score >= threshold).
    amount : ndarray of float
        Per-row amount (zeros when the value matrix has none).
    label_day : ndarray of datetime64[D]
        The day each label became known; NaT when unknown or never.
    features : DataFrame
        Model inputs to check for drift (may have no columns).
    weight : ndarray of float, optional
        Rows each entry stands for, when a big log's groups stand in for its rows (amounts
        are then the group's amount sums); one each when None.
    """

    timestamp: np.ndarray
    reference: np.ndarray
    y: np.ndarray
    score: np.ndarray
    flagged: np.ndarray
    amount: np.ndarray
    label_day: np.ndarray
    features: pd.DataFrame
    weight: np.ndarray | None = None

    @property
    def weights(self) -> np.ndarray:
        return np.ones(len(self.score)) if self.weight is None else self.weight


@dataclass(frozen=True, eq=False)
class Monitor:
    """Everything about a log that does not depend on the "as of" date.

    Attributes
    ----------
    log : MonitorLog
    chunks : Chunks
    calibration : Calibration
    realised_rows : ndarray
        Each row's value given its label (NaN where unknown).
    estimated, estimated_sd : ndarray
        Per chunk: expected value from calibrated probabilities, and its standard deviation
        (the labels' noise and the calibration's error).
    estimated_label_sd : ndarray
        Per chunk: the part of that deviation from the labels' noise alone.
    estimated_auc : ndarray
        Per chunk: ROC AUC expected from the calibrated probabilities.
    band : tuple of float
        Lower and upper alert limits of a chunk's value.
    reference_mean : float
        Mean value of a reference chunk.
    min_labelled : float
        Share of a chunk's rows that must be labelled before its realised value is shown.
    """

    log: MonitorLog
    chunks: Chunks
    calibration: Calibration
    realised_rows: np.ndarray
    estimated: np.ndarray
    estimated_sd: np.ndarray
    estimated_label_sd: np.ndarray
    estimated_auc: np.ndarray
    band: tuple[float, float]
    reference_mean: float
    min_labelled: float

    @cached_property
    def hindsight(self) -> np.ndarray:
        """Per chunk, the realised value with every label in the data (the estimate where
        too few labels exist): what the chunk turned out to be worth."""
        _, value = self.realised(~np.isnan(self.log.y))
        return np.where(np.isnan(value), self.estimated, value)

    @cached_property
    def labels_due(self) -> np.ndarray:
        """Per chunk, the day its labelled share reached ``min_labelled`` (NaT if never)."""
        log = self.log
        due = np.full(len(self.chunks), np.datetime64("NaT"), dtype="datetime64[D]")
        days = np.where(np.isnan(log.y), np.datetime64("NaT"), log.label_day)
        key = days.astype("datetime64[D]").astype(np.int64)
        key[np.isnat(days.astype("datetime64[D]"))] = np.iinfo(np.int64).max  # never: last
        weight = log.weights
        for c, rows in enumerate(self.chunks.members):
            order = rows[np.argsort(key[rows], kind="stable")]
            reached = np.cumsum(weight[order]) >= self.min_labelled * self.chunks.rows[c] - 1e-9
            if reached.any() and key[order[np.argmax(reached)]] != np.iinfo(np.int64).max:
                due[c] = np.datetime64(int(key[order[np.argmax(reached)]]), "D")
        return due

    def realised(self, known: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per chunk, the labelled rows among ``known`` and the realised value (NaN below
        ``min_labelled``): the labelled rows' value scaled to the chunk's rows."""
        labelled = self.chunks.sums(known * self.log.weights)
        total = self.chunks.sums(np.where(known, self.realised_rows, 0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            value = total * self.chunks.rows / labelled
        shown = labelled >= self.min_labelled * self.chunks.rows
        return labelled, np.where(shown, value, np.nan)


def build_monitor(
    log: MonitorLog,
    model: ValueModel,
    *,
    period: str | None = None,
    size: int | None = None,
    min_labelled: float = 0.95,
) -> Monitor:
    """Chunk the log, calibrate on the reference, estimate every chunk and set the band.

    The estimated value of a chunk is ``sum over rows of p x V(positive) + (1 - p) x
    V(negative)``, with p the calibrated probability and V the row's value under its
    decision (per-row amounts included). Its standard deviation adds two variances: the
    labels' noise, ``sum of p (1 - p) (V(positive) - V(negative))^2``, and the reference
    calibration's own error (``metrics.monitor.uncertainty``): what the realised value
    spreads by while each score means what it meant in the reference.

    Parameters
    ----------
    log : MonitorLog
    model : ValueModel
        What each outcome is worth (absolute: a missed fraud is a loss).
    period : {'day', 'week', 'month'}, optional
    size : int, optional
        Rows per chunk instead of a period.
    min_labelled : float
        Share of a chunk's rows that must be labelled to show its realised value.

    Returns
    -------
    Monitor
    """
    reference_labels = log.y[log.reference]
    if np.isnan(reference_labels).any() or len(np.unique(reference_labels)) < 2:
        raise ValueError(
            "the reference period needs a label on every row and both classes (0 and 1): it is "
            "what the estimate is calibrated on and what the alert band comes from"
        )
    chunks = chunk_rows(log.timestamp, log.reference, period=period, size=size)
    calibration = fit_calibration(
        reference_labels.astype(np.int64),
        log.score[log.reference],
        amount=log.amount[log.reference] if _has_rates(model) else None,
    )
    p = calibration.probabilities(log.score)
    values = row_values(model, log.flagged, log.amount)  # one row each: no weights here
    reference = reference_cells(
        reference_labels,
        log.score[log.reference],
        amount=log.amount[log.reference] if _has_rates(model) else None,
    )
    return assemble_monitor(
        log,
        chunks,
        calibration,
        values.realised(log.y),
        Estimate(
            chunks.sums(values.expected(p, calibration.amount_probabilities(log.score))),
            np.sqrt(chunks.sums(values.variance(p))),
            calibration_sd(
                reference,
                calibration,
                chunks.of_row,
                log.score,
                values.positive_fixed - values.negative_fixed,
                values.positive_amount - values.negative_amount,
                len(chunks),
            ),
            _estimated_auc(chunks, log.score, p),
        ),
        min_labelled=min_labelled,
    )


@dataclass(frozen=True, eq=False)
class Estimate:
    """Per chunk: expected value, the standard deviations of the labels' noise and of the
    calibration's error around it, expected ROC AUC."""

    value: np.ndarray
    label_sd: np.ndarray
    calibration_sd: np.ndarray
    auc: np.ndarray

    @property
    def sd(self) -> np.ndarray:
        """Both sources of spread together: ``sqrt(labels^2 + calibration^2)``."""
        return np.hypot(self.label_sd, self.calibration_sd)


def assemble_monitor(
    log: MonitorLog,
    chunks: Chunks,
    calibration: Calibration,
    realised_rows: np.ndarray,
    estimate: Estimate,
    *,
    min_labelled: float = 0.95,
) -> Monitor:
    """A monitor from its parts, with the band from the reference chunks' realised values.

    Parameters
    ----------
    log : MonitorLog
        Rows (or a big log's groups) with labels and label days.
    chunks : Chunks
    calibration : Calibration
    realised_rows : ndarray
        Each entry's value given its label (NaN where unknown).
    estimate : Estimate
    min_labelled : float
        Share of a chunk's rows that must be labelled to show its realised value.

    Returns
    -------
    Monitor
    """
    if chunks.reference.sum() < 2:
        raise ValueError(
            "the reference period makes fewer than 2 chunks, too few for an alert band; "
            "choose a shorter period or a smaller chunk size"
        )
    known = np.where(log.reference, realised_rows, 0.0)
    reference_values = chunks.sums(np.nan_to_num(known))[chunks.reference]
    mean, sd = float(reference_values.mean()), float(reference_values.std(ddof=1))
    return Monitor(
        log=log,
        chunks=chunks,
        calibration=calibration,
        realised_rows=realised_rows,
        estimated=estimate.value,
        estimated_sd=estimate.sd,
        estimated_label_sd=estimate.label_sd,
        estimated_auc=estimate.auc,
        band=(mean - BAND_WIDTH * sd, mean + BAND_WIDTH * sd),
        reference_mean=mean,
        min_labelled=min_labelled,
    )


def _has_rates(model: ValueModel) -> bool:
    return any(o.rate != 0 for o in (model.tp, model.fp, model.fn, model.tn))


def _estimated_auc(chunks: Chunks, score: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Per chunk, the ROC AUC if each row were a positive with weight p and a negative with
    weight 1 - p (CBPE's estimate)."""
    out = np.empty(len(chunks))
    for c, mine in enumerate(chunks.members):
        s, q = score[mine], p[mine]
        both = np.concatenate([s, s])
        labels = np.concatenate([np.ones(len(s), np.int64), np.zeros(len(s), np.int64)])
        curve = threshold_curve(labels, both, sample_weight=np.concatenate([q, 1 - q]))
        out[c] = roc_auc(curve)
    return out


def realised_auc(monitor: Monitor, known: np.ndarray) -> np.ndarray:
    """Per chunk, the ROC AUC on its labelled rows (NaN when a class is missing).

    Parameters
    ----------
    monitor : Monitor
    known : ndarray of bool
        Rows whose label is known.

    Returns
    -------
    ndarray
    """
    out = np.full(len(monitor.chunks), np.nan)
    for c, rows in enumerate(monitor.chunks.members):
        mine = rows[known[rows]]
        y = monitor.log.y[mine]
        if len(np.unique(y)) == 2:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                curve = threshold_curve(
                    y.astype(np.int64),
                    monitor.log.score[mine],
                    sample_weight=monitor.log.weights[mine],
                )
                out[c] = roc_auc(curve)
    return out
