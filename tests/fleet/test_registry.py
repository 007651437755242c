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


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('threshold = "0.2"', "threshold is the text '0.2'; write it as a number, without quotes "
         "(threshold = 0.2)"),
        ("threshold = 1.5", "threshold is '1.5'; give a number from 0 to 1"),
        ('retrain_every_days = "90"', "retrain_every_days is the text '90'; write it as a "
         "number, without quotes (retrain_every_days = 90)"),
        ('trained_at = "15/03/2026"', "trained_at is '15/03/2026'; write a date as "
         "year-month-day, such as '2026-03-15'"),
        ('reference = "2026-01-05"', "reference is '2026-01-05'; write two dates as "
         'year-month-day, such as ["2026-01-01", "2026-03-31"]'),
        ("value_matrix = [0, -5, -1e20, 5]", "value_matrix must be four numbers [TN, FP, FN, "
         "TP], each between -1e+15 and 1e+15"),
        ("amount_rates = [0, 0, -5000, 0]", "amount_rates must be four numbers [TN, FP, FN, "
         "TP], each between -1000 and 1000"),
    ],
)  # fmt: skip
def test_a_value_of_the_wrong_kind_is_named_with_how_to_write_it(fleet_of, line, said):
    extra = f'\n[[model]]\nid = "odd"\nlog = "logs/fraud-001.parquet"\n{line}\n'
    registry = read_registry(fleet_of((1,), extra))
    assert [m.id for m in registry.models] == ["fraud-001"]
    assert registry.errors == {"odd": f"model 'odd': {said}"}
