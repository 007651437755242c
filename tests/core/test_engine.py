"""The DuckDB path gives the in-memory path's numbers from sums alone."""

import json

import numpy as np
import pandas as pd
import pytest

from metrics.cli import main
from metrics.core.crossfit import cross_fitted
from metrics.core.curves import threshold_curve
from metrics.core.engine import open_log
from metrics.core.folds import held_out_values
from metrics.core.log_crossfit import log_cross_fit
from metrics.fraud.model import FraudCosts

pytest.importorskip("duckdb")


def scored(seed: int, n: int = 3000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.05).astype(int)
    return pd.DataFrame(
        {
            "timestamp": pd.Timestamp("2026-06-01")
            + pd.to_timedelta(rng.integers(0, 20 * 86400, n), unit="s"),
            "label": y,
            "score": np.round(np.clip(0.3 * y + 0.7 * rng.random(n), 0, 1), 2),  # many ties
            "amount": np.round(rng.lognormal(3.5, 1.2, n), 2),
            "split": np.where(rng.random(n) < 0.5, "test", "train"),
        }
    )


def report(capsys, *args):
    code = main(["evaluate", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


CROSS_FITTED = (
    "best_value_cross_fitted",
    "best_value_cross_fitted_low",
    "best_value_cross_fitted_high",
)
"""Folds differ by design: stratified in memory, a hash of file and row number in an engine
(tested on their own below)."""


def assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key, value in a.items():
        if key in CROSS_FITTED:
            continue
        if isinstance(value, float) and isinstance(b[key], float):
            assert b[key] == pytest.approx(value, rel=1e-9, abs=1e-9), key
        else:
            assert b[key] == value, key


@pytest.mark.parametrize("seed", range(3))
def test_engines_match_the_in_memory_path_on_one_file_and_on_a_folder(
    capsys, tmp_path, seed, engine
):
    frame = scored(seed)
    frame.to_parquet(tmp_path / "log.parquet")
    folder = tmp_path / "days"
    folder.mkdir()
    for i, start in enumerate(range(0, len(frame), 1000)):
        frame.iloc[start : start + 1000].to_parquet(folder / f"part{i}.parquet")
    args = [
        "--threshold",
        "0.35",
        "--capacity-per-day",
        "10",
        "--interval",
        "--where",
        "split=test",
    ]
    memory = report(capsys, "--data", str(tmp_path / "log.parquet"), "--engine", "pandas", *args)
    for data in (str(tmp_path / "log.parquet"), str(folder), str(folder / "*.parquet")):
        assert_same(memory, report(capsys, "--data", data, "--engine", engine, *args))
    assert memory["score_resolution"] is None


def test_the_grid_is_used_above_the_distinct_score_bound_and_said(tmp_path):
    rng = np.random.default_rng(0)
    n = 5000
    frame = pd.DataFrame(
        {"label": (rng.random(n) < 0.1).astype(int), "score": rng.random(n), "amount": 1.0}
    )
    path = str(tmp_path / "grid.parquet")
    frame.to_parquet(path)
    exact = open_log(path, max_distinct=n + 10).summary()
    grid = open_log(path, max_distinct=100).summary()
    assert exact.resolution is None and grid.resolution == 1e-6
    reference = threshold_curve(frame["label"], frame["score"])
    np.testing.assert_array_equal(exact.curve.tp, reference.tp)
    for t in (0.25, 0.5, 0.9):  # thresholds on the grid are exact
        assert grid.curve.tp[grid.curve.index(t)] == reference.tp[reference.index(t)]
        assert grid.curve.fp[grid.curve.index(t)] == reference.fp[reference.index(t)]


def test_bad_values_are_found_in_the_engine_with_their_file_and_row(tmp_path, engine):
    frame = scored(1, n=50)
    frame.loc[37, "score"] = 1.7
    frame.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(
        ValueError,
        match=r"column 'score' has 1 value missing or outside \[0, 1\], e.g. 1.7 in row 37 "
        r"of bad.parquet; scores must be probabilities",
    ):
        open_log(str(tmp_path / "bad.parquet"), engine_name=engine)


def test_missing_columns_folders_and_filters_say_what_to_fix(tmp_path):
    scored(2, n=20).to_parquet(tmp_path / "a.parquet")
    with pytest.raises(ValueError, match=r"column 'risk' \(score\) is missing"):
        open_log(str(tmp_path / "a.parquet"), score="risk")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=r"holds no \.parquet files"):
        open_log(str(tmp_path / "empty"))
    with pytest.raises(ValueError, match="has no rows where split=nope"):
        open_log(str(tmp_path / "a.parquet"), where="split=nope")


def test_near_the_bound_the_exact_distinct_count_decides(tmp_path, engine):
    frame = pd.DataFrame({"label": [0, 1] * 500, "score": np.arange(1000) / 1000, "amount": 1.0})
    frame.to_parquet(tmp_path / "log.parquet")
    path = str(tmp_path / "log.parquet")
    exact = open_log(path, engine_name=engine, max_distinct=1000)  # exactly 1,000 scores
    assert exact.summary().resolution is None
    assert open_log(path, engine_name=engine, max_distinct=999).summary().resolution == 1e-6


def test_nanosecond_timestamps_give_the_days(tmp_path, engine):
    import pyarrow as pa
    import pyarrow.parquet as pq

    stamps = pa.array(
        pd.to_datetime(["2026-06-01 10:00", "2026-06-05 09:00", "2026-06-30 23:00"]).astype(
            "datetime64[ns]"
        ),
        pa.timestamp("ns"),
    )
    table = pa.table(
        {
            "timestamp": stamps,
            "label": [0, 1, 0],
            "score": [0.1, 0.9, 0.4],
            "amount": [1.0, 2.0, 3.0],
        }
    )
    pq.write_table(table, tmp_path / "ns.parquet")  # as pandas 2 writes them
    assert open_log(str(tmp_path / "ns.parquet"), engine_name=engine).days == 30


def test_groups_by_window_and_segment_count_like_pandas(tmp_path, engine):
    frame = scored(7, n=4000)
    frame["score"] = np.round(frame["score"], 4)
    frame.to_parquet(tmp_path / "log.parquet")
    log = open_log(str(tmp_path / "log.parquet"), engine_name=engine)
    weeks = log.by_group(period="week")
    by_split = log.by_group(column="split")
    assert set(by_split) == {"test", "train"}
    expected_weeks = frame.groupby(frame["timestamp"].dt.to_period("W-SUN").dt.start_time.dt.date)
    assert len(weeks) == expected_weeks.ngroups
    for (start, rows), (name, summary) in zip(expected_weeks, weeks.items(), strict=True):
        assert name == str(start)
        for t in (0.1, 0.35, 0.9):  # thresholds on the 1e-4 grid are exact
            flagged = rows["score"] >= t
            i = summary.curve.index(t)
            assert summary.curve.tp[i] == (flagged & (rows["label"] == 1)).sum()
            assert summary.curve.fp[i] == (flagged & (rows["label"] == 0)).sum()
            assert summary.curve.tp_amount[i] == pytest.approx(
                rows["amount"][flagged & (rows["label"] == 1)].sum()
            )
    assert sum(s.rows for s in by_split.values()) == len(frame)


def test_grouping_needs_one_of_column_or_period(tmp_path):
    scored(8, n=30).drop(columns="timestamp").to_parquet(tmp_path / "log.parquet")
    log = open_log(str(tmp_path / "log.parquet"))
    with pytest.raises(ValueError, match="not both"):
        log.by_group()
    with pytest.raises(ValueError, match="needs a timestamp column"):
        log.by_group(period="day")


def test_bucket_keys_in_the_engine_equal_bucket_keys_on_tricky_scores(tmp_path, engine):
    from metrics.core.buckets import bucket_keys
    from metrics.core.log_sql import _bucket_sql
    from metrics.fraud.view import THRESHOLD_GRID

    grid_values = THRESHOLD_GRID[::37]
    score = np.clip(
        np.concatenate(
            [
                grid_values,
                np.nextafter(grid_values, 0),
                np.nextafter(grid_values, 1),
                np.random.default_rng(0).random(500),
                [0.0, 1.0, 0.29, 0.57, 0.58],
            ]
        ),
        0,
        1,
    )
    label = np.arange(len(score)) % 2
    pd.DataFrame({"label": label, "score": score, "amount": 1.0}).to_parquet(tmp_path / "k.parquet")
    log = open_log(str(tmp_path / "k.parquet"), engine_name=engine)
    for grid in (THRESHOLD_GRID, np.array([0.3]), np.array([0.1, 0.57])):
        got = log.engine.arrays(
            f"SELECT {_bucket_sql(log.score, log.label, grid)} AS k, {log.score} AS s, "
            f"{log.label} AS y FROM {log.view} ORDER BY filename, file_row_number"
        )
        expected = bucket_keys(np.asarray(got["y"]).astype(int), np.asarray(got["s"]), grid)
        np.testing.assert_array_equal(np.asarray(got["k"]).astype(int), expected)


def test_text_columns_and_broken_files_are_one_clear_error(capsys, tmp_path):
    pd.DataFrame({"label": ["yes", "no"], "score": [0.1, 0.9], "amount": [1.0, 2.0]}).to_parquet(
        tmp_path / "text.parquet"
    )
    with pytest.raises(ValueError, match=r"column 'label' holds its labels as words \('no' and"):
        open_log(str(tmp_path / "text.parquet"))
    pd.DataFrame({"label": [0, 1], "score": [0.1, 0.9], "amount": ["20", "$1,200"]}).to_parquet(
        tmp_path / "text_amounts.parquet"
    )
    said = r"'amount' \(amount\) holds text, e.g. '\$1,200' in row 1 of text_amounts.parquet; write"
    with pytest.raises(ValueError, match=said):
        open_log(str(tmp_path / "text_amounts.parquet"))
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    code = main(["evaluate", "--data", str(tmp_path / "broken.parquet"), "--threshold", "0.5"])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1
    assert "broken.parquet' could not be read as Parquet" in err and "copy or write it" in err


@pytest.mark.parametrize("max_distinct", [1_000_000, 2])  # the exact grouping and the grid
@pytest.mark.parametrize(
    ("column", "bad", "found"),
    [
        ("score", np.nan, "1 value missing or outside \\[0, 1\\], e.g. nan"),
        ("score", None, "1 value missing or outside \\[0, 1\\], e.g. an empty cell"),
        ("amount", np.nan, "1 amount missing, negative or above 1e15, e.g. nan"),
        ("amount", np.inf, "1 amount missing, negative or above 1e15, e.g. inf"),
        ("label", 0.5, "1 value other than 0 or 1, e.g. 0.5"),
    ],
)
def test_nan_empty_infinite_and_fractional_values_are_found_with_their_row(
    tmp_path, engine, max_distinct, column, bad, found
):
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = scored(11, n=40).astype({"label": float}).drop(columns="timestamp")
    values = frame[column].to_list()
    values[23] = bad
    table = pa.Table.from_pandas(frame.drop(columns=column), preserve_index=False)
    table = table.append_column(column, pa.array(values, type=pa.float64(), from_pandas=False))
    pq.write_table(table, tmp_path / "bad.parquet")
    with pytest.raises(ValueError, match=f"column '{column}' has {found} in row 23 of bad"):
        open_log(str(tmp_path / "bad.parquet"), engine_name=engine, max_distinct=max_distinct)


def test_the_perfect_decision_equals_the_row_by_row_value_for_any_costs(tmp_path, engine):
    from metrics.core.value import (
        ClassAmounts,
        OutcomeValue,
        ValueModel,
        class_amounts,
        perfect_value,
    )

    frame = scored(12, n=300)
    frame.to_parquet(tmp_path / "log.parquet")
    log = open_log(str(tmp_path / "log.parquet"), engine_name=engine)
    amounts: ClassAmounts = class_amounts(frame["label"].to_numpy(), frame["amount"].to_numpy())
    rng = np.random.default_rng(3)
    middle = float(np.median(frame["amount"]))
    for fixed in (10.0, -middle, -5.0, 0.0):  # gains of one sign, and gains that cross zero
        for rate in (1.0, -0.02, 0.0):
            model = ValueModel(
                tp=OutcomeValue(fixed, rate),
                fp=OutcomeValue(-fixed * rng.random(), rate * rng.random()),
                fn=OutcomeValue(0.0, 0.0),
                tn=OutcomeValue(0.0, 0.0),
            )
            assert log.perfect_value(model) == pytest.approx(
                perfect_value(amounts, model), rel=1e-9, abs=1e-9
            )


def test_the_engines_cross_fitted_best_chooses_on_other_folds_and_values_held_out(tmp_path, engine):
    """Against a row-by-row loop on the same folds: each fold's threshold is the grid score
    with the most value on the other folds (ties: the higher), valued on the fold itself."""
    frame = scored(4, n=3000)
    noise = np.random.default_rng(4).random(3000)
    frame["score"] = np.round(0.6 * frame["label"] + 0.4 * noise, 4)  # finer than the grid
    frame.to_parquet(tmp_path / "log.parquet")
    log = open_log(str(tmp_path / "log.parquet"), engine_name=engine)
    model = FraudCosts().value_model()
    inputs = log_cross_fit(log)
    values, points = held_out_values(inputs.cells, model)
    rows = log.engine.arrays(
        f"SELECT label, score, amount, {log.engine.fold(5)} AS f FROM {log.view}"
    )
    y, f = np.asarray(rows["label"]), np.asarray(rows["f"])
    s, a = np.floor(np.asarray(rows["score"]) * 1000) / 1000, np.asarray(rows["amount"])
    assert set(np.unique(f)) == set(range(5))
    gain = np.where(y == 1, a + 10.0, -5.0 - 0.1 * a)  # flag value under the default costs
    options = np.r_[np.inf, np.unique(s)[::-1]]
    for k in range(5):
        train = [gain[(f != k) & (s >= t)].sum() for t in options]
        t = options[int(np.argmax(train))]
        assert inputs.cells.thresholds[points[k]] == t
        assert values[k] == pytest.approx(gain[(f == k) & (s >= t)].sum(), abs=1e-6)
    honest = cross_fitted(inputs.cells, model, in_sample=0.0, boot=inputs.boot)
    assert honest.low < honest.value < honest.high
