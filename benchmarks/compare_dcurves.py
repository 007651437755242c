"""ValueLens's net benefit side by side with the dcurves package's decision curve analysis.

dcurves is not a ValueLens dependency (it brings statsmodels, lifelines and matplotlib);
install it in a separate environment and point it at this checkout:

    python -m venv /tmp/dca && /tmp/dca/bin/pip install dcurves scikit-learn
    PYTHONPATH=. /tmp/dca/bin/python benchmarks/compare_dcurves.py

On the bundled breast-cancer screening sample, both models, thresholds 0.01 to 0.99.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.core.curves import threshold_curve
from metrics.core.samples import sample_path
from metrics.decide.model import net_benefit, treat_all_net_benefit

THRESHOLDS = np.round(np.arange(1, 100) / 100, 2)


def main() -> None:
    from dcurves import dca

    frame = pd.read_csv(sample_path("screening_breast_cancer.csv"))
    models = ["score_logreg", "score_forest"]
    theirs = dca(data=frame, outcome="malignant", modelnames=models, thresholds=THRESHOLDS)
    for name in models:
        curve = threshold_curve(frame["malignant"], frame[name])
        ours = net_benefit(curve, THRESHOLDS)
        mine = theirs[theirs["model"] == name].sort_values("threshold")["net_benefit"].to_numpy()
        print(f"{name}: largest gap in net benefit {np.max(np.abs(ours - mine)):.1e}")
    everyone = theirs[theirs["model"] == "all"].sort_values("threshold")["net_benefit"].to_numpy()
    gap = np.max(np.abs(treat_all_net_benefit(curve, THRESHOLDS) - everyone))
    print(f"act on everybody: largest gap {gap:.1e}")


if __name__ == "__main__":
    main()
