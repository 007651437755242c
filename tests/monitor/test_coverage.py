"""The estimate's 95% interval covers what it claims, in a seeded simulation of 400 chunks
per case (50 reference draws, 8 analysis chunks of 5,000 rows each), and a model that does
not change rarely raises an alert."""

from __future__ import annotations

import pytest

from metrics.monitor.coverage import simulate


@pytest.fixture(scope="module")
def stationary():
    return simulate("stationary")


def test_the_interval_covers_a_stationary_model_about_95_percent_of_the_time(stationary):
    assert stationary.chunks == 400
    assert 0.92 <= stationary.inside <= 0.98, stationary


def test_an_unchanged_model_rarely_alerts(stationary):
    assert stationary.any_alert <= 0.08, stationary.alerts
    assert stationary.alerts.get("realized_outside_estimate", 0.0) <= 0.01
    assert stationary.alerts.get("estimated_value", 0.0) <= 0.02


def test_the_interval_covers_scores_moved_where_the_reference_had_few_rows():
    shifted = simulate("covariate shift")
    assert 0.92 <= shifted.inside <= 0.98, shifted
    # the calibration's error is what the labels' noise alone misses there
    assert shifted.inside_labels_only < 0.92 < shifted.inside
    assert shifted.alerts.get("realized_outside_estimate", 0.0) <= 0.02


def test_a_change_in_what_a_score_means_is_not_covered_but_is_alerted():
    drifted = simulate("concept drift")
    assert drifted.inside < 0.8  # reported in the docs, not a target
    assert drifted.alerts["realized_outside_estimate"] > 0.15
