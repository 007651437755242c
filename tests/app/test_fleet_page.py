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
    assert table["Monitoring"].iloc[0] == "monitor?fleet_model=fraud-023"
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


def open_monitor(model: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params["fleet_model"] = model
    at.run()
    at.switch_page("pages/monitor.py").run()
    assert not at.exception
    return at


def test_a_row_opens_the_monitoring_page_on_that_model():
    at = open_monitor("fraud-023")
    assert at.radio(key="monitor_source").value.startswith("The fleet's model")
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Model fraud-023 of the fleet" in captions
    assert "threshold 0.1" in captions
    assert not [s for s in at.selectbox if s.key == "monitor_chunk"]  # the registry's chunk
    note = next(c.value for c in at.main.caption if c.value.startswith("Estimated from"))
    assert "threshold of 0.10, set in the fleet's registry" in note
    alerts = " ".join(w.value for w in at.warning)
    # the fleet's alert on fraud-023 starts the week of 2026-05-04: only the labels reveal it
    assert "no longer mean" in alerts and "May 4, 2026" in alerts, alerts


def test_a_link_naming_no_model_of_the_fleet_shows_the_sample_with_a_note():
    at = open_monitor("<b>nope</b>")
    assert at.radio(key="monitor_source").value.startswith("Sample")
    boxes = " ".join(e.proto.body for e in at.get("html"))
    assert "is not a model of the fleet" in boxes
    assert "<b>nope</b>" not in boxes  # shown as inert text
