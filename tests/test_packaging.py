"""An installed ``valuelens`` has every part of the library and every sample file."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_metrics_folder_and_sample_file_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {"metrics." + p.parent.name for p in (ROOT / "metrics").glob("*/__init__.py")}
    assert folders <= set(config["packages"]), folders - set(config["packages"])
    patterns = config["package-data"]["valuelens_samples"]
    for path in (ROOT / "sample_data").iterdir():
        if path.suffix == ".py" or path.name.startswith("__"):
            continue
        assert any(path.match(p) for p in patterns), path.name
