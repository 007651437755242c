"""The adaptation study's computations, run once by ``sample_data/make_adapt.py``: every
(training day, scored day) value of daily-retrained models, and the mind-versus-data grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from metrics.adapt.results import MAX_AGE, GridCell
from metrics.adapt.schedule import known_label, training_rows
from metrics.adapt.train import day_values, feature_matrix, fit, flip_labels

WINDOW, GAP = 61, 30
"""A model learns from 61 days of transactions ending 30 days before it is trained (younger
ones have almost no chargebacks yet), each labelled as the team knew it that day."""


@dataclass(frozen=True, eq=False)
class DailyLog:
    """The monitoring log as the study uses it: features, labels, amounts, days."""

    x: np.ndarray
    y: np.ndarray
    amount: np.ndarray
    day: np.ndarray
    label_day: np.ndarray


def daily_log(frame: pd.DataFrame) -> DailyLog:
    """Days counted from the log's first day; the label's arrival day likewise.

    Parameters
    ----------
    frame : DataFrame
        The monitoring sample's columns.

    Returns
    -------
    DailyLog
    """
    stamp = pd.to_datetime(frame["timestamp"])
    start = stamp.min().normalize()
    day = ((stamp - start).dt.days).to_numpy()
    label_day = ((pd.to_datetime(frame["label_date"]) - start).dt.days).to_numpy()
    return DailyLog(
        feature_matrix(frame),
        frame["is_fraud"].to_numpy(int),
        frame["amount"].to_numpy(float),
        day,
        label_day,
    )


def value_matrix(log: DailyLog, first: int, last: int, *, noise: float, seed: int) -> np.ndarray:
    """Value on each day ``first..last`` of the model trained on each of those days.

    Parameters
    ----------
    log : DailyLog
    first, last : int
        The scored days (inclusive); models are trained on the same days.
    noise : float
        Share of training labels flipped.
    seed : int

    Returns
    -------
    ndarray of shape (days, days)
        ``[i, j]``: value on day ``first + j`` of the model trained on day ``first + i``;
        NaN where ``i > j`` and, but for the launch model (``i = 0``), where the model would
        be more than ``MAX_AGE`` days old.
    """
    n = last - first + 1
    out = np.full((n, n), np.nan)
    scored = (log.day >= first) & (log.day <= last)
    for i in range(n):
        t = first + i
        rows = training_rows(log.day, t, window=WINDOW, gap=GAP, launch=first)
        seen = known_label(log.y[rows], log.day[rows], log.label_day[rows], t, first)
        y = flip_labels(seen, noise, seed + i)
        model = fit(log.x[rows], y)
        end = n if i == 0 else min(n, i + MAX_AGE + 1)
        later = scored & (log.day >= t) & (log.day < first + end)
        p = model.predict_proba(log.x[later])[:, 1]
        values = day_values(p, log.y[later], log.amount[later], log.day[later] - first, n)
        out[i, i:end] = values[i:end]
    return out


def data_grid(
    log: DailyLog,
    *,
    fresh: tuple[int, int],
    stale: tuple[int, int],
    test: tuple[int, int],
    sizes: tuple[int, ...],
    noises: tuple[float, ...],
    stale_shares: tuple[float, ...],
    seed: int,
) -> list[GridCell]:
    """Models trained on ``size`` rows with a share of labels flipped (fresh rows only) or a
    share of rows from an older period (clean labels), valued on the test days.

    Parameters
    ----------
    log : DailyLog
    fresh, stale, test : tuple of int
        Day ranges (inclusive): recent rows, older rows, the days valued.
    sizes : tuple of int
        Training-set sizes.
    noises : tuple of float
        Shares of labels flipped.
    stale_shares : tuple of float
        Shares of training rows from the older period.
    seed : int

    Returns
    -------
    list of GridCell
    """
    rng = np.random.default_rng(seed)
    pools = {
        k: np.flatnonzero((log.day >= a) & (log.day <= b))
        for k, (a, b) in {"fresh": fresh, "stale": stale}.items()
    }
    order = {k: rng.permutation(v) for k, v in pools.items()}
    test_rows = (log.day >= test[0]) & (log.day <= test[1])
    days = test[1] - test[0] + 1
    cells = []
    plan = [(n, q, 0.0) for n in sizes for q in noises]
    plan += [(n, 0.0, s) for n in sizes for s in stale_shares if s > 0]
    for k, (n, noise, share) in enumerate(plan):
        n_stale = round(n * share)
        rows = np.r_[order["fresh"][: n - n_stale], order["stale"][:n_stale]]
        model = fit(log.x[rows], flip_labels(log.y[rows], noise, seed + k))
        p = model.predict_proba(log.x[test_rows])[:, 1]
        y = log.y[test_rows]
        value = day_values(p, y, log.amount[test_rows], np.zeros(len(y), int), 1)[0]
        auc = float(roc_auc_score(y, p))
        cells.append(GridCell(n, noise, share, float(value) * 365 / days, auc))
    return cells
