"""The stored study (``sample_data/make_adapt.py``): its shape, and the effects the page
explains, asserted with a margin."""

from __future__ import annotations

import importlib.util
import itertools

import numpy as np
import pandas as pd
import pytest

from metrics.adapt.results import (
    FIRST_DAY,
    FRESH,
    LAST_DAY,
    NOISES,
    SIZES,
    STALE,
    TEST,
    load_results,
)
from metrics.adapt.study import daily_log, data_grid, value_matrix
from metrics.adapt.view import RetrainCost, cadence_rows, curve, staleness
from metrics.core.samples import sample_path


@pytest.fixture(scope="module")
def study():
    return load_results()


def test_every_noise_level_has_a_full_matrix(study):
    n = LAST_DAY - FIRST_DAY + 1
    assert sorted(study.matrices) == list(NOISES)
    for m in study.matrices.values():
        assert m.shape == (n, n)
        assert not np.isnan(np.diag(m)).any() and not np.isnan(m[0]).any()
        assert np.isnan(m[np.tril_indices(n, -1)]).all()


def test_flipped_labels_earn_less_at_every_size(study):
    """The documented direction: each step up in label noise loses money (5% of the clean
    value of slack for the noise of one training run), and 10% flipped loses at least a
    quarter of the clean value."""
    for rows in SIZES:
        values = [c.value_a_year for c in study.grid if c.rows == rows and c.stale == 0]
        clean = values[0]
        assert all(b <= a + 0.05 * abs(clean) for a, b in itertools.pairwise(values))
        assert values[-1] < clean - 0.25 * abs(clean)


def test_more_clean_data_earns_more_from_the_smallest_to_the_largest_set(study):
    clean = curve(study.grid)
    assert clean[-1].value_a_year > clean[0].value_a_year


def test_retraining_beats_never_when_retraining_is_free(study):
    rows = cadence_rows(study.matrices[0.0], study.first_day, RetrainCost(0, 0, 0))
    never = rows[-1]
    assert max(r.net_a_year for r in rows[:-1]) > never.net_a_year
    stale = staleness(study.matrices[0.0])
    assert stale.fresh > stale.old


def test_the_stored_results_are_what_the_code_computes():
    """The first days' models and the first mind-versus-data model, recomputed (the whole
    study takes ten minutes: ``python sample_data/make_adapt.py``)."""
    spec = importlib.util.spec_from_file_location("make_adapt", sample_path("make_adapt.py"))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    study = load_results()
    log = daily_log(pd.read_csv(sample_path("fraud_monitoring.csv.gz")))
    again = value_matrix(log, FIRST_DAY, FIRST_DAY + 2, noise=0.0, seed=script.SEED).round(2)
    np.testing.assert_allclose(again, study.matrices[0.0][:3, :3], atol=0.011)
    cell = data_grid(
        log, fresh=FRESH, stale=STALE, test=TEST, sizes=(SIZES[0],), noises=(0.0,),
        stale_shares=(0.0,), seed=script.SEED,
    )[0]  # fmt: skip
    assert cell.value_a_year == pytest.approx(study.grid[0].value_a_year)
