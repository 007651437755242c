"""The fleet's two grouped passes give each model the monitoring use case's figures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.fleet.branch import columns_of
from metrics.fleet.grouped import model_value
from metrics.fleet.model import alert_run, chunk_values, fleet_status
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


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("score", 1.5, "column 'score' has 1 value missing or outside [0, 1], e.g. 1.5"),
        (
            "score",
            np.nan,
            "column 'score' has 1 value missing or outside [0, 1], e.g. an empty cell",
        ),
        ("score", -0.25, "column 'score' has 1 value missing or outside [0, 1], e.g. -0.25"),
        ("label", 2.0, "column 'label' has 1 value other than 0, 1 or empty, e.g. 2.0"),
        ("label", np.inf, "column 'label' has 1 value other than 0, 1 or empty, e.g. inf"),
    ],
)
def test_a_model_of_a_shared_log_and_one_with_a_bad_value(tmp_path, column, value, said):
    from metrics.fleet.sample import model_log, registry_text

    logs = tmp_path / "logs"
    logs.mkdir()
    shared = pd.concat([model_log(n).assign(model=f"m{n}") for n in (4, 5)], ignore_index=True)
    shared.to_parquet(logs / "shared.parquet", index=False)
    bad = model_log(6)
    bad[column] = bad[column].astype(float)
    bad.loc[123, column] = value
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
    assert statuses["six"].error.startswith(f"model 'six': {said} in row 123 of bad.parquet; ")
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
        "model 'fraud-005': column 'score' (score) holds text, e.g. 'high' in row 7 of "
        "fraud-005.parquet; 'score' must hold numbers only"
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


@pytest.mark.parametrize("as_of", [None, dt.date(2026, 6, 1)])
def test_models_with_amounts_get_the_monitoring_figures_and_a_bad_amount_is_named(tmp_path, as_of):
    from metrics.fleet.sample import model_log, registry_text

    logs = tmp_path / "logs"
    logs.mkdir()
    rng = np.random.default_rng(3)
    for n in (2, 9, 11):
        log = model_log(n)
        # large frauds likelier than small ones at the same score: the money calibration matters
        log["amount"] = rng.gamma(2.0, 60.0, len(log)) * (1 + 2 * log["label"].fillna(0))
        if n == 11:
            log.loc[40, "amount"] = -5.0
        log.to_parquet(logs / f"m{n}.parquet", index=False)
    head = registry_text().split("[[model]]")[0]
    models = "".join(
        f'[[model]]\nid = "m{n}"\nlog = "logs/m{n}.parquet"\namount_column = "amount"\n'
        "amount_rates = [0, -0.02, -1, 0]\n"
        for n in (2, 9, 11)
    )
    (tmp_path / "fleet.toml").write_text(head + models, encoding="utf-8")
    registry = read_registry(tmp_path / "fleet.toml")
    statuses = {s.id: s for s in fleet_status(registry, as_of=as_of)[0]}
    assert statuses["m11"].error == (
        "model 'm11': column 'amount' has 1 missing or negative amount, e.g. -5.0 in row 40 of "
        "m11.parquet; amounts must be zero or positive"
    )
    day = as_of or dt.date.fromisoformat("2026-07-19")
    for entry in registry.models[:2]:
        values, known, band, _ = monitoring_figures(entry, day)
        assert statuses[entry.id].error is None
        assert not known[-1]  # the latest chunk is estimated: the money calibration is used
        np.testing.assert_allclose(statuses[entry.id].values, values, rtol=1e-9)
        np.testing.assert_allclose(
            (statuses[entry.id].normal_low, statuses[entry.id].normal_high), band, rtol=1e-9
        )
