"""The retraining page: both keys move the tiles, the sentences follow, no error."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_cadence_and_label_noise_move_the_tiles():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/adapt.py").run()
    assert not at.exception
    before = _tiles(at)
    assert before["Retraining cost a year"] == "$33,893"  # 365 / 7 x (6 h x $100 + $50)
    at.select_slider(key="adapt_cadence").set_value(1).run()
    daily = _tiles(at)
    assert daily["Retraining cost a year"] == "$237,250"  # 365 x $650
    assert daily["Value a year"] != before["Value a year"]
    at.select_slider(key="adapt_noise").set_value(0.05).run()
    noisy = _tiles(at)
    assert noisy["Value a year"] != daily["Value a year"]
    assert noisy["Retraining cost a year"] == daily["Retraining cost a year"]
    assert not at.exception
    assert "Retraining every day nets" in " ".join(i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 1  # the cadence chart; other sections wait
    at.session_state["adapt_section"] = "More data or better data?"
    at.run()
    assert not at.exception
    assert "5% of labels flipped" in " ".join(i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 2  # the two learning curves
    at.select_slider(key="adapt_stale").set_value(0.5).run()
    at.session_state["adapt_section"] = "Model age"
    at.run()
    assert [h.value for h in at.subheader] == ["A two-month-old model on yesterday's data"]
    at.session_state["adapt_section"] = "More data or better data?"
    at.run()
    assert at.select_slider(key="adapt_stale").value == 0.5  # kept while the section was shut


def test_a_link_opens_the_page_with_its_values():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["adapt_cadence"] = "30"
    at.query_params["adapt_noise"] = "0.03"  # not offered: the nearest, 2%, is used
    at.run()
    at.switch_page("pages/adapt.py").run()
    assert at.select_slider(key="adapt_cadence").value == 30
    assert at.select_slider(key="adapt_noise").value == 0.02
    notes = [re.sub(r"<[^>]+>", "", e.proto.body) for e in at.get("html")]
    assert any("adapt_noise=0.03 is not offered" in n for n in notes)
