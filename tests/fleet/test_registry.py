"""The registry: every mistake is one line naming the model, the key and the fix; the other
models still report."""

from __future__ import annotations

import pytest

from metrics.fleet.registry import read_registry


def test_each_bad_entry_is_named_and_the_others_are_read(fleet_of):
    extra = """
[[model]]
id = "fraud-001"
log = "logs/fraud-001.parquet"

[[model]]
id = "typo"
log = "logs/fraud-001.parquet"
treshold = 0.2

[[model]]
id = "gone"
log = "logs/nowhere.parquet"

[[model]]
id = "dates"
log = "logs/fraud-001.parquet"
reference = ["2026-03-01", "2026-01-01"]
"""
    registry = read_registry(fleet_of((1, 2), extra))
    assert [m.id for m in registry.models] == ["fraud-001", "fraud-002"]
    assert registry.errors == {
        "fraud-001": "model 'fraud-001': id is used twice; give each model its own id",
        "typo": "model 'typo': unknown key 'treshold'; the keys are "
        + ", ".join(__import__("metrics.fleet.registry", fromlist=["KEYS"]).KEYS),
        "gone": "model 'gone': log 'logs/nowhere.parquet' does not exist; check the path",
        "dates": "model 'dates': reference ends before it starts; swap the dates",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model = 3\n[x]\n", "the registry has a section \\[x\\]"),
        ("[defaults]\nchunk = 'week'\n", "the registry lists no model"),
        ("[[model]\n", "is not valid TOML"),
        ("[defaults]\nfoo = 1\n[[model]]\nid = 'a'\n", "\\[defaults\\]: unknown key 'foo'"),
    ],
)
def test_a_registry_that_cannot_be_used_is_one_error(tmp_path, text, message):
    path = tmp_path / "fleet.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        read_registry(path)


def test_a_huge_registry_is_refused(tmp_path):
    path = tmp_path / "fleet.toml"
    path.write_text("# " + "x" * 1_000_001)
    with pytest.raises(ValueError, match="larger than 1 MB"):
        read_registry(path)
