"""Costs are guesses: each value entry as a range. The expected best value and its spread,
the probability that the model beats the best baseline, which assumption moves the value
most (a tornado), and where each assumption makes the model worthless (break-even)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.curves import ThresholdCurve
from metrics.core.value import OutcomeValue, ValueModel

ENTRIES = (
    "TN fixed",
    "FP fixed",
    "FN fixed",
    "TP fixed",
    "TN rate",
    "FP rate",
    "FN rate",
    "TP rate",
)
CANDIDATES = 4096
"""Above this many thresholds, each draw's best point and the break-even values are searched
among this many spread by rank (with both baselines and the central best); the tornado uses
every threshold."""


def entries(model: ValueModel) -> np.ndarray:
    """The eight numbers of a value matrix, in ``ENTRIES`` order.

    Parameters
    ----------
    model : ValueModel

    Returns
    -------
    ndarray of shape (8,)
    """
    cells = (model.tn, model.fp, model.fn, model.tp)
    return np.array([c.fixed for c in cells] + [c.rate for c in cells], dtype=np.float64)


def from_entries(values: np.ndarray) -> ValueModel:
    """The value matrix of eight numbers in ``ENTRIES`` order.

    Parameters
    ----------
    values : ndarray of shape (8,)

    Returns
    -------
    ValueModel
    """
    tn, fp, fn, tp = (OutcomeValue(float(values[i]), float(values[i + 4])) for i in range(4))
    return ValueModel(tn=tn, fp=fp, fn=fn, tp=tp)


def basis(curve: ThresholdCurve) -> np.ndarray:
    """Counts and amounts of each outcome at every curve point: value = basis @ entries.

    Parameters
    ----------
    curve : ThresholdCurve

    Returns
    -------
    ndarray of shape (m + 1, 8)
    """
    fn, fn_amount = curve.positives - curve.tp, curve.positive_amount - curve.tp_amount
    tn, tn_amount = curve.negatives - curve.fp, curve.negative_amount - curve.fp_amount
    return np.column_stack(
        [tn, curve.fp, fn, curve.tp, tn_amount, curve.fp_amount, fn_amount, curve.tp_amount]
    )


@dataclass(frozen=True, eq=False)
class Uncertainty:
    """What ranges on the value entries do to the decision.

    Attributes
    ----------
    expected, spread : float
        Mean and standard deviation of the best value over the draws.
    beats_baselines : float
        Share of draws in which the model's best point is worth more than both baselines.
    swings : list of (str, float, float)
        Per uncertain entry: name, best value at its low end and at its high end (the others
        at their central values), largest swing first.
    break_even : dict of str to tuple
        Per uncertain entry: the nearest values below and above its central value where the
        model stops beating both baselines (None where it never does).
    """

    expected: float
    spread: float
    beats_baselines: float
    swings: list[tuple[str, float, float]]
    break_even: dict[str, tuple[float | None, float | None]]


def uncertain_value(
    b: np.ndarray,
    central: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    *,
    draws: int = 2000,
    seed: int = 0,
) -> Uncertainty:
    """Monte Carlo over uniform draws of each entry in [low, high], plus the one-at-a-time
    tornado and break-even values.

    Parameters
    ----------
    b : ndarray of shape (m + 1, 8)
        ``basis(curve)``, computed once per data.
    central, low, high : ndarray of shape (8,)
        Entries in ``ENTRIES`` order; an entry with ``low == high`` is certain.
    draws : int
    seed : int

    Returns
    -------
    Uncertainty
    """
    rng = np.random.default_rng(seed)
    sampled = low[:, None] + (high - low)[:, None] * rng.random((8, draws))
    points = _candidates(len(b), int(np.argmax(b @ central)))
    few = b[points]
    values = few @ sampled
    best = values.max(axis=0)
    baseline = np.maximum(b[0] @ sampled, b[-1] @ sampled)
    swings, break_even = [], {}
    for k in np.flatnonzero(high > low):
        ends = []
        for end in (low[k], high[k]):
            moved = central.copy()
            moved[k] = end
            ends.append(float((b @ moved).max()))
        swings.append((ENTRIES[k], ends[0], ends[1]))
        break_even[ENTRIES[k]] = (
            _break_even(few, central, k, -1.0),
            _break_even(few, central, k, 1.0),
        )
    swings.sort(key=lambda s: -abs(s[2] - s[1]))
    return Uncertainty(
        float(best.mean()),
        float(best.std()),
        float(np.mean(best > baseline + 1e-9)),
        swings,
        break_even,
    )


def _candidates(m: int, central_best: int) -> np.ndarray:
    """Every point, or CANDIDATES of them by rank: the first and last (the baselines) and the
    central best always among them, in curve order."""
    if m <= CANDIDATES:
        return np.arange(m)
    spread = np.unique(np.linspace(0, m - 1, CANDIDATES).astype(np.int64))
    return np.union1d(spread, [central_best])


def _gain(b: np.ndarray, entries_: np.ndarray) -> float:
    """How much the model's best point beats the better baseline (0 when it does not)."""
    value = b @ entries_
    return float(value.max() - max(value[0], value[-1]))


def _break_even(b: np.ndarray, central: np.ndarray, k: int, direction: float) -> float | None:
    """Moving entry k from its central value in ``direction``: the first value where the
    model no longer beats both baselines (bisection; None within a million times its scale)."""
    if _gain(b, central) <= 1e-9:
        return float(central[k])
    scale = max(abs(central[k]), 1.0)
    near, far = 0.0, scale
    while True:
        moved = central.copy()
        moved[k] = central[k] + direction * far
        if _gain(b, moved) <= 1e-9:
            break
        near, far = far, far * 2
        if far > 1e6 * scale:
            return None
    for _ in range(60):
        mid = (near + far) / 2
        moved = central.copy()
        moved[k] = central[k] + direction * mid
        near, far = (mid, far) if _gain(b, moved) > 1e-9 else (near, mid)
    return float(central[k] + direction * far)
