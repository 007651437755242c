"""A link opens a page with its values; bad values are clamped or ignored with a note; the
URL follows the inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def opened(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def notes(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning if w.value.startswith("From the link"))


def test_a_fraud_link_sets_the_threshold_and_costs_and_clamps_what_is_out_of_range():
    at = opened(
        "pages/fraud.py",
        fraud_threshold="0.3",
        fraud_review_cost="7",
        fraud_friction_pct="250",
        fraud_chargeback_fee="abc",
        fraud_model="No such model",
    )
    assert at.slider(key="fraud_threshold").value == 0.3
    assert at.number_input(key="fraud_review_cost").value == 7.0
    assert at.number_input(key="fraud_friction_pct").value == 100.0
    assert at.number_input(key="fraud_chargeback_fee").value == 15.0
    said = notes(at)
    assert "fraud_friction_pct=250 is outside 0 to 100; 100 is used" in said
    assert "fraud_chargeback_fee=abc is not a number and was ignored" in said
    assert "fraud_model=No such model is not one of the choices" in said


def test_the_url_follows_the_inputs():
    at = opened("pages/fraud.py")
    at.slider(key="fraud_threshold").set_value(0.2).run()
    assert at.query_params["fraud_threshold"] == "0.2"
    at.number_input(key="fraud_review_cost").set_value(9.0).run()
    assert at.query_params["fraud_review_cost"] == "9"


def test_decide_and_monitor_links_open_the_same_view():
    at = opened(
        "pages/decide.py",
        decide_sample="Breast-cancer screening",
        decide_threshold="0.25",
        decide_min_recall="0.9",
        decide_review_cost="50",
    )
    assert at.selectbox(key="decide_preset").value == "Screening"
    assert at.slider(key="decide_threshold").value == 0.25
    assert at.number_input(key="decide_min_recall").value == 0.9
    assert at.number_input(key="decide_review_cost").value == 50.0
    at = opened("pages/monitor.py", monitor_as_of="2026-07-01", monitor_chunk="Day")
    assert at.select_slider(key="monitor_as_of").value == dt.date(2026, 7, 1)
    assert at.selectbox(key="monitor_chunk").value == "Day"
    far = opened("pages/monitor.py", monitor_as_of="2031-01-01")
    assert "monitor_as_of=2031-01-01 is outside the data" in notes(far)
