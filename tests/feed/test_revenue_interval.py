"""The newsfeed's revenue interval: the mean feed's revenue and its 95% interval, and how
often that interval covers the revenue of every user when the data holds only some."""

import dataclasses

import numpy as np
import pytest

from metrics.feed.data import load_feed_sample
from metrics.feed.model import ALL_TRUTHS, FilterThresholds, blendable
from metrics.feed.ranking import rank_feed, standard_error, user_revenue
from metrics.feed.view import FeedView


@pytest.fixture(scope="module")
def ranked():
    data = load_feed_sample().data
    feed = rank_feed(data, blendable(data, FilterThresholds()), alpha=0.5, beta=0.5, k=10)
    return data, feed


def test_the_mean_feed_revenue_and_its_standard_error_come_from_each_users_feed(ranked):
    data, feed = ranked
    per_user = user_revenue(data, feed.columns, feed.shown)
    assert per_user.shape == (data.n_users,)
    assert 1000 * per_user.mean() == pytest.approx(feed.outcome.revenue_per_1000_users)
    expected_se = 1000 * per_user.std(ddof=1) / np.sqrt(data.n_users)
    assert feed.outcome.revenue_se_per_1000_users == pytest.approx(expected_se)
    assert np.isnan(standard_error(per_user[:1]))


def test_the_interval_covers_the_revenue_of_all_users_about_95_times_in_100(ranked):
    """Seeded simulation: the sample's users are the population; each trial's data holds 300
    of them, drawn at random, and its interval must cover the population's mean."""
    data, feed = ranked
    population = user_revenue(data, feed.columns, feed.shown)
    truth = population.mean()
    rng = np.random.default_rng(7)
    trials = 2000
    covered = 0
    for _ in range(trials):
        drawn = rng.choice(population, size=300, replace=True)
        half = 1.96 * standard_error(drawn)
        covered += abs(drawn.mean() - truth) <= half
    assert 0.93 <= covered / trials <= 0.97


def test_revenue_a_year_interval_is_1_96_standard_errors_scaled_to_a_year(ranked):
    _, feed = ranked
    out = dataclasses.replace(
        feed.outcome, revenue_per_1000_users=2000.0, revenue_se_per_1000_users=10.0
    )
    view = FeedView(
        feed.columns, feed.shown, out, feed.columns, feed.shown, out, ALL_TRUTHS, 1_000_000
    )
    assert view.revenue_a_year == pytest.approx(2000 * 1000 * 365)
    low, high = view.revenue_a_year_interval
    assert high - view.revenue_a_year == pytest.approx(1.96 * 10 * 1000 * 365)
    assert view.revenue_a_year - low == pytest.approx(1.96 * 10 * 1000 * 365)
    alone = dataclasses.replace(out, revenue_se_per_1000_users=float("nan"))
    assert dataclasses.replace(view, outcome=alone).revenue_a_year_interval is None
