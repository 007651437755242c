"""Page speed: every page opened in a new browser session on a warm server, against a bare
Streamlit page with one tile, one slider and one plotly chart served the same way, side by
side in one run (headless Chromium, Debian's /usr/bin/chromium).

    .venv/bin/python benchmarks/bench_page_load.py [--repeats 5]

"Finished drawing" is: the app is connected, its script is not running, every tile has its
value, every plotly chart has drawn its plot, and the network has been quiet for 0.5 s. Each
page is opened once first (a warm server: its caches filled, as for the second visitor of the
day), then timed in ``--repeats`` new Streamlit sessions of two kinds: a new browser profile
(nothing cached: the browser fetches the code of every kind of element it draws) and a new
tab of a browser that has shown the page before; medians are printed. Target: every page
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


def open_seconds(context, url: str) -> float:
    """Seconds from a new Streamlit session's request (a new tab) to the page drawn."""
    page = context.new_page()
    try:
        start_time = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        page.wait_for_load_state("networkidle", timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        return time.perf_counter() - start_time - 0.5  # networkidle waits 0.5 s of quiet
    finally:
        page.close()


def cold(browser, url: str) -> float:
    """A new browser profile: nothing cached, every element's code fetched."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        return open_seconds(context, url)
    finally:
        context.close()


def timings(browser, url: str, repeats: int) -> tuple[float, float]:
    """Median seconds in a new browser profile, and in a new tab of a browser that has shown
    the page before (its HTTP cache holds the app's code), each a new Streamlit session."""
    cold(browser, url)  # a warm server: caches filled
    first = statistics.median(cold(browser, url) for _ in range(repeats))
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        open_seconds(context, url)
        again = statistics.median(open_seconds(context, url) for _ in range(repeats))
    finally:
        context.close()
    return first, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bare_server, bare_url = start("benchmarks/bare_page.py")
    app_server, app_url = start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            floor = timings(browser, bare_url, args.repeats)
            print(f"{'':<24}{'new profile':>12}{'':8}{'new tab':>10}")
            print(f"{'bare page (the floor)':<24}{floor[0]:10.2f} s{'':8}{floor[1]:8.2f} s")
            worst = [0.0, 0.0]
            for name in PAGES:
                seconds = timings(browser, f"{app_url}/{name}", args.repeats)
                ratios = [s / f for s, f in zip(seconds, floor, strict=True)]
                worst = [max(w, r) for w, r in zip(worst, ratios, strict=True)]
                print(
                    f"{name or 'home':<24}{seconds[0]:10.2f} s {ratios[0]:5.2f}x"
                    f"{seconds[1]:8.2f} s {ratios[1]:5.2f}x"
                )
            print(
                f"slowest page: {worst[0]:.2f}x the bare page in a new profile, {worst[1]:.2f}x "
                "in a new tab (target <= 1.25x)"
            )
            browser.close()
    finally:
        for server in (bare_server, app_server):
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
