import numpy as np
import pytest

from metrics.core.crossfit import cross_fitted
from metrics.core.curves import sort_rows, sorted_curve, threshold_curve
from metrics.core.fold_bootstrap import fold_bootstrap
from metrics.core.folds import fold_cells, held_out_values, stratified_folds
from metrics.core.value import OutcomeValue, ValueModel, best_thresholds, value_curve
from metrics.fraud.model import FraudCosts

FRAUD = FraudCosts().value_model()
SCREENING = ValueModel(
    tn=OutcomeValue(0.0), fp=OutcomeValue(-5.0), fn=OutcomeValue(-100.0), tp=OutcomeValue(80.0)
)


def cells_of(y, s, fold, *, amount=None, sample_weight=None, n_splits=5):
    rows = sort_rows(y, s, amount=amount, sample_weight=sample_weight)
    return fold_cells(rows, fold, n_splits=n_splits)


@pytest.mark.parametrize("case", range(60))
@pytest.mark.parametrize("model", [FRAUD, SCREENING], ids=["fraud", "screening"])
def test_held_out_values_equal_choosing_and_valuing_fold_by_fold(case, model, brute_cross_fit):
    rng = np.random.default_rng(case)
    n = int(rng.integers(5, 300))
    y = (rng.random(n) < rng.uniform(0.05, 0.5)).astype(np.int64)
    s = np.round(rng.random(n), int(rng.integers(1, 4)))  # ties
    a = rng.lognormal(3, 1, n)
    w = rng.integers(0, 4, n).astype(float) if case % 2 else np.ones(n)
    k = int(rng.integers(2, 6))
    fold = stratified_folds(y, n_splits=k, seed=case)
    values, _ = held_out_values(cells_of(y, s, fold, amount=a, sample_weight=w, n_splits=k), model)
    assert values.sum() == pytest.approx(brute_cross_fit(y, s, a, w, fold, model, k), abs=1e-6)


@pytest.mark.parametrize("k", [2, 5, 6, 7, 10])  # up to 6 from the table of orders
def test_folds_are_stratified_seeded_and_spread_over_the_file(k):
    y = np.r_[np.zeros(1003, int), np.ones(47, int)]
    fold = stratified_folds(y, n_splits=k, seed=3)
    for label in (0, 1):
        counts = np.bincount(fold[y == label], minlength=k)
        assert counts.max() - counts.min() <= 1
    # every run of k rows of a class lands in k different folds
    assert all(len(set(fold[i : i + k])) == k for i in range(0, 1003 - k + 1, k))
    assert np.array_equal(fold, stratified_folds(y, n_splits=k, seed=3))
    assert not np.array_equal(fold, stratified_folds(y, n_splits=k, seed=4))
    # each order of the folds is equally likely: the first fold dealt is uniform
    first = stratified_folds(np.zeros(20_000 * k, int), n_splits=k, seed=1)[::k]
    assert np.bincount(first, minlength=k).min() > 20_000 / k * 0.9
    for bad in (1, 101):
        with pytest.raises(ValueError, match="use 2 to 100 folds"):
            stratified_folds(y, n_splits=bad)


@pytest.mark.parametrize("weighted", [False, True])
def test_bootstrap_buckets_sum_each_grid_position_fold_and_class(weighted):
    rng = np.random.default_rng(11)
    y = (rng.random(3000) < 0.1).astype(int)
    s, a = rng.integers(0, 400, 3000) / 400, rng.random(3000)
    w = rng.random(3000) + 0.5 if weighted else None
    fold = stratified_folds(y)
    cells = cells_of(y, s, fold, amount=a, sample_weight=w)
    boot = fold_bootstrap(cells, n_resamples=2)
    # a row's position: how many grid thresholds it clears
    ws = np.ones(3000) if w is None else w
    counts = np.zeros(boot.observed_counts.shape[1])
    amounts = np.zeros_like(counts)
    grid = np.unique(grid_scores(cells))
    position = np.searchsorted(grid, s, side="right")
    np.add.at(counts, 2 * (position * 5 + fold) + y, ws)
    np.add.at(amounts, 2 * (position * 5 + fold) + y, ws * a)
    np.testing.assert_allclose(boot.observed_counts[0], counts)
    np.testing.assert_allclose(boot.observed_amounts[0], amounts)


def grid_scores(cells):
    """The bootstrap's grid thresholds as scores: the scores at evenly spaced row ranks."""
    n = len(cells.point)
    at = np.linspace(0, n - 1, int(np.clip(n // 500, 16, 64))).astype(np.int64)
    return cells.thresholds[np.unique(cells.point[at])]


def test_cells_follow_the_in_sample_curve_points():
    rng = np.random.default_rng(0)
    s = np.round(rng.random(500), 2)
    y = (rng.random(500) < 0.3).astype(int)
    cells = cells_of(y, s, stratified_folds(y))
    curve = threshold_curve(y, s)
    assert np.array_equal(cells.thresholds, curve.thresholds)
    assert np.array_equal(cells.thresholds[cells.point], np.sort(s)[::-1])


def test_a_model_without_signal_earns_nothing_held_out_while_in_sample_finds_money():
    rng = np.random.default_rng(7)
    n = 4_000
    y = (rng.random(n) < 0.05).astype(int)
    s = rng.random(n)  # no signal: flagging loses money on average (80 x 5% < 5 x 95%)
    curve = threshold_curve(y, s)
    in_sample = best_thresholds(curve, SCREENING).savings.value
    cells = cells_of(y, s, stratified_folds(y))
    honest = cross_fitted(cells, SCREENING, in_sample=in_sample)
    assert in_sample > 0
    assert honest.value < in_sample
    assert honest.optimism == pytest.approx(in_sample - honest.value)


def test_no_interval_without_resamples_and_bounds_around_the_value_with_them():
    rng = np.random.default_rng(1)
    n = 20_000
    y = (rng.random(n) < 0.03).astype(int)
    s = 1 / (1 + np.exp(-(rng.normal(-4, 1.3, n) + 2.8 * y)))
    a = rng.lognormal(4, 1, n)
    cells = cells_of(y, s, stratified_folds(y), amount=a)
    bare = cross_fitted(cells, FRAUD, in_sample=0.0)
    assert np.isnan(bare.low) and np.isnan(bare.high)
    full = cross_fitted(cells, FRAUD, in_sample=0.0, boot=fold_bootstrap(cells))
    assert full.value == bare.value
    assert full.low < full.value < full.high


def draw(rng, n):
    """Fraud-like rows: 2.5% positives, informative scores, heavy-tailed amounts."""
    y = (rng.random(n) < 0.025).astype(np.int64)
    s = 1 / (1 + np.exp(-(rng.normal(-4.5, 1.3, n) + 2.8 * y)))
    a = rng.lognormal(4, 1.0, n) * (1 + y)
    return y, s, a


def test_the_interval_covers_what_the_chosen_threshold_earns_about_95_percent_of_the_time():
    """Seeded simulation: the truth is what the threshold chosen on all N rows earns, in
    expectation, on N new rows (valued on a 2M-row population of the same kind)."""
    rng = np.random.default_rng(2026)
    pop_y, pop_s, pop_a = draw(rng, 2_000_000)
    population = threshold_curve(pop_y, pop_s, amount=pop_a)
    per_row = value_curve(population, FRAUD) / population.n
    n, reps, hits, optimism = 20_000, 300, 0, []
    for rep in range(reps):
        y, s, a = draw(rng, n)
        rows = sort_rows(y, s, amount=a)
        curve = sorted_curve(rows)
        best = best_thresholds(curve, FRAUD).savings
        truth = n * per_row[population.index(best.threshold)]
        cells = fold_cells(rows, stratified_folds(y, seed=rep))
        honest = cross_fitted(
            cells, FRAUD, in_sample=best.value, boot=fold_bootstrap(cells, seed=rep)
        )
        hits += honest.low <= truth <= honest.high
        optimism.append((best.value - truth, honest.value - truth))
    assert 0.92 <= hits / reps <= 0.98
    in_sample_error, honest_error = np.median(optimism, axis=0)
    assert in_sample_error > 0  # the in-sample optimum overstates what the model earns
    assert abs(honest_error) < in_sample_error
