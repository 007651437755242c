"""The study's models on a small slice of the monitoring sample: decisions by hand, noise 0
is the clean model, a run is reproducible, and no model learns from a day it scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.adapt.study import GAP, WINDOW, DailyLog, daily_log, data_grid, value_matrix
from metrics.adapt.train import decide, fit, flip_labels, realised_value
from metrics.core.samples import sample_path
from metrics.fraud.model import FraudCosts


@pytest.fixture(scope="module")
def log() -> DailyLog:
    frame = pd.read_csv(sample_path("fraud_monitoring.csv.gz"), nrows=1_000_000)
    keep = np.random.default_rng(0).random(len(frame)) < 0.06  # about 320 rows a day
    return daily_log(frame[keep].reset_index(drop=True))


def test_a_row_is_flagged_when_flagging_is_worth_more_by_hand():
    model = FraudCosts().value_model()  # fraud: amount + 15 - 5; good sale: -5 - 10% amount
    p = np.array([0.01, 0.01, 0.5, 0.0])
    amount = np.array([100.0, 5000.0, 10.0, 1e6])
    # 0.01 x 110 - 0.99 x 15 < 0; 0.01 x 5010 - 0.99 x 505 < 0; 0.5 x 20 - 0.5 x 6 > 0.
    assert decide(p, amount, model).tolist() == [False, False, True, False]
    y = np.array([1, 0, 1, 0])
    flagged = np.array([True, True, False, False])
    assert realised_value(flagged, y, amount, model) == pytest.approx(110 - 505)


def test_no_noise_is_the_clean_model(log):
    y = log.y[:5000]
    assert (flip_labels(y, 0.0, seed=3) == y).all()
    clean = fit(log.x[:5000], y).predict_proba(log.x[5000:6000])
    same = fit(log.x[:5000], flip_labels(y, 0.0, seed=9)).predict_proba(log.x[5000:6000])
    assert np.array_equal(clean, same)
    flipped = flip_labels(y, 0.1, seed=3)
    assert 0.07 < (flipped != y).mean() < 0.13


def test_daily_models_never_learn_from_a_day_they_score(log, monkeypatch):
    seen = []
    import metrics.adapt.study as study

    real_fit = study.fit

    def spy(x, y):
        seen.append(x[:, 0].copy())
        return real_fit(x, y)

    monkeypatch.setattr(study, "fit", spy)
    first, last = 100, 104
    m = value_matrix(log, first, last, noise=0.0, seed=0)
    assert len(seen) == last - first + 1
    # Each model's rows all come from before its training day minus the gap.
    for i in range(last - first + 1):
        end = max(first + i - GAP, first)
        rows = (log.day >= end - WINDOW) & (log.day < end)
        assert np.array_equal(np.sort(seen[i]), np.sort(log.x[rows, 0]))
    assert np.isnan(m[np.tril_indices(5, -1)]).all()
    assert not np.isnan(m[np.triu_indices(5)]).any()


def test_a_run_is_reproducible(log):
    args = dict(
        fresh=(120, 130),
        stale=(0, 60),
        test=(131, 140),
        sizes=(500, 1000),
        noises=(0.0, 0.05),
        stale_shares=(0.0, 0.5),
        seed=4,
    )
    assert data_grid(log, **args) == data_grid(log, **args)
