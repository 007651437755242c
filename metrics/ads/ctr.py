"""Click-through-rate model quality: AUC, log loss, normalized entropy and calibration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.curves import threshold_curve
from metrics.core.rates import roc_auc
from metrics.core.validation import check_labels, check_same_length, check_scores, warn_undefined

EPS = 1e-15
"""Predictions are clipped to [EPS, 1 - EPS] before taking logs, so a confident miss costs a
large but finite loss."""


def log_loss(y_true: object, y_score: object) -> float:
    """Mean cross-entropy ``-mean(y log p + (1 - y) log(1 - p))`` in nats.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a click, 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted click probability, in [0, 1].

    Returns
    -------
    float
    """
    y, p = check_labels(y_true), np.clip(check_scores(y_score), EPS, 1 - EPS)
    check_same_length(label=y, score=p)
    return float(-np.mean(np.where(y == 1, np.log(p), np.log1p(-p))))


def background_entropy(y_true: object) -> float:
    """Entropy of always predicting the observed CTR: ``-(c log c + (1 - c) log(1 - c))``.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a click, 0 otherwise.

    Returns
    -------
    float
        Log loss of always predicting the base rate.
    """
    c = float(np.mean(check_labels(y_true)))
    if c in (0.0, 1.0):
        return 0.0
    return -(c * np.log(c) + (1 - c) * np.log1p(-c))


def normalized_entropy(y_true: object, y_score: object) -> float:
    """Log loss divided by the background entropy (He et al. 2014); lower is better.

    NE < 1 means the model beats predicting the average CTR for everyone; NaN with a warning
    when every row is a click or none is.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a click, 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted click probability, in [0, 1].

    Returns
    -------
    float
        Log loss over background entropy; below 1 beats the base rate.
    """
    h = background_entropy(y_true)
    if h == 0.0:
        return warn_undefined("Normalized entropy", "only one class is present")
    return log_loss(y_true, y_score) / h


def calibration_ratio(y_true: object, y_score: object) -> float:
    """Mean predicted CTR over observed CTR; 1 is calibrated, 2 predicts twice the clicks.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a click, 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted click probability, in [0, 1].

    Returns
    -------
    float
        Sum of predictions over sum of clicks; 1 is calibrated.
    """
    y, p = check_labels(y_true), check_scores(y_score)
    if y.sum() == 0:
        return warn_undefined("Calibration ratio", "there are no clicks")
    return float(p.mean() / y.mean())


@dataclass(frozen=True, eq=False)
class Reliability:
    """Observed CTR against mean predicted CTR in bins of equal size (by predicted CTR)."""

    predicted: np.ndarray
    observed: np.ndarray
    count: np.ndarray


def reliability_curve(y_true: object, y_score: object, *, n_bins: int = 10) -> Reliability:
    """Quantile bins, as scikit-learn's ``calibration_curve(strategy="quantile")``.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a click, 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted click probability, in [0, 1].
    n_bins : int
        Quantile bins of the predicted CTR.

    Returns
    -------
    Reliability
    """
    y, p = check_labels(y_true), check_scores(y_score)
    edges = np.percentile(p, np.linspace(0, 100, n_bins + 1))
    bins = np.searchsorted(edges[1:-1], p)
    count = np.bincount(bins, minlength=n_bins)
    used = count > 0
    predicted = np.bincount(bins, p, n_bins)[used] / count[used]
    observed = np.bincount(bins, y, n_bins)[used] / count[used]
    return Reliability(predicted=predicted, observed=observed, count=count[used])


@dataclass(frozen=True)
class CtrQuality:
    """Threshold-free quality of a CTR model."""

    auc: float
    log_loss: float
    normalized_entropy: float
    calibration_ratio: float


def ctr_quality(y_true: object, y_score: object) -> CtrQuality:
    """AUC, log loss, normalized entropy and calibration ratio.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a click, 0 otherwise.
    y_score : array-like of shape (n,)
        Predicted click probability, in [0, 1].

    Returns
    -------
    CtrQuality
    """
    y, p = check_labels(y_true), check_scores(y_score)
    return CtrQuality(
        auc=roc_auc(threshold_curve(y, p)),
        log_loss=log_loss(y, p),
        normalized_entropy=normalized_entropy(y, p),
        calibration_ratio=calibration_ratio(y, p),
    )
