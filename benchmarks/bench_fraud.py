"""Fraud benchmarks, side by side in one run (ratios, not absolute times, are the point).

    python benchmarks/bench_fraud.py            # 1M and 10M rows, about 2 minutes
    python benchmarks/bench_fraud.py --quick    # 1M rows only

1. Building the exact curve (counts and amounts at every distinct score) against
   scikit-learn's ``confusion_matrix_at_thresholds`` with amounts as weights and its
   ``precision_recall_curve``, and against a per-threshold ``confusion_matrix`` loop.
2. Preparing a data set for the page (exact curve, bootstrap intervals, the perfect
   decision's sorted amounts) against ``precision_recall_curve`` on the same rows.
3. An upload of 2.7M rows (about 95 MB of CSV) from its bytes to the page's first view.
4. A slider move: the per-threshold lookup on the cached curve.
5. The fraud page: median AppTest rerun after the first load.

Targets: curve at 10M rows no slower than scikit-learn (ratio <= 1.0); prepare at 1M rows
within 3x ``precision_recall_curve``; the 2.7M-row upload ready in under 15 s; a slider move
under 1 ms; the page reruns in under 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, precision_recall_curve

from metrics.core.curves import threshold_curve
from metrics.core.io import read_table
from metrics.fraud.data import fraud_data, guess_columns, load_fraud_sample
from metrics.fraud.model import FraudCosts, FraudData, snapshot
from metrics.fraud.view import fraud_view, prepare

try:
    from sklearn.metrics import confusion_matrix_at_thresholds
except ImportError:  # scikit-learn < 1.8
    confusion_matrix_at_thresholds = None

ROOT = Path(__file__).resolve().parent.parent


def synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rare positives, continuous scores (nearly all distinct), heavy-tailed amounts."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.005).astype(np.int8)
    score = 1 / (1 + np.exp(-(rng.normal(-4, 1.5, n) + 3 * y)))
    return y, score, rng.lognormal(3.5, 1.2, n)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(cases: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds per case; cases are interleaved so machine noise hits all alike."""
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, fn in cases.items():
            runs[name].append(timed(fn))
    return {name: statistics.median(t) for name, t in runs.items()}


def bench_curve(n: int, repeats: int) -> None:
    y, s, a = synthetic(n)
    cases = {
        "ValueLens threshold_curve (counts + amounts)": lambda: threshold_curve(y, s, amount=a),
        "sklearn precision_recall_curve": lambda: precision_recall_curve(y, s),
    }
    if confusion_matrix_at_thresholds is not None:
        cases["sklearn confusion_matrix_at_thresholds (amount weights)"] = lambda: (
            confusion_matrix_at_thresholds(y, s, sample_weight=a)
        )
    times = compare(cases, repeats)
    ours = times.pop("ValueLens threshold_curve (counts + amounts)")
    n_thresholds = len(threshold_curve(y, s)) - 1
    sample = np.quantile(s, np.linspace(0.01, 0.99, 20))
    per_threshold = timed(lambda: [confusion_matrix(y, s >= t) for t in sample]) / len(sample)
    print(f"\n## Curve at {n:,} rows ({n_thresholds:,} distinct scores), median of {repeats}")
    print(f"{'ValueLens threshold_curve (counts + amounts)':<58}{ours:9.3f} s   ratio 1.00")
    for name, seconds in times.items():
        print(f"{name:<58}{seconds:9.3f} s   ValueLens/this = {ours / seconds:.2f}")
    loop = per_threshold * n_thresholds
    print(
        f"{'confusion_matrix per threshold (20 timed, extrapolated)':<58}{loop:9.0f} s   "
        f"ValueLens/this = {ours / loop:.1e}"
    )


def bench_prepare(n: int, repeats: int) -> None:
    y, s, a = synthetic(n)
    data = FraudData(y_true=y, y_score=s, amount=a, days=30.0)
    times = compare(
        {
            "prepare (curve + 400 bootstrap resamples + sorted amounts)": lambda: prepare(data),
            "sklearn precision_recall_curve": lambda: precision_recall_curve(y, s),
        },
        repeats,
    )
    ours, reference = times.values()
    print(f"\n## Preparing {n:,} rows for the page, median of {repeats}")
    for name, seconds in times.items():
        print(f"{name:<58}{seconds:9.3f} s")
    print(f"ratio prepare / precision_recall_curve = {ours / reference:.2f} (target <= 3)")


def bench_upload(n: int) -> None:
    y, s, a = synthetic(n)
    days = np.random.default_rng(1).integers(0, 30 * 86_400, n)
    stamps = pd.Timestamp("2026-06-01") + pd.to_timedelta(np.sort(days), unit="s")
    frame = pd.DataFrame(
        {"timestamp": stamps, "label": y, "score": s.round(6), "amount": a.round(2)}
    )
    raw = frame.to_csv(index=False).encode()
    start = time.perf_counter()
    table = read_table(raw, name="upload.csv")
    guess = guess_columns(table)
    picked = {role: guess.columns[role] for role in ("label", "score", "amount", "timestamp")}
    prepared = prepare(fraud_data(table, **picked))
    fraud_view(prepared, FraudCosts(), capacity_per_day=25)
    seconds = time.perf_counter() - start
    print(f"\n## Upload of {n:,} rows ({len(raw) / 1e6:.0f} MB of CSV), bytes to first view")
    print(f"{seconds:.1f} s (target < 15 s)")


def bench_slider() -> None:
    view = fraud_view(prepare(load_fraud_sample()), FraudCosts(), capacity_per_day=25)
    thresholds = np.random.default_rng(1).random(20_000).round(3)
    start = time.perf_counter()
    for t in thresholds:
        snapshot(view.analysis, float(t))
    per_move = (time.perf_counter() - start) / len(thresholds)
    print("\n## Slider move on the sample (66,712 rows): snapshot() lookup")
    print(f"mean over {len(thresholds):,} moves: {per_move * 1e6:.1f} µs (target < 1,000 µs)")


def bench_page(reruns: int) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/fraud.py")
    first = timed(at.run)
    slider = at.slider(key="fraud_threshold")
    values = np.linspace(0.01, 0.9, reruns).round(3)
    times = [timed(lambda v=v: slider.set_value(float(v)).run()) for v in values]
    print("\n## Fraud page (AppTest, whole script, sample data)")
    print(
        f"first load {first * 1000:.0f} ms; median rerun after a slider move "
        f"{statistics.median(times) * 1000:.0f} ms over {reruns} (target < 100 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1M rows only, fewer repeats")
    args = parser.parse_args()
    bench_curve(1_000_000, repeats=5)
    bench_prepare(1_000_000, repeats=5)
    if not args.quick:
        bench_curve(10_000_000, repeats=3)
        bench_upload(2_700_000)
    bench_slider()
    bench_page(reruns=15 if args.quick else 30)


if __name__ == "__main__":
    main()
