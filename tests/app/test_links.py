"""A link opens a page with its values; bad values are clamped or ignored with a note; the
URL follows the inputs."""

from __future__ import annotations

import datetime as dt
import html
import importlib
import re
from pathlib import Path

import pytest
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
    """The link's notes as a reader sees them (tags gone: a quoted value reads plainly)."""
    return " ".join(t for t in inert_texts(at) if t.startswith("From the link"))


def inert_texts(at: AppTest) -> list[str]:
    """The text of every inert box (``ui.common.inert_box``) on the page."""
    bodies = [element.proto.body for element in at.get("html")]
    return [html.unescape(re.sub(r"<[^>]+>", "", b)) for b in bodies if "vl-" in b]


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
    at.session_state["decide_section"] = "Act, review or pass"
    assert at.run().number_input(key="decide_review_cost").value == 50.0
    at = opened("pages/monitor.py", monitor_as_of="2026-07-01", monitor_chunk="Day")
    assert at.select_slider(key="monitor_as_of").value == dt.date(2026, 7, 1)
    assert at.selectbox(key="monitor_chunk").value == "Day"
    far = opened("pages/monitor.py", monitor_as_of="2031-01-01")
    assert "monitor_as_of=2031-01-01 is outside the data" in notes(far)


def test_every_other_page_opens_from_a_link_too():
    ads = opened("pages/ads.py", ads_reserve="23", ads_slots="2", ads_quality="0.5")
    from metrics.ads.model import RESERVE_GRID

    nearest = float(RESERVE_GRID[abs(RESERVE_GRID - 23).argmin()])
    assert ads.select_slider(key="ads_reserve").value == nearest
    if nearest != 23:
        assert f"ads_reserve=23 is not offered; {nearest:g} is used" in notes(ads)
    assert ads.radio(key="ads_slots").value == 2
    assert ads.slider(key="ads_quality").value == 0.5
    feed = opened("pages/feed.py", feed_alpha="0.8", feed_beta="0.2", feed_k="70")
    assert feed.slider(key="feed_alpha").value == 0.8
    assert feed.number_input(key="feed_k").value == 50
    assert "feed_k=70 is outside 1 to 50; 50 is used" in notes(feed)
    value = opened("pages/model_value.py", value_metric="roc_auc", value_target="0.2")
    assert value.selectbox(key="value_metric").value == "roc_auc"
    assert value.slider(key="value_target").value > 0.2  # outside the metric's range: default
    security = opened("pages/security.py", security_recall="0.3", security_auc="2")
    assert security.slider(key="security_recall").value == 0.3
    assert security.slider(key="security_auc").value == 0.995
    roi = opened("pages/roi.py", roi_stage="Mature ML platform", roi_team="45000")
    assert roi.radio(key="roi_stage").value == "Mature ML platform"
    assert roi.number_input(key="roi_team").value == 45000.0


def _keyed_widgets(node):
    if getattr(node, "key", None) and hasattr(getattr(node, "proto", None), "set_value"):
        yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _keyed_widgets(child)


LINKED = {
    "adapt": "metrics.adapt.inputs:PARAMS",
    "fraud": "metrics.fraud.inputs:PARAMS",
    "ads": "metrics.ads.inputs:PARAMS",
    "feed": "metrics.feed.inputs:PARAMS",
    "decide": "metrics.decide.inputs:PARAMS",
    "monitor": "metrics.monitor.inputs:SETTINGS",
    "model_value": "metrics.metric_value.inputs:PARAMS",
    "security": "metrics.pipeline.inputs:PARAMS",
    "roi": "metrics.roi.inputs:PARAMS",
}


@pytest.mark.parametrize("page", sorted(LINKED))
def test_every_run_hands_the_browser_each_linked_inputs_value(page):
    """A value set from code reaches the browser with every run, not only the run that set
    it: a browser that missed that run (a loaded machine, a quick click) would otherwise
    fall back to the widget's default and send it back as a move."""
    module, name = LINKED[page].split(":")
    keys = {param.key for param in getattr(importlib.import_module(module), name)}
    at = opened(f"pages/{page}.py")
    at.run()
    widgets = [w for w in _keyed_widgets(at._tree) if w.key in keys or "workload" in w.key]
    assert widgets
    assert [w.key for w in widgets if not w.proto.set_value] == []


HOSTILE = "<img src=//127.0.0.9/i>[a](//127.0.0.9/p)![t](//9/t)$x^2$" + "x" * 100_000
"""Markdown, HTML and LaTeX, and 100 KB: what a crafted link can carry."""


def markdown_texts(at: AppTest) -> list[str]:
    """Everything the page hands to Streamlit's Markdown (text, notes, captions, tiles)."""
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "metric")
    texts = []
    for kind in kinds:
        for element in at.get(kind):
            texts.append(str(getattr(element, "value", "")) + str(getattr(element, "label", "")))
    return texts


@pytest.mark.parametrize("page", list(LINKED))
def test_a_crafted_link_value_is_shown_cut_and_inert_on_every_page(page):
    first = next(p for p in importlib.import_module(LINKED[page].split(":")[0]).PARAMS)
    at = opened(f"pages/{page}.py", **{first.key: HOSTILE})
    assert not any("127.0.0.9" in t for t in markdown_texts(at))
    said = notes(at)
    assert f"{first.key}=<img src=//127.0.0.9/i>[a](//127.0.0.9/p)![t](//9/t)$x^2$xx" in said
    assert len(said) < 300  # cut: not the 100 KB
    box = next(e.proto.body for e in at.get("html") if "From the link" in e.proto.body)
    assert "<img" not in box and "<a" not in box and "&lt;img" in box
