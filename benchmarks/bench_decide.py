"""The decision page's work at 1M rows, side by side with scikit-learn, in one run.

    python benchmarks/bench_decide.py

Targets: a value-matrix edit or a constraint change reruns in under 150 ms (the page's own
computations on the prepared curve: value, baselines, best and constrained points, top
shares, the three-way optimum and the cost ranges); the three-way optimum over every distinct
score in under 1 s at 1M rows.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from sklearn.metrics import precision_recall_curve

from metrics.core.curves import threshold_curve
from metrics.core.value import class_amounts
from metrics.decide.charts import value_figure
from metrics.decide.model import Constraints, constrained_best, decide, top_shares, value_matrix
from metrics.decide.three_way import three_way
from metrics.decide.uncertain import basis, entries, uncertain_value

ROWS = 1_000_000


def timed(run, repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(0)
    y = (rng.random(ROWS) < 0.05).astype(np.int64)
    score = np.clip(rng.beta(2, 8, ROWS) + 0.3 * y * rng.random(ROWS), 0, 1)
    amount = np.round(rng.lognormal(3.5, 1.0, ROWS), 2)
    start = time.perf_counter()
    curve = threshold_curve(y, score, amount=amount)
    amounts = class_amounts(y, amount)
    b = basis(curve)
    prepare = time.perf_counter() - start
    print(f"## {ROWS:,} rows, {len(curve) - 1:,} distinct scores")
    print(f"prepare once (exact curve, sorted amounts, basis)   {prepare:6.3f} s")
    floor = timed(lambda: precision_recall_curve(y, score), repeats=3)
    print(f"sklearn precision_recall_curve (counts only)        {floor:6.3f} s")
    models = [value_matrix((0.0, -5.0 - k, -15.0, -5.0), (0.0, -0.1, -1.0, 0.0)) for k in range(7)]
    central = entries(models[0])
    low, high = central * 1.25, central * 0.75
    state = {"k": 0}

    def edit() -> None:
        model = models[state["k"] % len(models)]
        state["k"] += 1
        decision = decide(curve, amounts, model)
        constrained_best(decision, Constraints(min_precision=0.3, max_flag_rate=0.05))
        top_shares(decision)
        three_way(decision, 2.0)
        uncertain_value(b, entries(model), np.minimum(low, high), np.maximum(low, high), draws=1000)
        value_figure(decision, decision.best_threshold)

    rerun = timed(edit)
    print(
        f"a value-matrix edit: everything the page recomputes  {rerun * 1000:6.0f} ms (target 150)"
    )
    decision = decide(curve, amounts, models[0])
    band = timed(lambda: three_way(decision, 2.0))
    capped = timed(lambda: three_way(decision, 2.0, capacity=5_000), repeats=3)
    print(f"three-way optimum over every distinct score         {band:6.3f} s (target 1 s)")
    print(f"  with a review capacity (sliding window)           {capped:6.3f} s")
    small = threshold_curve(y[:2000], score[:2000], amount=amount[:2000])
    small_decision = decide(small, class_amounts(y[:2000], amount[:2000]), models[0])
    pairs = len(small) * (len(small) + 1) / 2
    loop = timed(lambda: _pair_loop(small_decision), repeats=1)
    per_pair = loop / pairs
    full = per_pair * len(curve) * (len(curve) + 1) / 2
    print(
        f"the same over every pair (vectorised per high threshold): {per_pair * 1e9:.1f} ns a "
        f"pair, about {full / 3600:,.1f} hours at this size"
    )


def _pair_loop(decision) -> float:
    """Every (high, low) pair valued from prefix sums: the quadratic search three_way avoids."""
    model, curve = decision.model, decision.curve
    acted = decision.value - decision.none
    reviewed = (model.tp.fixed - model.fn.fixed) * curve.tp - 2.0 * curve.flagged
    best = -np.inf
    for i in range(len(curve)):
        best = max(best, float((acted[i] - reviewed[i] + reviewed[i:]).max()))
    return best


if __name__ == "__main__":
    main()
