"""ValueLens as a user installs it: the wheel built from this checkout, installed into a fresh
virtual environment, `valuelens dashboard` started in a folder outside the clone, every page
opened in Chromium; then the same on the user's own file (--data)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("VALUELENS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"needs Debian's chromium at {CHROMIUM}; skipped"
)
playwright_api = pytest.importorskip("playwright.sync_api")
PAGES = (
    "",
    "fraud",
    "ads",
    "feed",
    "decide",
    "framing",
    "monitor",
    "fleet",
    "adapt",
    "model_value",
    "security",
    "roi",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("valuelens-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel; its dependencies are found in this
    test run's environment (a path file), so no network is needed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    return venv


def test_the_wheel_installs_no_top_level_app_pages_ui_tests_or_benchmarks(wheel):
    names = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert names == {"metrics", "valuelens_samples", wheel.name.split("-py3")[0] + ".dist-info"}
    inside = zipfile.ZipFile(wheel).namelist()
    for part in ("metrics/app/app.py", "metrics/app/pages/fraud.py", "metrics/app/ui/common.py"):
        assert part in inside
    assert "metrics/app/.streamlit/config.toml" in inside


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def dashboard(venv: Path, folder: Path, *options: str) -> Iterator[str]:
    """`valuelens dashboard` of the installed package, started in ``folder``; its URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    log = folder / f"server-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(venv / "bin" / "valuelens"), "dashboard", "--port", str(port), *options],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                with (
                    contextlib.suppress(OSError),
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer,
                ):
                    if answer.status == 200:
                        break
                if process.poll() is not None:
                    break
                time.sleep(0.5)
            else:
                pytest.fail(f"the dashboard did not start: {log.read_text()[-2000:]}")
            assert process.poll() is None, log.read_text()[-2000:]
            yield url
        finally:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _opened(browser, url: str) -> object:
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.goto(url)
    page.locator("[data-testid='stMain']").wait_for(timeout=120_000)
    quiet = 0
    for _ in range(240):  # idle: no "running" indicator for 3 s
        page.wait_for_timeout(500)
        quiet = 0 if page.locator("[data-testid='stStatusWidget']").count() else quiet + 1
        if quiet >= 6:
            break
    return page


def test_the_installed_dashboard_serves_every_page_from_any_folder(installed, browser, tmp_path):
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import metrics; print(metrics.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(installed)), where  # the wheel's copy, not the checkout
    with dashboard(installed, tmp_path) as url:
        for path in PAGES:
            page = _opened(browser, f"{url}/{path}")
            assert page.locator("[data-testid='stException']").count() == 0, path
            assert page.locator("h1").count() >= 1, path
            page.close()


def test_the_installed_dashboard_opens_on_the_users_file(installed, browser, tmp_path):
    from metrics.core.format import money
    from metrics.fraud.data import fraud_data, sample_frame
    from metrics.fraud.model import FraudCosts, opening_threshold, snapshot
    from metrics.fraud.view import fraud_view, prepare

    frame = sample_frame().sample(8000, random_state=3)
    frame = frame.rename(columns={"is_fraud": "was_fraud", "score_gbm": "model_p"})
    columns = ["timestamp", "was_fraud", "model_p", "amount"]
    frame[columns].to_csv(tmp_path / "mine.csv", index=False)
    data = fraud_data(
        frame, label="was_fraud", score="model_p", amount="amount", timestamp="timestamp"
    )
    view = fraud_view(prepare(data), FraudCosts(), capacity_per_day=25.0)
    opening = opening_threshold(view.analysis)
    net = snapshot(view.analysis, opening).net_savings * 365 / view.analysis.days
    options = ("--data", "mine.csv", "--label-column", "was_fraud", "--score-column", "model_p")
    with dashboard(installed, tmp_path, *options) as url:
        page = _opened(browser, f"{url}/fraud")
        assert page.locator("[data-testid='stException']").count() == 0
        text = page.inner_text("body")
        assert "Showing mine.csv, the file ValueLens was started with" in text
        tile = page.locator("[data-testid='stMetric']", has_text="Net savings a year")
        assert tile.locator("[data-testid='stMetricValue']").inner_text() == money(net)
        page.close()
