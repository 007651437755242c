"""AppTest: open each page, move its main widget, and check the numbers move without error."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics.ads.data import load_ads_sample
from metrics.ads.references import summarise
from metrics.core.format import money, percent, short_money
from metrics.core.operating import workload_figure
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import FraudCosts, snapshot
from metrics.fraud.view import fraud_view, prepare

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def sentence(at: AppTest) -> str:
    return next(e.value for e in [*at.info, *at.warning] if e.value.startswith("At a threshold"))


def open_page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(path)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def fraud() -> AppTest:
    return open_page("pages/fraud.py")


def test_home_explains_the_tool_and_links_to_fraud():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.title[0].value == "ValueLens"
    assert "revenue, cost or risk" in at.markdown[0].value


def test_moving_the_threshold_changes_net_savings_and_the_sentence(fraud):
    before_money, before_text = metric(fraud, "Net savings a year"), sentence(fraud)
    fraud.slider(key="fraud_threshold").set_value(0.05).run()
    assert not fraud.exception
    assert metric(fraud, "Net savings a year") != before_money
    assert sentence(fraud) != before_text
    assert sentence(fraud).startswith("At a threshold of 0.05, the model flags")
    prepared = prepare(load_fraud_sample())
    view = fraud_view(prepared, FraudCosts(), capacity_per_day=25.0)
    expected = snapshot(view.analysis, 0.05).net_savings * 365 / view.analysis.days
    assert metric(fraud, "Net savings a year") == money(expected)


def test_costs_and_model_move_the_money(fraud):
    start = metric(fraud, "Net savings a year")
    fraud.number_input(key="fraud_review_cost").set_value(25.0).run()
    assert not fraud.exception
    costly = metric(fraud, "Net savings a year")
    assert costly != start
    fraud.selectbox(key="fraud_model").set_value("Logistic regression").run()
    assert not fraud.exception
    assert metric(fraud, "Net savings a year") != costly


def test_jump_button_moves_the_slider_to_the_exact_money_best_threshold(fraud):
    expected = fraud_view(prepare(load_fraud_sample()), FraudCosts(), capacity_per_day=25.0)
    best = expected.analysis.best.savings
    next(b for b in fraud.button if b.label.startswith("Most money:")).click().run()
    assert not fraud.exception
    assert fraud.slider(key="fraud_threshold").value == pytest.approx(best.threshold)
    assert metric(fraud, "Net savings a year") == money(best.value * 365 / expected.analysis.days)


def test_over_capacity_turns_the_sentence_into_a_warning(fraud):
    fraud.number_input(key="fraud_capacity").set_value(5.0).run()
    fraud.slider(key="fraud_threshold").set_value(0.02).run()
    assert not fraud.exception
    assert any("can only handle 5" in w.value for w in fraud.warning)


def test_fraud_sections_draw_only_when_chosen(fraud):
    assert len(fraud.get("plotly_chart")) == 1  # money by threshold
    fraud.slider(key="fraud_threshold").set_value(0.05).run()
    fraud.session_state["fraud_section"] = "Caught and missed"
    fraud.run()
    assert not fraud.exception and len(fraud.get("plotly_chart")) == 1
    assert fraud.slider(key="fraud_threshold").value == 0.05  # the threshold stays
    assert sentence(fraud).startswith("At a threshold of 0.05, the model flags")


def test_accuracy_paradox_is_spelled_out(fraud):
    fraud.session_state["fraud_section"] = "Why not accuracy?"
    fraud.run()
    assert [h.value for h in fraud.subheader] == ["Why not just maximise accuracy?"]
    text = " ".join(m.value for m in fraud.markdown)
    assert "Approving everything is 99." in text and "saves nothing" in text


@pytest.fixture
def ads() -> AppTest:
    return open_page("pages/ads.py")


def info_starting(at: AppTest, prefix: str) -> str:
    texts = (e.value.replace("\\$", "$") for e in at.info)
    return next(t for t in texts if t.startswith(prefix))


def test_ads_quality_slider_changes_the_what_if_revenue(ads):
    assert ads.slider(key="ads_quality").value == 0.0  # the what-if starts off
    before = info_starting(ads, "At 0 the slider is this model")
    ads.slider(key="ads_quality").set_value(0.8).run()
    assert not ads.exception
    after = info_starting(ads, "If AUC went from")
    assert after != before and "a year more" in after
    ads.slider(key="ads_quality").set_value(-0.5).run()
    assert "a year less" in info_starting(ads, "If AUC went from")


def test_ads_sections_draw_only_when_chosen_and_keep_the_what_if(ads):
    assert [h.value for h in ads.subheader] == ["What if the model were better, or worse?"]
    assert len(ads.get("plotly_chart")) == 1  # the first section's chart, no other
    ads.slider(key="ads_quality").set_value(0.8).run()
    for section, heading, charts in [
        ("Reserve price", "Impressions, click-through rate or revenue?", 1),
        ("Calibration", "Calibration: same ranking, different money", 2),
        ("Class imbalance", "Class imbalance: accuracy says nothing here", 0),
        ("Other rankings", "Against other rankings on the same queries", 1),
    ]:
        ads.session_state["ads_section"] = section
        ads.run()
        assert not ads.exception
        assert [h.value for h in ads.subheader] == [heading]
        assert len(ads.get("plotly_chart")) == charts
    ads.session_state["ads_section"] = "What if"
    ads.run()
    assert ads.slider(key="ads_quality").value == 0.8  # kept while another section was open
    assert "a year more" in info_starting(ads, "If AUC went from")


def test_ads_reserve_moves_revenue_and_coverage(ads):
    from metrics.ads.model import RESERVE_GRID
    from metrics.ads.view import revenue_best_reserve

    data = load_ads_sample("Gradient boosting")
    best = revenue_best_reserve(data.curve(data.score, slots=1), RESERVE_GRID, "first")
    assert ads.select_slider(key="ads_reserve").value == best  # opens where revenue peaks
    revenue, coverage = metric(ads, "Ad revenue a year"), metric(ads, "Queries with an ad")
    ads.select_slider(key="ads_reserve").set_value(100.0).run()
    assert not ads.exception
    assert metric(ads, "Ad revenue a year") != revenue
    assert metric(ads, "Queries with an ad") != coverage
    assert info_starting(ads, "With a $100 reserve")


def test_ads_tiles_show_the_library_numbers_for_pricing_slots_and_model(ads):
    model = "Logistic regression, balanced weights"
    ads.radio(key="ads_pricing").set_value(ads.radio(key="ads_pricing").options[1]).run()
    ads.radio(key="ads_slots").set_value(2).run()
    ads.selectbox(key="ads_model").set_value(model).run()
    assert not ads.exception
    reserve = ads.select_slider(key="ads_reserve").value
    expected = summarise(load_ads_sample(model), slots=2, reserve=reserve, pricing="second")
    rpm = expected.outcome.expected_rpm
    assert metric(ads, "Ad revenue a year") == short_money(rpm * 5_000_000 / 1000 * 365)
    assert any(f"{money(rpm, decimals=2)} per 1,000 queries" in c.value for c in ads.caption)
    assert metric(ads, "Queries with an ad") == percent(expected.outcome.fill_rate)
    assert metric(ads, "Calibration ratio") == f"{expected.quality.calibration_ratio:.2f}"


@pytest.fixture
def feed() -> AppTest:
    return open_page("pages/feed.py")


def sample_feed(at: AppTest) -> list:
    """The sample user's feed under the chosen weights (its section opened)."""
    if at.session_state["feed_section"] != "One user's feed":
        at.session_state["feed_section"] = "One user's feed"
        at.run()
    return (
        at.dataframe[1].value["topic"].tolist()
        + at.dataframe[1].value["true quality"].round(4).tolist()
    )


def test_feed_weights_move_clicks_quality_and_the_sample_feed(feed):
    clicks = metric(feed, "Expected clicks per feed")
    quality = metric(feed, "Mean quality (0 to 1)")
    shown = sample_feed(feed)
    feed.slider(key="feed_alpha").set_value(0.9).run()
    assert not feed.exception
    assert metric(feed, "Mean quality (0 to 1)") != quality
    assert metric(feed, "Expected clicks per feed") != clicks
    assert sample_feed(feed) != shown
    more_quality = metric(feed, "Mean quality (0 to 1)")
    feed.slider(key="feed_beta").set_value(1.0).run()
    assert not feed.exception
    assert metric(feed, "Mean quality (0 to 1)") != more_quality


def test_feed_opens_on_the_frontier_and_the_weights_stay_across_sections(feed):
    assert [h.value for h in feed.subheader] == ["The quality-engagement frontier"]
    assert len(feed.get("plotly_chart")) == 1 and not feed.dataframe
    feed.slider(key="feed_alpha").set_value(0.8).run()
    feed.session_state["feed_section"] = "Why decouple?"
    feed.run()
    assert [b.label for b in feed.button] == ["Retrain a coupled model"]
    assert feed.slider(key="feed_alpha").value == 0.8


def test_feed_zero_weights_explain_instead_of_crashing(feed):
    feed.slider(key="feed_alpha").set_value(0.0).run()
    feed.slider(key="feed_beta").set_value(0.0).run()
    assert not feed.exception
    assert any("both 0" in w.value for w in feed.warning)
    assert metric(feed, "Mean quality (0 to 1)")  # the page still shows a feed
    next(b for b in feed.button if b.label.startswith("Set both")).click().run()
    assert feed.slider(key="feed_alpha").value == 0.5 == feed.slider(key="feed_beta").value


def test_value_target_moves_the_yearly_savings():
    at = open_page("pages/model_value.py")
    before = metric(at, "Savings a year")
    slider = at.slider(key="value_target")
    slider.set_value(round(slider.value + 0.0005, 4)).run()
    assert not at.exception
    assert metric(at, "Savings a year") != before
    at.selectbox(key="value_metric").set_value("roc_auc").run()
    assert not at.exception


def test_roi_stage_changes_break_even_and_roi():
    at = open_page("pages/roi.py")
    before = (metric(at, "Break-even month"), metric(at, "ROI after 1 year"))
    at.radio(key="roi_stage").set_value("Getting started").run()
    assert not at.exception
    assert (metric(at, "Break-even month"), metric(at, "ROI after 1 year")) != before


def test_security_recall_and_reviewers_move_threats_stopped():
    at = open_page("pages/security.py")
    at.slider(key="security_recall").set_value(0.1).run()
    low = metric(at, "Threats stopped")
    at.slider(key="security_recall").set_value(0.15).run()
    assert metric(at, "Threats stopped") != low
    at.slider(key="security_recall").set_value(0.9).run()  # past the bottleneck
    plateau = metric(at, "Threats stopped")
    at.number_input(key="security_reviews").set_value(2000).run()
    assert not at.exception
    assert metric(at, "Threats stopped") != plateau


def test_fraud_costs_are_kept_across_pages(fraud):
    fraud.number_input(key="fraud_review_cost").set_value(12.0).run()
    fraud.switch_page("pages/model_value.py").run()
    assert not fraud.exception
    assert fraud.session_state["fraud_review_cost"] == 12.0
    fraud.switch_page("pages/fraud.py").run()
    assert fraud.session_state["fraud_review_cost"] == 12.0


def test_the_workload_control_sets_an_exact_threshold_and_the_money_follows(fraud):
    from metrics.fraud.workload import page_points

    view = fraud_view(prepare(load_fraud_sample()), FraudCosts(), capacity_per_day=25.0)
    points = page_points(view.analysis)
    level = next(v for v in points.levels if v >= 20)
    workload = next(s for s in fraud.select_slider if s.label.startswith("Alerts a day"))
    workload.set_value(level).run()
    assert not fraud.exception
    threshold = fraud.session_state["fraud_threshold"]
    assert threshold == pytest.approx(points.threshold_for(level))
    snap = snapshot(view.analysis, threshold)
    assert snap.alerts_per_day == pytest.approx(level)
    assert metric(fraud, "Net savings a year") == money(snap.net_savings * 365 / view.analysis.days)


def test_the_page_opens_at_the_most_money_within_the_review_capacity(fraud):
    view = fraud_view(prepare(load_fraud_sample()), FraudCosts(), capacity_per_day=25.0)
    within = view.analysis.best.savings_within_capacity
    assert fraud.slider(key="fraud_threshold").value == pytest.approx(within.threshold)
    assert any("within the review capacity" in c.value for c in fraud.caption)
    snap = snapshot(view.analysis, within.threshold)
    workload = next(s for s in fraud.select_slider if s.label.startswith("Alerts a day"))
    assert workload.value == pytest.approx(snap.alerts_per_day)
    assert metric(fraud, "Alerts a day") == workload_figure(snap.alerts_per_day)
    assert f"flags {workload_figure(snap.alerts_per_day)} transactions a day" in sentence(fraud)


def test_the_threshold_is_kept_when_leaving_the_page_and_coming_back(fraud):
    fraud.slider(key="fraud_threshold").set_value(0.0238).run()
    fraud.switch_page("pages/roi.py").run()
    fraud.switch_page("pages/fraud.py").run()
    assert not fraud.exception
    assert fraud.slider(key="fraud_threshold").value == pytest.approx(0.0238)
    assert sentence(fraud).startswith("At a threshold of 0.0238,")


def test_security_accepts_every_value_its_inputs_allow():
    at = open_page("pages/security.py")
    at.number_input(key="security_threats").set_value(1_000_000.0).run()
    assert not at.exception
    at.number_input(key="security_reviews").set_value(0).run()
    assert not at.exception


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-secret-for-the-test-only",
    "client_id": "valuelens",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration",
}


@pytest.mark.parametrize("page", ["pages/home.py", "pages/fraud.py", "pages/ads.py"])
def test_with_sign_in_configured_a_signed_out_viewer_sees_only_the_sign_in_screen(page):
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["auth"] = AUTH
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.slider
    assert "Sign in with your organisation's account" in at.markdown[0].value


def test_without_sign_in_configured_the_dashboard_is_open():
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert "Sign in" not in [b.label for b in at.button]


def test_a_large_log_in_the_data_folder_gives_the_command_lines_numbers(tmp_path, monkeypatch):
    import json
    import subprocess
    import sys

    from metrics.fraud.data import sample_frame

    frame = sample_frame().rename(columns={"is_fraud": "label", "score_gbm": "score"})
    (tmp_path / "logs").mkdir()
    frame[["timestamp", "label", "score", "amount"]].assign(
        timestamp=lambda f: pd.to_datetime(f["timestamp"])
    ).to_parquet(tmp_path / "logs" / "june.parquet")
    monkeypatch.setenv("VALUELENS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/fraud.py").run()
    at.radio(key="fraud_source").set_value("A large log on the server").run()
    at.selectbox(key="fraud_log_path").set_value("logs/june.parquet").run()
    assert not at.exception
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "metrics",
            "evaluate",
            "--data",
            str(tmp_path / "logs"),
            "--threshold",
            repr(at.session_state["fraud_threshold"]),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(cli.stdout)
    yearly = figures["net_savings"] * 365 / figures["days"]
    assert metric(at, "Net savings a year") == money(yearly)
    # drawn first without the interval, which the same run then adds
    assert any(c.value.startswith("95% interval: ") for c in at.caption)
