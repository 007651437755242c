"""The home page sums up each use case at the settings last used in the session."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_home_page_shows_each_pages_headline_once_it_has_run():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert value(at, "Search ads") == "—"
    fraud_before = value(at, "Fraud detection")
    at.switch_page("pages/fraud.py").run()
    at.slider(key="fraud_threshold").set_value(0.3).run()
    yearly = next(c.value for c in at.caption if "a year (30 days x 12.2)" in c.value)
    at.switch_page("pages/ads.py").run()
    at.switch_page("pages/home.py").run()
    assert not at.exception
    assert value(at, "Search ads") != "—"
    fraud_now = value(at, "Fraud detection")
    assert fraud_now != fraud_before and fraud_now in yearly


def test_the_roi_page_carries_the_fraud_pages_interval_or_says_why_not():
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/roi.py").run()
    assert any(
        c.value.startswith("No interval: this value a year was typed in") for c in at.caption
    )
    at.switch_page("pages/fraud.py").run()
    at.switch_page("pages/roi.py").run()
    ranged = [c.value for c in at.caption if c.value.startswith("The value a year comes from")]
    assert ranged and "the ROI after 3 years is then" in ranged[0]
