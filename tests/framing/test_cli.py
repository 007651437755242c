"""``valuelens decide --task``: the JSON equals the Python API on the same rows, the samples
teach their lessons, the gate works on each task's headline, and bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from metrics.cli import main
from metrics.framing.matrix_file import read_matrix
from metrics.framing.multiclass import ActionMatrix, value_multiclass
from metrics.framing.regression import value_regression

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
MATRICES = ROOT / "examples" / "matrices"
TEAMS = ("billing", "technical", "account", "outage")
TICKETS = SAMPLES / "tickets_multiclass.csv.gz"
DEMAND = SAMPLES / "demand_regression.csv.gz"


def run(capsys, *argv: str) -> tuple[int, dict | str]:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else err)


def multiclass_argv(model: str = "boost", *more: str) -> list[str]:
    return ["decide", "--task", "multiclass", "--data", str(TICKETS), "--label-column", "team",
            "--score-columns", ",".join(f"{model}_{t}" for t in TEAMS),
            "--value-matrix-file", str(MATRICES / "ticket_routing.csv"), *more]  # fmt: skip


def test_multiclass_json_equals_the_api(capsys):
    code, report = run(capsys, *multiclass_argv())
    assert code == 0
    frame = pd.read_csv(TICKETS)
    read = read_matrix(MATRICES / "ticket_routing.csv", first="true", option="x")
    matrix = ActionMatrix(read.rows, read.columns, read.values, np.zeros_like(read.values))
    result = value_multiclass(
        frame["team"], frame[[f"boost_{t}" for t in TEAMS]].to_numpy(), matrix=matrix
    )
    assert report["value_argmax"] == pytest.approx(result.argmax.value.value)
    assert report["value_best_decision"] == pytest.approx(result.best_decision.value.value)
    assert report["accuracy"] == pytest.approx(result.accuracy)
    assert report["classes"] == list(TEAMS)
    assert sum(report["actions_taken"].values()) == report["n"] == len(frame)


def test_the_ticket_sample_has_a_more_accurate_model_that_earns_less(capsys):
    more = ("--amount-rates-file", str(MATRICES / "ticket_routing_rates.csv"),
            "--amount-column", "contract_value")  # fmt: skip
    _, boost = run(capsys, *multiclass_argv("boost", *more))
    _, logreg = run(capsys, *multiclass_argv("logreg", *more))
    assert boost["accuracy"] > logreg["accuracy"]
    assert boost["value_argmax"] < logreg["value_argmax"]
    # acting on boost's calibrated probabilities is worth more than on its most probable class
    assert boost["best_decision_gain_low"] > 0


def test_review_capacity_is_respected(capsys):
    _, report = run(capsys, *multiclass_argv("boost", "--review-capacity", "25"))
    assert 0 < report["actions_taken"]["review"] <= 25


def test_the_demand_sample_has_a_lower_rmse_model_that_costs_more(capsys):
    argv = ["decide", "--task", "regression", "--data", str(DEMAND), "--target-column",
            "units_sold", "--under-cost", "0.4", "--over-cost", "0.1",
            "--amount-column", "price"]  # fmt: skip
    _, mean = run(capsys, *argv, "--prediction-column", "pred_mean")
    _, q80 = run(capsys, *argv, "--prediction-column", "pred_q80")
    assert mean["rmse"] < q80["rmse"]
    assert mean["value_at_prediction"] < q80["value_at_prediction"]
    frame = pd.read_csv(DEMAND)
    api = value_regression(frame["units_sold"], frame["pred_mean"], under_cost=0.4,
                           over_cost=0.1, amount=frame["price"])  # fmt: skip
    assert mean["best_shift"] == api.best_shift
    assert mean["value_at_best_shift"] == pytest.approx(api.value_at_best_shift)


def test_the_gate_checks_each_tasks_headline(capsys):
    code = main([*multiclass_argv(), "--fail-below", "0"])
    assert code == 1
    assert "value_best_decision is" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--task", "regression", "--target-column", "units_sold"],
         "error: --task regression needs --prediction-column"),
        (["--task", "multiclass", "--score-columns", "boost_billing"],
         "error: --task multiclass needs --value-matrix-file"),
        (["--task", "multiclass", "--label-column", "team", "--score-columns",
          "boost_billing,boost_outage", "--value-matrix-file", "MATRIX"],
         "error: --score-columns names 2 columns, but the matrix has 4 classes"),
        (["--task", "multiclass", "--label-column", "team", "--score-columns",
          "boost_billing,nope", "--value-matrix-file", "MATRIX"],
         "error: --score-columns 'nope' is not a column of the file"),
        (["--task", "multilabel", "--label-columns", "team"],
         "error: this task needs --score-columns"),
        (["--value-matrix", "0,1"], "error: --value-matrix is '0,1'; give four numbers"),
        ([], "error: --task binary needs --value-matrix TN,FP,FN,TP"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_the_fix(capsys, argv, message):
    argv = [str(MATRICES / "ticket_routing.csv") if a == "MATRIX" else a for a in argv]
    code = main(["decide", "--data", str(TICKETS), *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(message), err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("team,billing\nbilling,1\n", "must start with a header whose first cell is 'true'"),
        ("true,billing\nbilling,abc\n", "line 2 has 'abc'; every cell is a number"),
        ("true,billing,outage\nbilling,1\n", "line 2 has 1 values for 2 columns"),
        ("true,billing\n", "has a header but no rows"),
        ("true," + "x" * 70_000, "is larger than 64 KB"),
    ],
)
def test_a_bad_matrix_file_is_named(tmp_path, text, message):
    path = tmp_path / "matrix.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        read_matrix(path, first="true", option="--value-matrix-file")


def test_bad_values_are_named_by_their_own_column(tmp_path, capsys):
    frame = pd.read_csv(TICKETS).head(50)
    frame.loc[7, "boost_outage"] = 1.7
    path = tmp_path / "tickets.csv"
    frame.to_csv(path, index=False)
    argv = multiclass_argv()
    argv[argv.index(str(TICKETS))] = str(path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "error: column 'boost_outage' has 1 value outside [0, 1], e.g. 1.7 in row 7"
    )
    demand = pd.read_csv(DEMAND).head(20).astype({"pred_mean": object})
    demand.loc[3, "pred_mean"] = "12 units"
    path = tmp_path / "demand.csv"
    demand.to_csv(path, index=False)
    code = main(["decide", "--task", "regression", "--data", str(path), "--target-column",
                 "units_sold", "--prediction-column", "pred_mean", "--under-cost", "1",
                 "--over-cost", "1"])  # fmt: skip
    assert code == 2
    assert "column 'pred_mean' has 1 non-numeric value, e.g. '12 units' in row 3" in (
        capsys.readouterr().err
    )
