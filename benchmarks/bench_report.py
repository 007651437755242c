"""Review reports and links, in one run.

    python benchmarks/bench_report.py

Targets: a page's review report builds in under 3 s; writing a page's inputs to the URL adds
under 10 ms to a rerun.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import tempfile
import time
from pathlib import Path

from metrics.core.scenario import new_scenario
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import FraudCosts
from metrics.fraud.report import fraud_report
from metrics.fraud.view import fraud_view, prepare

URL_SCRIPT = """
import statistics, time
import streamlit as st
from ui.fraud_inputs import URL_PARAMS
from ui.scenario import to_url
st.session_state.update({p.key: 0.3 for p in URL_PARAMS[:-1]})
times = []
for i in range(50):
    st.session_state["fraud_threshold"] = i / 100
    start = time.perf_counter()
    to_url(URL_PARAMS)
    times.append(time.perf_counter() - start)
st.write(statistics.median(times) * 1000)
"""


def main() -> None:
    view = fraud_view(prepare(load_fraud_sample()), FraudCosts(), capacity_per_day=25.0)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        html = fraud_report(view, FraudCosts(), 0.3, 25.0, source="sample", fingerprint="x")
        times.append(time.perf_counter() - start)
    print(
        f"fraud page's review report: {statistics.median(times):.2f} s, "
        f"{len(html.encode()) / 1e6:.1f} MB (target 3 s, 5 MB)"
    )
    from metrics.cli import main as cli

    with tempfile.TemporaryDirectory() as folder:
        fraud = Path(folder) / "fraud.json"
        monitor = Path(folder) / "monitor.json"
        fraud.write_text(new_scenario("fraud", {"fraud_threshold": 0.3}, "s", "x").to_json())
        monitor.write_text(new_scenario("monitor", {}, "s", "x").to_json())
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            cli(["report", "--scenario", str(fraud), "--scenario", str(monitor),
                 "--out", str(Path(folder) / "pack.html")])  # fmt: skip
        print(
            f"a two-page pack from the command line: {time.perf_counter() - start:.2f} s "
            "(reading and preparing both samples included)"
        )
    from streamlit.testing.v1 import AppTest

    script = Path(__file__).resolve().parents[1] / "bench_url_script.py"
    script.write_text(URL_SCRIPT)
    try:
        at = AppTest.from_file(str(script), default_timeout=60)
        at.run()
        ms = float(at.markdown[0].value.strip("`"))
        print(f"writing the fraud page's inputs to the URL: {ms:.3f} ms a rerun (target 10 ms)")
    finally:
        script.unlink()


if __name__ == "__main__":
    main()
