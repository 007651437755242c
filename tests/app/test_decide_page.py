"""AppTest: the decision page on both samples, every section, its inputs moving the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.core.curves import threshold_curve
from metrics.core.format import money, year_scale
from metrics.core.value import class_amounts
from metrics.decide.data import PRESETS, decision_data, load_sample
from metrics.decide.model import decide

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def said(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.info, *at.warning, *at.markdown])


def every_section(at: AppTest) -> tuple[str, int]:
    """What the page says with each of its tabbed sections open in turn (a section runs only
    when chosen), and how many tables it shows in all; the first section is open again at
    the end."""
    labels = [tab.label for tab in at.tabs]
    text, tables = said(at), 0
    for label in [*labels[1:], labels[0]]:
        at.session_state["decide_section"] = label
        at.run()
        assert not at.exception
        text += " " + said(at)
        tables += len(at.dataframe) - 1  # the matrix editor is always there
    return text, tables


def tile(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def best_tile(at: AppTest) -> str:
    """The best value tile: "Best value a year" on dated rows, "Best value" otherwise."""
    return next(m.value for m in at.metric if m.label.startswith("Best value"))


def a_year(sample: str) -> float:
    """The factor the page scales a sample's figures by: 365 / the days its rows span."""
    frame = load_sample(sample)
    if "timestamp" not in frame.columns:
        return 1.0
    data = decision_data(frame, label="is_fraud", score="score_gbm", timestamp="timestamp")
    return year_scale(data.days)[0]


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/decide.py").run()
    assert not at.exception
    return at


def expected_best(sample: str, preset: str) -> float:
    frame = load_sample(sample)
    label, score = {"Card fraud (30 days)": ("is_fraud", "score_gbm")}.get(
        sample, ("malignant", "score_forest")
    )
    amount = "amount" if "amount" in frame.columns else None
    data = decision_data(frame, label=label, score=score, amount=amount)
    curve = threshold_curve(data.y, data.score, amount=data.amount)
    return decide(curve, class_amounts(data.y, data.amount), PRESETS[preset].model()).best_value


def decide_at_most(rows: float) -> str:
    """The fraud sample's best threshold acting on at most ``rows`` rows, as the page says it."""
    from metrics.core.format import threshold_text
    from metrics.decide.model import Constraints, constrained_best

    frame = load_sample("Card fraud (30 days)")
    data = decision_data(frame, label="is_fraud", score="score_gbm", amount="amount")
    curve = threshold_curve(data.y, data.score, amount=data.amount)
    decision = decide(curve, class_amounts(data.y, data.amount), PRESETS["Fraud"].model())
    point = constrained_best(decision, Constraints(max_flagged=rows))
    value = money(decision.value[point]).replace("$", "\\$")
    return f"{threshold_text(curve.thresholds[point])}, worth {value}"


def test_the_fraud_sample_opens_with_every_section(page):
    card = "Card fraud (30 days)"
    assert best_tile(page) == money(expected_best(card, "Fraud") * a_year(card))
    assert next(m.label for m in page.metric if m.label.startswith("Best value")).endswith("a year")
    text, tables = every_section(page)
    for phrase in (
        "The model beats both acting on nobody and acting on everybody for thresholds",
        "Best within these limits",
        "Act automatically on",
        "Over the ranges, the best value averages",
    ):
        assert phrase in text
    assert tables >= 2  # top shares, break-even


def test_the_screening_sample_takes_its_preset_segments_and_a_comparison(page):
    page.selectbox(key="decide_sample").set_value("Breast-cancer screening").run()
    assert page.selectbox(key="decide_preset").value == "Screening"
    assert tile(page, "Best value") == money(expected_best("Breast-cancer screening", "Screening"))
    page.selectbox(key="decide_segment").set_value("tumour_size").run()
    page.multiselect(key="decide_compare").set_value(["score_logreg"]).run()
    assert not page.exception
    text, _ = every_section(page)
    assert "On these rows, a threshold per segment adds" in text and "runs high" in text
    assert "`score_logreg` is worth" in text and "95% interval" in text
    page.multiselect(key="decide_compare").set_value(["score_logreg", "mean_radius"]).run()
    assert not page.exception  # a radius is no probability: said, and the sample stays
    boxes = " ".join(e.proto.body for e in page.get("html"))
    assert "vl-error" in boxes and "mean_radius" in boxes
    # in the main area, beside the figures it explains; not at the sidebar's foot
    assert any("vl-error" in e.proto.body for e in page.main.get("html"))
    assert not any("vl-error" in e.proto.body for e in page.sidebar.get("html"))


def test_inputs_move_the_numbers_and_impossible_limits_say_so(page):
    before = said(page)
    page.slider(key="decide_threshold").set_value(0.5).run()
    assert "At 0.50: worth" in said(page) and said(page) != before
    page.number_input(key="decide_per_day").set_value(5).run()  # the sample spans 30 days
    best = next(m.value for m in page.markdown if m.value.startswith("Best within these limits"))
    at_most = decide_at_most(5 * 30)
    assert best == f"Best within these limits: {at_most}."
    page.number_input(key="decide_min_recall").set_value(1.0).run()
    page.number_input(key="decide_max_rate").set_value(0.0).run()
    assert any("No threshold meets these limits" in w.value for w in page.warning)
    page.session_state["decide_section"] = "Act, review or pass"
    page.run()
    assert page.slider(key="decide_threshold").value == 0.5  # kept across the sections
    three_way_before = [m for m in said(page).split(". ") if "Act automatically" in m]
    page.number_input(key="decide_review_cost").set_value(40.0).run()
    assert [m for m in said(page).split(". ") if "Act automatically" in m] != three_way_before
    page.selectbox(key="decide_preset").set_value("Churn retention offer").run()
    assert not page.exception


def test_a_large_log_on_the_server_gives_the_uploads_numbers(tmp_path, monkeypatch):
    frame = load_sample("Card fraud (30 days)")[["is_fraud", "score_gbm", "amount"]]
    (tmp_path / "logs").mkdir()
    frame.to_parquet(tmp_path / "logs" / "scored.parquet")
    monkeypatch.setenv("VALUELENS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/decide.py").run()
    at.radio(key="decide_source").set_value("A large log on the server").run()
    at.selectbox(key="decide_log_amount").set_value("amount").run()
    assert not at.exception
    assert at.selectbox(key="decide_preset").value == "Fraud"
    assert tile(at, "Best value") == money(expected_best("Card fraud (30 days)", "Fraud"))
    assert "Act automatically on" in every_section(at)[0]


def test_a_loaded_scenarios_value_matrix_fills_the_editor(page):
    from metrics.decide.inputs import SavedMatrix
    from metrics.decide.model import value_matrix

    matrix = {
        "preset": "Fraud",
        "names": ["Fine", "Annoyed customer", "Lost money", "Stopped"],
        "fixed": [0.0, -8.0, -15.0, -8.0],
        "low": [0.0, -10.0, -20.0, -10.0],
        "high": [0.0, -6.0, -10.0, -6.0],
        "rates": [0.0, -0.1, -1.0, 0.0],
    }
    # what loading a scenario leaves: its value matrix, checked
    page.session_state["decide_scenario_extra"] = SavedMatrix(
        matrix["preset"], *(tuple(matrix[k]) for k in ("names", "fixed", "low", "high", "rates"))
    )
    page.run()
    assert not page.exception
    frame = load_sample("Card fraud (30 days)")
    data = decision_data(frame, label="is_fraud", score="score_gbm", amount="amount")
    curve = threshold_curve(data.y, data.score, amount=data.amount)
    model = value_matrix(tuple(matrix["fixed"]), tuple(matrix["rates"]))
    best = decide(curve, class_amounts(data.y, data.amount), model).best_value
    assert best_tile(page) == money(best * a_year("Card fraud (30 days)"))
    assert "Annoyed customer" in said(page)
