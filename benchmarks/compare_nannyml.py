"""ValueLens's monitoring estimate side by side with NannyML's CBPE on the same data.

NannyML is not a ValueLens dependency; install it in a separate environment and point it at
this checkout:

    python -m venv /tmp/nml && /tmp/nml/bin/pip install nannyml statsmodels
    PYTHONPATH=. /tmp/nml/bin/python benchmarks/compare_nannyml.py

The data: labels drawn from known probabilities, a reference period and an analysis period
whose population drifts toward riskier rows (covariate shift, which CBPE is built for); once
with calibrated scores and once with scores that need calibration. Both tools value each
outcome with the same constant matrix (NannyML's business value) and chunk by 2,000 rows.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

MATRIX = (0.0, -5.0, -60.0, 40.0)  # TN, FP, FN, TP
THRESHOLD = 0.3
CHUNK = 2_000


def make_data(seed: int, warp) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n_ref, n_ana = 20 * CHUNK, 40 * CHUNK
    shift = np.concatenate([np.zeros(n_ref), np.linspace(0.0, 1.5, n_ana)])
    p = rng.beta(0.6 + shift, 6.0, n_ref + n_ana)
    frame = pd.DataFrame(
        {
            "timestamp": pd.Timestamp("2026-01-01") + pd.to_timedelta(np.arange(len(p)), "min"),
            "y_pred_proba": warp(p),
            "y_true": (rng.random(len(p)) < p).astype(int),
        }
    )
    frame["y_pred"] = (frame["y_pred_proba"] >= THRESHOLD).astype(int)
    return frame.iloc[:n_ref].reset_index(drop=True), frame.iloc[n_ref:].reset_index(drop=True)


def nannyml_estimates(reference: pd.DataFrame, analysis: pd.DataFrame) -> pd.DataFrame:
    import nannyml as nml

    tn, fp, fn, tp = MATRIX
    estimator = nml.CBPE(
        y_pred_proba="y_pred_proba",
        y_pred="y_pred",
        y_true="y_true",
        timestamp_column_name="timestamp",
        metrics=["roc_auc", "business_value"],
        chunk_size=CHUNK,
        problem_type="classification_binary",
        business_value_matrix=[[tn, fp], [fn, tp]],
    )
    estimator.fit(reference)
    out = estimator.estimate(analysis.drop(columns="y_true")).filter(period="analysis").to_df()
    return pd.DataFrame(
        {
            "business_value": out[("business_value", "value")].to_numpy(),
            "roc_auc": out[("roc_auc", "value")].to_numpy(),
        }
    )


def valuelens_estimates(reference: pd.DataFrame, analysis: pd.DataFrame) -> pd.DataFrame:
    from metrics.monitor.data import monitor_log
    from metrics.monitor.model import build_monitor
    from metrics.monitor.values import matrix_model

    log = monitor_log(
        reference,
        analysis.drop(columns="y_true"),
        label="y_true",
        score="y_pred_proba",
        timestamp="timestamp",
        prediction="y_pred",
    )
    monitor = build_monitor(log, matrix_model(MATRIX), size=CHUNK)
    analysis_chunks = ~monitor.chunks.reference
    return pd.DataFrame(
        {
            "business_value": monitor.estimated[analysis_chunks],
            "roc_auc": monitor.estimated_auc[analysis_chunks],
            "calibrated": monitor.calibration.needed,
        }
    )


def realised(analysis: pd.DataFrame) -> np.ndarray:
    tn, fp, fn, tp = MATRIX
    y, d = analysis["y_true"].to_numpy(), analysis["y_pred"].to_numpy()
    value = np.select(
        [(y == 1) & (d == 1), (y == 0) & (d == 1), (y == 1) & (d == 0)], [tp, fp, fn], tn
    )
    return value.reshape(-1, CHUNK).sum(axis=1)


def main() -> None:
    os.environ.setdefault("NML_DISABLE_USAGE_LOGGING", "1")  # no analytics calls from NannyML
    for name, warp in (("calibrated scores", lambda p: p), ("scores needing calibration", np.sqrt)):
        reference, analysis = make_data(0, warp)
        ours, theirs = (
            valuelens_estimates(reference, analysis),
            nannyml_estimates(reference, analysis),
        )
        truth = realised(analysis)
        gap = (ours["business_value"] - theirs["business_value"]).abs() / np.abs(truth)
        auc_gap = (ours["roc_auc"] - theirs["roc_auc"]).abs()
        err_ours = np.abs(ours["business_value"] - truth) / np.abs(truth)
        err_theirs = np.abs(theirs["business_value"] - truth) / np.abs(truth)
        print(f"## {name} (ValueLens calibrated: {bool(ours['calibrated'][0])})")
        print(f"chunks: {len(truth)}")
        dollars = (ours["business_value"] - theirs["business_value"]).abs().max()
        print(
            f"estimated value, ValueLens vs NannyML: largest gap ${dollars:.2e} "
            f"({gap.max():.1e} of the realised value; chunks worth ${np.abs(truth).mean():,.0f})"
        )
        print(f"estimated ROC AUC, ValueLens vs NannyML: largest gap {auc_gap.max():.1e}")
        print(
            f"error against the realised value: ValueLens median {err_ours.median():.2%}, "
            f"NannyML median {err_theirs.median():.2%}"
        )


if __name__ == "__main__":
    main()
