"""What-if models: predictions moved in log-odds space toward the truth or toward noise."""

from __future__ import annotations

import numpy as np


def logit(p: np.ndarray, *, eps: float) -> np.ndarray:
    """log(p / (1 - p)) with p clipped to [eps, 1 - eps].

    Parameters
    ----------
    p : ndarray
        Probabilities.
    eps : float
        Probabilities are clipped to [eps, 1 - eps] before the logit.

    Returns
    -------
    ndarray
        Log-odds.
    """
    p = np.clip(p, eps, 1 - eps)
    return np.log(p) - np.log1p(-p)


def move_log_odds(
    score: np.ndarray, k: float, *, truth: np.ndarray, eps: float, seed: int = 0
) -> np.ndarray:
    """``logit(s') = (1 - |k|) logit(s) + |k| target``.

    For k > 0 the target is ``logit(truth)``; for k < 0 it is seeded Gaussian noise with the
    scores' own mean and spread in log-odds, so k = -1 carries no information (AUC 0.5).
    k = 0 returns the scores unchanged.

    Parameters
    ----------
    score : ndarray of shape (n,)
        Predicted probabilities to move.
    k : float
        In [-1, 1]: 1 reaches ``truth``, 0 changes nothing, -1 is pure noise.
    truth : ndarray of shape (n,)
        Probabilities a better model moves toward.
    eps : float
        Probabilities are clipped to [eps, 1 - eps] before the logit.
    seed : int
        Seed of ``np.random.default_rng``.

    Returns
    -------
    ndarray of shape (n,)
        The moved probabilities (``score`` itself when k is 0).
    """
    if k == 0:
        return score
    z = logit(score, eps=eps)
    if k > 0:
        target = logit(truth, eps=eps)
    else:
        target = z.mean() + z.std() * np.random.default_rng(seed).standard_normal(len(z))
    m = abs(k)
    return 1 / (1 + np.exp(-((1 - m) * z + m * target)))
