"""Calibrating scores on the reference period so they can stand in for labels (the first step
of confidence-based performance estimation, as NannyML's CBPE)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.isotonic import IsotonicRegression, isotonic_regression
from sklearn.model_selection import StratifiedKFold

CALIBRATION_BINS = 10
CALIBRATION_FOLDS = 5


def expected_calibration_error(
    y: np.ndarray,
    p: np.ndarray,
    *,
    bins: int = CALIBRATION_BINS,
    weight: np.ndarray | None = None,
) -> float:
    """Mean gap between predicted and observed rates over equal-count score bins, weighted
    by their rows.

    Parameters
    ----------
    y : ndarray of shape (n,)
        0/1 labels.
    p : ndarray of shape (n,)
        Predicted probabilities.
    bins : int
        Number of quantile bins.
    weight : ndarray of shape (n,), optional
        Rows each entry stands for (a big log's groups); bins then hold equal weight.

    Returns
    -------
    float
    """
    w = np.ones(len(p)) if weight is None else np.asarray(weight, dtype=np.float64)
    order = np.lexsort((w, y, p))  # ties in p (a step-shaped calibration) in one fixed order
    cumulative = np.cumsum(w[order])
    cut = np.searchsorted(cumulative, cumulative[-1] * np.arange(1, bins) / bins, side="right")
    gaps = [
        w[part].sum()
        * abs(np.average(y[part], weights=w[part]) - np.average(p[part], weights=w[part]))
        for part in np.split(order, cut)
        if w[part].sum() > 0
    ]
    return float(sum(gaps) / w.sum())


@dataclass(frozen=True, eq=False)
class Calibration:
    """How scores become probabilities.

    Attributes
    ----------
    needed : bool
        Whether isotonic calibration beat the raw scores on held-out reference rows.
    raw_error, calibrated_error : float
        Expected calibration error of the raw scores and of cross-fitted calibration.
    mapping : IsotonicRegression or None
        Fitted on every reference row; None when the raw scores are used.
    amount_mapping : IsotonicRegression or None
        Fitted with each row weighted by its amount: the share of the money that is
        positive at a score. None without amounts.
    """

    needed: bool
    raw_error: float
    calibrated_error: float
    mapping: IsotonicRegression | None
    amount_mapping: IsotonicRegression | None = None

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        """The scores as probabilities (clipped to [0, 1])."""
        if self.mapping is None:
            return np.clip(scores, 0.0, 1.0)
        return self.mapping.predict(scores)

    def amount_probabilities(self, scores: np.ndarray) -> np.ndarray | None:
        """Among the money at each score, the positive share (None without amounts)."""
        return None if self.amount_mapping is None else self.amount_mapping.predict(scores)


def fit_calibration(
    y: np.ndarray,
    scores: np.ndarray,
    *,
    amount: np.ndarray | None = None,
    weight: np.ndarray | None = None,
    fold: np.ndarray | None = None,
    seed: int = 0,
) -> Calibration:
    """Isotonic calibration on the reference rows, used only when it helps.

    Calibration is needed when cross-fitted isotonic regression (fit on four fifths, scored on
    the rest) has a lower expected calibration error than the raw scores, NannyML's rule.
    With amounts, a second isotonic fit weights each row by its amount, so that the amount
    parts of the value are estimated from the share of the money that is positive at each
    score: when large frauds are likelier than small ones at the same score, a count
    calibration alone underestimates the money at stake.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Reference labels (0/1).
    scores : ndarray of shape (n,)
        Reference scores in [0, 1].
    amount : ndarray of shape (n,), optional
        Reference amounts (>= 0); a big log's amount sums.
    weight : ndarray of shape (n,), optional
        Rows each entry stands for (a big log's groups of score, label and fold).
    fold : ndarray of int, optional
        Each entry's fold (0 to 4), with ``weight``; else folds are drawn with ``seed``.
    seed : int
        Seed of the folds.

    Returns
    -------
    Calibration
    """
    w = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=np.float64)
    raw = expected_calibration_error(y, scores, weight=w)
    held_out = np.empty(len(y))
    if fold is None:
        splits = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=seed)
        pairs = list(splits.split(scores, y))
    else:
        pairs = [(np.flatnonzero(fold != k), np.flatnonzero(fold == k)) for k in np.unique(fold)]
    order = np.lexsort((y, scores))  # sorted once; each fold keeps that order
    position = np.empty_like(order)
    position[order] = np.arange(order.size)
    for fit, test in pairs:
        rows = order[np.sort(position[fit])]
        held_out[test] = isotonic_predict(
            scores[rows], y[rows], w[rows], scores[test], presorted=True
        )
    calibrated = expected_calibration_error(y, held_out, weight=w)
    by_money = None
    if amount is not None and amount.sum() > 0:
        by_money = _isotonic().fit(scores, y, sample_weight=amount)
    if raw <= calibrated:
        return Calibration(False, raw, calibrated, None, by_money)
    return Calibration(True, raw, calibrated, _isotonic().fit(scores, y, sample_weight=w), by_money)


def isotonic_predict(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, at: np.ndarray, *, presorted: bool = False
) -> np.ndarray:
    """scikit-learn's ``IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip")`` fitted on
    ``(x, y, weight)`` and read at ``at``, without the estimator's checks: equal ``x`` merged
    into their weighted mean, pool-adjacent-violators, then linear interpolation (clipped at
    the ends). The cross-fitted folds need only the predictions.

    Parameters
    ----------
    x, y, weight : ndarray of shape (n,)
        Scores, 0/1 labels and rows each stands for (positive).
    at : ndarray
        Scores to read the fit at.
    presorted : bool
        Whether ``(x, y)`` are already in ascending order (ties in ``x`` by ``y``).

    Returns
    -------
    ndarray
    """
    if not presorted:
        order = np.lexsort((y, x))
        x, y, weight = x[order], y[order], weight[order]
    y, weight = np.asarray(y, dtype=np.float64), np.asarray(weight, dtype=np.float64)
    first = np.flatnonzero(np.r_[True, x[1:] != x[:-1]])
    unique = x[first]
    merged = np.add.reduceat(weight, first)
    mean = np.add.reduceat(y * weight, first) / merged
    fitted = isotonic_regression(mean, sample_weight=merged, y_min=0.0, y_max=1.0)
    if unique.size == 1:
        return np.full(len(at), fitted[0])
    return np.interp(at, unique, fitted)


def _isotonic() -> IsotonicRegression:
    return IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
