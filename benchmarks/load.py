"""A load test: 20 concurrent browser sessions on the fraud page, each moving the threshold.

    .venv/bin/python benchmarks/load.py [--sessions 20] [--moves 10]

Starts its own dashboard on a free port on this machine (127.0.0.1 only) and drives it with
headless Chromium (Debian's, /usr/bin/chromium): every session opens the fraud page, then
moves the threshold a bounded number of times and waits for the money to change each time.
Reports errors, the latency of a move (median and 95th percentile), and the server's
resident memory before, at the peak, and after every session has closed. It stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from local_dashboard import CHROMIUM_FLAGS, start


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def session(browser, url: str, moves: int, latencies: list[float], errors: list[str]):
    context = await browser.new_context(viewport={"width": 1300, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(f"{url}/fraud", timeout=120_000)
        sentence = page.get_by_text("At a threshold of").first
        await sentence.wait_for(timeout=120_000)
        thumb = page.get_by_role("slider").nth(1)
        for _ in range(moves):
            before = await sentence.inner_text()
            start = time.perf_counter()
            await thumb.focus()
            await thumb.press("ArrowLeft")
            await page.wait_for_function(
                "t => { const e = [...document.querySelectorAll("
                "'[data-testid=stAlertContentInfo], [data-testid=stAlertContentWarning]')]"
                ".find(x => x.innerText.startsWith('At a threshold of'));"
                " return e && e.innerText !== t; }",
                arg=before,
                timeout=60_000,
            )
            latencies.append(time.perf_counter() - start)
        if await page.locator("[data-testid='stException']").count():
            errors.append("an exception was shown")
    except Exception as error:  # a load test counts failures instead of stopping
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def run(sessions: int, moves: int) -> None:
    server, url = start()
    try:
        latencies: list[float] = []
        errors: list[str] = []
        async with async_playwright() as p:
            browser = await p.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
            )
            # One session first fills the shared caches (the sample, its views): what is
            # left above this after the load is what sessions did not give back.
            await session(browser, url, 2, [], errors)
            await asyncio.sleep(10)
            start_mb = peak = rss_mb(server.pid)
            tasks = [
                asyncio.create_task(session(browser, url, moves, latencies, errors))
                for _ in range(sessions)
            ]
            while not all(t.done() for t in tasks):
                peak = max(peak, rss_mb(server.pid))
                await asyncio.sleep(0.5)
            await browser.close()
        await asyncio.sleep(10)  # sessions end when their websockets close
        end_mb = rss_mb(server.pid)
        print(f"## {sessions} sessions x {moves} threshold moves on the fraud page")
        print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        if latencies:
            ordered = sorted(latencies)
            p95 = statistics.quantiles(ordered, n=20, method="inclusive")[-1]
            print(
                f"move to new money on screen: median {statistics.median(ordered) * 1000:.0f} ms,"
                f" 95th percentile {p95 * 1000:.0f} ms over {len(ordered)} moves"
            )
        print(
            f"server memory: {start_mb:.0f} MB with warm caches, {peak:.0f} MB at the peak, "
            f"{end_mb:.0f} MB after the sessions closed"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--moves", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(run(args.sessions, args.moves))


if __name__ == "__main__":
    main()
