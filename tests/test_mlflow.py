"""MLflow: the value logged to a real tracking store (SQLite in a temporary folder) reads
back equal to the command line's JSON, and the report artifact opens."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

mlflow = pytest.importorskip("mlflow")

from metrics.cli import main  # noqa: E402
from metrics.mlflow import METRIC_KEYS, REPORT_NAME, log_value  # noqa: E402

MATRIX = (0.0, -5.0, -15.0, -5.0)
RATES = (0.0, -0.1, -1.0, 0.0)


@pytest.fixture
def store(tmp_path, monkeypatch):
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    monkeypatch.chdir(tmp_path)  # artifacts land in ./mlartifacts or ./mlruns here
    mlflow.set_tracking_uri(uri)
    yield mlflow.MlflowClient(uri)
    mlflow.set_tracking_uri(None)


@pytest.fixture
def scored(tmp_path):
    rng = np.random.default_rng(5)
    n = 4000
    y = (rng.random(n) < 0.06).astype(int)
    score = np.clip(rng.normal(0.2 + 0.45 * y, 0.18), 0, 1)
    amount = np.round(rng.lognormal(3.5, 1.0, n), 2)
    path = tmp_path / "scored.parquet"
    pd.DataFrame({"label": y, "score": score, "amount": amount}).to_parquet(path)
    return path, y, score, amount


def _report(client, run_id: str) -> str:
    local = client.download_artifacts(run_id, REPORT_NAME)
    return Path(local).read_text(encoding="utf-8")


def test_the_command_line_logs_what_it_prints(store, scored, capsys):
    path, *_ = scored
    argv = ["decide", "--data", str(path), "--value-matrix", "0,-5,-15,-5", "--amount-rates",
            "0,-0.1,-1,0", "--amount-column", "amount", "--threshold", "0.3", "--mlflow",
            "--json"]  # fmt: skip
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    run = store.get_run(out["mlflow_run_id"])
    for name, key in METRIC_KEYS.items():
        assert run.data.metrics[key] == pytest.approx(out[name]), name
    assert "<!DOCTYPE html>" in _report(store, run.info.run_id)


def test_log_value_writes_to_the_active_run(store, scored):
    _, y, score, amount = scored
    with mlflow.start_run() as run:
        result = log_value(
            y, score, value_matrix=MATRIX, amount_rates=RATES, amount=amount, threshold=0.3
        )
    logged = store.get_run(run.info.run_id).data.metrics
    assert logged["valuelens_best_value_cross_fitted"] == pytest.approx(
        result.best_value_cross_fitted
    )
    assert logged["valuelens_value_at_threshold"] == pytest.approx(result.value_at(0.3))
    assert "Adds over" in _report(store, run.info.run_id)


def test_the_metric_for_mlflow_evaluate_gives_value_decisions_figures(store, scored):
    from metrics import value_decisions
    from metrics.mlflow import value_metric

    _, y, score, amount = scored
    data = pd.DataFrame({"label": y, "score": score, "amount": amount})
    metric = value_metric(MATRIX, amount_rates=RATES, amount_column="amount", threshold=0.3)
    with mlflow.start_run():
        result = mlflow.models.evaluate(
            data=data, targets="label", predictions="score", extra_metrics=[metric],
            evaluators="default",
        )  # fmt: skip
    expected = value_decisions(y, score, value_matrix=MATRIX, amount_rates=RATES, amount=amount)
    got = result.metrics
    assert got["valuelens_value/best_value"] == pytest.approx(expected.best_value)
    assert got["valuelens_value/best_value_cross_fitted"] == pytest.approx(
        expected.best_value_cross_fitted
    )
    assert got["valuelens_value/value_at_threshold"] == pytest.approx(expected.value_at(0.3))
    with pytest.raises(ValueError, match="give amount_column="):
        value_metric(MATRIX, amount_rates=RATES)
