"""Page timings for the model-value, security, ROI, monitoring and retraining pages, in one
run.

    python benchmarks/bench_pages.py

The model-value page must open in under 5 s on a first visit (a fresh server: nothing
cached), the monitoring and retraining pages in under 3 s, and every page must rerun in under 150 ms
(median of AppTest reruns after a move of its main widget).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fraud import ROOT, timed


def bench(path: str, key: str, kind: str, values: list) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page(path)
    first = timed(at.run)
    times = [timed(lambda v=v: getattr(at, kind)(key=key).set_value(v).run()) for v in values]
    print(
        f"{path:<24} first visit {first:5.2f} s; median rerun after moving {key} "
        f"{statistics.median(times) * 1000:4.0f} ms over {len(times)}"
    )


if __name__ == "__main__":
    print("## Pages (AppTest, whole script; a new process, so the first visit is cold)")
    bench(
        "pages/model_value.py",
        "value_target",
        "slider",
        [round(0.9966 + 0.0002 * i, 4) for i in range(12)],  # each target bisects afresh
    )
    bench(
        "pages/security.py",
        "security_recall",
        "slider",
        [round(0.1 + 0.07 * i, 2) for i in range(12)],
    )
    bench(
        "pages/roi.py",
        "roi_stage",
        "radio",
        ["Getting started", "Mature ML platform", "Some ML in production"] * 4,
    )
    import datetime as dt

    days = [dt.date(2026, 5, 10) + dt.timedelta(days=9 * i) for i in range(12)]
    bench("pages/monitor.py", "monitor_as_of", "select_slider", days)
    cadences = [1, 3, 7, 14, 30, 60, 0] * 2
    bench("pages/adapt.py", "adapt_cadence", "select_slider", cadences[:12])
    bench("pages/adapt.py", "adapt_noise", "select_slider", [0.01, 0.02, 0.05, 0.1, 0.0] * 2)
