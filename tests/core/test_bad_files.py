"""Broken files, mixed time zones and hand-edited scenarios: one line naming the file, column
or key and the fix, from every reader and every command; never a traceback."""

from __future__ import annotations

import gzip
import re

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from metrics.cli import main
from metrics.core.backends import top_level_names
from metrics.core.engine import open_log
from metrics.core.io import read_table
from metrics.core.scenario import new_scenario
from metrics.core.timestamps import parse_timestamps


def scored_csv(rows: int = 5000) -> bytes:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "label": (rng.random(rows) < 0.1).astype(int),
            "score": rng.random(rows).round(4),
            "amount": rng.lognormal(3, 1, rows).round(2),
            "query_id": np.arange(rows) // 5,
            "bid": rng.random(rows).round(2) + 0.1,
            "clicked": (rng.random(rows) < 0.05).astype(int),
        }
    )
    return frame.to_csv(index=False).encode()


@pytest.mark.parametrize("keep", [0.002, 0.05, 0.5, 0.95])
def test_a_gzip_file_cut_short_is_named_with_the_fix(tmp_path, keep):
    whole = gzip.compress(scored_csv())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(whole[: max(20, int(len(whole) * keep))])
    with pytest.raises(ValueError, match=r"file '.*cut\.csv\.gz' is a gzip file that ends early"):
        read_table(path)


@pytest.mark.parametrize(
    "command",
    [
        ["evaluate", "--threshold", "0.5"],
        ["ads"],
        ["decide", "--value-matrix", "0,-5,-100,80"],
        ["feed"],
    ],
)
def test_every_command_says_one_line_for_a_gzip_file_cut_short(tmp_path, capsys, command):
    whole = gzip.compress(scored_csv())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(whole[: len(whole) // 2])
    assert main([command[0], "--data", str(path), *command[1:]]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ends early or is damaged" in err
    assert "Traceback" not in err


def test_damaged_gzip_is_named(tmp_path):
    path = tmp_path / "bad.csv.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 not a deflate stream at all")
    with pytest.raises(ValueError, match="ends early or is damaged"):
        read_table(path)


def duplicate_parquet(path) -> None:
    table = pa.table(
        [pa.array([0, 1, 0, 1]), pa.array([0.1, 0.9, 0.2, 0.8]), pa.array([0.5] * 4)],
        names=["label", "score", "score"],
    )
    pq.write_table(table, path)


def test_a_parquet_file_with_a_name_twice_is_refused_in_memory_and_in_the_engine(tmp_path):
    path = tmp_path / "twice.parquet"
    duplicate_parquet(path)
    message = r"has the column name 'score' twice \(columns 2 and 3\); rename one"
    with pytest.raises(ValueError, match=message):
        read_table(path)
    with pytest.raises(ValueError, match=message):
        open_log(str(path), amount=None)
    folder = tmp_path / "logs"
    folder.mkdir()
    pd.DataFrame({"label": [0, 1], "score": [0.2, 0.7]}).to_parquet(folder / "a.parquet")
    duplicate_parquet(folder / "b.parquet")
    with pytest.raises(ValueError, match=r"b\.parquet' has the column name 'score' twice"):
        open_log(str(folder), amount=None)


def test_an_incomplete_parquet_file_is_named_with_the_fix(tmp_path):
    whole = tmp_path / "whole.parquet"
    pd.DataFrame({"label": [0, 1], "score": [0.2, 0.7], "amount": [1.0, 2.0]}).to_parquet(whole)
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[:200])
    with pytest.raises(ValueError, match=r"could not be read as Parquet .*copy or write it again"):
        read_table(cut)
    with pytest.raises(ValueError, match=r"could not be read as Parquet .*copy or write it again"):
        open_log(str(cut))


def test_nested_columns_do_not_count_as_names_twice(tmp_path):
    path = tmp_path / "nested.parquet"
    table = pa.table({"a": [1], "s": [{"x": 1, "y": {"x": 2}}], "b": [{"x": 3}]})
    pq.write_table(table, path)
    rows = duckdb.sql(
        f"SELECT file_name, name, num_children FROM parquet_schema('{path}')"
    ).fetchall()
    assert top_level_names(rows) == {str(path): ["a", "s", "b"]}


def test_times_with_and_without_a_zone_are_not_mixed_silently():
    values = pd.Series(["2026-01-01T00:00:00Z", "2026-01-02 10:00", "2026-01-03T09:00+02:00"])
    with pytest.raises(
        ValueError,
        match=r"column 'timestamp' mixes times with a time zone \(e.g. '2026-01-01T00:00:00Z' "
        r"in row 0\) and without one \(e.g. '2026-01-02 10:00' in row 1\)",
    ):
        parse_timestamps(values)


def test_zones_alone_and_dates_alone_still_read():
    offsets = parse_timestamps(pd.Series(["2026-01-01T10:00:00Z", "2026-01-02T10:00:00+02:00"]))
    assert list(offsets) == [pd.Timestamp("2026-01-01 10:00"), pd.Timestamp("2026-01-02 08:00")]
    dates = parse_timestamps(pd.Series(["2026-01-01", "2026-01-02 10:00"]))
    assert list(dates) == [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-02 10:00")]


def test_a_zone_name_pandas_cannot_read_is_an_unreadable_date_not_a_crash():
    with pytest.raises(ValueError, match=r"cannot be read as a date, e.g. '2026-01-01 10:00 utc'"):
        parse_timestamps(pd.Series(["2026-01-01 10:00 utc", "2026-01-05 10:00 utc"]))


@pytest.mark.parametrize(
    ("page", "inputs", "message"),
    [
        ("fraud", {"fraud_threshold": "abc"}, r"fraud_threshold is `abc`; it must be a number "),
        ("fraud", {"fraud_review_cost": [1, 2]}, r"fraud_review_cost is `\[1, 2\]`; it must be"),
        ("fraud", {"fraud_threshold": True}, r"fraud_threshold is `true`; it must be a number"),
        ("fraud", {"fraud_threshold": None}, r"fraud_threshold is `null`; it must be a number"),
        ("fraud", {"fraud_capacity": [1]}, r"fraud_capacity is `\[1\]`; it must be a number"),
        ("fraud", {"fraud_threshold": 7}, r"fraud_threshold is `7`; it must be a number from 0 "),
        ("fraud", {"fraud_model": 7}, r"fraud_model is `7`; it must be one of 'Gradient"),
        ("feed", {"feed_k": 2.5}, r"feed_k is `2.5`; it must be a whole number from 1 to 50"),
        ("ads", {"ads_slots": 99}, r"ads_slots is `99`; it must be one of 1, 2, 3"),
        ("adapt", {"adapt_noise": 0.5}, r"adapt_noise is `0.5`; it must be one of 0, 0.01"),
        ("roi", {"roi_colour": "red"}, r"`roi_colour` is not an input of the roi page; its in"),
        ("monitor", {"monitor_as_of": "yesterday"}, r"monitor_as_of is `yesterday`; it must be a"),
        ("decide", {"_extra": {"fixed": [0, 1]}}, r"_extra.fixed is `\[0, 1\]`, not 4 numbers"),
        (
            "decide",
            {"_extra": {"fixed": [0, -5, -1e300, 5]}},
            r"_extra.fixed is `\[0, -5, -1e\+300, 5\]`, not 4 numbers between -1e\+15 and",
        ),
        (
            "decide",
            {"_extra": {"rates": [0, 0, -2000, 0]}},
            r"_extra.rates is `\[0, 0, -2000, 0\]`, not 4 numbers between -1000 and 1000",
        ),
        ("decide", {"_extra": "matrix"}, r"_extra is `matrix`, not an object"),
        ("decide", {"_extra": [1, 2]}, r"_extra is `\[1, 2\]`, not an object"),
        ("decide", {"_extra": {"preset": "nope"}}, r"_extra.preset is `nope`, not one of Fraud"),
        ("decide", {"_extra": {"names": ["a"]}}, r"_extra.names is `\[\"a\"\]`, not 4 names"),
        ("ads", {"ads_reserve": "x" * 5000}, r"ads_reserve is `x{59}…`; it must be one of the 101"),
    ],
)
def test_a_hand_edited_scenario_names_the_file_and_the_key(tmp_path, capsys, page, inputs, message):
    path = tmp_path / "edited.json"
    path.write_text(new_scenario(page, inputs, "s", "x").to_json())
    assert main(["report", "--scenario", str(path), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"scenario `{path}`" in err
    assert len(err) < 400
    assert re.search(message, err), err


def gzip_of(head: bytes, fill: bytes, megabytes: int) -> bytes:
    """A small gzip file that expands to ``megabytes`` of ``fill`` after ``head``."""
    block = fill * (2**20 // len(fill))
    out = gzip.compress(head + block * megabytes, compresslevel=9)
    assert len(out) < megabytes * 2**20 / 100  # a hundredth of what it holds, or less
    return out


@pytest.mark.parametrize(
    "bomb",
    [
        gzip_of(b"label,score,amount\n", b"0,0,0\n", 40),
        gzip_of(b"label,score,amount\n", b"\0", 40),
    ],
    ids=["rows", "nul bytes"],
)
def test_a_small_gzip_that_expands_past_the_limit_stops_naming_the_file_and_the_limit(
    tmp_path, monkeypatch, capsys, bomb
):
    monkeypatch.setenv("VALUELENS_MAX_READ_MB", "16")
    with pytest.raises(ValueError, match=r"file 'upload.csv.gz' holds more than 16 MB once dec"):
        read_table(bomb, name="upload.csv.gz")
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(bomb)
    assert main(["evaluate", "--data", str(path), "--threshold", "0.5", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "VALUELENS_MAX_READ_MB" in err and "Parquet" in err


def test_the_limit_applies_to_plain_csv_and_parquet_and_can_be_raised(tmp_path, monkeypatch):
    frame = pd.DataFrame({"label": np.zeros(300_000, int), "score": np.linspace(0, 1, 300_000)})
    csv_path, parquet_path = tmp_path / "big.csv", tmp_path / "big.parquet"
    frame.to_csv(csv_path, index=False)
    frame.to_parquet(parquet_path)
    monkeypatch.setenv("VALUELENS_MAX_READ_MB", "1")
    for path in (csv_path, parquet_path):
        with pytest.raises(ValueError, match=r"holds more than 1 MB once decompressed"):
            read_table(path)
    monkeypatch.setenv("VALUELENS_MAX_READ_MB", "64")
    assert len(read_table(csv_path)) == len(read_table(parquet_path)) == 300_000
    monkeypatch.setenv("VALUELENS_MAX_READ_MB", "lots")
    with pytest.raises(ValueError, match=r"VALUELENS_MAX_READ_MB is 'lots'; set it to a number"):
        read_table(csv_path)


def test_a_header_of_50000_columns_is_read_whole():
    names = [f"c{i}" for i in range(50_000)]
    text = (",".join(names) + "\n" + ",".join("1" for _ in names) + "\n").encode()
    assert len(text.split(b"\n")[0]) > 65_536
    frame = read_table(gzip.compress(text), name="wide.csv.gz")
    assert list(frame.columns) == names


def test_a_name_twice_past_the_first_64_kib_of_the_header_is_an_error():
    names = [f"feature_{i}" for i in range(8_000)] + ["label", "score", "score"]
    text = (",".join(names) + "\n" + ",".join("0" for _ in names) + "\n").encode()
    with pytest.raises(ValueError, match=r"'score'"):
        read_table(text, name="wide.csv")
