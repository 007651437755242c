"""Retraining schedules: no model learns from a day it scores, and a cadence's value is the
sum of its days."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.adapt.schedule import (
    NEVER,
    cadence_value,
    known_label,
    model_of_day,
    training_rows,
    value_by_age,
)


@given(
    cadence=st.sampled_from([NEVER, 1, 2, 3, 7, 14, 30]),
    window=st.integers(1, 60),
    gap=st.integers(0, 40),
)
def test_a_model_never_learns_from_a_day_it_scores(cadence, window, gap):
    day = np.arange(200).repeat(3)
    first = 61
    for scored in range(first, 200):
        trained = int(model_of_day(np.array([scored]), first, cadence)[0])
        assert first <= trained <= scored
        rows = training_rows(day, trained, window=window, gap=gap, launch=first)
        assert (day[rows] < trained).all()
        assert (day[rows] < scored).all() or not rows.any()


def test_labels_are_what_the_team_knew_on_the_training_day():
    y = np.array([1, 1, 0, 1, 1])
    day = np.array([5, 20, 1, 9, 3])
    label_day = np.array([10, 40, 5, 39, 70])
    seen = known_label(y, day, label_day, 40, launch=4)
    assert seen.tolist() == [True, False, False, True, True]  # day 3: validation, known


def test_cadences_retrain_on_schedule():
    days = np.arange(61, 75)
    assert model_of_day(days, 61, 7).tolist() == [61] * 7 + [68] * 7
    assert model_of_day(days, 61, NEVER).tolist() == [61] * 14
    assert model_of_day(days, 61, 1).tolist() == days.tolist()


def _matrix(n=40, seed=0):
    rng = np.random.default_rng(seed)
    m = rng.normal(100, 10, (n, n))
    m[np.tril_indices(n, -1)] = np.nan  # i > j: trained after the day scored
    return m


def test_cumulative_value_is_the_sum_of_the_days_by_hand():
    m = _matrix()
    first = 61
    for cadence in (NEVER, 1, 5, 7, 30):
        result = cadence_value(m, first, cadence)
        by_hand = 0.0
        for j in range(m.shape[1]):
            i = 0 if cadence == NEVER else (j // cadence) * cadence
            by_hand += m[i, j]
        assert result.total == pytest.approx(by_hand)
        assert not np.isnan(result.daily).any()
    assert cadence_value(m, first, 7).retrains == len(range(7, 40, 7))
    assert cadence_value(m, first, NEVER).retrains == 0


def test_value_by_age_is_the_mean_gap_to_a_fresh_model():
    m = _matrix(5)
    ages = value_by_age(m, 4)
    assert ages[0] == 0
    assert ages[2] == pytest.approx(
        np.mean([m[0, 2] - m[2, 2], m[1, 3] - m[3, 3], m[2, 4] - m[4, 4]])
    )
