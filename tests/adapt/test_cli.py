"""``adapt`` on the command line: the page's yearly figures from the stored study, by hand,
and one-line errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from metrics.adapt.results import load_results
from metrics.cli import main


@pytest.fixture(scope="module")
def results():
    return load_results()


def run(capsys, *args):
    assert main(["adapt", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _weekly_by_hand(m: np.ndarray, every: int) -> float:
    """Mean daily value x 365 when day ``j`` is scored by the model trained on the last
    retrain day at or before it (days 0, every, 2 x every, ...)."""
    n = m.shape[1]
    return float(np.mean([m[(j // every) * every, j] for j in range(n)]) * 365)


def test_each_cadence_a_year_by_hand(capsys, results):
    report = run(capsys, "--engineer-hours", "2", "--hourly-rate", "50", "--compute", "25")
    m = results.matrices[0.0]
    rows = {r["cadence_days"]: r for r in report["cadences"]}
    assert rows[7]["value_a_year"] == pytest.approx(_weekly_by_hand(m, 7))
    assert rows[7]["retraining_cost_a_year"] == pytest.approx(365 / 7 * 125)
    assert rows[7]["net_a_year"] == pytest.approx(_weekly_by_hand(m, 7) - 365 / 7 * 125)
    assert rows[None]["value_a_year"] == pytest.approx(float(np.mean(m[0])) * 365)
    assert rows[None]["retraining_cost_a_year"] == 0
    assert rows[None]["label"] == "never"
    best = max(report["cadences"], key=lambda r: r["net_a_year"])
    assert report["best"]["cadence_days"] == best["cadence_days"]
    assert report["cost_per_retrain"] == pytest.approx(125)
    assert report["chosen"]["cadence_days"] == 7  # the page's default


def test_the_chosen_cadence_and_noise_level_are_the_pages(capsys, results):
    report = run(capsys, "--cadence", "30", "--noise", "0.05")
    m = results.matrices[0.05]
    assert report["noise"] == 0.05
    assert report["chosen"]["cadence_days"] == 30
    assert report["chosen"]["value_a_year"] == pytest.approx(_weekly_by_hand(m, 30))
    never = run(capsys, "--cadence", "never")
    assert never["chosen"]["cadence_days"] is None


def test_staleness_is_the_two_month_old_model_against_a_fresh_one(capsys, results):
    report = run(capsys)
    m = results.matrices[0.0]
    n = m.shape[1]
    recent = np.arange(n - 30, n)
    stale = report["staleness"]
    assert stale["model_age_days"] == 60
    assert stale["old_model_value_a_year"] == pytest.approx(np.mean(m[recent - 60, recent]) * 365)
    assert stale["fresh_model_value_a_year"] == pytest.approx(np.mean(m[recent, recent]) * 365)
    assert stale["lost_a_year"] == pytest.approx(
        stale["fresh_model_value_a_year"] - stale["old_model_value_a_year"]
    )


def test_the_best_cadence_moves_with_the_cost_per_retrain(capsys):
    report = run(capsys)
    steps = report["best_by_cost_per_retrain"]
    costs = [s["cost_per_retrain"] for s in steps]
    assert costs == sorted(costs) and 650 in costs
    # A dearer retrain never makes retraining more often the best answer.
    every = [s["cadence_days"] or 10**6 for s in steps]
    assert every == sorted(every)


def _stored(results, noise, stale):
    cells = [c for c in results.grid if c.noise == noise and c.stale == stale]
    return sorted(cells, key=lambda c: c.rows)


@pytest.mark.parametrize(("noise", "stale"), [(0.1, 0.0), (0.0, 0.5)])
def test_the_learning_curves_are_the_stored_grids(capsys, results, noise, stale):
    report = run(capsys, "--noise", str(noise), "--stale", str(stale))
    for name, cells in (
        ("noise_curve", _stored(results, noise, 0.0)),
        ("stale_curve", _stored(results, 0.0, stale)),
    ):
        assert [p["rows"] for p in report[name]] == [c.rows for c in cells]
        assert [p["value_a_year"] for p in report[name]] == pytest.approx(
            [c.value_a_year for c in cells]
        )
        assert [p["roc_auc"] for p in report[name]] == pytest.approx([c.roc_auc for c in cells])
    worse = "10% of labels flipped" if noise else "50% of rows from March-April"
    assert report["mind_versus_data"].startswith(f"40,000 rows with {worse}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--noise", "0.07"], "--noise 0.07 is not a stored level; use one of 0, 0.01,"),
        (["--stale", "0.3"], "--stale 0.3 is not a stored level; use one of 0, 0.25,"),
        (["--cadence", "5"], "--cadence 5 is not offered; use one of 1, 3, 7, 14, 30, 60, never"),
        (["--engineer-hours", "-1"], "--engineer-hours is -1; give a cost from 0 to 1e15"),
    ],
)
def test_bad_input_is_one_line_naming_the_fix(capsys, args, message):
    assert main(["adapt", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: " + message), err
    assert len(err.strip().splitlines()) == 1


def test_text_output_lists_the_cadences(capsys):
    assert main(["adapt"]) == 0
    out = capsys.readouterr().out
    assert "every 7 days" in out and "never" in out and "net_a_year" in out
