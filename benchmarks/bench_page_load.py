"""Page speed: every page opened in a new browser session on a warm server, against a bare
Streamlit page with one tile, one slider and one plotly chart served the same way, side by
side in one run (headless Chromium, Debian's /usr/bin/chromium).

    .venv/bin/python benchmarks/bench_page_load.py [--repeats 5] [--pages ads decide]

"Finished drawing" is: the app is connected, its script is not running, no element is still
a placeholder waiting for its code (Streamlit's skeleton: a chart is one until the charting
code has loaded), every tile has its value, every plotly chart has drawn its plot (a page
shows at least one of either), and the last fetch has been answered (the time is the later
of the two; the network is then watched for 0.5 s of quiet). Each
page is opened once first (a warm server: its caches filled, as for the second visitor of the
day), then timed in ``--repeats`` new Streamlit sessions of two kinds: a new browser profile
(nothing cached: the browser fetches the code of every kind of element it draws) and a new
tab of a browser that has shown the page before. Each timing of a page is paired with a
timing of the bare page taken just before it, so a spell of load on this shared machine falls
on both; the ratio printed is the median of the paired ratios. Target: every page within
1.25x the bare page. Read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from local_dashboard import CHROMIUM_FLAGS, PAGES, start

KINDS = ("new profile", "new tab")
DRAWN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  if (!charts.every(c => c.querySelector(".main-svg"))) return false;
  const tiles = [...document.querySelectorAll("[data-testid='stMetricValue']")];
  return tiles.length + charts.length > 0 && tiles.every(t => t.innerText.trim() !== "");
}"""


QUIET_S = 0.5
"""Network quiet for this long after the last response: the page has fetched all it needs."""


def open_seconds(context, url: str) -> float:
    """Seconds from a new Streamlit session's request (a new tab) to the page drawn and its
    last fetch answered, whichever is later."""
    page = context.new_page()
    last_fetch = [0.0]

    def fetched(_request) -> None:
        last_fetch[0] = time.perf_counter()

    page.on("requestfinished", fetched)
    page.on("requestfailed", fetched)
    try:
        start_time = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)
        drawn_at = time.perf_counter()
        while time.perf_counter() - last_fetch[0] < QUIET_S:
            page.wait_for_timeout(100)
        page.wait_for_function(DRAWN, timeout=120_000, polling=50)  # and still drawn
        return max(drawn_at, last_fetch[0]) - start_time
    finally:
        page.close()


def cold(browser, url: str) -> float:
    """A new browser profile: nothing cached, every element's code fetched."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        return open_seconds(context, url)
    finally:
        context.close()


def paired(browser, url: str, floor_url: str, repeats: int) -> list[tuple[float, float]]:
    """Per kind of visit (a new browser profile; a new tab of a browser that has shown the
    page before, its HTTP cache holding the app's code), ``repeats`` pairs of seconds: the
    bare page, then the page, each in a new Streamlit session."""
    cold(browser, url)  # a warm server: caches filled
    first = [(cold(browser, floor_url), cold(browser, url)) for _ in range(repeats)]
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        open_seconds(context, url)
        open_seconds(context, floor_url)
        again = [
            (open_seconds(context, floor_url), open_seconds(context, url)) for _ in range(repeats)
        ]
    finally:
        context.close()
    return [summary(first), summary(again)]


def summary(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median seconds of the bare page and of the page, and the median paired ratio."""
    floors, pages = zip(*pairs, strict=True)
    ratio = statistics.median(page / floor for floor, page in pairs)
    return statistics.median(floors), statistics.median(pages), ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--pages", nargs="+", choices=[name or "home" for name in PAGES], help="only these"
    )
    args = parser.parse_args()
    names = [name for name in PAGES if args.pages is None or (name or "home") in args.pages]
    bare_server, bare_url = start("benchmarks/bare_page.py")
    app_server, app_url = start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            cold(browser, bare_url)
            header = "".join(f"{kind + ': bare, page, ratio':>32}" for kind in KINDS)
            print(f"{'':<14}{header}")
            worst = [0.0, 0.0]
            for name in names:
                kinds = paired(browser, f"{app_url}/{name}", bare_url, args.repeats)
                worst = [max(w, kind[2]) for w, kind in zip(worst, kinds, strict=True)]
                print(
                    f"{name or 'home':<14}"
                    + "".join(f"{b:14.2f} s{p:7.2f} s{r:6.2f}x" for b, p, r in kinds)
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
