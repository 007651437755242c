"""Retraining schedules on a daily log, and the value each one earns (no training here).

Days are integers counted from the log's first day. A model trained on day ``t`` has seen
only what the team knew before ``t`` (see ``training_rows``); day ``d`` is scored by the
model of the latest retrain on or before ``d``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEVER = 0
"""The cadence that never retrains: the launch model scores every day."""


def training_rows(
    day: np.ndarray, train_day: int, *, window: int, gap: int, launch: int
) -> np.ndarray:
    """Rows a model trained on ``train_day`` learns from: the ``window`` days ending ``gap``
    days before it (younger rows have too few labels yet), and never after ``launch`` before
    the first retrain can see past it: the window ends at ``max(train_day - gap, launch)``,
    which is never after the training day.

    Parameters
    ----------
    day : ndarray of int, shape (n,)
        Each row's day.
    train_day : int
        The day the model is trained (at or after ``launch``).
    window : int
        Days of rows in the training set.
    gap : int
        Days left out before the training day.
    launch : int
        The first day after the fully labelled validation period.

    Returns
    -------
    ndarray of bool, shape (n,)
        Rows in the training window.
    """
    end = max(train_day - gap, launch)
    return (day >= end - window) & (day < end)


def known_label(
    y: np.ndarray, day: np.ndarray, label_day: np.ndarray, train_day: int, launch: int
) -> np.ndarray:
    """The label as the team saw it on ``train_day``: a fraud whose chargeback had not arrived
    yet looks like a good sale; labels of the validation period (before ``launch``) are known.

    Parameters
    ----------
    y : ndarray of {0, 1}, shape (n,)
    day : ndarray of int, shape (n,)
    label_day : ndarray of int, shape (n,)
    train_day : int
    launch : int

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    return (y == 1) & ((label_day < train_day) | (day < launch))


def model_of_day(days: np.ndarray, first: int, cadence: int) -> np.ndarray:
    """The training day of the model that scores each day: retrains on ``first``,
    ``first + cadence``, ...; ``NEVER`` keeps the model trained on ``first``.

    Parameters
    ----------
    days : ndarray of int
        Days scored, each >= ``first``.
    first : int
        The launch day (first model).
    cadence : int
        Days between retrains, or ``NEVER``.

    Returns
    -------
    ndarray of int
    """
    days = np.asarray(days)
    if cadence == NEVER:
        return np.full(days.shape, first)
    return first + (days - first) // cadence * cadence


@dataclass(frozen=True)
class CadenceValue:
    """One cadence over the scored days.

    Attributes
    ----------
    cadence : int
        Days between retrains (``NEVER``: no retrain).
    daily : ndarray of shape (days,)
        Net savings each day (USD).
    retrains : int
        Retrains in the scored days, the launch model not counted.
    """

    cadence: int
    daily: np.ndarray
    retrains: int

    @property
    def total(self) -> float:
        """Cumulative value over the scored days (USD)."""
        return float(self.daily.sum())


def cadence_value(matrix: np.ndarray, first: int, cadence: int) -> CadenceValue:
    """Daily value of a cadence from the value of every (training day, scored day) pair.

    Parameters
    ----------
    matrix : ndarray of shape (days, days)
        ``matrix[i, j]``: value on scored day ``first + j`` of the model trained on day
        ``first + i`` (NaN where ``i > j``).
    first : int
        The first scored day, also the launch model's training day.
    cadence : int

    Returns
    -------
    CadenceValue
    """
    n = matrix.shape[1]
    days = first + np.arange(n)
    trained = model_of_day(days, first, cadence) - first
    retrains = 0 if cadence == NEVER else len(np.unique(trained)) - 1
    return CadenceValue(cadence, matrix[trained, np.arange(n)], retrains)


def value_by_age(matrix: np.ndarray, max_age: int) -> np.ndarray:
    """Mean daily value of a model ``a`` days after training, minus the value of a model
    trained that same day, for a = 0 to ``max_age``: the cost of staleness per day (USD,
    negative when old models earn less).

    Parameters
    ----------
    matrix : ndarray of shape (days, days)
        As in ``cadence_value``.
    max_age : int
        The oldest age valued.

    Returns
    -------
    ndarray of shape (max_age + 1,)
    """
    n = matrix.shape[1]
    fresh = np.diag(matrix)
    out = np.full(max_age + 1, np.nan)
    for age in range(min(max_age, n - 1) + 1):
        j = np.arange(age, n)
        out[age] = np.nanmean(matrix[j - age, j] - fresh[j])
    return out
