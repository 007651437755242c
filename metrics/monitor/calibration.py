"""Calibrating scores on the reference period so they can stand in for labels (the first step
of confidence-based performance estimation, as NannyML's CBPE)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.monitor.isotonic import IsotonicCurve, fit_isotonic, pool_adjacent_violators

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
    y, p = np.asarray(y, dtype=np.float64), np.asarray(p, dtype=np.float64)
    order = np.lexsort((w, y, p))  # ties in p (a step-shaped calibration) in one fixed order
    return _sorted_error(p[order], (y * w)[order], w[order], bins)


def _sorted_error(p: np.ndarray, positive: np.ndarray, rows: np.ndarray, bins: int) -> float:
    """The expected calibration error of groups in ascending ``p``: per bin of equal rows,
    ``|positives - sum of p|``, summed over the bins and divided by the rows."""
    cumulative = np.cumsum(rows)
    cut = np.searchsorted(cumulative, cumulative[-1] * np.arange(1, bins) / bins, side="right")
    starts = np.unique(np.r_[0, cut])
    starts = starts[starts < p.size]
    gaps = np.add.reduceat(positive, starts) - np.add.reduceat(rows * p, starts)
    return float(np.abs(gaps).sum() / cumulative[-1])


@dataclass(frozen=True, eq=False)
class Calibration:
    """How scores become probabilities.

    Attributes
    ----------
    needed : bool
        Whether isotonic calibration beat the raw scores on held-out reference rows.
    raw_error, calibrated_error : float
        Expected calibration error of the raw scores and of cross-fitted calibration.
    mapping : IsotonicCurve or None
        Fitted on every reference row; None when the raw scores are used.
    amount_mapping : IsotonicCurve or None
        Fitted with each row weighted by its amount: the share of the money that is
        positive at a score. None without amounts.
    """

    needed: bool
    raw_error: float
    calibrated_error: float
    mapping: IsotonicCurve | None
    amount_mapping: IsotonicCurve | None = None

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
        Reference amounts (>= 0).
    seed : int
        Seed of the stratified folds.

    Returns
    -------
    Calibration
    """
    import sklearn.isotonic  # noqa: F401  (row-level fits: its compiled fit is the faster)
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(y, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    ones = np.ones(len(y))
    held_out = np.empty(len(y))
    splits = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=seed)
    for fit, test in splits.split(scores, y):
        held_out[test] = fit_isotonic(scores[fit], y[fit], ones[fit]).predict(scores[test])
    raw = expected_calibration_error(y, scores)
    calibrated = expected_calibration_error(y, held_out)
    by_money = None
    if amount is not None and amount.sum() > 0:
        kept = amount > 0
        by_money = fit_isotonic(scores[kept], y[kept], amount[kept])
    mapping = fit_isotonic(scores, y, ones) if calibrated < raw else None
    return Calibration(calibrated < raw, raw, calibrated, mapping, by_money)


def fit_cell_calibration(
    cell: np.ndarray,
    fold: np.ndarray,
    y: np.ndarray,
    rows: np.ndarray,
    score_sum: np.ndarray,
    amount: np.ndarray | None = None,
) -> Calibration:
    """``fit_calibration`` from a big log's reference rows summed per score cell, fold and
    label, as the engine returns them.

    Each cell stands at its rows' mean score. A fold's fit pools the cells' rows of the other
    folds; its held-out rows are read at their cell's score. The raw scores' error is taken
    over the cells, the cross-fitted one over each fold's cells, in ascending probability.
    With 1e-4-wide cells this is the row-level fit to within the cells' width, and it fits
    thousands of points, not millions.

    Parameters
    ----------
    cell : ndarray of int, shape (n,)
        Each group's score cell (its scores' ``floor(score * cells)``, 0 or more).
    fold : ndarray of int, shape (n,)
        Each group's fold.
    y : ndarray of shape (n,)
        Each group's label (0/1).
    rows : ndarray of shape (n,)
        Rows in each group.
    score_sum, amount : ndarray of shape (n,)
        Each group's score sum, and amount sum (None without amounts).

    Returns
    -------
    Calibration
    """
    y = np.asarray(y, dtype=np.float64)
    rows = np.asarray(rows, dtype=np.float64)
    cell = np.asarray(cell, dtype=np.int64)
    fold = np.asarray(fold, dtype=np.int64)
    size = int(cell.max()) + 1
    in_cell = np.bincount(cell, rows, size)
    positive = np.bincount(cell, rows * y, size)
    present = in_cell > 0
    x = np.bincount(cell, np.asarray(score_sum, dtype=np.float64), size)[present]
    x /= in_cell[present]
    held_out = []  # per fold, over the cells: (p, positives, rows)
    for k in np.unique(fold):
        mine = fold == k
        fold_rows = np.bincount(cell[mine], rows[mine], size)[present]
        fold_positive = np.bincount(cell[mine], (rows * y)[mine], size)[present]
        others = in_cell[present] - fold_rows
        kept = others > 0
        if kept.any():
            their = positive[present][kept] - fold_positive[kept]
            p = _curve(x[kept], their, others[kept]).predict(x)
        else:  # one fold only: nothing to fit on
            p = x
        held_out.append((p, fold_positive, fold_rows))
    # one group per cell and fold, cell by cell: ties in p are ordered by cell, then fold
    p, held_positive, held_rows = (np.stack(part).T.ravel() for part in zip(*held_out, strict=True))
    shown = held_rows > 0
    p, held_positive, held_rows = p[shown], held_positive[shown], held_rows[shown]
    order = np.argsort(p, kind="stable")
    raw = _sorted_error(x, positive[present], in_cell[present], CALIBRATION_BINS)
    calibrated = _sorted_error(p[order], held_positive[order], held_rows[order], CALIBRATION_BINS)
    by_money = None
    if amount is not None and np.sum(amount) > 0:
        amount = np.asarray(amount, dtype=np.float64)
        money = np.bincount(cell, amount, size)[present]
        money_positive = np.bincount(cell, amount * y, size)[present]
        kept = money > 0
        by_money = _curve(x[kept], money_positive[kept], money[kept])
    mapping = _curve(x, positive[present], in_cell[present]) if calibrated < raw else None
    return Calibration(calibrated < raw, raw, calibrated, mapping, by_money)


def _curve(x: np.ndarray, positive: np.ndarray, weight: np.ndarray) -> IsotonicCurve:
    """The isotonic fit of cells at ascending, distinct scores ``x``."""
    return IsotonicCurve(x, pool_adjacent_violators(positive / weight, weight))
