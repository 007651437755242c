"""The release gate: exit 1 with one line when a figure falls short, 2 for bad input."""

import json

import numpy as np
import pandas as pd
import pytest

from metrics.cli import main
from metrics.core.gate import shortfall


def test_a_figure_below_the_floor_or_dropping_too_far_is_said_with_the_gap():
    assert shortfall("net_savings", 900.0, fail_below=1000.0) == (
        "net_savings is 900.00, 100.00 below --fail-below 1,000.00"
    )
    assert shortfall("net_savings", 1000.0, fail_below=1000.0) is None
    assert shortfall("best_value", 80.0, baseline=100.0, max_drop=10.0) == (
        "best_value is 80.00, 20.0% below the baseline's 100.00 (--max-drop 10%)"
    )
    assert shortfall("best_value", 95.0, baseline=100.0, max_drop=10.0) is None
    # a cost (negative value) that grows is a drop too
    assert shortfall("best_value", -120.0, baseline=-100.0, max_drop=10.0) == (
        "best_value is -120.00, 20.0% below the baseline's -100.00 (--max-drop 10%)"
    )
    assert shortfall("best_value", -105.0, baseline=-100.0, max_drop=10.0) is None


@pytest.fixture
def scored(tmp_path):
    rng = np.random.default_rng(2)
    n = 400
    y = (rng.random(n) < 0.2).astype(int)
    frame = pd.DataFrame(
        {
            "label": y,
            "score": np.clip(np.round(rng.beta(2, 5, n) + 0.3 * y, 2), 0, 1),
            "amount": np.round(rng.lognormal(3, 1, n), 2),
        }
    )
    frame.to_csv(tmp_path / "scored.csv", index=False)
    return tmp_path / "scored.csv"


def test_evaluate_and_decide_gate_a_release_with_exit_codes(capsys, scored, tmp_path):
    evaluate = ["evaluate", "--data", str(scored), "--threshold", "0.4", "--json"]
    assert main(evaluate) == 0
    report = json.loads(capsys.readouterr().out)
    (tmp_path / "previous.json").write_text(json.dumps(report))
    savings = report["net_savings"]
    assert main([*evaluate, "--fail-below", str(savings - 1)]) == 0
    capsys.readouterr()
    assert main([*evaluate, "--fail-below", str(savings + 1)]) == 1
    out = capsys.readouterr()
    assert json.loads(out.out)["net_savings"] == savings  # the report is still printed
    assert out.err.startswith("fail: net_savings is ") and out.err.count("\n") == 1
    better = report | {"net_savings": savings * 2}
    (tmp_path / "better.json").write_text(json.dumps(better))
    gate = ["--baseline", str(tmp_path / "better.json"), "--max-drop", "10"]
    assert main([*evaluate, *gate]) == 1
    assert "below the baseline's" in capsys.readouterr().err
    same = ["--baseline", str(tmp_path / "previous.json"), "--max-drop", "10"]
    assert main([*evaluate, *same]) == 0
    capsys.readouterr()
    decide = ["decide", "--data", str(scored), "--value-matrix", "0,-5,-40,30", "--json"]
    assert main([*decide, "--fail-below", "1e12"]) == 1
    assert "fail: best_value is" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--max-drop", "10"], "--max-drop needs --baseline"),
        (["--baseline", "missing.json", "--max-drop", "5"], "was not found"),
        (["--baseline", "{bad}", "--max-drop", "5"], "is not a JSON report"),
    ],
)
def test_gate_options_that_cannot_work_are_bad_input(capsys, scored, tmp_path, extra, message):
    if "{bad}" in extra:
        (tmp_path / "bad.json").write_text("not json")
        extra = [e.replace("{bad}", str(tmp_path / "bad.json")) for e in extra]
    evaluate = ["evaluate", "--data", str(scored), "--threshold", "0.4", "--json"]
    assert main([*evaluate, *extra]) == 2
    assert message in capsys.readouterr().err
