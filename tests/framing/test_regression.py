"""Regression in money: the exact best shift against a brute-force search (ties, weights, a
fixed cost beyond a tolerance), the error metrics against scikit-learn, the intervals' coverage."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import (
    mean_absolute_error,
    mean_absolute_percentage_error,
    root_mean_squared_error,
)

from metrics.framing.regression import (
    RegressionCosts,
    best_shift,
    row_costs,
    shift_costs,
    value_regression,
)


def brute_force_cost(residual, costs, weight, shifts):
    return np.array([row_costs(residual - s, costs, weight).sum() for s in shifts])


@pytest.mark.parametrize("seed", range(30))
def test_best_shift_is_the_brute_force_optimum_on_random_data_with_ties(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    residual = rng.integers(-6, 7, n).astype(float)  # many ties
    weight = rng.uniform(0.5, 3, n) if seed % 2 else None
    costs = RegressionCosts(
        under_cost=float(rng.integers(0, 5)),
        over_cost=float(rng.integers(1, 5)),
        miss_cost=float(rng.choice([0, 0, 4])),
        tolerance=float(rng.choice([0, 1, 2.5])),
    )
    grid = np.unique(np.concatenate([np.linspace(-10, 10, 4001), residual, residual - 1]))
    brute = brute_force_cost(residual, costs, weight, grid)
    shift = best_shift(residual, costs, weight)
    found = row_costs(residual - shift, costs, weight).sum()
    assert found == pytest.approx(brute.min(), abs=1e-9)
    # the fast curve equals the row-by-row sum everywhere
    np.testing.assert_allclose(shift_costs(residual, grid, costs, weight).cost, brute, atol=1e-9)


def test_without_a_fixed_cost_the_best_shift_is_the_weighted_quantile():
    rng = np.random.default_rng(3)
    residual = rng.normal(size=2001)
    costs = RegressionCosts(under_cost=3, over_cost=1)
    shift = best_shift(residual, costs)
    assert shift == pytest.approx(np.quantile(residual, 0.75, method="inverted_cdf"))


def test_ties_go_to_the_shift_nearest_zero():
    # two rows: any shift between them costs the same with equal costs
    assert best_shift(np.array([-1.0, 1.0]), RegressionCosts(1, 1)) == 0.0


def test_error_metrics_equal_scikit_learn():
    rng = np.random.default_rng(7)
    y = rng.gamma(2.0, 20.0, 500) + 1
    pred = y + rng.normal(0, 5, 500)
    result = value_regression(y, pred, under_cost=2, over_cost=1)
    assert result.rmse == pytest.approx(root_mean_squared_error(y, pred))
    assert result.mae == pytest.approx(mean_absolute_error(y, pred))
    assert result.mape == pytest.approx(mean_absolute_percentage_error(y, pred))


def test_mape_is_undefined_when_a_target_is_zero():
    result = value_regression([0.0, 2.0], [1.0, 2.0], under_cost=1, over_cost=1)
    assert np.isnan(result.mape)


def test_value_is_minus_the_cost_and_the_best_shift_is_never_worse():
    y = np.array([10.0, 12.0, 8.0, 15.0])
    pred = np.array([9.0, 13.0, 8.0, 11.0])
    result = value_regression(y, pred, under_cost=3, over_cost=1)
    # under by 1, 0, 0, 4 -> 3 * 5; over by 0, 1, 0, 0 -> 1
    assert result.value_at_prediction.value == -16.0
    assert result.value_at_best_shift >= result.value_at_prediction.value
    assert result.value_at_best_shift_cross_fitted.value <= result.value_at_best_shift


def test_amount_multiplies_the_unit_costs():
    result = value_regression([2.0, 2.0], [1.0, 3.0], under_cost=1, over_cost=1, amount=[5, 1])
    assert result.value_at_prediction.value == -6.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"y_true": [1.0, np.nan]},
            r"column 'target' has 1 missing or infinite value, e\.g\. nan in row 1",
        ),
        (
            {"y_pred": ["1", "x"]},
            r"column 'prediction' has 1 non-numeric value, e\.g\. 'x' in row 1",
        ),
        ({"under_cost": -1}, r"'under_cost' is -1; it must be a finite number >= 0"),
        ({"under_cost": 0, "over_cost": 0}, r"every cost is 0"),
        ({"y_pred": [1.0]}, r"inputs differ in length: 'target' has 2, 'prediction' has 1"),
    ],
)
def test_bad_input_is_named(kwargs, message):
    args = {"y_true": [1.0, 2.0], "y_pred": [1.0, 2.0], "under_cost": 1, "over_cost": 1} | kwargs
    with pytest.raises(ValueError, match=message):
        value_regression(**args)


def test_the_intervals_cover_the_expected_value_in_95_percent_of_simulations():
    """A seeded simulation: the population's expected cost per row is known by Monte Carlo on
    a large draw; the interval on 400 rows covers 400 times it in 92-98% of 1,000 draws."""
    rng = np.random.default_rng(20261207)
    costs = RegressionCosts(under_cost=3, over_cost=1)

    def draw(n):
        residual = rng.standard_t(4, n) * 5 + 1  # heavy tails
        return residual

    population = draw(2_000_000)
    truth_as_is = -row_costs(population, costs).mean() * 400
    best = best_shift(population, costs)
    truth_best = -row_costs(population - best, costs).mean() * 400
    covered_as_is = covered_best = 0
    for _ in range(1000):
        residual = draw(400)
        result = value_regression(residual, np.zeros(400), under_cost=3, over_cost=1)
        at = result.value_at_prediction
        covered_as_is += at.low <= truth_as_is <= at.high
        honest = result.value_at_best_shift_cross_fitted
        covered_best += honest.low <= truth_best <= honest.high
    assert 0.92 <= covered_as_is / 1000 <= 0.98
    assert 0.92 <= covered_best / 1000 <= 0.98
