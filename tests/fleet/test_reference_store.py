"""What the fleet keeps of each model's reference between runs: the same figures as reading
every row, a miss whenever anything the groups depend on changes, and nothing trusted from a
kept file that is damaged or crafted."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from metrics.core.backends import DuckDBBackend
from metrics.fleet.model import fleet_status
from metrics.fleet.reference_store import ReferenceStore, time_zone
from metrics.fleet.registry import read_registry

REFERENCE_CELLS = "WHERE r = 1"
"""In the SQL of the pass that reads the reference's score cells, and only there."""
AFTER_REFERENCE = "< TIMESTAMP '2026-01-06' OR"
"""In the SQL of a first pass that reads only the rows outside a kept reference (the sample's
reference starts on 2026-01-05)."""


@pytest.fixture
def store(tmp_path):
    return ReferenceStore(tmp_path / "store")


@pytest.fixture
def queries(monkeypatch):
    """Every query the fleet sends to DuckDB in a test, in order."""
    sent: list[str] = []
    arrays = DuckDBBackend.arrays

    def spy(self, sql):
        sent.append(sql)
        return arrays(self, sql)

    monkeypatch.setattr(DuckDBBackend, "arrays", spy)
    return sent


def by_id(path, store=None, as_of=None):
    return {s.id: s for s in fleet_status(read_registry(path), as_of=as_of, store=store)[0]}


def assert_same(got, want):
    assert got.keys() == want.keys()
    for name, status in want.items():
        other = got[name]
        assert other.error == status.error
        np.testing.assert_allclose(other.values, status.values, rtol=1e-12)
        np.testing.assert_allclose(
            (other.normal_low, other.normal_high), (status.normal_low, status.normal_high)
        )
        assert (other.alert, other.alert_since, other.value_latest_source) == (
            status.alert,
            status.alert_since,
            status.value_latest_source,
        )
        assert other.lost_since_alert == pytest.approx(status.lost_since_alert, rel=1e-12)


@pytest.mark.parametrize("as_of", [None, dt.date(2026, 6, 1)])
def test_a_second_run_reads_only_the_rows_outside_the_reference_for_the_same_figures(
    fleet_of, store, queries, as_of
):
    path = fleet_of((3, 7, 23, 42))
    every_row = by_id(path, as_of=as_of)
    first = by_id(path, store, as_of)
    assert len(list(store.folder.glob("*.npz"))) == 4
    assert any(REFERENCE_CELLS in sql for sql in queries)
    queries.clear()
    second = by_id(path, store, as_of)
    assert not any(REFERENCE_CELLS in sql for sql in queries)
    assert queries[0].count(AFTER_REFERENCE) == 4
    assert any(s.value_latest_source == "estimated" for s in second.values())
    assert_same(first, every_row)
    assert_same(second, every_row)


def test_a_changed_reference_file_is_read_again(fleet_of, store, queries):
    path = fleet_of((3, 7))
    before = by_id(path, store)
    log = path.parent / "logs" / "fraud-003.parquet"
    frame = pd.read_parquet(log)
    early = frame["timestamp"] < "2026-02-01"
    frame.loc[early, "label"] = 1 - frame.loc[early, "label"]  # the reference changes
    frame.to_parquet(log, index=False)
    queries.clear()
    after = by_id(path, store)
    assert sum(REFERENCE_CELLS in sql for sql in queries) == 1
    assert after["fraud-003"].normal_low != before["fraud-003"].normal_low
    assert_same(after, by_id(path))
    assert len(list(store.folder.glob("*.npz"))) == 2  # the model's older file removed


def test_a_folder_of_weekly_files_keeps_its_reference_as_new_weeks_arrive(fleet_of, store, queries):
    path = fleet_of((23,))
    single = path.parent / "logs" / "fraud-023.parquet"
    frame = pd.read_parquet(single)
    single.unlink()
    folder = path.parent / "logs" / "fraud-023"
    folder.mkdir()
    weeks = frame.groupby(frame["timestamp"].dt.to_period("W").dt.start_time)
    written = [(week, part) for week, part in weeks]
    for week, part in written[:-3]:
        part.to_parquet(folder / f"{week.date()}.parquet", index=False)
    path.write_text(path.read_text().replace("fraud-023.parquet", "fraud-023"))
    by_id(path, store)
    for week, part in written[-3:]:  # three more weeks arrive
        part.to_parquet(folder / f"{week.date()}.parquet", index=False)
    queries.clear()
    later = by_id(path, store)
    assert AFTER_REFERENCE in queries[0]  # the reference's files are as they were
    assert later["fraud-023"].chunk_start == str(written[-1][0].date())
    assert_same(later, by_id(path))


@pytest.mark.parametrize(
    ("key", "value"), [("threshold", "0.3"), ("reference", '["2026-01-12", "2026-04-05"]')]
)
def test_a_changed_entry_is_read_again(fleet_of, store, queries, key, value):
    path = fleet_of((7,))
    by_id(path, store)
    text = path.read_text()
    path.write_text(text.replace("[[model]]", f"[[model]]\n{key} = {value}", 1))
    queries.clear()
    changed = by_id(path, store)
    assert sum(REFERENCE_CELLS in sql for sql in queries) == 1
    assert_same(changed, by_id(path))


def _curve_cut_short(kept):
    with np.load(kept) as arrays:
        whole = {name: arrays[name] for name in arrays.files}
    np.savez(kept, **whole | {"mapping_x": whole["mapping_x"][:-1]})


def _crafted(kept):
    np.savez(kept, labels=np.array([{"a": 1}], dtype=object), errors=np.array([0.1, 0.2]))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda kept: kept.write_bytes(b"not a zip file at all"),
        lambda kept: kept.write_bytes(kept.read_bytes()[:200]),  # cut short
        _crafted,  # needs a pickle to load: never loaded
        lambda kept: np.savez(kept, labels=np.zeros(3)),  # the wrong layout
        lambda kept: np.savez(kept, labels=np.zeros(3, dtype=[("r", "i4"), ("n", "i8")])),
        _curve_cut_short,
    ],
)
def test_a_damaged_or_crafted_kept_file_is_not_trusted(fleet_of, store, queries, spoil):
    path = fleet_of((7,))
    every_row = by_id(path, store)
    (kept,) = store.folder.glob("*.npz")
    spoil(kept)
    queries.clear()
    assert_same(by_id(path, store), every_row)
    assert sum(REFERENCE_CELLS in sql for sql in queries) == 1
    queries.clear()
    by_id(path, store)  # written again, whole
    assert not any(REFERENCE_CELLS in sql for sql in queries)


def test_a_kept_file_over_the_cap_is_not_read(fleet_of, store, queries, monkeypatch):
    from metrics.fleet import reference_store

    path = fleet_of((7,))
    by_id(path, store)
    monkeypatch.setattr(reference_store, "MAX_KEPT_BYTES", 100)
    queries.clear()
    by_id(path, store)
    assert sum(REFERENCE_CELLS in sql for sql in queries) == 1


def test_a_store_that_cannot_be_written_still_reports(fleet_of, tmp_path):
    path = fleet_of((7, 23))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")
    assert_same(by_id(path, ReferenceStore(blocked / "store")), by_id(path))


def test_a_fresh_store_reads_every_row_and_replaces_what_was_kept(fleet_of, store, queries):
    path = fleet_of((7,))
    by_id(path, store)
    queries.clear()
    by_id(path, dataclasses.replace(store, read=False))
    assert sum(REFERENCE_CELLS in sql for sql in queries) == 1
    assert len(list(store.folder.glob("*.npz"))) == 1


def test_the_command_keeps_the_reference_and_fresh_reads_it_again(fleet_of, tmp_path, queries):
    from metrics.cli import main

    registry = str(fleet_of((7,)))
    assert main(["fleet", "--registry", registry, "--json"]) == 1
    assert len(list((tmp_path / "kept").glob("*.npz"))) == 1
    queries.clear()
    main(["fleet", "--registry", registry, "--json"])
    assert not any(REFERENCE_CELLS in sql for sql in queries)
    main(["fleet", "--registry", registry, "--json", "--fresh"])
    assert sum(REFERENCE_CELLS in sql for sql in queries) == 1


def test_csv_logs_and_spark_are_not_kept(fleet_of, store):
    path = fleet_of((7,))
    log = path.parent / "logs" / "fraud-007.parquet"
    pd.read_parquet(log).to_csv(log.with_suffix(".csv"), index=False)
    path.write_text(path.read_text().replace("fraud-007.parquet", "fraud-007.csv"))
    assert_same(by_id(path, store), by_id(path))
    assert not store.folder.exists()
    assert time_zone(dataclasses.replace(DuckDBBackend(), name="spark")) is None
