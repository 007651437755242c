"""``valuelens fleet`` on 100 models x 1M rows (100M rows of Parquet, one file per model) beside
a bare DuckDB ``GROUP BY model, week, label`` over the same files, each in its own process, in
one run; then the fleet page's first view in a new browser session, the server's cache warm.

    python benchmarks/bench_fleet.py            # 100 x 1M rows (written once: 1 GB, 20 s)
    python benchmarks/bench_fleet.py --quick    # the bundled fleet, 100 x 26,000 rows

Targets (issue): the command within 3x the bare query and under 1 GB; the page's first view
under 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from metrics.fleet.sample import ROWS_PER_WEEK, WEEKS, sample_registry, write_fleet

BARE = """
import duckdb
duckdb.sql(
    "SELECT filename, date_trunc('week', timestamp) AS w, label, count(*), sum(score) "
    "FROM read_parquet('{logs}/*.parquet', filename = true) GROUP BY 1, 2, 3"
).fetchall()
"""
FLEET = """
import runpy, sys
sys.argv = ["valuelens", "fleet", "--registry", {registry!r}, "--json"]
runpy.run_module("metrics", run_name="__main__")
"""
PEAK = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " file=sys.stderr))\n"
)
BIG_ROWS_PER_WEEK = 38_462
"""Rows a model scores a week in the big fleet: 26 weeks make 1,000,012 rows a model."""


def big_fleet() -> Path:
    """The 100M-row fleet's registry, written once into the cache folder."""
    root = Path(os.environ.get("VALUELENS_CACHE") or Path.home() / ".cache" / "valuelens")
    registry = root / "bench-fleet-100m" / "fleet.toml"
    if not registry.is_file():
        print("writing 100 logs of 1M rows each (once)...", flush=True)
        write_fleet(registry.parent, BIG_ROWS_PER_WEEK)
    return registry


def run(script: str, repeats: int) -> tuple[float, float]:
    """Median seconds and the largest peak resident memory (MB) of a script in fresh
    processes."""
    times, peaks = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PEAK + script], capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - start)
        lines = [line for line in done.stderr.splitlines() if line.startswith("PEAK")]
        if not lines:
            raise SystemExit(done.stderr[-2000:])
        peaks.append(int(lines[0].split()[1]) / 1024)
    return statistics.median(times), max(peaks)


def page_first_view(registry: Path, repeats: int) -> float:
    """Median seconds from a new browser session's request to the fleet page drawn, after
    one opening has filled the server's cache."""
    from bench_page_load import cold
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from local_dashboard import CHROMIUM_FLAGS, start

    os.environ["VALUELENS_FLEET_REGISTRY"] = str(registry)
    server, url = start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            cold(browser, f"{url}/fleet")  # the cache filled, as for the day's second visitor
            seconds = statistics.median(cold(browser, f"{url}/fleet") for _ in range(repeats))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the bundled fleet only")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    registry = sample_registry() if args.quick else big_fleet()
    rows = 100 * WEEKS * (ROWS_PER_WEEK if args.quick else BIG_ROWS_PER_WEEK)
    logs = registry.parent / "logs"
    bare, bare_peak = run(BARE.format(logs=logs), args.repeats)
    fleet, fleet_peak = run(FLEET.format(registry=str(registry)), args.repeats)
    print(f"100 models, {rows:,} rows of Parquet (one file per model)")
    print(f"bare DuckDB GROUP BY model, week, label   {bare:7.2f} s  peak {bare_peak:5.0f} MB")
    print(
        f"valuelens fleet                           {fleet:7.2f} s  peak {fleet_peak:5.0f} MB"
        f"  ratio {fleet / bare:.1f}x (targets 3x, 1 GB)"
    )
    page = page_first_view(registry, args.repeats)
    print(f"fleet page, first view (cache warm)       {page:7.2f} s  (target 5 s)")


if __name__ == "__main__":
    main()
