"""``report`` rebuilds saved scenarios as one HTML file with the pages' numbers."""

import json
from pathlib import Path

from metrics.cli import main
from metrics.core.scenario import new_scenario
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import FraudCosts, snapshot
from metrics.fraud.tiles import money_tiles
from metrics.fraud.view import fraud_view, prepare

ROOT = Path(__file__).resolve().parents[2]


def test_a_fraud_and_a_monitoring_scenario_make_one_pack(tmp_path, capsys):
    fraud = new_scenario("fraud", {"fraud_threshold": 0.3, "fraud_review_cost": 7.0}, "s", "x")
    monitor = new_scenario("monitor", {"monitor_as_of": "2026-08-27"}, "s", "x")
    (tmp_path / "fraud.json").write_text(fraud.to_json())
    (tmp_path / "monitor.json").write_text(monitor.to_json())
    out = tmp_path / "pack.html"
    args = ["report", "--scenario", str(tmp_path / "fraud.json")]
    args += ["--scenario", str(tmp_path / "monitor.json"), "--out", str(out), "--json"]
    assert main(args) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["sections"] == 2 and out.stat().st_size == written["bytes"] < 5e6
    html = out.read_text()
    costs = FraudCosts(review_cost=7.0)
    view = fraud_view(prepare(load_fraud_sample()), costs, capacity_per_day=25.0)
    tile = money_tiles(snapshot(view.analysis, 0.3), view.analysis)[0]
    assert tile.value in html
    assert "The estimate alerted on Aug 2, 2026" in html
    assert "This scenario was saved on other data (<code>s</code>, <code>x</code>)" in html


def test_every_page_without_data_of_its_own_rebuilds_from_its_inputs(tmp_path, capsys):
    pages = {
        "ads": {"ads_reserve": 30.0, "ads_slots": 2},
        "feed": {"feed_alpha": 0.8, "feed_beta": 0.2},
        "security": {"security_recall": 0.3},
        "roi": {"roi_value": 600000.0, "roi_stage": "Mature ML platform"},
        "decide": {
            "decide_sample": "Breast-cancer screening",
            "_extra": {
                "preset": "Screening",
                "names": ["Healthy", "Recalled for nothing", "Missed", "Found in time"],
                "fixed": [0, -900, -60000, -900],
                "low": [0, -1200, -80000, -1200],
                "high": [0, -600, -40000, -600],
                "rates": [0, 0, 0, 0],
            },
        },
    }
    args = ["report", "--out", str(tmp_path / "pack.html")]
    for page, inputs in pages.items():
        (tmp_path / f"{page}.json").write_text(new_scenario(page, inputs, "s", "x").to_json())
        args += ["--scenario", str(tmp_path / f"{page}.json")]
    assert main(args) == 0
    html = (tmp_path / "pack.html").read_text()
    titles = ("Search ads", "Newsfeed ranking", "Security pipeline", "Realistic returns")
    for title in (*titles, "Your model"):
        assert f"{title}</a>" in html  # in the contents list
    assert "Mature ML platform" in html and "$30.00" in html
    assert "FN: Missed" in html and "-$60,000.00" in html  # the saved value matrix


def _page_and_report(tmp_path, page: str, inputs: dict) -> tuple[dict, str]:
    """The page's tiles opened by a link with ``inputs``, and the report the command builds
    from a scenario with the same inputs."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    for key, value in inputs.items():
        at.query_params[key] = str(value)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    path = tmp_path / f"{page}.json"
    path.write_text(new_scenario(page, inputs, "s", "x").to_json())
    assert main(["report", "--scenario", str(path), "--out", str(tmp_path / "r.html")]) == 0
    return {m.label: m.value for m in at.metric}, (tmp_path / "r.html").read_text()


def test_a_model_value_scenario_gives_the_pages_figures(tmp_path):
    inputs = {
        "value_model": "Logistic regression",
        "value_metric": "roc_auc",
        "value_target": 0.99,
        "value_volume": 2_000_000,
        "value_weeks": 10.0,
        "fraud_review_cost": 7.0,
    }
    tiles, html = _page_and_report(tmp_path, "model_value", inputs)
    for label in ("Savings a year", "Cost of getting there", "First-year ROI"):
        assert tiles[label] in html, label
    assert "$42,000" in html  # 10 engineer-weeks x $4,000 + $2,000 compute


def test_a_retraining_scenario_gives_the_pages_figures(tmp_path):
    inputs = {"adapt_cadence": 14, "adapt_noise": 0.02, "adapt_hours": 10.0}
    tiles, html = _page_and_report(tmp_path, "adapt", inputs)
    for label in ("Value a year", "Retraining cost a year", "Net a year", "Best cadence"):
        assert tiles[label] in html, label
    assert tiles["Retraining cost a year"] == "$27,375"  # 365 / 14 x (10 h x $100 + $50)


def test_a_scenario_the_command_cannot_rebuild_says_why(tmp_path, capsys):
    bad = new_scenario("model_value", {"value_model": "No such model"}, "s", "x")
    (tmp_path / "mv.json").write_text(bad.to_json())
    args = ["report", "--scenario", str(tmp_path / "mv.json"), "--out", str(tmp_path / "r.html")]
    assert main(args) == 2
    assert "value_model is `No such model`; it must be one of" in capsys.readouterr().err
    assert main(["report", "--scenario", "missing.json", "--out", "r.html"]) == 2
    assert "was not found" in capsys.readouterr().err
