"""House style (DESIGN.md): public functions in metrics/ document their parameters; modules
and functions stay short enough to read at once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

METRICS = Path(__file__).resolve().parents[1] / "metrics"


def _public_functions() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in sorted(METRICS.rglob("*.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found.append((f"{path.relative_to(METRICS.parent)}:{node.name}", node))
    return found


@pytest.mark.parametrize(
    ("where", "node"), [pytest.param(w, n, id=w) for w, n in _public_functions()]
)
def test_public_functions_have_numpydoc_parameters(where, node):
    doc = ast.get_docstring(node) or ""
    assert doc, f"{where} has no docstring"
    if node.args.args or node.args.kwonlyargs:
        assert "Parameters\n----------" in doc, f"{where} lists no Parameters section"
        documented = doc.split("Parameters\n----------", 1)[1]
        for arg in [*node.args.args, *node.args.kwonlyargs]:
            assert arg.arg in documented, f"{where} does not document '{arg.arg}'"


def _code_lines(source: str, tree: ast.Module) -> int:
    """Non-blank lines outside docstrings."""
    docs: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and ast.get_docstring(
            node
        ):
            docs.update(range(node.body[0].lineno, node.body[0].end_lineno + 1))
    return sum(1 for i, line in enumerate(source.splitlines(), 1) if line.strip() and i not in docs)


def test_modules_and_functions_stay_short():
    """Modules under 300 lines of code, functions under 60 (docstrings not counted)."""
    too_long = []
    for path in sorted(METRICS.rglob("*.py")):
        source = path.read_text()
        tree = ast.parse(source)
        if _code_lines(source, tree) > 300:
            too_long.append(f"{path.name}: {_code_lines(source, tree)} lines of code")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                length = body[-1].end_lineno - body[0].lineno + 1
                if length > 60:
                    too_long.append(f"{path.name}:{node.name}: {length} lines of code")
    assert not too_long, too_long
