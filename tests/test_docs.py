"""The documentation site: it builds with --strict (a broken link or reference fails), its
command-line reference lists every option of every command, and every page has a guide."""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _hooks():
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_site_builds_strict(tmp_path):
    pytest.importorskip("mkdocs")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert (tmp_path / "site" / "cli" / "index.html").is_file()


def test_the_command_line_reference_lists_every_option_of_every_command():
    from metrics.cli import COMMANDS

    hooks = _hooks()
    reference = hooks.cli_reference()
    for name in COMMANDS:
        assert f"### `valuelens {name}`" in reference
        for action in hooks._subparser(name)._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            for option in action.option_strings:
                assert f"`{option}`" in reference, f"{name} {option}"


def test_the_schemas_page_holds_every_commands_schema():
    from metrics.core.schema import SCHEMA_MODULES

    text = _hooks().schemas_reference()
    for name in SCHEMA_MODULES:
        assert f"### `valuelens {name} --json`" in text


def test_every_dashboard_page_has_a_guide_with_its_screenshot():
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in (ROOT / "pages").glob("*.py"):
        guide = {"model_value": "model-value"}.get(page.stem, page.stem)
        path = ROOT / "docs" / "pages" / f"{guide}.md"
        assert path.is_file() and f"pages/{guide}.md" in nav, page.stem
        assert f"(../img/{page.stem}.png)" in path.read_text(), page.stem
        assert (ROOT / "docs" / "img" / f"{page.stem}.png").is_file(), page.stem
