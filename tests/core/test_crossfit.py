import numpy as np
import pytest

from metrics.core.crossfit import cross_fitted
from metrics.core.curves import descending_order, threshold_curve
from metrics.core.fold_bootstrap import fold_bootstrap
from metrics.core.folds import fold_cells, held_out_values, stratified_folds
from metrics.core.value import OutcomeValue, ValueModel, best_thresholds, value_curve
from metrics.fraud.model import FraudCosts

FRAUD = FraudCosts().value_model()
SCREENING = ValueModel(
    tn=OutcomeValue(0.0), fp=OutcomeValue(-5.0), fn=OutcomeValue(-100.0), tp=OutcomeValue(80.0)
)


def cells_of(y, s, fold, *, amount=None, sample_weight=None, n_splits=5):
    return fold_cells(
        y,
        s,
        fold,
        order=descending_order(s),
        amount=amount,
        sample_weight=sample_weight,
        n_splits=n_splits,
    )


def brute_force(y, s, a, w, fold, model, n_splits):
    """Straight from the definition: for each fold, the best threshold of the other rows,
    valued on that fold's rows alone."""
    total = 0.0
    for k in range(n_splits):
        train, test = fold != k, fold == k
        if not train.any():
            continue
        curve = threshold_curve(y[train], s[train], amount=a[train], sample_weight=w[train])
        t = best_thresholds(curve, model).savings.threshold
        flagged = test & (s >= t)
        pos, neg = flagged & (y == 1), flagged & (y == 0)
        total += float(
            model.flag_value(w[pos].sum(), w[neg].sum(), (w * a)[pos].sum(), (w * a)[neg].sum())
        )
    return total


@pytest.mark.parametrize("case", range(60))
@pytest.mark.parametrize("model", [FRAUD, SCREENING], ids=["fraud", "screening"])
def test_held_out_values_equal_choosing_and_valuing_fold_by_fold(case, model):
    rng = np.random.default_rng(case)
    n = int(rng.integers(5, 300))
    y = (rng.random(n) < rng.uniform(0.05, 0.5)).astype(np.int64)
    s = np.round(rng.random(n), int(rng.integers(1, 4)))  # ties
    a = rng.lognormal(3, 1, n)
    w = rng.integers(0, 4, n).astype(float) if case % 2 else np.ones(n)
    k = int(rng.integers(2, 6))
    fold = stratified_folds(y, n_splits=k, seed=case)
    values, _ = held_out_values(cells_of(y, s, fold, amount=a, sample_weight=w, n_splits=k), model)
    assert values.sum() == pytest.approx(brute_force(y, s, a, w, fold, model, k), abs=1e-6)


def test_folds_are_stratified_seeded_and_spread_over_the_file():
    y = np.r_[np.zeros(1003, int), np.ones(47, int)]
    fold = stratified_folds(y, n_splits=5, seed=3)
    for label in (0, 1):
        counts = np.bincount(fold[y == label], minlength=5)
        assert counts.max() - counts.min() <= 1
    # every run of five rows of a class lands in five different folds
    assert all(len(set(fold[i : i + 5])) == 5 for i in range(0, 1000, 5))
    assert np.array_equal(fold, stratified_folds(y, n_splits=5, seed=3))
    assert not np.array_equal(fold, stratified_folds(y, n_splits=5, seed=4))
    for bad in (1, 101):
        with pytest.raises(ValueError, match="use 2 to 100 folds"):
            stratified_folds(y, n_splits=bad)


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
        order = descending_order(s)
        curve = threshold_curve(y, s, amount=a, order=order)
        best = best_thresholds(curve, FRAUD).savings
        truth = n * per_row[population.index(best.threshold)]
        cells = fold_cells(y, s, stratified_folds(y, seed=rep), order=order, amount=a)
        honest = cross_fitted(
            cells, FRAUD, in_sample=best.value, boot=fold_bootstrap(cells, seed=rep)
        )
        hits += honest.low <= truth <= honest.high
        optimism.append((best.value - truth, honest.value - truth))
    assert 0.92 <= hits / reps <= 0.98
    in_sample_error, honest_error = np.median(optimism, axis=0)
    assert in_sample_error > 0  # the in-sample optimum overstates what the model earns
    assert abs(honest_error) < in_sample_error
