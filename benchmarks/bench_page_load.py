"""Page speed: every page opened in a new browser session on a warm server, against a bare
Streamlit page with one tile, one slider and one plotly chart served the same way, side by
side in one run (headless Chromium, Debian's /usr/bin/chromium).

    .venv/bin/python benchmarks/bench_page_load.py [--repeats 5]

"Finished drawing" is: the app is connected, its script is not running, every tile has its
value, every plotly chart has drawn its plot, and the network has been quiet for 0.5 s. Each
page is opened once first (a warm server: its caches filled, as for the second visitor of the
day), then timed in ``--repeats`` new sessions; the median is printed. Target: every page
within 1.25x the bare page. These machines are shared: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from local_dashboard import CHROMIUM_FLAGS, start

PAGES = ("", "fraud", "ads", "feed", "decide", "monitor", "model_value", "security", "roi", "adapt")
DRAWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  if (!charts.every(c => c.querySelector(".main-svg"))) return false;
  const tiles = [...document.querySelectorAll("[data-testid='stMetricValue']")];
  return tiles.length > 0 && tiles.every(t => t.innerText.trim() !== "");
}"""


def open_seconds(browser, url: str) -> float:
    """Seconds from a new session's request to the page finished drawing."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    try:
        start_time = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        page.wait_for_load_state("networkidle", timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        return time.perf_counter() - start_time - 0.5  # networkidle waits 0.5 s of quiet
    finally:
        context.close()


def median_open(browser, url: str, repeats: int) -> float:
    open_seconds(browser, url)  # warm: caches filled, element code fetched once
    return statistics.median(open_seconds(browser, url) for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bare_server, bare_url = start("benchmarks/bare_page.py")
    app_server, app_url = start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            floor = median_open(browser, bare_url, args.repeats)
            print(f"{'bare page (the floor)':<24}{floor:6.2f} s")
            worst = 0.0
            for name in PAGES:
                seconds = median_open(browser, f"{app_url}/{name}", args.repeats)
                worst = max(worst, seconds / floor)
                print(f"{name or 'home':<24}{seconds:6.2f} s   {seconds / floor:5.2f}x")
            print(f"slowest page: {worst:.2f}x the bare page (target <= 1.25x)")
            browser.close()
    finally:
        for server in (bare_server, app_server):
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
