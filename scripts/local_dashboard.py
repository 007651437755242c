"""Start the dashboard on a free port of this machine for a script (screenshots, load test)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Headless Chromium as root, on a machine whose only network is loopback."""
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
"""Every page's address, the home page first (app.py's ``url_path``s)."""


def start(script: str = "app.py") -> tuple[subprocess.Popen, str]:
    """The server process and its URL, once it answers its health check.

    Parameters
    ----------
    script : str
        The Streamlit script, relative to the checkout (the dashboard by default).
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the dashboard did not start")
