"""A big log monitored in the engine gives the in-memory monitor's numbers."""

import numpy as np
import pandas as pd
import pytest

from metrics.monitor.big_log import LogColumns, monitor_big_log
from metrics.monitor.data import monitor_log
from metrics.monitor.drift import drift_table
from metrics.monitor.model import build_monitor
from metrics.monitor.replay import as_of
from metrics.monitor.values import fraud_monitoring_model

COLUMNS = LogColumns("label", "score", "timestamp", "period", "amount", "label_date")
MODEL = fraud_monitoring_model(5.0, 15.0, 0.1)


def log_frame(seed: int = 0, days: int = 84, per_day: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = days * per_day
    day = np.repeat(np.arange(days), per_day)
    p = rng.beta(0.6, 6.0, n)
    return pd.DataFrame(
        {
            "timestamp": pd.Timestamp("2026-01-05")
            + pd.to_timedelta(day * 24 * 60 + rng.integers(0, 1440, n), unit="min"),
            "period": np.where(day < 28, "reference", "analysis"),
            "score": np.round(p, 4),
            "label": (rng.random(n) < p).astype(float),
            "amount": np.round(rng.lognormal(3.5, 1.0, n), 2),
            "label_date": (
                pd.Timestamp("2026-01-05")
                + pd.to_timedelta(day + rng.integers(10, 40, n), unit="D")
            ).date,
            "channel": rng.choice(["web", "app", "store"], n),
            "distance": np.where(day >= 70, 3.0, rng.exponential(5.0, n)),  # frozen late
        }
    )


def in_memory(frame: pd.DataFrame):
    reference = frame["period"] == "reference"
    log = monitor_log(
        frame[reference].drop(columns="period"),
        frame[~reference].drop(columns="period"),
        label="label", score="score", timestamp="timestamp", amount="amount",
        threshold=0.3, label_date="label_date",
    )  # fmt: skip
    monitor = build_monitor(log, MODEL, period="week")
    return monitor, drift_table(log.features.assign(score=log.score), log.reference, monitor.chunks)


def test_the_engine_monitor_equals_the_in_memory_one(tmp_path, engine):
    frame = log_frame()
    late = (frame.index % 7 == 0) & (frame["period"] == "analysis")
    frame.loc[late, "label"] = np.nan  # some labels never arrive
    frame.to_parquet(tmp_path / "log.parquet")
    rows, row_drift = in_memory(frame)
    big, big_drift = monitor_big_log(
        str(tmp_path / "log.parquet"), COLUMNS, MODEL, threshold=0.3, engine_name=engine
    )
    np.testing.assert_array_equal(big.chunks.rows, rows.chunks.rows)
    np.testing.assert_array_equal(big.chunks.start, rows.chunks.start)
    assert big.band == pytest.approx(rows.band, rel=1e-9)
    np.testing.assert_allclose(big.estimated, rows.estimated, rtol=2e-3)
    np.testing.assert_allclose(big.estimated_sd, rows.estimated_sd, rtol=2e-2)
    np.testing.assert_allclose(big.estimated_auc, rows.estimated_auc, atol=2e-3)
    for day in ("2026-02-15", "2026-03-10", "2026-06-01"):
        mine, theirs = as_of(big, day).table, as_of(rows, day).table
        np.testing.assert_array_equal(mine["labelled_rows"], theirs["labelled_rows"])
        np.testing.assert_allclose(mine["realized_value"], theirs["realized_value"], rtol=1e-9)
        np.testing.assert_allclose(mine["roc_auc"], theirs["roc_auc"], atol=0.02)
    joined = row_drift.merge(big_drift, on=["feature", "chunk"])
    assert len(joined) == len(row_drift)
    assert (joined["constant_x"] == joined["constant_y"]).all()
    assert joined[joined["feature"] == "distance"]["constant_y"].iloc[-2:].all()
    np.testing.assert_allclose(joined["psi_x"], joined["psi_y"], atol=0.05)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"score": 1.7},
            r"column 'score' has 1 value missing or outside \[0, 1\], e.g. 1.7 in row 5",
        ),
        ({"label": 0.5}, r"column 'label' has 1 value other than 0, 1 or empty, e.g. 0.5 in row 5"),
        ({"period": "test"}, r"column 'period' has 1 value other than reference or analysis"),
        (
            {"label": np.nan},
            r"column 'label' has 1 reference row without a label, e.g. an empty cell in row 5",
        ),
    ],
)
def test_bad_values_in_a_big_log_are_named_with_their_row(tmp_path, change, message):
    frame = log_frame(days=28 * 3, per_day=50)
    for column, value in change.items():
        frame.loc[5, column] = value
    frame.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(ValueError, match=message):
        monitor_big_log(str(tmp_path / "bad.parquet"), COLUMNS, MODEL, threshold=0.3)


def test_a_log_without_reference_rows_says_how_to_mark_them(tmp_path):
    log_frame(per_day=50).assign(period="analysis").to_parquet(tmp_path / "log.parquet")
    with pytest.raises(ValueError, match="no row of column 'period' says reference"):
        monitor_big_log(str(tmp_path / "log.parquet"), COLUMNS, MODEL, threshold=0.3)
