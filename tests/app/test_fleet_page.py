"""The fleet page opens on the bundled fleet, leads with the models losing money, filters by
owner and alert, and reads a bad registry as one error box."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_fleet() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=600)
    at.run()
    at.switch_page("pages/fleet.py").run()
    assert not at.exception
    return at


def tile(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_fleet_page_leads_with_the_models_losing_money_and_filters():
    at = open_fleet()
    assert tile(at, "Models") == "100"
    assert tile(at, "Earning less than usual") == "4"
    assert tile(at, "Due for retraining") == "1"
    table = at.dataframe[0].value
    assert table["Model"].iloc[0] == "fraud-023"
    at.toggle(key="fleet_alerts").set_value(True).run()
    assert set(at.dataframe[0].value["Model"]) == {
        "fraud-007",
        "fraud-020",
        "fraud-023",
        "fraud-042",
    }
    at.multiselect(key="fleet_owners").set_value(["growth"]).run()
    assert set(at.dataframe[0].value["Owner"]) <= {"growth"}


def test_a_bad_registry_is_an_error_box(tmp_path, monkeypatch):
    bad = tmp_path / "fleet.toml"
    bad.write_text("[[model]\n")
    monkeypatch.setenv("VALUELENS_FLEET_REGISTRY", str(bad))
    at = open_fleet()
    boxes = [e.proto.body for e in at.get("html")]
    assert any("role='alert'" in b and "is not valid TOML" in b for b in boxes), boxes
