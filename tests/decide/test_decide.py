"""Every optimum against a loop over all distinct scores, on random data with ties and
per-row amounts."""

import numpy as np
import pytest

from metrics.core.curves import threshold_curve
from metrics.core.value import class_amounts
from metrics.decide.model import (
    Constraints,
    constrained_best,
    decide,
    net_benefit,
    top_shares,
    treat_all_net_benefit,
    value_matrix,
)
from metrics.decide.three_way import three_way


def case(seed: int, n: int = 400):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < rng.uniform(0.05, 0.5)).astype(int)
    score = np.clip(np.round(rng.beta(2, 5, n) + 0.3 * y * rng.random(n), 2), 0, 1)
    amount = np.round(rng.lognormal(3.0, 1.0, n), 2)
    fixed = tuple(np.round(rng.uniform(-50, 50, 4), 1))
    rates = tuple(np.round(rng.uniform(-1, 1, 4), 2) * (rng.random(4) < 0.5))
    return y, score, amount, value_matrix(fixed, rates)


def row_value(model, y, acted, amount):
    """The value of each row, outcome by outcome, from the definition."""
    outcome = np.select(
        [acted & (y == 1), acted & (y == 0), ~acted & (y == 1)],
        [0, 1, 2],
        3,
    )
    cells = [model.tp, model.fp, model.fn, model.tn]
    fixed = np.array([c.fixed for c in cells])[outcome]
    rate = np.array([c.rate for c in cells])[outcome]
    return fixed + rate * amount


def brute(y, score, amount, model):
    thresholds = np.r_[np.inf, np.unique(score)[::-1]]
    values = np.array([row_value(model, y, score >= t, amount).sum() for t in thresholds])
    return thresholds, values


def made(y, score, amount, model):
    curve = threshold_curve(y, score, amount=amount)
    return decide(curve, class_amounts(y, amount), model)


@pytest.mark.parametrize("seed", range(30))
def test_the_value_curve_baselines_and_best_point_equal_a_loop(seed):
    y, score, amount, model = case(seed)
    decision = made(y, score, amount, model)
    thresholds, values = brute(y, score, amount, model)
    np.testing.assert_allclose(decision.value, values, rtol=1e-9, atol=1e-6)
    np.testing.assert_array_equal(decision.curve.thresholds, thresholds)
    assert decision.best == int(np.argmax(values))  # ties: the higher threshold
    assert decision.none == pytest.approx(values[0])
    assert decision.everyone == pytest.approx(row_value(model, y, score >= -1, amount).sum())
    per_row_best = np.maximum(
        row_value(model, y, np.ones(len(y), bool), amount),
        row_value(model, y, np.zeros(len(y), bool), amount),
    ).sum()
    assert decision.perfect == pytest.approx(per_row_best)
    assert decision.perfect >= decision.value.max() - 1e-6


@pytest.mark.parametrize("seed", range(30))
def test_the_constrained_best_equals_a_loop_and_says_when_nothing_meets_it(seed):
    y, score, amount, model = case(seed)
    decision = made(y, score, amount, model)
    thresholds, values = brute(y, score, amount, model)
    limits = Constraints(min_precision=0.3, min_recall=0.4, max_flag_rate=0.6)
    ok = []
    for t in thresholds:
        acted = score >= t
        tp, flagged = (acted & (y == 1)).sum(), acted.sum()
        precise = flagged == 0 or tp / flagged >= 0.3
        ok.append(precise and tp >= 0.4 * y.sum() and flagged <= 0.6 * len(y))
    ok = np.array(ok)
    got = constrained_best(decision, limits)
    if not ok.any():
        assert got is None
    else:
        assert got == int(np.argmax(np.where(ok, values, -np.inf)))
    assert constrained_best(decision, Constraints(min_recall=1.0, max_flag_rate=0.0)) is None


def test_net_benefit_follows_its_formula():
    y, score, _, _ = case(3)
    curve = threshold_curve(y, score)
    for pt in (0.05, 0.1, 0.2, 0.35, 0.5):
        acted = score >= pt
        tp, fp = (acted & (y == 1)).sum(), (acted & (y == 0)).sum()
        expected = tp / len(y) - fp / len(y) * pt / (1 - pt)
        assert net_benefit(curve, np.array([pt]))[0] == pytest.approx(expected)
        prevalence = y.mean()
        everyone = prevalence - (1 - prevalence) * pt / (1 - pt)
        assert treat_all_net_benefit(curve, np.array([pt]))[0] == pytest.approx(everyone)


def test_top_shares_act_on_the_highest_scores_with_ties_kept_whole():
    y, score, amount, model = case(4)
    decision = made(y, score, amount, model)
    for top in top_shares(decision):
        t = decision.curve.thresholds[top.point]
        acted = score >= t
        assert acted.sum() == top.acted >= top.share * len(y) - 1e-9
        above = decision.curve.thresholds[top.point - 1] if top.point else np.inf
        assert (score >= above).sum() < top.share * len(y) or top.point == 0
        assert top.gain == pytest.approx((acted & (y == 1)).sum() / y.sum())
        assert top.lift == pytest.approx(((acted & (y == 1)).sum() / acted.sum()) / y.mean())


def three_way_brute(y, score, amount, model, cost, capacity=None):
    thresholds = np.r_[np.inf, np.unique(score)[::-1]]
    best = (-np.inf, None)
    for i, high in enumerate(thresholds):
        for j in range(i, len(thresholds)):
            low = thresholds[j]
            band = (score >= low) & (score < high)
            if capacity is not None and band.sum() > capacity:
                continue
            acted = (score >= high) | (band & (y == 1))
            value = row_value(model, y, acted, amount).sum() - cost * band.sum()
            if value > best[0] + 1e-9:
                best = (value, (i, j))
    return best


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("capacity", [None, 25])
def test_the_three_way_optimum_equals_a_loop_over_every_pair(seed, capacity):
    y, score, amount, model = case(seed, n=150)
    decision = made(y, score, amount, model)
    got = three_way(decision, 3.0, capacity=capacity)
    value, (high, low) = three_way_brute(y, score, amount, model, 3.0, capacity)
    assert got.value == pytest.approx(value, rel=1e-9, abs=1e-6)
    assert (got.high, got.low) == (high, low)
    assert got.gain == pytest.approx(value - decision.best_value)
    assert got.gain >= -1e-9  # no band at all is one of the pairs
