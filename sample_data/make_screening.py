"""Generate the screening sample: the breast-cancer data set that ships with scikit-learn,
scored by two models with 5-fold cross-validation (each row scored by a model that never saw
it).

Run ``python sample_data/make_screening.py`` to rewrite
``sample_data/screening_breast_cancer.csv`` byte for byte; see ``sample_data/README.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 20261130
OUTPUT = Path(__file__).with_name("screening_breast_cancer.csv")


def scored() -> pd.DataFrame:
    """One row per patient: the label (1 = malignant), two cross-validated scores, the mean
    radius and its size band (a segment)."""
    data = load_breast_cancer(as_frame=True)
    x, malignant = data.data, 1 - data.target.to_numpy()
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    logreg = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=0.05))
    forest = RandomForestClassifier(n_estimators=200, min_samples_leaf=3, random_state=0)
    radius = x["mean radius"].to_numpy()
    frame = pd.DataFrame(
        {
            "patient_id": [f"P{i:04d}" for i in range(1, len(x) + 1)],
            "malignant": malignant,
            "score_logreg": cross_val_predict(
                logreg, x, malignant, cv=folds, method="predict_proba"
            )[:, 1],
            "score_forest": cross_val_predict(
                forest, x, malignant, cv=folds, method="predict_proba"
            )[:, 1],
            "mean_radius": radius,
            "tumour_size": np.where(radius < 12, "small", np.where(radius < 16, "medium", "large")),
        }
    )
    for name in ("score_logreg", "score_forest"):
        frame[name] = [f"{v:.6g}" for v in frame[name]]
    return frame


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    scored().to_csv(args.output, index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
