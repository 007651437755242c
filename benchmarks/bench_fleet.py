"""``valuelens fleet`` on 100 models x 1M rows (100M rows of Parquet) beside a bare DuckDB
``GROUP BY model, week, label`` over the same files, each in its own process, in one run; then
the fleet page's first view in a new browser session, the server's cache warm.

Two layouts of the same rows, each timed two ways:

- one file per model: ``--fresh`` (every row read, as on a first run or a log written again
  as one file each day), and the next run on the same files (each model's reference kept);
- one folder per model, one file per week: the morning after a new week's files arrived,
  the reference kept from the run before (what a scheduler sees each day).

    python benchmarks/bench_fleet.py            # 100 x 1M rows (written once: 2 GB, 2 min)
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
    "FROM read_parquet('{logs}', filename = true) GROUP BY 1, 2, 3"
).fetchall()
"""
FLEET = """
import runpy, sys
sys.argv = ["valuelens", "fleet", "--registry", {registry!r}, "--json", *{extra!r}]
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


def weekly_fleet(registry: Path) -> Path:
    """The same fleet as one folder per model and one file per week, written once beside it;
    the last week's files wait in ``held/`` until a run moves them in."""
    weekly = registry.parent.with_name(registry.parent.name + "-weekly")
    target = weekly / "fleet.toml"
    if not target.is_file():
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        print("writing the fleet again as weekly files (once)...", flush=True)
        for log in sorted((registry.parent / "logs").glob("*.parquet")):
            table = pq.read_table(log)
            week = pc.floor_temporal(table["timestamp"], unit="week", week_starts_monday=True)
            days = pc.unique(week).to_pylist()
            for number, day in enumerate(sorted(days)):
                folder = weekly / ("held" if number == len(days) - 1 else "logs") / log.stem
                folder.mkdir(parents=True, exist_ok=True)
                rows = table.filter(pc.equal(week, day))
                pq.write_table(rows, folder / f"{day:%Y-%m-%d}.parquet")
        text = registry.read_text(encoding="utf-8").replace('.parquet"', '"')
        target.write_text(text, encoding="utf-8")
    return target


def move_last_week(registry: Path, arrives: bool) -> None:
    """Move each model's last week into its folder (a new week arrives) or out of it."""
    for folder in sorted((registry.parent / "logs").iterdir()):
        held = registry.parent / "held" / folder.name
        held.mkdir(parents=True, exist_ok=True)
        waiting = sorted(held.glob("*.parquet"))
        if arrives:
            for file in waiting:
                file.rename(folder / file.name)
        elif not waiting:
            last = max(folder.glob("*.parquet"))
            last.rename(held / last.name)


def morning_after(registry: Path) -> None:
    """A run the day before (it keeps each model's reference), then a new week's files."""
    move_last_week(registry, arrives=False)
    subprocess.run(
        [sys.executable, "-c", FLEET.format(registry=str(registry), extra=[])],
        capture_output=True,
        check=False,
    )
    move_last_week(registry, arrives=True)


def run(script: str, repeats: int, before=None) -> tuple[float, float]:
    """Median seconds and the largest peak resident memory (MB) of a script in fresh
    processes; ``before`` runs ahead of each (untimed)."""
    times, peaks = [], []
    for _ in range(repeats):
        if before is not None:
            before()
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
    print(f"100 models, {rows:,} rows of Parquet")
    fleet = FLEET.format(registry=str(registry), extra=[])
    subprocess.run([sys.executable, "-c", fleet], capture_output=True, check=False)  # keeps
    compare(
        BARE.format(logs=registry.parent / "logs" / "*.parquet"),
        {
            "one file per model, every row read (--fresh)": FLEET.format(
                registry=str(registry), extra=["--fresh"]
            ),
            "one file per model, the reference kept": fleet,
        },
        args.repeats,
    )
    weekly = weekly_fleet(registry)
    move_last_week(weekly, arrives=True)
    weekly_run = FLEET.format(registry=str(weekly), extra=[])
    compare(
        BARE.format(logs=weekly.parent / "logs" / "*" / "*.parquet"),
        {"weekly files, the morning after a new week": weekly_run},
        args.repeats,
        before=lambda: morning_after(weekly),
    )
    page = page_first_view(registry, args.repeats)
    print(f"fleet page, first view (cache warm)          {page:7.2f} s  (target 5 s)")


def compare(bare_script: str, scripts: dict[str, str], repeats: int, before=None) -> None:
    """Print the bare query's time, then each script's beside it."""
    bare, bare_peak = run(bare_script, repeats)
    print(f"bare DuckDB GROUP BY model, week, label      {bare:7.2f} s  peak {bare_peak:5.0f} MB")
    for name, script in scripts.items():
        seconds, peak = run(script, repeats, before)
        print(
            f"valuelens fleet: {name}\n{'':45}{seconds:7.2f} s  peak {peak:5.0f} MB"
            f"  ratio {seconds / bare:.1f}x (targets 3x, 1 GB)"
        )


if __name__ == "__main__":
    main()
