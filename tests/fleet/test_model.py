"""The fleet's figures: the alert run, the money lost since, training status."""

from __future__ import annotations

import datetime as dt

import numpy as np

from metrics.fleet.model import alert_run, chunk_values, training_status
from metrics.fleet.registry import ModelEntry


def test_the_run_ends_at_the_latest_chunk_or_the_latest_with_labels():
    values = np.array([5.0, 1.0, 0.0, 0.5, 6.0])
    known = np.array([True, True, True, True, False])
    # the latest (estimated) is normal; the latest realised and the two before are below 2
    assert alert_run(values, known, 2.0) == (1, 4)
    assert alert_run(np.array([5.0, 1.0]), np.array([True, False]), 2.0) == (1, 2)
    assert alert_run(np.array([5.0, 6.0]), np.array([True, True]), 2.0) == (2, 2)
    assert alert_run(np.array([1.0, 1.0]), np.array([True, True]), 2.0) == (0, 2)


def test_chunk_values_are_realised_where_known():
    values, known = chunk_values(np.array([1.0, np.nan]), np.array([9.0, 2.0]))
    assert values.tolist() == [1.0, 2.0] and known.tolist() == [True, False]


def trained(day: str) -> ModelEntry:
    """A model trained on ``day``, due for retraining every 30 days."""
    period = ("2026-01-01", "2026-02-01")
    return ModelEntry("m", "x", (0, 0, 0, 0), period, trained_at=day, retrain_every_days=30)


def test_retraining_is_due_after_the_interval():
    entry = trained("2026-01-01")
    assert training_status(entry, dt.date(2026, 1, 31)) == (30, False)
    assert training_status(entry, dt.date(2026, 2, 1)) == (31, True)
    bare = ModelEntry("m", "x", (0, 0, 0, 0), ("2026-01-01", "2026-02-01"))
    assert training_status(bare, dt.date(2026, 2, 1)) == (None, None)


def test_a_replay_before_the_training_day_knows_no_training_age():
    """As of a day before ``trained_at`` the model reported on is an earlier one, whose
    training day the registry does not hold: no age and no verdict, not a negative age."""
    entry = trained("2026-03-15")
    assert training_status(entry, dt.date(2026, 3, 14)) == (None, None)
    assert training_status(entry, dt.date(2026, 3, 15)) == (0, False)


def test_the_table_puts_what_a_stakeholder_reads_first_and_errors_only_when_there_are_any():
    from metrics.fleet.model import ModelStatus
    from metrics.fleet.view import fleet_table

    due = ModelStatus("a", "risk", days_since_training=412, retrain_due=True, values=(1.0,))
    fresh = ModelStatus("b", "growth", days_since_training=1, retrain_due=False, values=(1.0,))
    unknown = ModelStatus("c", "growth", values=(1.0,))
    table = fleet_table([due, fresh, unknown])
    assert list(table.columns)[-2:] == ["Last trained", "Owner"]
    assert list(table["Last trained"]) == ["412 days ago: due", "1 day ago", ""]
    assert "Error" not in table.columns
    broken = ModelStatus("d", "", error="model 'd': log 'x' does not exist; check the path")
    assert list(fleet_table([due, broken])["Error"]) == ["", broken.error]
