import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import confusion_matrix, f1_score, precision_score, recall_score

from metrics.cli import main
from metrics.core.samples import sample_path
from metrics.fraud.data import FRAUD_SAMPLE_FILE

FIELDS = {
    "n",
    "positives",
    "threshold",
    "tp",
    "fp",
    "fn",
    "tn",
    "precision",
    "recall",
    "f1",
    "accuracy",
    "net_savings",
    "perfect_savings",
    "best_savings_threshold",
    "best_f1_threshold",
    "best_accuracy_threshold",
}


@pytest.fixture
def scored_csv(tmp_path):
    rng = np.random.default_rng(5)
    n = 3000
    y = (rng.random(n) < 0.02).astype(int)
    frame = pd.DataFrame(
        {
            "timestamp": pd.Timestamp("2026-06-01")
            + pd.to_timedelta(rng.integers(0, 10 * 86400, n), unit="s"),
            "label": y,
            "score": np.round(np.clip(0.4 * y + 0.6 * rng.random(n), 0, 1), 3),
            "amount": np.round(rng.lognormal(4, 1, n), 2),
        }
    )
    path = tmp_path / "scored.csv"
    frame.to_csv(path, index=False)
    return path, frame


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_json_matches_sklearn_and_the_formula(capsys, scored_csv):
    path, frame = scored_csv
    code, out, err = run(
        capsys,
        "evaluate",
        "--data",
        str(path),
        "--threshold",
        "0.5",
        "--json",
        "--review-cost",
        "4",
        "--capacity-per-day",
        "20",
    )
    assert code == 0, err
    report = json.loads(out)
    assert set(report) >= FIELDS
    y, s, a = frame["label"].to_numpy(), frame["score"].to_numpy(), frame["amount"].to_numpy()
    pred = (s >= 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    assert (report["tp"], report["fp"], report["fn"], report["tn"]) == (tp, fp, fn, tn)
    assert report["precision"] == pytest.approx(precision_score(y, pred))
    assert report["recall"] == pytest.approx(recall_score(y, pred))
    assert report["f1"] == pytest.approx(f1_score(y, pred))
    flagged_fraud, flagged_legit = (pred == 1) & (y == 1), (pred == 1) & (y == 0)
    expected = (a[flagged_fraud] + 15).sum() - 4 * pred.sum() - 0.1 * a[flagged_legit].sum()
    assert report["net_savings"] == pytest.approx(expected)
    assert report["perfect_savings"] == pytest.approx((a[y == 1] + 15 - 4).sum())
    assert report["days"] == 10 and report["alerts_per_day"] == pytest.approx(pred.sum() / 10)
    assert report["n"] == 3000 and report["positives"] == y.sum()


def test_interval_brackets_net_savings(capsys, scored_csv):
    path, _ = scored_csv
    code, out, _ = run(
        capsys, "evaluate", "--data", str(path), "--threshold", "0.5", "--json", "--interval"
    )
    report = json.loads(out)
    assert code == 0
    assert report["net_savings_low"] < report["net_savings"] < report["net_savings_high"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "1.5"], "threshold is 1.5; it must lie in [0, 1]"),
        (["--threshold", "0.5", "--review-cost", "-3"], "'review_cost' is -3.0"),
        (["--threshold", "0.5", "--score-column", "p"], "column 'p' (score) is missing"),
        (["--threshold", "0.5", "--where", "region=eu"], "--where 'region=eu' must be COLUMN="),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(capsys, scored_csv, args, message):
    path, _ = scored_csv
    code, out, err = run(capsys, "evaluate", "--data", str(path), *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_capacity_without_dates_is_explained(capsys, tmp_path, scored_csv):
    _, frame = scored_csv
    path = tmp_path / "nodates.csv"
    frame.drop(columns="timestamp").to_csv(path, index=False)
    code, _, err = run(
        capsys, "evaluate", "--data", str(path), "--threshold", "0.5", "--capacity-per-day", "10"
    )
    assert code == 2 and "--capacity-per-day needs dates" in err


def test_module_entry_point_never_prints_a_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("label,score,amount\n1,0.5,10\n0,abc,3\n")
    result = subprocess.run(
        [sys.executable, "-m", "metrics", "evaluate", "--data", str(bad), "--threshold", "0.5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "column 'score' has 1 non-numeric value, e.g. 'abc' in row 1" in result.stderr


def test_sample_evaluates_from_the_command_line(capsys):
    code, out, err = run(
        capsys,
        "evaluate",
        "--data",
        str(sample_path(FRAUD_SAMPLE_FILE)),
        "--where",
        "split=test",
        "--label-column",
        "is_fraud",
        "--score-column",
        "score_gbm",
        "--threshold",
        "0.05",
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["days"] == 30 and report["net_savings"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "--threshold", "abc", "--data", "x.csv"], "invalid float value: 'abc'"),
        (["evaluate", "--threshold", "0.5"], "the following arguments are required: --data"),
        (["ads"], "the following arguments are required: --data"),
    ],
)
def test_argument_errors_are_one_error_line_without_a_usage_block(capsys, args, message):
    code = main(args)
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("error: ") and message in err
    assert err.count("\n") == 1 and "usage:" not in err


def test_piping_into_head_ends_quietly():
    result = subprocess.run(
        f"{sys.executable} -m metrics evaluate --data {sample_path(FRAUD_SAMPLE_FILE)} "
        "--where split=test --label-column is_fraud --score-column score_gbm "
        "--threshold 0.3 --json | head -c 0",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["q1", "", "q2", "q2"], r"column 'query_id' has 1 blank id, e.g. in row 1"),
        ([1.0, np.nan, 2.0, 2.0], r"column 'query_id' has 1 blank id, e.g. in row 1"),
    ],
)
def test_blank_query_ids_are_rejected_not_counted(capsys, tmp_path, ids, message):
    frame = pd.DataFrame(
        {
            "query_id": ids,
            "bid": [1.0, 2.0, 1.5, 0.5],
            "score": [0.1, 0.2, 0.05, 0.3],
            "clicked": [0, 1, 0, 0],
        }
    )
    frame.to_csv(tmp_path / "log.csv", index=False)
    code, _, err = run(capsys, "ads", "--data", str(tmp_path / "log.csv"))
    assert code == 2 and err.count("\n") == 1
    assert pytest.importorskip("re").search(message, err)


def test_money_typed_with_a_currency_sign_names_the_fix(capsys, tmp_path):
    pd.DataFrame(
        {"query_id": [1, 1], "bid": ["$0.70", "1,420.00"], "score": [0.1, 0.2], "clicked": [0, 1]}
    ).to_csv(tmp_path / "log.csv", index=False)
    code, _, err = run(capsys, "ads", "--data", str(tmp_path / "log.csv"))
    assert code == 2 and "without the currency sign $" in err


def test_a_percentage_typed_as_a_whole_number_is_rejected(capsys):
    code, _, err = run(
        capsys,
        "evaluate",
        "--data",
        str(sample_path(FRAUD_SAMPLE_FILE)),
        "--where",
        "split=test",
        "--label-column",
        "is_fraud",
        "--score-column",
        "score_gbm",
        "--threshold",
        "0.3",
        "--decline-cost-rate",
        "10",
    )
    assert code == 2 and "for 10% write 0.1" in err
