"""The your-model page for the other output types and the framing page: each opens on its
sample, its main input moves the money, bad input is an error box, and a link picks the task."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def task_page(task: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    at.switch_page("pages/decide.py").run()
    at.segmented_control(key="decide_task").set_value(task).run()
    assert not at.exception
    return at


def tile(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_multiclass_page_shows_the_money_beside_accuracy_and_a_cell_moves_it():
    at = task_page("multiclass")
    assert tile(at, "Acting on the most probable class") == "-$119,846"
    assert tile(at, "Accuracy") == "69.7%"
    assert any("has the better accuracy yet earns" in w.value for w in at.warning)
    before = tile(at, "Acting on the best expected value")
    at.slider(key="mc_capacity").set_value(0.0).run()
    assert not at.exception
    assert tile(at, "Acting on the best expected value") != before


def test_regression_page_shows_that_the_lower_rmse_costs_more_and_costs_move_it():
    at = task_page("regression")
    assert tile(at, "Value of acting on the predictions") == "-$85,586"
    assert any("has the better RMSE yet earns" in w.value for w in at.warning)
    at.number_input(key="rg_over").set_value(0.4).run()
    assert not at.exception
    assert tile(at, "Value of acting on the predictions") != "-$85,586"


def test_a_zero_cost_is_an_error_box_not_a_traceback():
    at = task_page("regression")
    at.number_input(key="rg_under").set_value(0.0).run()
    at.number_input(key="rg_over").set_value(0.0).run()
    assert not at.exception
    boxes = [e.proto.body for e in at.get("html")]
    assert any("role='alert'" in b and "every cost is 0" in b for b in boxes), boxes


def test_multilabel_page_prices_one_threshold_against_one_per_label():
    at = task_page("multilabel")
    assert tile(at, "One threshold for all labels") == "$4,230"
    assert any("gives up $505" in i.value.replace("\\$", "$") for i in at.info)


@pytest.mark.parametrize(("query", "task"), [("multiclass", "multiclass"), ("<b>x</b>", "binary")])
def test_a_link_picks_the_task_and_a_bad_one_is_ignored(query, task):
    at = AppTest.from_file(APP, default_timeout=240)
    at.query_params["task"] = query
    at.run()
    at.switch_page("pages/decide.py").run()
    assert not at.exception
    assert at.segmented_control(key="decide_task").value == task


def test_framing_page_says_which_framing_earns_more_and_revenue_is_a_what_if():
    at = AppTest.from_file(APP, default_timeout=240)
    at.run()
    at.switch_page("pages/framing.py").run()
    assert not at.exception
    said = at.success[0].value.replace("\\$", "$")
    assert said.startswith("'A score per (user, app) pair' earns $65.91 more on the same rows")


@pytest.mark.parametrize("task", ["multiclass", "multilabel", "regression"])
def test_every_term_each_task_shows_is_in_its_words_box(task):
    from metrics.glossary import explain, terms_in
    from tests.app.test_glossary import page_face, words_box_text

    at = task_page(task)
    explained = words_box_text(at)
    for term in terms_in(page_face(at)):
        assert f"**{term}**: {explain(term)}" in explained, f"{task} shows {term!r} unexplained"
