"""Is model B worth more than model A on the same rows? Each at its own best threshold, with
a paired bootstrap interval of the difference (the rows are resampled together), and the
difference as earned: each model's threshold chosen on other rows than it is valued on (the
same stratified folds for both, since they depend on the labels only)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from metrics.core.crossfit import CrossFitted, curve_with_cross_fit
from metrics.core.value import ValueModel, class_amounts
from metrics.decide.model import Decision, decide, earned_best

EXACT_LIMIT = 200_000
"""Rows where the two models decide differently, resampled one by one up to this many; above
it the resampled total is drawn from its normal limit (same mean and variance)."""


def outcome_values(model: ValueModel, y: np.ndarray, acted: np.ndarray, amount: np.ndarray):
    """Each row's value under its outcome: ``fixed + rate x amount`` of TP, FP, FN or TN.

    Parameters
    ----------
    model : ValueModel
    y : ndarray of 0/1
    acted : ndarray of bool
    amount : ndarray

    Returns
    -------
    ndarray
    """
    cells = [model.tp, model.fp, model.fn, model.tn]
    outcome = np.select([acted & (y == 1), acted & (y == 0), ~acted & (y == 1)], [0, 1, 2], 3)
    fixed = np.array([c.fixed for c in cells])[outcome]
    rate = np.array([c.rate for c in cells])[outcome]
    return fixed + rate * amount


@dataclass(frozen=True)
class Difference:
    """B's value minus A's, with a 95% interval.

    Attributes
    ----------
    value, lower, upper : float
        Currency units over the data (or a year, when scaled by ``per_year``).
    differing_rows : int
        Rows on which the two models decide differently.
    earned : float or None
        B's cross-fitted best value minus A's, scaled as ``value`` (None when not computed).
    """

    value: float
    lower: float
    upper: float
    differing_rows: int
    earned: float | None = None


def paired_difference(
    model: ValueModel,
    y: np.ndarray,
    amount: np.ndarray,
    acted_a: np.ndarray,
    acted_b: np.ndarray,
    *,
    scale: float = 1.0,
    resamples: int = 2000,
    seed: int = 0,
) -> Difference:
    """The paired Poisson bootstrap of ``sum over rows of value(B) - value(A)``.

    Rows where both models decide alike add nothing to the difference, so only the others
    are resampled; each resample draws a Poisson(1) weight per row (the bootstrap for a
    sample of random size), the interval is the 2.5th and 97.5th percentile.

    Parameters
    ----------
    model : ValueModel
    y, amount : ndarray
    acted_a, acted_b : ndarray of bool
        Each model's decision at its operating point.
    scale : float
        Multiply every figure by this (365 / days for a year).
    resamples : int
    seed : int

    Returns
    -------
    Difference
    """
    d = outcome_values(model, y, acted_b, amount) - outcome_values(model, y, acted_a, amount)
    d = d[d != 0]
    rng = np.random.default_rng(seed)
    if len(d) > EXACT_LIMIT:
        totals = rng.normal(d.sum(), np.sqrt(np.sum(d**2)), resamples)
    else:
        totals = np.zeros(resamples)
        for block in np.array_split(d, max(1, len(d) // 20_000)):
            totals += rng.poisson(1.0, (resamples, len(block))) @ block
    lower, upper = np.percentile(totals, [2.5, 97.5])
    return Difference(float(d.sum()) * scale, lower * scale, upper * scale, len(d))


def compare_models(
    decision: Decision,
    y: np.ndarray,
    amount: np.ndarray,
    score: np.ndarray,
    other: np.ndarray,
    *,
    scale: float = 1.0,
    earned: CrossFitted | None = None,
) -> tuple[Decision, Difference]:
    """The second model's decision on the same rows and its paired difference to the first,
    each at its own best threshold; given the first's best as earned, the difference as
    earned too.

    Parameters
    ----------
    decision : Decision
        The first model's.
    y, amount : ndarray
    score, other : ndarray
        The first and the second model's scores.
    scale : float
        Multiply the difference by this (365 / days for a year).
    earned : CrossFitted, optional
        The first model's best value as earned (``earned_best``).

    Returns
    -------
    second : Decision
    difference : Difference
        Second minus first.
    """
    curve, folds = curve_with_cross_fit(y, other, amount=amount, interval=False)
    second = decide(curve, class_amounts(y, amount), decision.model)
    difference = paired_difference(
        decision.model,
        y,
        amount,
        score >= decision.best_threshold,
        other >= second.best_threshold,
        scale=scale,
    )
    if earned is not None:
        second_earned = earned_best(second, folds)
        gain = (second_earned.value - earned.value) * scale
        difference = dataclasses.replace(difference, earned=gain)
    return second, difference
