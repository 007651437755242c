"""The fleet's two grouped passes give each model the monitoring use case's figures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.fleet.grouped import model_value
from metrics.fleet.model import alert_run, chunk_values, fleet_status
from metrics.fleet.passes import columns_of
from metrics.fleet.registry import read_registry
from metrics.monitor.big_log import monitor_big_log
from metrics.monitor.replay import as_of as snapshot_at


def monitoring_figures(entry, day):
    """The monitoring page's figures for one model, one model at a time (the oracle)."""
    monitor, _ = monitor_big_log(
        entry.log,
        columns_of(entry),
        model_value(entry),
        threshold=entry.threshold,
        period=entry.chunk,
        drift=False,
    )
    table = snapshot_at(monitor, day).table
    analysis = table[table["period"] == "analysis"]
    values, known = chunk_values(
        analysis["realized_value"].to_numpy(dtype=float),
        analysis["estimated_value"].to_numpy(dtype=float),
    )
    first, end = alert_run(values, known, monitor.band[0])
    return values, known, monitor.band, (first, end)


@pytest.mark.parametrize("as_of", [None, dt.date(2026, 6, 1)])
def test_each_model_gets_the_monitoring_figures(fleet_of, as_of):
    registry = read_registry(fleet_of((3, 7, 23, 42, 51)))
    statuses, _ = fleet_status(registry, as_of=as_of)
    by_id = {s.id: s for s in statuses}
    for entry in registry.models:
        status = by_id[entry.id]
        day = as_of or dt.date.fromisoformat("2026-07-19")
        values, known, band, (first, end) = monitoring_figures(entry, day)
        np.testing.assert_allclose(status.values, values, rtol=1e-9)
        assert status.value_latest_source == ("realised" if known[-1] else "estimated")
        np.testing.assert_allclose((status.normal_low, status.normal_high), band, rtol=1e-9)
        assert status.alert == (end > first)


def test_a_model_of_a_shared_log_and_one_with_a_bad_value(tmp_path):
    from metrics.fleet.sample import model_log, registry_text

    logs = tmp_path / "logs"
    logs.mkdir()
    shared = pd.concat([model_log(n).assign(model=f"m{n}") for n in (4, 5)], ignore_index=True)
    shared.to_parquet(logs / "shared.parquet", index=False)
    bad = model_log(6)
    bad.loc[123, "score"] = 1.5
    bad.to_parquet(logs / "bad.parquet", index=False)
    head = registry_text().split("[[model]]")[0]
    models = "".join(
        f'[[model]]\nid = "{name}"\nlog = "logs/{log}"\n{extra}\n'
        for name, log, extra in [
            ("four", "shared.parquet", 'model_column = "model"\nmodel_value = "m4"'),
            ("five", "shared.parquet", 'model_column = "model"\nmodel_value = "m5"'),
            ("six", "bad.parquet", ""),
        ]
    )
    (tmp_path / "fleet.toml").write_text(head + models, encoding="utf-8")
    registry = read_registry(tmp_path / "fleet.toml")
    statuses = {s.id: s for s in fleet_status(registry)[0]}
    assert statuses["six"].error == (
        "model 'six': column 'score' has 1 missing value or value outside [0, 1], e.g. 1.5 in "
        "row 123 of bad.parquet; scores must be probabilities"
    )
    for entry in registry.models[:2]:
        values, *_ = monitoring_figures(entry, dt.date(2026, 7, 19))
        np.testing.assert_allclose(statuses[entry.id].values, values, rtol=1e-9)
    assert statuses["four"].values != statuses["five"].values


def test_a_log_the_engine_cannot_read_is_that_model_s_error_and_the_rest_report(fleet_of):
    path = fleet_of((3, 5))
    log = path.parent / "logs" / "fraud-005.parquet"
    frame = pd.read_parquet(log)
    frame["score"] = frame["score"].astype(str).where(frame.index != 7, "high")  # text scores
    frame.to_parquet(log, index=False)
    statuses = {s.id: s for s in fleet_status(read_registry(path))[0]}
    assert statuses["fraud-005"].error.startswith("model 'fraud-005': ")
    assert statuses["fraud-005"].error == (
        "model 'fraud-005': column 'score' (score) holds VARCHAR values, not numbers; write the "
        "score as numbers (or pick the column that holds them)"
    )
    assert statuses["fraud-003"].error is None and statuses["fraud-003"].values


def test_a_log_that_fails_while_read_is_that_model_s_error_and_the_rest_report(fleet_of):
    from metrics.fleet.sample import model_log

    path = fleet_of((3, 5))
    log = path.parent / "logs" / "fraud-005.parquet"
    model_log(5).to_parquet(log, index=False, compression="snappy", row_group_size=5000)
    data = bytearray(log.read_bytes())
    middle = len(data) // 3
    data[middle : middle + 400] = bytes(b ^ 0x5A for b in data[middle : middle + 400])
    log.write_bytes(bytes(data))  # its footer is whole: only reading its pages fails
    statuses = {s.id: s for s in fleet_status(read_registry(path))[0]}
    assert statuses["fraud-005"].error.startswith("model 'fraud-005': ")
    assert "fraud-005.parquet" in statuses["fraud-005"].error
    assert statuses["fraud-003"].error is None and statuses["fraud-003"].values
