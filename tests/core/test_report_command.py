"""``report`` rebuilds saved scenarios as one HTML file with the pages' numbers."""

import json

from metrics.cli import main
from metrics.core.scenario import new_scenario
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import FraudCosts, snapshot
from metrics.fraud.tiles import money_tiles
from metrics.fraud.view import fraud_view, prepare


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
    assert "This scenario was saved on other data (s, x)" in html


def test_scenarios_the_command_cannot_rebuild_say_where_to_go(tmp_path, capsys):
    (tmp_path / "ads.json").write_text(new_scenario("ads", {}, "s", "x").to_json())
    args = ["report", "--scenario", str(tmp_path / "ads.json"), "--out", str(tmp_path / "r.html")]
    assert main(args) == 2
    assert "is rebuilt on its page" in capsys.readouterr().err
    assert main(["report", "--scenario", "missing.json", "--out", "r.html"]) == 2
    assert "was not found" in capsys.readouterr().err
