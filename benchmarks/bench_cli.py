"""Start-up and the honest best value, side by side in one run:

- ``valuelens --help`` and every ``valuelens CMD --help`` against a bare ``python -c pass``
  (target: within 0.3 s of it; no help needs pandas);
- ``valuelens evaluate`` on a 20M-row Parquet log against a bare DuckDB GROUP BY over the same
  file, each in its own process (target: within 1.5x);
- the cross-fitted best value on 1M rows in memory against the in-sample curve it sits
  beside (target: it adds at most 1x the curve's time).

    .venv/bin/python benchmarks/bench_cli.py            # about 2 minutes
    .venv/bin/python benchmarks/bench_cli.py --quick    # skip the 20M-row log

Each command runs 5 times and the median is printed (these machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from metrics.cli import COMMANDS  # noqa: E402

REPEATS = 5
FLOOR_GROUP_BY = """
import sys, duckdb
duckdb.sql(f"SELECT score, label, count(*), sum(amount) FROM read_parquet('{sys.argv[1]}') "
           "GROUP BY ALL").fetchnumpy()
"""


def median_seconds(argv: list[str], repeats: int = REPEATS) -> float:
    """Median wall time of a command in a fresh process."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def valuelens(*args: str) -> list[str]:
    return [sys.executable, "-m", "metrics", *args]


def bench_help() -> None:
    print("## Start-up: --help against a bare interpreter (median of 5)")
    floor = median_seconds([sys.executable, "-c", "pass"])
    pandas = median_seconds([sys.executable, "-c", "import pandas"])
    print(f"{'python -c pass (the floor)':<40}{floor:7.3f} s")
    print(f"{'python -c import pandas (for scale)':<40}{pandas:7.3f} s")
    worst = 0.0
    for name in [None, *COMMANDS]:
        args = ["--help"] if name is None else [name, "--help"]
        seconds = median_seconds(valuelens(*args))
        worst = max(worst, seconds - floor)
        label = "valuelens --help" if name is None else f"valuelens {name} --help"
        print(f"{label:<40}{seconds:7.3f} s   +{seconds - floor:.3f} s over the floor")
    print(f"largest overhead: +{worst:.3f} s (target <= 0.3 s)")


def bench_evaluate() -> None:
    from bench_scale import make_log

    path = make_log(20_000_000)
    print(f"\n## evaluate on {path.name} (20M rows) against a bare DuckDB GROUP BY (median of 5)")
    floor = median_seconds([sys.executable, "-c", FLOOR_GROUP_BY, str(path)])
    evaluate = valuelens("evaluate", "--data", str(path), "--threshold", "0.3", "--json")
    ours = median_seconds(evaluate)
    honest = median_seconds(
        valuelens("evaluate", "--data", str(path), "--threshold", "0.3", "--interval", "--json"),
        repeats=3,
    )
    print(f"{'DuckDB GROUP BY alone (the floor)':<40}{floor:7.2f} s")
    print(f"{'valuelens evaluate':<40}{ours:7.2f} s   {ours / floor:.2f}x (target <= 1.5x)")
    print(
        f"{'  with --interval (and cross-fitted)':<40}{honest:7.2f} s   {honest / floor:.2f}x "
        "(two more grouped passes)"
    )


def bench_cross_fit(rows: int = 1_000_000) -> None:
    import numpy as np

    from metrics.core.crossfit import cross_fitted, prepare_cross_fit
    from metrics.core.curves import sort_rows, sorted_curve, threshold_curve
    from metrics.core.value import best_thresholds
    from metrics.fraud.model import FraudCosts

    rng = np.random.default_rng(0)
    y = (rng.random(rows) < 0.025).astype(np.int64)
    s = 1 / (1 + np.exp(-(rng.normal(-4.5, 1.3, rows) + 2.8 * y)))
    a = rng.lognormal(4, 1.0, rows)
    model = FraudCosts().value_model()

    def curve() -> None:
        best_thresholds(threshold_curve(y, s, amount=a), model)

    def honest() -> None:
        rows = sort_rows(y, s, amount=a)
        found = best_thresholds(sorted_curve(rows), model)
        inputs = prepare_cross_fit(y, rows)
        cross_fitted(inputs.cells, model, in_sample=found.savings.value, boot=inputs.boot)

    def best_of(work, repeats: int = REPEATS) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    alone, both = best_of(curve), best_of(honest)
    print(f"\n## The cross-fitted best on {rows:,} rows in memory (median of 5)")
    print(f"{'in-sample curve and best threshold':<40}{alone:7.3f} s")
    print(f"{'  plus cross-fitted value and interval':<40}{both:7.3f} s")
    print(f"added: {both - alone:.3f} s = {(both - alone) / alone:.2f}x the curve (target <= 1x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 20M-row log")
    args = parser.parse_args()
    bench_help()
    bench_cross_fit()
    if not args.quick:
        bench_evaluate()


if __name__ == "__main__":
    main()
