"""Big logs, side by side in one run: ``valuelens evaluate`` on a Parquet log through DuckDB
against the floor (a bare DuckDB GROUP BY over the same file), the in-memory path and
scikit-learn's ``precision_recall_curve`` (which needs the arrays in memory first).

    .venv/bin/python benchmarks/bench_scale.py            # 20M and 100M rows, ~5 minutes
    .venv/bin/python benchmarks/bench_scale.py --quick    # 20M rows only

The logs are written once by DuckDB into benchmarks/results/ (about 12 bytes a row) and
reused. Each timed command runs in its own process, so its peak memory is its own.

Targets (100M rows): evaluate end to end < 5 s, peak memory < 1 GB, at most 3x the floor.
Spark in local mode on 10M rows: the same report as DuckDB; its time is reported.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

FLOOR = """
import sys, duckdb
duckdb.sql(f"SELECT score, label, count(*), sum(amount) FROM read_parquet('{sys.argv[1]}') "
           "GROUP BY ALL").fetchnumpy()
"""
IN_MEMORY = """
import sys
from metrics.cli import main
sys.exit(main(["evaluate", "--data", sys.argv[1], "--threshold", "0.3", "--engine", "pandas",
               "--json"]))
"""
SKLEARN = """
import sys, pandas as pd
from sklearn.metrics import precision_recall_curve
frame = pd.read_parquet(sys.argv[1], columns=["label", "score"])
precision_recall_curve(frame["label"], frame["score"])
"""
ENGINE = """
import sys
from metrics.cli import main
sys.exit(main(["evaluate", "--data", sys.argv[1], "--threshold", "0.3", "--json"]))
"""


def make_log(rows: int) -> Path:
    """Rare fraud, scores with 6 decimals (about a million distinct), heavy-tailed amounts."""
    import duckdb

    path = RESULTS / f"log_{rows // 1_000_000}M.parquet"
    if path.exists():
        return path
    RESULTS.mkdir(exist_ok=True)
    duckdb.sql(
        f"""COPY (
            WITH draws AS (
                SELECT i, random() AS u, random() AS v, random() AS w, random() AS z
                FROM range({rows}) t(i)
            )
            SELECT (v < 0.02 * u * u)::TINYINT AS label,
                   round(u, 6) AS score,
                   round(exp(3.5 + 1.2 * sqrt(-2 * ln(w)) * cos(6.283185 * z)), 2) AS amount,
                   TIMESTAMP '2026-06-01' + to_seconds((i % 2592000)::BIGINT) AS timestamp
            FROM draws
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)"""
    )
    return path


REPORT_PEAK = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " file=sys.stderr))\n"
)


def timed(script: str, path: Path) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MB) and output of one run in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", REPORT_PEAK + script, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    peak_kb = next(
        int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")
    )
    return seconds, peak_kb / 1024, done.stdout


def bench(rows: int, *, in_memory: bool) -> None:
    path = make_log(rows)
    print(f"\n## {rows:,} rows ({path.stat().st_size / 1e9:.2f} GB of Parquet)")
    cases = {"DuckDB GROUP BY alone (the floor)": FLOOR, "valuelens evaluate (DuckDB)": ENGINE}
    if in_memory:
        cases["valuelens evaluate --engine pandas (in memory)"] = IN_MEMORY
        cases["read + sklearn precision_recall_curve"] = SKLEARN
    times = {}
    for name, script in cases.items():
        seconds, peak, out = timed(script, path)
        times[name] = seconds
        print(f"{name:<48}{seconds:8.2f} s   peak memory {peak:8.0f} MB")
        if script is ENGINE:
            report = json.loads(out)
            print(f"{'':<48}n = {report['n']:,}, resolution {report['score_resolution']}")
    floor, ours = times["DuckDB GROUP BY alone (the floor)"], times["valuelens evaluate (DuckDB)"]
    print(f"evaluate / floor = {ours / floor:.2f} (target <= 3)")
    for name in list(cases)[2:]:
        print(f"evaluate / {name} = {ours / times[name]:.2f}")


SPARK = """
import sys
from metrics.cli import main
sys.exit(main(["evaluate", "--data", sys.argv[1], "--threshold", "0.3", "--engine", "spark",
               "--json"]))
"""


def bench_spark(rows: int) -> None:
    """Spark in local mode against DuckDB on the same log: the same numbers, its time."""
    path = make_log(rows)
    print(f"\n## Spark local mode, {rows:,} rows")
    duck_s, duck_mb, duck = timed(ENGINE, path)
    spark_s, spark_mb, spark = timed(SPARK, path)
    first, second = json.loads(duck), json.loads(spark)
    same = first.keys() == second.keys() and all(
        math.isclose(v, second[k], rel_tol=1e-9)
        if isinstance(v, float) and isinstance(second[k], float)
        else v == second[k]
        for k, v in first.items()
    )
    print(f"{'valuelens evaluate (DuckDB)':<48}{duck_s:8.2f} s   peak memory {duck_mb:8.0f} MB")
    print(f"{'valuelens evaluate --engine spark':<48}{spark_s:8.2f} s   (driver {spark_mb:.0f} MB)")
    print(f"same report (floats to 1e-9): {same}")


PAGE = """
import sys, time
from metrics.core.engine import open_log
from metrics.fraud.model import FraudCosts
from metrics.fraud.view import fraud_view, prepare_log
start = time.perf_counter()
log = open_log(sys.argv[1])
first = prepare_log(log, interval=False)
fraud_view(first, FraudCosts(), capacity_per_day=None)
drawn = time.perf_counter()
fraud_view(prepare_log(log), FraudCosts(), capacity_per_day=None)
print(drawn - start, time.perf_counter() - drawn)
"""


def bench_page(rows: int) -> None:
    """What the fraud page computes before its first view of a log in the data folder, and
    the resampling pass that adds the interval right after it is drawn."""
    path = make_log(rows)
    print(f"\n## The fraud page on a {rows:,}-row log from the data folder")
    _, peak, out = timed(PAGE, path)
    first, interval = map(float, out.split())
    print(f"{'first view (open, sums, view), in the server':<48}{first:8.2f} s   (target < 5)")
    print(f"{'then the 95% interval (one more pass)':<48}{interval:8.2f} s   peak {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20M rows only")
    args = parser.parse_args()
    bench(20_000_000, in_memory=True)
    if not args.quick:
        bench(100_000_000, in_memory=False)
        bench_page(100_000_000)
        bench_spark(10_000_000)


if __name__ == "__main__":
    main()
