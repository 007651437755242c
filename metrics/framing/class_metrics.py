"""The ML metrics of a multiclass model, beside its money: macro-F1, log loss and each
class's calibration (each equal to scikit-learn's, tested)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from metrics.framing.multiclass import MulticlassValuation

LOG_LOSS_EPS = np.finfo(float).eps


def macro_f1(y: np.ndarray, predicted: np.ndarray, k: int) -> float:
    """Unweighted mean over the ``k`` classes of each class's F1 (0 where undefined).

    Parameters
    ----------
    y : np.ndarray
    predicted : np.ndarray
    k : int

    Returns
    -------
    float
    """
    cells = np.bincount(y * k + predicted, minlength=k * k).reshape(k, k)
    tp = np.diag(cells).astype(float)
    denominator = cells.sum(axis=0) + cells.sum(axis=1)
    f1 = np.divide(2 * tp, denominator, out=np.zeros(k), where=denominator > 0)
    return float(f1.mean())


def log_loss(y: np.ndarray, proba: np.ndarray) -> float:
    """Mean of ``-log p(true class)``, probabilities clipped to [eps, 1 - eps].

    Parameters
    ----------
    y : np.ndarray
    proba : np.ndarray

    Returns
    -------
    float
    """
    picked = np.clip(proba[np.arange(len(y)), y], LOG_LOSS_EPS, 1 - LOG_LOSS_EPS)
    return float(-np.mean(np.log(picked)))


@dataclass(frozen=True)
class Calibration:
    """Mean predicted probability against the observed share, per class and bin."""

    cls: str
    predicted: np.ndarray
    observed: np.ndarray
    rows: np.ndarray


def calibration_per_class(
    valuation: MulticlassValuation, y_proba: np.ndarray, *, bins: int = 10
) -> list[Calibration]:
    """Each class's reliability curve on equal-width bins (empty bins left out), as
    scikit-learn's ``calibration_curve(strategy="uniform")`` for that class against the rest.

    Parameters
    ----------
    valuation : MulticlassValuation
    y_proba : np.ndarray
    bins : int

    Returns
    -------
    list[Calibration]
    """
    proba = np.asarray(y_proba, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = []
    for k, name in enumerate(valuation.matrix.classes):
        p = proba[:, k]
        hit = (valuation.y == k).astype(float)
        which = np.searchsorted(edges[1:-1], p)
        rows = np.bincount(which, minlength=bins)
        sum_p = np.bincount(which, weights=p, minlength=bins)
        sum_hit = np.bincount(which, weights=hit, minlength=bins)
        kept = rows > 0
        out.append(
            Calibration(name, sum_p[kept] / rows[kept], sum_hit[kept] / rows[kept], rows[kept])
        )
    return out
