"""Train the adaptation study's models on the monitoring sample and store what they earned.

Run ``python sample_data/make_adapt.py`` (about ten minutes on two cores) to rewrite
``sample_data/adapt_results.json.gz``. For each noise level, a fraud model is trained on every
production day (May 1 to Aug 27) from what the team knew that day, and valued on that day and
every later one; a cadence's value is read off that matrix. The mind-versus-data grid trains
models on 2,000 to 40,000 rows with flipped labels or older rows and values them on Jul 10 to
Jul 28. Everything is seeded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import asdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from metrics.adapt.results import (
    FIRST_DAY,
    FRESH,
    LAST_DAY,
    NOISES,
    SIZES,
    STALE,
    STALE_SHARES,
    TEST,
)
from metrics.adapt.study import daily_log, data_grid, value_matrix

SEED = 20261130
HERE = Path(__file__).parent
OUTPUT = HERE / "adapt_results.json.gz"


def build() -> dict:
    frame = pd.read_csv(HERE / "fraud_monitoring.csv.gz")
    log = daily_log(frame)
    matrices = {
        str(noise): value_matrix(log, FIRST_DAY, LAST_DAY, noise=noise, seed=SEED).round(2)
        for noise in NOISES
    }
    grid = data_grid(
        log,
        fresh=FRESH,
        stale=STALE,
        test=TEST,
        sizes=SIZES,
        noises=NOISES,
        stale_shares=STALE_SHARES,
        seed=SEED,
    )
    start = pd.to_datetime(frame["timestamp"]).min().normalize()
    return {
        "start": start.date().isoformat(),
        "first_day": FIRST_DAY,
        "matrices": {k: [[None if v != v else v for v in row] for row in m.tolist()]
                     for k, m in matrices.items()},
        "grid": [asdict(c) for c in grid],
    }  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    out = parser.parse_args().output
    text = json.dumps(build(), separators=(",", ":"))
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        f.write(text.encode())
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
