"""Open every dashboard page in headless Chromium and save a full-page screenshot of each.

    .venv/bin/python scripts/screenshots.py [--top] [OUT_DIR] [PAGE ...]

Starts its own server on a free port. Screenshots go to ./screenshots (ignored by git) unless
OUT_DIR is given; PAGE is a URL path such as "fraud" or "ads?ads_reserve=20" (all pages when
none is given). ``--top`` takes the top of each page (1400 x 1100) instead of the whole page:
the documentation's pictures are made with ``scripts/screenshots.py --top docs/img``. Needs
Debian's chromium (VALUELENS_CHROMIUM overrides its path).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from local_dashboard import CHROMIUM_FLAGS, ROOT, start
from local_dashboard import PAGES as EVERY_PAGE
from playwright.sync_api import sync_playwright

PAGES = [
    *EVERY_PAGE[:5],
    "decide?task=multiclass",
    "decide?task=multilabel",
    "decide?task=regression",
    *EVERY_PAGE[5:],
]
CHROMIUM = os.environ.get("VALUELENS_CHROMIUM", "/usr/bin/chromium")


def _wait_until_idle(page, *, quiet_checks: int = 4, limit_s: float = 120) -> None:
    """Wait until the page has shown no "running" indicator for several checks in a row."""
    quiet, deadline = 0, time.monotonic() + limit_s
    while quiet < quiet_checks and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        running = page.locator("[data-testid='stStatusWidget']").count()
        quiet = 0 if running else quiet + 1


def main() -> None:
    args = sys.argv[1:]
    top = "--top" in args
    args = [a for a in args if a != "--top"]
    out = Path(args[0]) if args else ROOT / "screenshots"
    pages = args[1:] or PAGES
    out.mkdir(parents=True, exist_ok=True)
    server, url = start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for path in pages:
                # Streamlit scrolls inside its main block, so a tall window shows the page.
                height = 1100 if top else 2800
                page = browser.new_page(viewport={"width": 1400, "height": height})
                page.goto(f"{url}/{path}")
                page.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
                _wait_until_idle(page)
                name = (path.split("?")[0] or "home").replace("/", "_")
                if "task=" in path:  # the your-model page for another output type
                    name += "_" + path.split("task=")[1].split("&")[0]
                page.screenshot(path=str(out / f"{name}.png"), full_page=not top)
                errors = page.locator("[data-testid='stException']").count()
                print(f"{name}: {out / f'{name}.png'}" + (f" ({errors} errors)" if errors else ""))
                page.close()
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
