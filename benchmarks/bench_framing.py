"""The other output types at 1M rows, side by side with their floors, in one run.

    python benchmarks/bench_framing.py

Targets: a value-matrix cell edit on a 1M-row multiclass file (4 classes and review, per-row
amounts) reruns the valuation in under 150 ms, the your-model page's budget for a what-if;
the exact best shift of 1M forecasts within 3x a plain ``np.quantile`` of the residuals; one
shared threshold over 1M rows x 4 labels within 3x scikit-learn's ``precision_recall_curve``
on the same 4M scores.
"""

from __future__ import annotations

import time

import numpy as np
from bench_decide import timed
from sklearn.metrics import confusion_matrix, precision_recall_curve

from metrics.framing.multiclass import ActionMatrix, multiclass_rows, value_rows
from metrics.framing.multilabel import shared_threshold
from metrics.framing.presets import TICKET_TEAMS, ticket_routing
from metrics.framing.regression import RegressionCosts, best_shift

ROWS = 1_000_000


def multiclass(rng: np.random.Generator) -> None:
    proba = rng.dirichlet([4, 3, 2, 0.4], ROWS)
    y = (rng.random(ROWS)[:, None] > proba.cumsum(axis=1)).sum(axis=1).clip(0, 3)
    labels = np.asarray(TICKET_TEAMS)[y]
    amount = np.round(rng.lognormal(7, 0.9, ROWS), 2)
    start = time.perf_counter()
    rows = multiclass_rows(labels, proba, classes=TICKET_TEAMS, amount=amount)
    print(
        f"prepare 1M multiclass rows once (check labels, probabilities, amounts)  "
        f"{time.perf_counter() - start:6.3f} s"
    )
    preset = ticket_routing()
    edits = [preset.fixed + k for k in range(7)]
    state = {"k": 0}

    def edit() -> None:
        fixed = edits[state["k"] % len(edits)]
        state["k"] += 1
        value_rows(
            rows,
            ActionMatrix(TICKET_TEAMS, preset.actions, fixed, preset.rates, "review", ROWS // 30),
        )

    cell = timed(edit)
    floor = timed(lambda: confusion_matrix(y, proba.argmax(axis=1)), repeats=3)
    print(
        f"matrix cell edit: three rules, intervals, capacity     {cell * 1000:7.0f} ms"
        "  (target 150 ms)"
    )
    print(
        f"floor: sklearn confusion_matrix of the argmax             {floor * 1000:7.0f} ms"
        f"  ratio {cell / floor:.2f}"
    )


def regression(rng: np.random.Generator) -> None:
    residual = np.round(rng.standard_t(4, ROWS) * 10, 1)
    costs = RegressionCosts(3, 1)
    shift = timed(lambda: best_shift(residual, costs), repeats=5)
    floor = timed(lambda: np.quantile(residual, 0.75), repeats=5)
    print(f"exact best shift, 1M forecasts                          {shift * 1000:7.0f} ms")
    print(
        f"floor: np.quantile of the residuals                     {floor * 1000:7.0f} ms"
        f"  ratio {shift / floor:.2f} (target 3)"
    )


def multilabel(rng: np.random.Generator) -> None:
    y = (rng.random((ROWS, 4)) < [0.2, 0.1, 0.05, 0.3]).astype(np.int8)
    score = np.round(np.clip(0.3 * y + rng.random((ROWS, 4)) * 0.7, 0, 1), 4)
    fixed = np.tile([0.0, -1.0, -2.0, 3.0], (4, 1))
    rates = np.zeros((4, 4))
    shared = timed(lambda: shared_threshold(y, score, fixed, rates, None), repeats=3)
    floor = timed(lambda: precision_recall_curve(y.ravel(), score.ravel()), repeats=3)
    print(f"shared threshold, 1M rows x 4 labels, exact             {shared * 1000:7.0f} ms")
    print(
        f"floor: sklearn precision_recall_curve on the 4M scores  {floor * 1000:7.0f} ms"
        f"  ratio {shared / floor:.2f} (target 3)"
    )


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"## {ROWS:,} rows")
    multiclass(rng)
    regression(rng)
    multilabel(rng)


if __name__ == "__main__":
    main()
