"""The example notebooks (plain-text, jupytext's percent format) run top to bottom."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_tuning_a_threshold_for_money_runs(tmp_path, monkeypatch, capsys):
    import sklearn

    monkeypatch.chdir(tmp_path)
    with sklearn.config_context():  # the notebook turns metadata routing on for itself
        runpy.run_path(str(EXAMPLES / "tune_threshold_for_money.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "earns $" in out and "as earned (cross-fitted)" in out


def test_logging_to_mlflow_runs(tmp_path, monkeypatch, capsys):
    mlflow = pytest.importorskip("mlflow")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")
    try:
        runpy.run_path(str(EXAMPLES / "log_to_mlflow.py"), run_name="__main__")
    finally:
        mlflow.set_tracking_uri(None)
    assert "valuelens_best_value_cross_fitted" in capsys.readouterr().out
