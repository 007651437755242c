"""``valuelens fleet`` on the bundled fleet (100 models x 26,000 rows, one Parquet file each)
beside a bare DuckDB ``GROUP BY model, week, label`` over the same files, each in its own
process, in one run.

    python benchmarks/bench_fleet.py

Target (issue): within 3x the bare query, under 1 GB.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from metrics.fleet.sample import sample_registry

BARE = """
import duckdb
duckdb.sql(
    "SELECT filename, date_trunc('week', timestamp) AS w, label, count(*), sum(score) "
    "FROM read_parquet('{logs}/*.parquet', filename = true) GROUP BY 1, 2, 3"
).fetchall()
"""


def timed(argv: list[str], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    registry = sample_registry()
    logs = registry.parent / "logs"
    bare = timed([sys.executable, "-c", BARE.format(logs=logs)])
    fleet = timed([sys.executable, "-m", "metrics", "fleet", "--registry", str(registry), "--json"])
    print(f"bare DuckDB GROUP BY model, week, label (100 files)   {bare:7.2f} s")
    print(
        f"valuelens fleet (100 models)                          {fleet:7.2f} s"
        f"  ratio {fleet / bare:.1f} (target 3)"
    )


if __name__ == "__main__":
    main()
