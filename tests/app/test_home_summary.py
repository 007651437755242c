"""The home page sums up each use case: at the page's defaults until the page is opened, then
at the settings last used in the session. A tile equals what its page shows when opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.core.format import money
from ui.home import SUMMARIES, default_headline

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_a_fresh_home_page_shows_a_number_for_every_use_case():
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    assert not at.exception
    for page, title in SUMMARIES.items():
        assert value(at, title) == money(default_headline(page).value), page
    assert all("—" not in m.value for m in at.metric)


@pytest.mark.parametrize("page", list(SUMMARIES))
def test_each_tile_equals_its_page_opened_at_its_defaults(page):
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    home = value(at, SUMMARIES[page])
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    shown = at.session_state[f"headline_{page}"]
    expected = default_headline(page)
    assert money(shown.value) == home
    assert (shown.label, shown.how) == (expected.label, expected.how)


def test_a_page_moved_in_the_session_moves_its_tile():
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    before = value(at, "Fraud detection")
    at.switch_page("pages/fraud.py").run()
    at.number_input(key="fraud_review_cost").set_value(25.0).run()
    moved = at.session_state["headline_fraud"]
    at.switch_page("pages/home.py").run()
    assert not at.exception
    assert value(at, "Fraud detection") == money(moved.value) != before


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
