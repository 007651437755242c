"""A regression model's predictions in money: asymmetric costs of predicting under and over
the truth, the best additive shift of the predictions (exact), and the usual error metrics
beside the money.

A demand forecast that under-stocks loses the sale (``under_cost`` per unit short); one that
over-stocks pays for the waste (``over_cost`` per unit over). The least-squares prediction is
the mean; the money-best one is a quantile, so a model with lower RMSE can earn less.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.folds import N_SPLITS
from metrics.core.validation import check_non_negative
from metrics.framing.totals import Total, total


@dataclass(frozen=True)
class RegressionCosts:
    """What a prediction's error costs.

    Attributes
    ----------
    under_cost : float
        Cost of one unit the prediction falls short of the truth (currency units per unit).
    over_cost : float
        Cost of one unit the prediction exceeds the truth.
    miss_cost : float
        A fixed cost per row whose error is beyond ``tolerance`` (0: none).
    tolerance : float
        The error, in units, within which ``miss_cost`` is not paid.
    """

    under_cost: float
    over_cost: float
    miss_cost: float = 0.0
    tolerance: float = 0.0

    def __post_init__(self) -> None:
        check_non_negative(self.under_cost, "under_cost", "currency units per unit")
        check_non_negative(self.over_cost, "over_cost", "currency units per unit")
        check_non_negative(self.miss_cost, "miss_cost", "currency units per row")
        check_non_negative(self.tolerance, "tolerance", "units of the target")
        if self.under_cost + self.over_cost == 0 and self.miss_cost == 0:
            raise ValueError(
                "every cost is 0, so every prediction is worth the same; give under_cost or "
                "over_cost a positive value"
            )

    @property
    def quantile(self) -> float:
        """The quantile of the truth that minimises the linear cost: u / (u + o)."""
        spent = self.under_cost + self.over_cost
        return 0.5 if spent == 0 else self.under_cost / spent


def row_costs(
    residual: np.ndarray, costs: RegressionCosts, weight: np.ndarray | None = None
) -> np.ndarray:
    """Each row's cost of acting on its prediction.

    Parameters
    ----------
    residual : ndarray of shape (n,)
        ``y_true - y_pred``: positive when the prediction is under the truth.
    costs : RegressionCosts
    weight : ndarray of shape (n,), optional
        Per-row multiplier of the unit costs (the amount: e.g. the item's price).

    Returns
    -------
    ndarray of shape (n,)

    Notes
    -----
    ``cost_i = w_i·(u·max(r_i, 0) + o·max(-r_i, 0)) + F·[|r_i| > tolerance]``.
    """
    w = 1.0 if weight is None else weight
    linear = w * (
        costs.under_cost * np.maximum(residual, 0) + costs.over_cost * np.maximum(-residual, 0)
    )
    return linear + costs.miss_cost * (np.abs(residual) > costs.tolerance)


@dataclass(frozen=True)
class ShiftCosts:
    """The total cost of every shift in ``shifts``, from one sort of the residuals."""

    shifts: np.ndarray
    cost: np.ndarray


def shift_costs(
    residual: np.ndarray,
    shifts: np.ndarray,
    costs: RegressionCosts,
    weight: np.ndarray | None = None,
) -> ShiftCosts:
    """The total cost of predicting ``y_pred + s`` for every ``s`` in ``shifts``, exact.

    Parameters
    ----------
    residual : ndarray of shape (n,)
        ``y_true - y_pred``.
    shifts : ndarray of shape (m,)
    costs : RegressionCosts
    weight : ndarray of shape (n,), optional

    Returns
    -------
    ShiftCosts

    Notes
    -----
    With the residuals sorted once and their weighted prefix sums, the linear part at ``s`` is
    ``u·(Σ_{r>s} w·r - s·W_{r>s}) + o·(s·W_{r<s} - Σ_{r<s} w·r)`` and the fixed part is
    ``F·#{|r - s| > tolerance}``: ``O((n + m) log n)``.
    """
    order = np.argsort(residual, kind="stable")
    r = residual[order]
    w = np.ones_like(r) if weight is None else weight[order]
    cum_w = np.concatenate([[0.0], np.cumsum(w)])
    cum_wr = np.concatenate([[0.0], np.cumsum(w * r)])
    s = np.asarray(shifts, dtype=float)
    below = np.searchsorted(r, s, side="left")  # rows with r < s
    above = np.searchsorted(r, s, side="right")  # rows with r <= s
    under = (cum_wr[-1] - cum_wr[above]) - s * (cum_w[-1] - cum_w[above])
    over = s * cum_w[below] - cum_wr[below]
    cost = costs.under_cost * under + costs.over_cost * over
    if costs.miss_cost:
        inside = np.searchsorted(r, s + costs.tolerance, side="right") - np.searchsorted(
            r, s - costs.tolerance, side="left"
        )
        cost = cost + costs.miss_cost * (r.size - inside)
    return ShiftCosts(s, cost)


def best_shift(
    residual: np.ndarray, costs: RegressionCosts, weight: np.ndarray | None = None
) -> float:
    """The additive shift of the predictions that costs least, exact.

    Parameters
    ----------
    residual : ndarray of shape (n,)
        ``y_true - y_pred``.
    costs : RegressionCosts
    weight : ndarray of shape (n,), optional

    Returns
    -------
    float
        Ties go to the shift nearest 0 (the predictions as they are), then the smaller.

    Notes
    -----
    Without a fixed cost the optimum is the weighted ``u/(u+o)`` quantile of the residuals.
    The cost is piecewise linear in ``s`` with kinks at the residuals and, with a fixed cost,
    jumps at ``r_i ± tolerance`` (lower semicontinuous: a row exactly at the tolerance pays no
    fixed cost), so its minimum lies on one of those points: each is evaluated.
    """
    if not costs.miss_cost:
        return _weighted_quantile_shift(residual, costs, weight)
    candidates = np.unique(residual)
    if costs.miss_cost:
        candidates = np.unique(
            np.concatenate([candidates, candidates - costs.tolerance, candidates + costs.tolerance])
        )
    candidates = np.concatenate([[0.0], candidates])
    cost = shift_costs(residual, candidates, costs, weight).cost
    lowest = cost.min()
    tied = candidates[cost <= lowest + 1e-9 * max(1.0, abs(lowest))]
    return float(tied[np.lexsort((tied, np.abs(tied)))][0])


def _weighted_quantile_shift(
    residual: np.ndarray, costs: RegressionCosts, weight: np.ndarray | None
) -> float:
    """The linear cost's minimisers form ``[lo, hi]``: ``lo`` the first residual whose
    cumulative weight reaches ``u/(u+o)`` of the total, ``hi`` the next one when it reaches it
    exactly (the cost is flat between them); the point of it nearest 0 is returned."""
    if weight is None:
        r = np.sort(residual)
        cum = np.arange(1, r.size + 1, dtype=float)
    else:
        order = np.argsort(residual, kind="stable")
        r, cum = residual[order], np.cumsum(weight[order])
    total_weight = cum[-1]
    target = costs.quantile * total_weight
    slack = 1e-12 * max(total_weight, 1.0)
    if total_weight <= 0:
        return 0.0
    j = int(np.searchsorted(cum, target - slack))
    if target <= slack:  # no cost under the truth: any shift up to the smallest residual
        lo, hi = -np.inf, r[0]
    elif j >= r.size - 1 or target >= total_weight - slack:
        lo, hi = r[min(j, r.size - 1)], np.inf
    else:
        lo = r[j]
        hi = r[j + 1] if abs(cum[j] - target) <= slack else lo
    return float(np.clip(0.0, lo, hi))


def cross_fitted_costs(
    residual: np.ndarray,
    costs: RegressionCosts,
    weight: np.ndarray | None = None,
    *,
    n_splits: int = N_SPLITS,
    seed: int = 0,
) -> np.ndarray:
    """Each row's cost at a shift chosen on the other folds (seeded random folds).

    Parameters
    ----------
    residual : ndarray of shape (n,)
    costs : RegressionCosts
    weight : ndarray of shape (n,), optional
    n_splits : int
    seed : int

    Returns
    -------
    ndarray of shape (n,)
        Held-out per-row costs; their sum is what the shift earns on rows it was not
        chosen on.
    """
    fold = np.random.default_rng(seed).permutation(residual.size) % n_splits
    held_out = np.empty_like(residual, dtype=float)
    for k in range(n_splits):
        out = fold == k
        if not out.any():
            continue
        rest = ~out
        shift = best_shift(residual[rest], costs, None if weight is None else weight[rest])
        held_out[out] = row_costs(
            residual[out] - shift, costs, None if weight is None else weight[out]
        )
    return held_out


@dataclass(frozen=True)
class RegressionValuation:
    """A regression model's predictions in money, over the rows given.

    Attributes
    ----------
    n : int
    costs : RegressionCosts
    value_at_prediction : Total
        Minus the total cost of acting on the predictions as they are, with its 95% interval.
    best_shift : float
        The shift (in units of the target) added to every prediction that costs least.
    value_at_best_shift : float
        Minus the total cost at ``best_shift``: chosen and valued on the same rows.
    value_at_best_shift_cross_fitted : Total
        The shift chosen on 4 of 5 folds, valued on the fifth, summed: what it earns.
    per_amount : bool
        Whether the unit costs are shares of each row's amount.
    rmse, mae, mape : float
        Root mean squared, mean absolute and mean absolute percentage error (MAPE as a share;
        NaN when a target is 0).
    curve : ShiftCosts
        The total cost against the shift, for the chart.
    """

    n: int
    costs: RegressionCosts
    value_at_prediction: Total
    best_shift: float
    value_at_best_shift: float
    value_at_best_shift_cross_fitted: Total
    per_amount: bool
    rmse: float
    mae: float
    mape: float
    curve: ShiftCosts


def value_regression(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    under_cost: float,
    over_cost: float,
    miss_cost: float = 0.0,
    tolerance: float = 0.0,
    amount: np.ndarray | None = None,
) -> RegressionValuation:
    """What acting on a regression model's predictions is worth, and the best shift of them.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        The truth and the prediction, in the target's units.
    under_cost, over_cost : float
        Cost per unit under and over the truth (currency units), both >= 0.
    miss_cost : float
        Fixed cost per row whose error exceeds ``tolerance``.
    tolerance : float
    amount : array-like of shape (n,), optional
        Per-row multiplier of the unit costs (for example the item's price).

    Returns
    -------
    RegressionValuation

    Notes
    -----
    ``value = -Σ_i [w_i·(u·(y_i - ŷ_i)⁺ + o·(ŷ_i - y_i)⁺) + F·[|y_i - ŷ_i| > tol]]``; higher is
    better, 0 is the perfect forecast.
    """
    from metrics.framing.checks import regression_inputs

    truth, pred, weight = regression_inputs(y_true, y_pred, amount)
    costs = RegressionCosts(under_cost, over_cost, miss_cost, tolerance)
    residual = truth - pred
    shift = best_shift(residual, costs, weight)
    span = np.quantile(residual, [0.05, 0.95])
    grid = np.unique(np.concatenate([np.linspace(span[0], span[1], 301), [0.0, shift]]))
    error = np.abs(residual)
    with np.errstate(divide="ignore", invalid="ignore"):
        mape = float(np.mean(error / np.abs(truth))) if np.all(truth != 0) else float("nan")
    return RegressionValuation(
        n=int(residual.size),
        costs=costs,
        value_at_prediction=total(-row_costs(residual, costs, weight)),
        best_shift=shift,
        value_at_best_shift=-float(row_costs(residual - shift, costs, weight).sum()),
        value_at_best_shift_cross_fitted=total(-cross_fitted_costs(residual, costs, weight)),
        per_amount=weight is not None,
        rmse=float(np.sqrt(np.mean(residual**2))),
        mae=float(error.mean()),
        mape=mape,
        curve=shift_costs(residual, grid, costs, weight),
    )
