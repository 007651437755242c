"""Reading a team's file: separators, encodings, duplicate headers, folders, samples."""

import gzip
import io

import numpy as np
import pandas as pd
import pytest

from metrics.core.io import keep_where, read_table
from metrics.core.samples import sample_path
from metrics.fraud.data import fraud_data

ROWS = "label{s}score{s}amount\n1{s}0.9{s}100\n0{s}0.2{s}20\n"
RANDOM_ROWS = "".join(
    f"{i},{x:.6f}\n" for i, x in enumerate(np.random.default_rng(0).random(50_000))
).encode()


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_separators_and_encodings_are_read(separator, encoding, tmp_path):
    text = ROWS.format(s=separator).replace(
        "amount", "montant_€" if encoding != "utf-8" else "amount"
    )
    path = tmp_path / "scored.csv"
    path.write_bytes(text.encode(encoding))
    frame = read_table(path)
    assert list(frame.columns)[:2] == ["label", "score"] and len(frame) == 2
    assert frame.iloc[0, 2] == 100


def test_gzipped_semicolon_file_is_read(tmp_path):
    path = tmp_path / "scored.csv.gz"
    path.write_bytes(gzip.compress(ROWS.format(s=";").encode()))
    assert read_table(path)["amount"].tolist() == [100, 20]


def test_a_duplicate_header_is_rejected_with_both_positions():
    with pytest.raises(ValueError, match=r"column name 'score' twice \(columns 2 and 4\)"):
        read_table(b"label,score,amount,score\n1,0.9,100,0.8\n", name="dup.csv")


def test_a_folder_names_a_file_to_give_instead(tmp_path):
    (tmp_path / "scored.parquet").write_bytes(b"")
    with pytest.raises(
        ValueError,
        match=r"is a folder; give one CSV or Parquet file, e.g. .*"
        r"scored.parquet",
    ):
        read_table(tmp_path)


def test_where_keeps_file_row_numbers_in_messages():
    frame = pd.DataFrame(
        {
            "split": ["a", "b", "b", "b"],
            "label": [0, 1, 0, 1],
            "score": [0.1, 0.5, 1.7, 0.2],
            "amount": [1.0, 2.0, 3.0, 4.0],
        }
    )
    with pytest.raises(ValueError, match=r"e.g. 1.7 in row 2;"):
        fraud_data(keep_where(frame, "split=b"))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            ["$0.70", "1.00"],
            r"'\$0.70' in row 0; write plain numbers without the currency sign "
            r"\$ \(e.g. 0.70",
        ),
        (["1,420.00", "3.00"], r"write plain numbers without thousands separators \(e.g. 1420.00"),
        (["", "3.00"], r"fill in 'amount' on every row"),
        (["0,9", "3"], r"write decimals with a point \(e.g. 0.9 for '0,9'\)"),
        (["12,5", "3"], r"write decimals with a point \(e.g. 12.5 for '12,5'\)"),
        (["1,420", "3"], r"without thousands separators \(e.g. 1420 for '1,420'\)"),
        (["1.234,50", "3"], r"the decimals after a point \(e.g. 1234.50 for '1.234,50'\)"),
    ],
)
def test_text_amounts_say_what_to_remove(values, message):
    frame = pd.DataFrame({"label": [1, 0], "score": [0.5, 0.2], "amount": values})
    with pytest.raises(ValueError, match=message):
        fraud_data(frame)


def test_amounts_beyond_any_currency_are_rejected_before_sums_overflow():
    frame = pd.DataFrame({"label": [1, 0], "score": [0.5, 0.2], "amount": [1e308, 1e308]})
    with pytest.raises(ValueError, match=r"2 amounts above 1e\+15, e.g. 1e\+308 in row 0"):
        fraud_data(frame)


def test_one_column_for_two_roles_is_rejected():
    frame = pd.DataFrame({"is_fraud": [1, 0], "amount": [5.0, 3.0]})
    with pytest.raises(ValueError, match="'is_fraud' is picked as both label and score"):
        fraud_data(frame, label="is_fraud", score="is_fraud")


def test_missing_sample_names_the_places_and_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("VALUELENS_SAMPLE_DIR", str(tmp_path))
    with pytest.raises(ValueError, match=r"sample file 'nope.csv' was not found \(looked in "):
        sample_path("nope.csv")
    (tmp_path / "nope.csv").write_text("a\n1\n")
    assert sample_path("nope.csv") == tmp_path / "nope.csv"
    assert np.array_equal(read_table(sample_path("nope.csv"))["a"], [1])


def test_downloads_write_plain_decimals_that_read_back_exactly():
    from metrics.core.format import csv_text

    frame = pd.DataFrame(
        {"threshold": [0.001, 0.5], "net_savings_usd": [3.37234e9, -4704786.123], "tp": [1.0, 2.0]}
    )
    text = csv_text(frame)
    assert "e+" not in text and "e-" not in text
    assert "3372340000.00" in text and "-4704786.12" in text
    back = pd.read_csv(io.StringIO(text))
    assert back["tp"].tolist() == [1, 2]
    assert back["threshold"].tolist() == [0.001, 0.5]


def test_data_folder_paths_stay_inside_it(tmp_path):
    from metrics.core.data_folder import data_folder_entries, data_path

    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    (data / "logs" / "day1.parquet").write_bytes(b"PAR1")
    (data / "top.parquet").write_bytes(b"PAR1")
    outside = tmp_path / "secret.parquet"
    outside.write_bytes(b"PAR1")
    (data / "escape.parquet").symlink_to(outside)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "out").mkdir(parents=True)
    (elsewhere / "out" / "x.parquet").write_bytes(b"PAR1")
    (data / "logs" / "linked").symlink_to(elsewhere)  # a folder link leading out
    (data / "hidden").mkdir()
    (data / "hidden" / "a.parquet").symlink_to(outside)  # a glob's match leading out
    assert data_path(data, "logs/day1.parquet") == data.resolve() / "logs/day1.parquet"
    assert data_path(data, "logs/*.parquet") == data.resolve() / "logs/*.parquet"
    for bad, message in (
        (str(outside), "absolute path"),
        ("../secret.parquet", "leaves the data folder"),
        ("logs/../../secret.parquet", "leaves the data folder"),
        ("escape.parquet", "leads outside the data folder"),
        ("nope.parquet", "is not in the data folder"),
        ("~/x.parquet", "absolute path"),
        ("logs/linked/out/*.parquet", "leads outside the data folder"),
        ("logs/linked/*/x.parquet", "leads outside the data folder"),
        ("hidden/*.parquet", "leads outside the data folder"),
        ("*/*/out/x.parquet", "leads outside the data folder"),
    ):
        with pytest.raises(ValueError, match=message):
            data_path(data, bad)
    entries = data_folder_entries(data)
    assert {"logs/", "logs/day1.parquet", "top.parquet"} <= set(entries)
    assert not any("linked" in e or "hidden" in e or "escape" in e for e in entries)


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_the_engine_reads_csv_as_the_in_memory_reader_does(separator, encoding, tmp_path):
    """A CSV log summed by DuckDB: the same columns and values as ``read_table``, and each
    row's file and row number in its file, as for Parquet."""
    from metrics.core.backends import DuckDBBackend

    for part in (0, 1):
        text = ROWS.format(s=separator).replace("amount", "montant_€")
        (tmp_path / f"part-{part}.csv").write_bytes(text.encode(encoding))
    engine = DuckDBBackend()
    view = engine.open(str(tmp_path / "part-*.csv"))
    rows = engine.query(
        f'SELECT filename, file_row_number, label, score, "montant_€" FROM {view} '
        "ORDER BY filename, file_row_number"
    )
    assert [(r[0].rsplit("/", 1)[-1], *r[1:]) for r in rows] == [
        (f"part-{part}.csv", row, label, score, amount)
        for part in (0, 1)
        for row, (label, score, amount) in enumerate([(1, 0.9, 100), (0, 0.2, 20)])
    ]
    assert read_table(tmp_path / "part-0.csv")["montant_€"].tolist() == [100, 20]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("twice.csv", b"a,b,a\n1,2,3\n", "has the column name 'a' twice"),
        ("cut.csv.gz", gzip.compress(b"a,b\n" + RANDOM_ROWS)[:150_000], "ends early"),
        ("none-*.csv", None, "no file matches"),
        ("absent.csv", None, "was not found"),
    ],
)
def test_a_bad_csv_log_is_one_error_naming_it(name, content, message, tmp_path):
    from metrics.core.backends import DuckDBBackend

    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(ValueError, match=message):
        DuckDBBackend().open(str(tmp_path / name))


def test_a_semicolon_file_may_write_decimals_with_a_comma(tmp_path):
    """Spreadsheets set to most European languages save ';' between values and ',' before
    decimals: those columns are numbers. Columns of other text stay as they are."""
    path = tmp_path / "scored.csv"
    text = "label;score;amount;note\n1;0,9;1250,5;a,b\n0;0,15;20;c\n0;.5;3;d\n"
    path.write_bytes(text.encode("cp1252"))
    frame = read_table(path)
    assert frame["score"].tolist() == [0.9, 0.15, 0.5]
    assert frame["amount"].tolist() == [1250.5, 20.0, 3.0]
    assert frame["note"].tolist() == ["a,b", "c", "d"]
    assert fraud_data(frame).y_score.tolist() == [0.9, 0.15, 0.5]


def test_the_engine_opens_parquet_without_loading_pandas(tmp_path):
    """Reading CSV logs loads pandas only for CSV: a Parquet log's command line stays light."""
    import subprocess
    import sys

    path = tmp_path / "log.parquet"
    pd.DataFrame({"label": [0, 1], "score": [0.1, 0.9]}).to_parquet(path)
    code = (
        "import sys\n"
        "from metrics.core.backends import DuckDBBackend\n"
        f"DuckDBBackend().open({str(path)!r})\n"
        "assert 'pandas' not in sys.modules, 'pandas was loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_engine_reads_decimal_commas_as_the_in_memory_reader_does(tmp_path):
    from metrics.core.backends import DuckDBBackend

    path = tmp_path / "scored.csv"
    text = "label;score;amount;note\n1;0,9;1250,5;a,b\n0;0,15;20;c\n0;.5;3;d\n"
    path.write_bytes(text.encode("cp1252"))
    engine = DuckDBBackend()
    view = engine.open(str(path))
    rows = engine.query(f"SELECT score, amount, note FROM {view} ORDER BY file_row_number")
    frame = read_table(path)
    assert rows == list(zip(frame["score"], frame["amount"], frame["note"], strict=True))
    assert engine.types(view)["score"] == "DOUBLE"
