"""AppTest: the monitoring page replays the sample, moves with the as-of date and the inputs,
and takes a team's own files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics.core.samples import sample_path

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def messages(at: AppTest) -> list[str]:
    return [e.value for e in [*at.info, *at.warning, *at.success]]


def tile(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/monitor.py").run()
    assert not at.exception
    return at


def test_the_page_tells_the_story_of_the_sample(page):
    said = " ".join(messages(page))
    assert "The estimate alerted on Aug 2, 2026, 60 days before the labels could" in said
    assert "The estimate did not see it" in said
    assert page.select_slider(key="monitor_as_of").value == dt.date(2026, 8, 27)
    assert any("threshold of 0.30, set in the sidebar" in c.value for c in page.caption)
    assert len(page.get("plotly_chart")) == 1  # the value per chunk; the other sections wait
    page.session_state["monitor_section"] = "Which input moved?"
    page.run()
    assert [h.value for h in page.subheader] == ["Which input moved?"]
    assert len(page.get("plotly_chart")) == 1  # the drift chart
    drift = " ".join(m.value for m in page.markdown)
    assert "Age of the card (days) froze (one value on every row) from the chunk of Aug 3" in drift
    assert "Merchant category moved from the chunk of Jun 29, 2026" in drift
    # the decisions cost money every week: said as a cost, a positive amount
    assert tile(page, "Latest chunk's cost, estimated").startswith("$")


def test_moving_the_as_of_date_replays_what_was_known_then(page):
    before = tile(page, "Latest chunk's cost, estimated")
    page.select_slider(key="monitor_as_of").set_value(dt.date(2026, 6, 20)).run()
    assert not page.exception
    assert tile(page, "Latest chunk's cost, estimated") != before
    said = " ".join(messages(page))
    assert "No alert yet as of Jun 20, 2026; its labels arrive on" in said
    assert "Aug 2" not in said
    page.select_slider(key="monitor_as_of").set_value(dt.date(2026, 8, 27)).run()


def test_costs_threshold_and_chunking_move_the_numbers(page):
    before = tile(page, "Latest chunk's cost, estimated")
    page.number_input(key="fraud_review_cost").set_value(9.0).run()
    assert tile(page, "Latest chunk's cost, estimated") != before
    page.number_input(key="monitor_threshold").set_value(0.5).run()
    page.selectbox(key="monitor_chunk").set_value("Day").run()
    assert not page.exception
    csv = page.get("download_button")[0].proto.label
    assert "one row per day" in csv


def test_own_files_start_from_the_sample_until_both_are_uploaded():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/monitor.py").run()
    at.radio(key="monitor_source").set_value("Your own reference and analysis files").run()
    assert not at.exception
    assert any("Upload both files" in m for m in messages(at))
    assert tile(at, "Chunks the estimate flagged")  # the sample stays on screen


def test_a_large_log_on_the_server_tells_the_same_story_as_the_sample(tmp_path, monkeypatch):
    frame = pd.read_csv(sample_path("fraud_monitoring.csv.gz"), parse_dates=["timestamp"])
    (tmp_path / "logs").mkdir()
    frame.to_parquet(tmp_path / "logs" / "card_payments.parquet")
    monkeypatch.setenv("VALUELENS_DATA_DIR", str(tmp_path))
    sample = AppTest.from_file(APP, default_timeout=180)
    sample.run()
    sample.switch_page("pages/monitor.py").run()
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/monitor.py").run()
    at.radio(key="monitor_source").set_value("A large log on the server").run()
    assert not at.exception
    at.selectbox(key="monitor_log_path").set_value("logs/card_payments.parquet").run()
    assert not at.exception
    for label in ("Latest chunk's cost, labelled", "Lost to silent failures"):
        assert tile(at, label) == tile(sample, label)
    assert "The estimate alerted on Aug 2, 2026, 60 days before the labels could" in " ".join(
        messages(at)
    )


def test_a_server_log_that_cannot_be_used_is_explained_beside_the_figures(tmp_path, monkeypatch):
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "export.parquet").write_bytes(b"PK\x03\x04" + bytes(200))  # a zip
    monkeypatch.setenv("VALUELENS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/monitor.py").run()
    at.radio(key="monitor_source").set_value("A large log on the server").run()
    at.selectbox(key="monitor_log_path").set_value("logs/export.parquet").run()
    assert not at.exception
    main = " ".join(e.proto.body for e in at.main.get("html"))
    assert "This data cannot be used:" in main and "export.parquet" in main
    assert "is a zip archive, which ValueLens does not read" in main
    assert not any("vl-error" in e.proto.body for e in at.sidebar.get("html"))
    assert tile(at, "Chunks the estimate flagged")  # the sample stays on screen
