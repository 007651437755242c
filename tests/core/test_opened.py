"""``valuelens dashboard``'s files: checked once before the server starts, each problem in
one line naming the option and the fix; handed to the server and read back unchanged."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from metrics.cli import main
from metrics.core.opened import OPENED_VARIABLE, check_opened, opened
from metrics.core.serve import app_folder, command, config_options

NO_COLUMNS = {"label": None, "score": None, "amount": None, "timestamp": None}


@pytest.fixture
def scored(tmp_path):
    frame = pd.DataFrame({"y": [0, 1, 0], "p": [0.1, 0.8, 0.3], "usd": [10.0, 20.0, 5.0]})
    frame.to_csv(tmp_path / "scored.csv", index=False)
    (tmp_path / "logs").mkdir()
    frame.to_parquet(tmp_path / "logs" / "part-0.parquet")
    return tmp_path


def test_the_files_and_columns_go_to_the_server_and_come_back(scored):
    chosen = check_opened(
        str(scored / "scored.csv"), None, None, {**NO_COLUMNS, "label": "y", "score": "p"}
    )
    back = opened({OPENED_VARIABLE: chosen.to_env()})
    assert back == chosen
    assert back.data.name == "scored.csv" and not back.data.is_log
    assert back.column("label") == "y" and back.column("amount") is None
    assert back.data.getvalue() == (scored / "scored.csv").read_bytes()
    assert opened({}).data is None


def test_a_folder_or_glob_of_parquet_is_a_log(scored):
    assert check_opened(str(scored / "logs"), None, None, NO_COLUMNS).data.is_log
    glob = check_opened(str(scored / "logs" / "*.parquet"), None, None, NO_COLUMNS)
    assert glob.data.is_log


@pytest.mark.parametrize(
    ("data", "reference", "analysis", "columns", "message"),
    [
        ("missing.csv", None, None, {}, r"--data missing.csv: no such file; check the path"),
        ("notes.txt", None, None, {}, r"not a CSV, gzip CSV or Parquet file"),
        ("nothing/*.parquet", None, None, {}, r"no file matches this pattern"),
        (None, "scored.csv", None, {}, r"--reference and --analysis come together"),
        ("scored.csv", None, None, {"label": "fraud"}, r"--label-column 'fraud' is not a column"),
        ("empty", None, None, {}, r"the folder holds no Parquet files"),
    ],
)
def test_a_bad_file_or_option_is_one_line_before_the_server_starts(
    scored, capsys, monkeypatch, data, reference, analysis, columns, message
):
    (scored / "notes.txt").write_text("hello")
    (scored / "empty").mkdir()
    monkeypatch.chdir(scored)
    argv = ["dashboard"]
    for option, value in (("--data", data), ("--reference", reference), ("--analysis", analysis)):
        if value:
            argv += [option, value]
    for role, column in columns.items():
        argv += [f"--{role}-column", column]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert re.search(message, err), err


def test_streamlit_options_pass_through_and_win_over_the_config(scored):
    import argparse

    folder = app_folder()
    assert (folder / "app.py").is_file()
    options = config_options(folder)
    assert "--server.headless=true" in options and "--client.showErrorDetails=none" in options
    args = argparse.Namespace(port=9000, address="0.0.0.0", passed_options=["--theme.base=dark"])
    line = command(args, folder)
    assert line[3:5] == ["run", str(folder / "app.py")]
    assert line[-3:] == ["--server.port=9000", "--server.address=0.0.0.0", "--theme.base=dark"]


def test_other_commands_still_refuse_unknown_options(capsys):
    assert main(["adapt", "--server.port=1"]) == 2
    assert "unrecognized arguments: --server.port=1" in capsys.readouterr().err


def test_a_scored_files_bad_value_stops_the_command_with_its_row(tmp_path, capsys):
    (tmp_path / "bad.csv").write_text("label,score,amount\n1,0.9,100\n0,1.7,20\n")
    assert main(["dashboard", "--data", str(tmp_path / "bad.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: --data {tmp_path / 'bad.csv'}: ")
    assert "1.7" in err and "row 1" in err and len(err.strip().splitlines()) == 1
