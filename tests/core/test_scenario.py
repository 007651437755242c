"""Scenario files: round trip, version and page checks, fingerprints."""

import json

import pytest

from metrics.core.scenario import FORMAT, fingerprint, new_scenario, read_scenario


def test_a_scenario_round_trips_through_its_file():
    saved = new_scenario(
        "fraud",
        {"fraud_threshold": 0.3, "fraud_model": "Gradient boosting"},
        "sample x",
        "sha256:ab",
    )
    again = read_scenario(saved.to_json())
    assert again == saved
    raw = json.loads(saved.to_json())
    assert raw["valuelens_scenario"] == FORMAT and raw["data"]["fingerprint"] == "sha256:ab"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"a": 1}', "not a ValueLens scenario"),
        ('{"valuelens_scenario": 99, "page": "fraud", "inputs": {}}', "upgrade ValueLens"),
        ('{"valuelens_scenario": 1, "page": "fraud"}', "no page or no inputs"),
        ('{"valuelens_scenario": true, "page": "fraud", "inputs": {}}', "format is `true`"),
        ('{"valuelens_scenario": -3, "page": "fraud", "inputs": {}}', "format is `-3`"),
        ('{"valuelens_scenario": "1", "page": "fraud", "inputs": {}}', 'format is `"1"`'),
    ],
)
def test_files_that_are_not_scenarios_say_so(text, message):
    with pytest.raises(ValueError, match=f"^this scenario.*{message}"):
        read_scenario(text)
    with pytest.raises(ValueError, match=f"^scenario `shared.json`.*{message}"):
        read_scenario(text, source="shared.json")


def test_a_scenario_for_a_page_that_saves_none_names_the_file_and_the_pages(tmp_path, capsys):
    from metrics.cli import main

    path = tmp_path / "odd.json"
    path.write_text(
        new_scenario("fraud", {}, "sample", "x").to_json().replace('"fraud"', '"../../x"')
    )
    assert main(["report", "--scenario", str(path), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: scenario `") and "odd.json` is for page `../../x`, which" in err
    assert "from the fraud, monitor, adapt" in err and not (tmp_path / "r.html").exists()


def test_fingerprints_follow_the_content():
    assert fingerprint(b"abc") == fingerprint(b"abc") != fingerprint(b"abd")
    assert fingerprint(b"abc").startswith("sha256:") and len(fingerprint(b"abc")) == 23
