import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.core.curves import threshold_curve
from metrics.core.value import (
    OutcomeValue,
    ValueModel,
    best_thresholds,
    class_amounts,
    perfect_value,
    value_curve,
)
from metrics.fraud.model import FraudCosts

FRAUD = FraudCosts(review_cost=5, chargeback_fee=15, decline_cost_rate=0.10).value_model()


def naive_net_savings(y, s, a, t, review=5.0, fee=15.0, rate=0.10):
    """The issue's formula, row by row."""
    flagged = s >= t
    fraud, legit = flagged & (y == 1), flagged & (y == 0)
    return (a[fraud] + fee).sum() - review * flagged.sum() - rate * a[legit].sum()


def test_value_curve_matches_the_formula_row_by_row(tied_data):
    y, s, a = tied_data["y_true"], tied_data["y_score"], tied_data["amount"]
    curve = threshold_curve(y, s, amount=a)
    values = value_curve(curve, FRAUD)
    for t in np.unique(s):
        assert values[curve.index(t)] == pytest.approx(naive_net_savings(y, s, a, t))


def test_hand_computed_fraud_value():
    y = np.array([1, 0, 1, 0])
    s = np.array([0.9, 0.8, 0.4, 0.1])
    a = np.array([200.0, 50.0, 30.0, 1000.0])
    with np.errstate(all="raise"):
        curve = threshold_curve(y, s, amount=a)
        values = value_curve(curve, FRAUD)
    # flag 0.9: 200 + 15 - 5 = 210
    # flag 0.8 too: 210 - 5 - 5 (10% of 50) = 200
    # flag 0.4 too: 200 + 30 + 15 - 5 = 240
    # flag 0.1 too: 240 - 5 - 100 = 135
    np.testing.assert_allclose(values, [0, 210, 200, 240, 135])
    assert perfect_value(class_amounts(y, a), FRAUD) == pytest.approx(200 + 30 + 2 * 15 - 2 * 5)
    best = best_thresholds(curve, FRAUD)
    assert best.savings.threshold == 0.4 and best.savings.value == pytest.approx(240)
    assert best.f1.threshold == 0.4  # tp=2, fp=1: F1 = 0.8
    assert best.accuracy.threshold == 0.9  # 3 of 4 right; ties go to the higher threshold
    assert best.savings_within_capacity is None


def test_capacity_limits_the_best_threshold():
    y = np.array([1, 0, 1, 0])
    s = np.array([0.9, 0.8, 0.4, 0.1])
    a = np.array([200.0, 50.0, 30.0, 1000.0])
    curve = threshold_curve(y, s, amount=a)
    # 2 days, 1 alert a day: at most 2 flags.
    best = best_thresholds(curve, FRAUD, days=2, capacity_per_day=1)
    assert best.savings_within_capacity.threshold == 0.9
    assert best_thresholds(
        curve, FRAUD, days=2, capacity_per_day=0
    ).savings_within_capacity.flags_nothing


def test_baseline_cells_shift_nothing_relative_to_flagging_nothing():
    curve = threshold_curve([1, 0], [0.9, 0.2], amount=[10.0, 10.0])
    shifted = ValueModel(
        tn=OutcomeValue(fixed=3.0),
        fp=OutcomeValue(fixed=3.0),
        fn=OutcomeValue(rate=-1.0),
        tp=OutcomeValue(rate=-1.0),
    )
    np.testing.assert_allclose(value_curve(curve, shifted), 0.0)


rows = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.sampled_from([0.0, 0.2, 0.5, 0.5, 0.9, 1.0]),
        st.floats(0, 5e3, allow_nan=False),
    ),
    min_size=1,
    max_size=30,
)
costs = st.builds(
    FraudCosts,
    review_cost=st.floats(0, 100),
    chargeback_fee=st.floats(0, 40),
    decline_cost_rate=st.floats(0, 0.5),
)
outcome = st.builds(OutcomeValue, fixed=st.floats(-50, 50), rate=st.floats(-2, 2))
value_models = st.builds(ValueModel, tn=outcome, fp=outcome, fn=outcome, tp=outcome)


@given(rows, costs)
def test_flag_nothing_is_zero_and_perfect_model_is_the_upper_bound(data, fraud_costs):
    y, s, a = map(np.array, zip(*data, strict=True))
    curve = threshold_curve(y, s, amount=a)
    model = fraud_costs.value_model()
    values = value_curve(curve, model)
    assert values[0] == 0.0
    assert values.max() <= perfect_value(class_amounts(y, a), model) + 1e-6 * (1 + a.sum())
    best = best_thresholds(curve, model)
    assert best.savings.value == pytest.approx(values.max())


def _perfect_by_row(y, a, model):
    """The perfect decision row by row: flag a row when that is worth more than not."""
    total = 0.0
    for label, amount in zip(y, a, strict=True):
        if label == 1:
            flag = model.tp.fixed + model.tp.rate * amount
            keep = model.fn.fixed + model.fn.rate * amount
        else:
            flag = model.fp.fixed + model.fp.rate * amount
            keep = model.tn.fixed + model.tn.rate * amount
        total += max(flag - keep, 0.0)
    return total


@given(rows, value_models)
def test_perfect_value_is_the_row_by_row_best_and_no_threshold_beats_it(data, model):
    y, s, a = map(np.array, zip(*data, strict=True))
    perfect = perfect_value(class_amounts(y, a), model)
    tolerance = 1e-9 * (1 + np.abs(a).sum() * 2 + 50 * len(a))
    assert perfect == pytest.approx(_perfect_by_row(y, a, model), abs=tolerance)
    assert value_curve(threshold_curve(y, s, amount=a), model).max() <= perfect + tolerance


def test_a_fraud_cheaper_than_its_review_is_not_worth_flagging():
    """Review 20, fee 15: a $3 fraud loses $2 when caught, so the perfect model leaves it."""
    y, s, a = np.array([1, 1]), np.array([0.9, 0.8]), np.array([3.0, 100.0])
    model = FraudCosts(review_cost=20, chargeback_fee=15).value_model()
    with np.errstate(all="raise"):
        perfect = perfect_value(class_amounts(y, a), model)
        best = value_curve(threshold_curve(y, s, amount=a), model).max()
    assert perfect == pytest.approx(100 + 15 - 20)
    assert best <= perfect
