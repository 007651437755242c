"""Ranges on costs, segments and the paired comparison, against direct computations."""

import numpy as np
import pytest

from metrics.core.curves import threshold_curve
from metrics.core.value import class_amounts
from metrics.decide.compare import paired_difference
from metrics.decide.model import decide, value_matrix
from metrics.decide.segments import TARGETS, by_segment, segment_curves
from metrics.decide.uncertain import basis, entries, from_entries, uncertain_value


def data(seed: int, n: int = 600):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.2).astype(int)
    score = np.clip(np.round(rng.beta(2, 5, n) + 0.35 * y * rng.random(n), 2), 0, 1)
    amount = np.round(rng.lognormal(3.0, 1.0, n), 2)
    return y, score, amount


def best_of(y, score, amount, model):
    curve = threshold_curve(y, score, amount=amount)
    return decide(curve, class_amounts(y, amount), model)


MODEL = value_matrix((0.0, -5.0, -40.0, 30.0), (0.0, -0.05, -1.0, 0.0))


def test_certain_costs_give_the_exact_best_and_ranges_move_it_as_one_at_a_time_values_say():
    y, score, amount = data(0)
    decision = best_of(y, score, amount, MODEL)
    central = entries(MODEL)
    exact = uncertain_value(basis(decision.curve), central, central, central, draws=50)
    assert exact.expected == pytest.approx(decision.best_value)
    assert exact.spread == pytest.approx(0.0, abs=1e-9)
    low, high = central.copy(), central.copy()
    low[1], high[1] = -20.0, 0.0  # FP fixed
    low[2], high[2] = -60.0, -10.0  # FN fixed
    ranged = uncertain_value(basis(decision.curve), central, low, high, draws=400)
    names = [s[0] for s in ranged.swings]
    assert set(names) == {"FP fixed", "FN fixed"}
    for name, at_low, at_high in ranged.swings:
        k = ["TN fixed", "FP fixed", "FN fixed", "TP fixed"].index(name)
        for end, got in ((low[k], at_low), (high[k], at_high)):
            moved = central.copy()
            moved[k] = end
            assert got == pytest.approx(best_of(y, score, amount, from_entries(moved)).best_value)
    assert 0.0 <= ranged.beats_baselines <= 1.0 and ranged.spread > 0


def test_break_even_is_where_the_model_stops_beating_both_baselines():
    y, score, amount = data(1)
    decision = best_of(y, score, amount, MODEL)
    central = entries(MODEL)
    low, high = central.copy(), central.copy()
    low[3], high[3] = 0.0, 60.0  # TP fixed
    result = uncertain_value(basis(decision.curve), central, low, high, draws=20)
    below, _ = result.break_even["TP fixed"]
    assert below is not None and below < central[3]

    def gain(tp_fixed: float) -> float:
        moved = central.copy()
        moved[3] = tp_fixed
        d = best_of(y, score, amount, from_entries(moved))
        return d.best_value - max(d.none, d.everyone)

    assert gain(below) == pytest.approx(0.0, abs=1e-6)
    assert gain(below + 0.5) > 0


def test_segments_each_take_their_own_best_and_fairness_has_a_price():
    y, score, amount = data(2, n=900)
    segment = np.array(["north", "south", "west"])[np.arange(len(y)) % 3]
    score = np.where(segment == "west", np.clip(score * 0.6, 0, 1), score)  # a shifted segment
    overall = best_of(y, score, amount, MODEL)
    result = by_segment(segment_curves(y, score, amount, segment), MODEL, overall)
    assert result.names == ["north", "south", "west"]
    for name, decision in zip(result.names, result.decisions, strict=True):
        rows = segment == name
        assert decision.best_value == pytest.approx(
            best_of(y[rows], score[rows], amount[rows], MODEL).best_value
        )
    assert result.at_overall.sum() == pytest.approx(overall.best_value)
    assert result.gain >= -1e-9
    assert result.price_of_equal_recall >= -1e-9 and result.price_of_equal_flag_rate >= -1e-9
    totals = []
    for target in TARGETS:
        total = 0.0
        for name in result.names:
            rows = segment == name
            ts = np.r_[np.inf, np.unique(score[rows])[::-1]]
            d = best_of(y[rows], score[rows], amount[rows], MODEL)
            recall = [((score[rows] >= t) & (y[rows] == 1)).sum() / y[rows].sum() for t in ts]
            point = next((i for i, r in enumerate(recall) if r >= target - 1e-9), len(ts) - 1)
            total += d.value[point]
        totals.append(total)
    assert result.equal_recall_value == pytest.approx(max(totals))


def test_the_paired_interval_covers_the_true_difference_about_95_percent_of_the_time():
    rng = np.random.default_rng(7)
    model = value_matrix((0.0, -5.0, -40.0, 30.0))
    n, covered, sims = 3000, 0, 200
    for sim in range(sims):
        y = (rng.random(n) < 0.2).astype(int)
        a = rng.random(n) < np.where(y == 1, 0.6, 0.10)  # model A acts on 60% of positives
        b = rng.random(n) < np.where(y == 1, 0.7, 0.12)
        # the expected difference per row: 0.2 x 0.1 x (30 + 40) - 0.8 x 0.02 x 5
        truth = n * (0.2 * 0.1 * 70 - 0.8 * 0.02 * 5)
        diff = paired_difference(model, y, np.zeros(n), a, b, resamples=500, seed=sim)
        covered += diff.lower <= truth <= diff.upper
    assert 0.90 <= covered / sims <= 0.99


@pytest.mark.parametrize("sizes", [(300, 300, 300), (600, 40, 7)])
def test_the_per_segment_gain_as_earned_chooses_each_segment_s_threshold_on_other_rows(
    sizes, brute_cross_fit
):
    from metrics.core.crossfit import curve_with_cross_fit
    from metrics.core.folds import stratified_folds
    from metrics.decide.model import earned_best

    y, score, amount = data(5, n=sum(sizes))
    segment = np.repeat(["north", "south", "west"], sizes)
    score = np.where(segment == "west", np.clip(score * 0.6, 0, 1), score)
    curve, inputs = curve_with_cross_fit(y, score, amount=amount, interval=False)
    overall = decide(curve, class_amounts(y, amount), MODEL)
    honest = earned_best(overall, inputs)
    result = by_segment(segment_curves(y, score, amount, segment), MODEL, overall, honest)
    per_segment = 0.0
    for name in ("north", "south", "west"):
        rows = segment == name
        fold = stratified_folds(y[rows])
        weights = np.ones(rows.sum())
        per_segment += brute_cross_fit(y[rows], score[rows], amount[rows], weights, fold, MODEL, 5)
    assert result.gain_earned == pytest.approx(per_segment - honest.value, abs=1e-6)
    assert result.gain_earned < result.gain  # in-sample runs high here
    assert by_segment(segment_curves(y, score, amount, segment), MODEL, overall).gain_earned is None


@pytest.mark.parametrize("seed", [3, 4])
def test_the_comparison_as_earned_chooses_each_model_s_threshold_on_other_rows(
    seed, brute_cross_fit
):
    from metrics.core.crossfit import curve_with_cross_fit
    from metrics.core.folds import stratified_folds
    from metrics.decide.compare import compare_models
    from metrics.decide.model import earned_best

    y, score, amount = data(seed, n=800)
    other = np.clip(np.round(score + 0.1 * y, 2), 0, 1)  # a better model of the same rows
    curve, inputs = curve_with_cross_fit(y, score, amount=amount, interval=False)
    first = decide(curve, class_amounts(y, amount), MODEL)
    _, diff = compare_models(
        first, y, amount, score, other, scale=2.0, earned=earned_best(first, inputs)
    )
    fold, ones = stratified_folds(y), np.ones(len(y))
    expected = brute_cross_fit(y, other, amount, ones, fold, MODEL, 5) - brute_cross_fit(
        y, score, amount, ones, fold, MODEL, 5
    )
    assert diff.earned == pytest.approx(2.0 * expected, abs=1e-6)
    assert compare_models(first, y, amount, score, other)[1].earned is None
