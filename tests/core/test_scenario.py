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
    ],
)
def test_files_that_are_not_scenarios_say_so(text, message):
    with pytest.raises(ValueError, match=message):
        read_scenario(text)


def test_fingerprints_follow_the_content():
    assert fingerprint(b"abc") == fingerprint(b"abc") != fingerprint(b"abd")
    assert fingerprint(b"abc").startswith("sha256:") and len(fingerprint(b"abc")) == 23
