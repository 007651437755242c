"""The calibration's isotonic fits are scikit-learn's, computed without importing it."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.isotonic import IsotonicRegression, isotonic_regression

from metrics.monitor.calibration import expected_calibration_error, fit_cell_calibration
from metrics.monitor.isotonic import (
    _numpy_pool,
    fit_isotonic,
    pool_adjacent_violators,
)


def _sklearn_curve(x, y, w, at):
    return (
        IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        .fit(x, y, sample_weight=w)
        .predict(at)
    )


@pytest.mark.parametrize("seed", range(40))
def test_pooling_equals_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6000))
    x = np.sort(rng.random(n))
    w = rng.integers(1, 50, n).astype(float)
    y = rng.binomial(w.astype(np.int64), x ** rng.uniform(0.3, 4)) / w
    np.testing.assert_allclose(
        _numpy_pool(y, w),
        isotonic_regression(y, sample_weight=w),
        rtol=0,
        atol=1e-12,
    )


@pytest.mark.parametrize(
    "y",
    [
        np.r_[np.linspace(0.5, 1.0, 999), 0.0],  # one low value pools everything before it
        np.linspace(1.0, 0.0, 1000),  # all decreasing: one block
        np.linspace(0.0, 1.0, 1000),  # already increasing: nothing to pool
        np.tile([0.9, 0.1], 500),  # a violator at every step
        np.array([0.3]),
    ],
    ids=["one-low-last", "decreasing", "increasing", "alternating", "single"],
)
def test_pooling_on_shapes_that_need_many_rounds_or_none(y):
    w = np.arange(1.0, y.size + 1)
    np.testing.assert_allclose(
        _numpy_pool(y, w),
        isotonic_regression(y, sample_weight=w),
        rtol=0,
        atol=1e-12,
    )


@pytest.mark.parametrize("seed", range(40))
def test_fit_isotonic_equals_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    x = np.round(rng.random(n), int(rng.integers(1, 4)))  # ties in x
    y = (rng.random(n) < x).astype(float)
    w = rng.integers(1, 20, n).astype(float)
    at = rng.random(60) * 1.4 - 0.2  # outside [0, 1] too: clipped
    np.testing.assert_allclose(
        fit_isotonic(x, y, w).predict(at), _sklearn_curve(x, y, w, at), rtol=0, atol=1e-12
    )


def _binned_error(p, positive, rows, bins=10):
    """The calibration error of groups: sorted by p, each group in the bin given by how many
    of the equal-rows cut points its running total of rows has passed."""
    order = np.argsort(p, kind="stable")
    p, positive, rows = p[order], positive[order], rows[order]
    total = rows.sum()
    cuts = [total * j / bins for j in range(1, bins)]
    gaps = np.zeros(bins)
    running = 0.0
    for p_i, positive_i, rows_i in zip(p, positive, rows, strict=True):
        running += rows_i
        gaps[sum(running > cut for cut in cuts)] += positive_i - rows_i * p_i
    return np.abs(gaps).sum() / total


@pytest.mark.parametrize("seed", range(10))
def test_cell_calibration_is_scikit_learn_s_cross_fitted_fit_at_the_cells(seed):
    rng = np.random.default_rng(seed)
    rows = 20_000
    score = rng.beta(0.6, 4, rows)
    y = (rng.random(rows) < np.clip(score * rng.uniform(0.5, 1.5), 0, 1)).astype(float)
    amount = rng.gamma(2.0, 50.0, rows) * (1 + y)
    fold = np.arange(rows) % 5
    cell = np.floor(score * 10_000).astype(np.int64)
    key = np.unique(np.c_[cell, fold, y], axis=0, return_inverse=True)[1].ravel()
    groups = np.unique(key).size
    n = np.bincount(key, minlength=groups).astype(float)
    first = np.unique(key, return_index=True)[1]
    ss, sa = np.bincount(key, score, groups), np.bincount(key, amount, groups)
    g_cell, g_fold, g_y = cell[first], fold[first], y[first]
    fitted = fit_cell_calibration(g_cell, g_fold, g_y, n, ss, sa)

    at_cell = np.bincount(cell, score)[g_cell] / np.bincount(cell)[g_cell]
    held_out = np.empty(groups)
    for k in range(5):
        mine = g_fold == k
        held_out[mine] = _sklearn_curve(at_cell[~mine], g_y[~mine], n[~mine], at_cell[mine])
    _, of = np.unique(g_cell, return_inverse=True)
    per_cell = (np.bincount(of, n * at_cell) / np.bincount(of, n), np.bincount(of, n * g_y))
    raw = _binned_error(per_cell[0], per_cell[1], np.bincount(of, n))
    _, by_fold = np.unique(g_cell * 5 + g_fold, return_inverse=True)
    held_out_of_group = np.empty(by_fold.max() + 1)
    held_out_of_group[by_fold] = held_out  # the same within a cell and fold
    calibrated = _binned_error(
        held_out_of_group,
        np.bincount(by_fold, n * g_y),
        np.bincount(by_fold, n),
    )
    assert fitted.raw_error == pytest.approx(raw, abs=1e-12)
    assert fitted.calibrated_error == pytest.approx(calibrated, abs=1e-12)
    assert fitted.needed == (calibrated < raw)
    at = rng.random(200)
    expected = _sklearn_curve(at_cell, g_y, n, at) if fitted.needed else np.clip(at, 0, 1)
    np.testing.assert_allclose(fitted.probabilities(at), expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        fitted.amount_probabilities(at), _sklearn_curve(at_cell, g_y, sa, at), atol=1e-12
    )


def test_calibration_error_does_not_depend_on_the_order_of_tied_groups():
    rng = np.random.default_rng(7)
    p = np.repeat([0.1, 0.2, 0.3], 40)  # a step-shaped calibration: many ties
    y = (rng.random(p.size) < p).astype(float)
    w = rng.integers(1, 9, p.size).astype(float)
    errors = {
        round(expected_calibration_error(y[o], p[o], weight=w[o]), 12)
        for o in (rng.permutation(p.size) for _ in range(20))
    }
    assert len(errors) == 1


def test_pooling_uses_scikit_learn_s_fit_only_where_it_is_loaded(monkeypatch):
    import sys

    y, w = np.array([0.3, 0.1, 0.6, 0.5]), np.array([1.0, 2.0, 1.0, 1.0])
    expected = isotonic_regression(y, sample_weight=w)
    calls = []
    monkeypatch.setattr(
        "metrics.monitor.isotonic._numpy_pool",
        lambda *args: calls.append(args) or expected,
    )
    pool_adjacent_violators(y, w)
    assert calls == []  # scikit-learn is loaded in this process: its fit
    monkeypatch.delitem(sys.modules, "sklearn.isotonic")
    np.testing.assert_allclose(pool_adjacent_violators(y, w), expected)
    assert len(calls) == 1  # not loaded: NumPy's
