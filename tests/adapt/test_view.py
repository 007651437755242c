"""The page's yearly figures from a value matrix, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from metrics.adapt.schedule import NEVER
from metrics.adapt.view import CADENCES, RetrainCost, best, best_by_cost, cadence_rows


def _matrix(n=20, seed=1):
    rng = np.random.default_rng(seed)
    m = rng.normal(1000, 300, (n, n))
    m[np.tril_indices(n, -1)] = np.nan
    return m


def test_yearly_value_cost_and_net_by_hand():
    m = _matrix()
    cost = RetrainCost(engineer_hours=2, hourly_rate=50, compute=25)  # $125 a retrain
    rows = {r.cadence: r for r in cadence_rows(m, 61, cost)}
    weekly = rows[7]
    days = [m[(j // 7) * 7, j] for j in range(20)]
    assert weekly.value_a_year == pytest.approx(np.mean(days) * 365)
    assert weekly.retrain_cost_a_year == pytest.approx(365 / 7 * 125)
    assert weekly.net_a_year == pytest.approx(np.mean(days) * 365 - 365 / 7 * 125)
    # Cumulative: the days' values, each retrain's cost on its day (days 7 and 14).
    assert weekly.cumulative[-1] == pytest.approx(sum(days) - 2 * 125)
    assert rows[NEVER].retrain_cost_a_year == 0
    assert rows[NEVER].value_a_year == pytest.approx(np.nanmean(m[0]) * 365)


def test_the_best_cadence_by_cost_agrees_with_the_rows_at_that_cost():
    m = _matrix(seed=4)
    for per in (0.0, 300.0, 5_000.0):
        [(_, chosen)] = best_by_cost(m, 61, np.array([per]))
        rows = cadence_rows(m, 61, RetrainCost(per, 1.0, 0.0))
        assert chosen == best(rows).cadence
        assert chosen in CADENCES


def test_the_sentence_says_when_the_older_rows_slider_waits_for_clean_labels():
    from metrics.adapt.results import load_results
    from metrics.adapt.view import OLDER_WITH_CLEAN_LABELS, mind_versus_data

    grid = load_results().grid
    both = mind_versus_data(grid, 0.05, 0.5)
    assert both.startswith("40,000 rows with 5% of labels flipped")
    assert both.endswith(OLDER_WITH_CLEAN_LABELS)
    assert OLDER_WITH_CLEAN_LABELS not in mind_versus_data(grid, 0.05, 0.0)
    assert mind_versus_data(grid, 0.0, 0.5).startswith("40,000 rows with 50% of rows from")
