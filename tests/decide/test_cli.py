"""``decide`` on the command line: the library's numbers, and one-line errors."""

import json

import numpy as np
import pandas as pd
import pytest

from metrics.cli import main
from metrics.core.folds import stratified_folds
from metrics.decide.model import value_matrix


@pytest.fixture
def scored_file(tmp_path):
    rng = np.random.default_rng(5)
    n = 500
    y = (rng.random(n) < 0.25).astype(int)
    frame = pd.DataFrame(
        {
            "label": y,
            "score": np.clip(np.round(rng.beta(2, 5, n) + 0.3 * y, 2), 0, 1),
            "other": np.clip(np.round(rng.beta(2, 5, n) + 0.2 * y, 2), 0, 1),
            "amount": np.round(rng.lognormal(3, 1, n), 2),
            "region": rng.choice(["east", "west"], n),
        }
    )
    path = tmp_path / "scored.csv"
    frame.to_csv(path, index=False)
    return path, frame


def run(capsys, *args):
    assert main(["decide", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_report_matches_a_loop_over_every_threshold(capsys, scored_file, brute_cross_fit):
    path, frame = scored_file
    report = run(
        capsys, "--data", str(path), "--value-matrix", "0,-5,-40,30",
        "--amount-rates", "0,0,-1,0", "--amount-column", "amount", "--min-precision", "0.5",
        "--review-cost", "2", "--segment-column", "region", "--compare-column", "other",
        "--threshold", "0.4",
    )  # fmt: skip
    y, s, a = frame["label"].to_numpy(), frame["score"].to_numpy(), frame["amount"].to_numpy()

    def value(acted):
        return (
            (acted & (y == 0)) * -5.0
            + (~acted & (y == 1)) * (-40.0 - a)
            + (acted & (y == 1)) * 30.0
        ).sum()

    thresholds = np.unique(s)[::-1]
    values = np.array([value(s >= t) for t in thresholds])
    assert report["best_value"] == pytest.approx(max(values.max(), value(s > 1)))
    assert report["best_threshold"] == thresholds[values.argmax()]
    assert report["value_at_threshold"] == pytest.approx(value(s >= 0.4))
    assert report["act_on_none_value"] == pytest.approx(value(s > 1))
    assert report["act_on_all_value"] == pytest.approx(value(s >= 0))
    precise = [(s >= t)[y == 1].sum() / (s >= t).sum() >= 0.5 for t in thresholds]
    assert report["constrained_best_value"] == pytest.approx(values[precise].max())
    assert set(report["segments"]) == {"east", "west"}
    model = value_matrix((0, -5, -40, 30), (0, 0, -1, 0))
    ones = np.ones(len(y))

    def earned(rows, scores=s):
        fold = stratified_folds(y[rows])
        return brute_cross_fit(y[rows], scores[rows], a[rows], ones[rows], fold, model, 5)

    regions = frame["region"].to_numpy()
    each = earned(regions == "east") + earned(regions == "west")
    assert report["per_segment_gain_cross_fitted"] == pytest.approx(each - earned(ones == 1))
    assert report["three_way"]["value"] >= report["best_value"] - 1e-9
    low, high = report["difference"]["lower"], report["difference"]["upper"]
    assert low <= report["difference"]["value"] <= high
    everyone = ones == 1
    other = frame["other"].to_numpy()
    assert report["difference"]["value_cross_fitted"] == pytest.approx(
        earned(everyone, other) - earned(everyone)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--value-matrix", "0,-5,x"], "--value-matrix is '0,-5,x'; give four numbers TN,FP,FN,TP"),
        (["--value-matrix", "0,-5,-40,30", "--amount-rates", "0,0,-1,0"], "--amount-column"),
        (["--value-matrix", "0,-5,-40,30", "--min-recall", "95"], "--min-recall"),
        (["--value-matrix", "0,-5,-40,30", "--score-column", "nope"], "column 'nope'"),
    ],
)
def test_bad_options_are_one_line_with_the_fix(capsys, scored_file, args, message):
    path, _ = scored_file
    assert main(["decide", "--data", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_constraints_that_cannot_be_met_give_null(capsys, scored_file):
    path, _ = scored_file
    report = run(
        capsys, "--data", str(path), "--value-matrix", "0,-5,-40,30",
        "--min-recall", "1", "--max-flag-rate", "0.01",
    )  # fmt: skip
    assert report["constrained_best_threshold"] is None
    assert report["constrained_best_value"] is None
