"""How far a chunk's estimated value can be from what it realises: the labels' noise and the
reference calibration's own error, added.

The estimate of a chunk is ``sum over rows of p V(positive) + (1 - p) V(negative)`` with p
from the calibration fitted on the reference rows. Two things move the realised value away
from it while a score still means what it meant in the reference:

- the labels are Bernoulli(p): variance ``sum of p (1 - p) (V(positive) - V(negative))^2``;
- p itself is an estimate, from a finite reference: where the reference had few rows at a
  score, the calibration there is uncertain, and every row of the chunk at that score shares
  that error. Its variance is the spread of the chunk's estimate over Poisson-bootstrap
  resamples of the reference, each calibrated again.

No interval computed from scores alone covers a change in what a score means (concept drift):
the realised value leaving the interval is the sign of one (``realized_outside_estimate``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.monitor.calibration import Calibration
from metrics.monitor.isotonic import pool_adjacent_violators

CALIBRATION_RESAMPLES = 100
"""Bootstrap resamples of the reference calibration."""
SCORE_CELLS = 2000
"""The calibration's error is evaluated on this many score cells."""


@dataclass(frozen=True, eq=False)
class ReferenceCells:
    """The reference rows summed per (score cell, label): what a calibration is fitted on.

    Attributes
    ----------
    score : ndarray of shape (g,)
        Mean score of each group.
    label : ndarray of shape (g,)
        0 or 1.
    rows : ndarray of shape (g,)
        Rows in the group.
    amount : ndarray of shape (g,) or None
        Amount sum of the group (None without amounts).
    """

    score: np.ndarray
    label: np.ndarray
    rows: np.ndarray
    amount: np.ndarray | None


def reference_cells(
    y: np.ndarray,
    score: np.ndarray,
    *,
    weight: np.ndarray | None = None,
    amount: np.ndarray | None = None,
) -> ReferenceCells:
    """Sum reference rows (or a big log's groups) per score cell and label.

    Parameters
    ----------
    y : ndarray of shape (n,)
        0/1 labels.
    score : ndarray of shape (n,)
        Scores (a group's mean score).
    weight : ndarray of shape (n,), optional
        Rows each entry stands for.
    amount : ndarray of shape (n,), optional
        Amounts (a group's amount sum).

    Returns
    -------
    ReferenceCells
    """
    w = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=np.float64)
    key = 2 * score_cell(score) + np.asarray(y, dtype=np.int64)
    size = 2 * SCORE_CELLS
    rows = np.bincount(key, w, size)
    kept = np.flatnonzero(rows > 0)
    total = np.bincount(key, w * score, size)
    money = None if amount is None else np.bincount(key, amount, size)[kept]
    return ReferenceCells(total[kept] / rows[kept], kept % 2, rows[kept], money)


LOGIT_RANGE = 12.0
"""Cells are equal steps of log-odds from -12 to 12: fine where most scores are (near 0 or
1), where a calibration pools many rows at the end of the score range."""


def score_cell(score: np.ndarray) -> np.ndarray:
    """Each score's cell, 0 to ``SCORE_CELLS - 1``, on the log-odds scale.

    Parameters
    ----------
    score : ndarray
        Scores in [0, 1].

    Returns
    -------
    ndarray of int
    """
    s = np.clip(np.asarray(score, dtype=np.float64), 1e-12, 1 - 1e-12)
    position = (np.log(s / (1 - s)) + LOGIT_RANGE) / (2 * LOGIT_RANGE)
    return np.clip((position * SCORE_CELLS).astype(np.int64), 0, SCORE_CELLS - 1)


def calibration_sd(
    reference: ReferenceCells,
    calibration: Calibration,
    chunk: np.ndarray,
    score: np.ndarray,
    d_fixed: np.ndarray,
    d_amount: np.ndarray,
    n_chunks: int,
    *,
    n_resamples: int = CALIBRATION_RESAMPLES,
    seed: int = 0,
) -> np.ndarray:
    """Per chunk, the standard deviation of the estimated value that comes from calibrating
    on a finite reference.

    Parameters
    ----------
    reference : ReferenceCells
    calibration : Calibration
        The calibration the estimate uses (isotonic, or the raw scores).
    chunk : ndarray of int, shape (n,)
        Each row's (or group's) chunk.
    score : ndarray of shape (n,)
        Each row's score (a group's mean score).
    d_fixed, d_amount : ndarray of shape (n,)
        ``V(positive) - V(negative)`` of each row, its fixed part (times the group's rows)
        and its amount part: the estimate moves by ``d_fixed`` per unit of p and by
        ``d_amount`` per unit of the probability calibrated among the money.
    n_chunks : int
    n_resamples : int
    seed : int

    Returns
    -------
    ndarray of shape (n_chunks,)
        Zero for a chunk whose rows' values do not depend on the label.

    Notes
    -----
    Each resample draws every reference group's rows as Poisson(rows) (its amount scaled
    alike), fits the isotonic calibration again (and, with amounts, the one weighted by
    money), and values every chunk at the cells' mean scores. The deviation is the root mean
    square of the resampled values around the value under the calibration in use, so it
    holds the calibration's bias (isotonic regression pools the sparse ends of the score
    range) as well as its spread.
    """
    cell = score_cell(score)
    key = np.asarray(chunk, dtype=np.int64) * SCORE_CELLS + cell
    size = n_chunks * SCORE_CELLS
    by_fixed = np.bincount(key, d_fixed, size).reshape(n_chunks, SCORE_CELLS)
    by_amount = np.bincount(key, d_amount, size).reshape(n_chunks, SCORE_CELLS)
    used = np.flatnonzero(np.abs(by_fixed).sum(axis=0) + np.abs(by_amount).sum(axis=0) > 0)
    if used.size == 0:
        return np.zeros(n_chunks)
    rows_in_cell = np.bincount(cell, minlength=SCORE_CELLS)[used]
    at = np.bincount(cell, score, SCORE_CELLS)[used] / np.maximum(rows_in_cell, 1)
    money = reference.amount is not None and np.abs(by_amount).sum() > 0
    rng = np.random.default_rng(seed)
    p_used = calibration.probabilities(at)
    q_used = calibration.amount_probabilities(at) if money else p_used
    center = by_fixed[:, used] @ p_used + by_amount[:, used] @ q_used
    cell = score_cell(reference.score)
    rows = np.bincount(cell, reference.rows, SCORE_CELLS)
    kept = np.flatnonzero(rows > 0)
    rows, score = rows[kept], np.bincount(cell, reference.rows * reference.score, SCORE_CELLS)[kept]
    score = score / rows
    truth = calibration.probabilities(score)
    if money:
        money_in = np.bincount(cell, reference.amount, SCORE_CELLS)[kept]
        truth_money = calibration.amount_probabilities(score)
    whole = np.round(rows).astype(np.int64)
    values = np.empty((n_resamples, n_chunks))
    for b in range(n_resamples):
        positives = rng.binomial(whole, truth).astype(np.float64)
        p = _fitted_at(at, score, positives, whole - positives)
        value = by_fixed[:, used] @ p
        if money:
            share = rng.binomial(whole, truth_money) / np.maximum(whole, 1)
            q = _fitted_at(at, score, money_in * share, money_in * (1 - share))
            value = value + by_amount[:, used] @ q
        else:
            value = value + by_amount[:, used] @ p
        values[b] = value
    return np.sqrt(np.mean((values - center) ** 2, axis=0))


def _fitted_at(
    at: np.ndarray, score: np.ndarray, positive: np.ndarray, negative: np.ndarray
) -> np.ndarray:
    """The isotonic calibration of cells (ascending scores) holding ``positive`` and
    ``negative`` weight, read at the scores ``at`` (linear between cells, flat beyond them):
    what ``IsotonicRegression`` fits on the cells' rows (``pool_adjacent_violators``)."""
    weight = positive + negative
    kept = weight > 0
    fitted = pool_adjacent_violators(positive[kept] / weight[kept], weight[kept])
    return np.interp(at, score[kept], fitted)
