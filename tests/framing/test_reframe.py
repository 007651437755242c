"""Two framings of one problem: each priced by hand on a toy case, and the sample's lesson."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from metrics.framing.reframe import APP_REVENUE, compare_framings

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "next_app_framing.csv.gz"


def test_each_framing_shows_the_item_of_highest_expected_revenue():
    items = ("a", "b", "new")
    revenue = {"a": 1.0, "b": 3.0, "new": 2.0}
    chosen = ["a", "b", "new", "a"]
    old = np.array([[0.9, 0.1, 0], [0.5, 0.5, 0], [0.6, 0.4, 0], [0.7, 0.3, 0]])
    # expected revenue: row 1 shows a (0.9 > 0.3); row 2 shows b (1.5 > 0.5); row 3 b; row 4 b
    pair = np.array([[0.9, 0.1, 0.2], [0.1, 0.2, 0.1], [0.1, 0.1, 0.8], [0.2, 0.1, 0.1]])
    result = compare_framings(
        chosen, {"old": old, "pair": pair}, items=items, revenue=revenue, new_items=("new",)
    )
    first, second = result.outcomes
    assert first.value.value == 1.0 + 3.0  # rows 1 and 2
    assert second.value.value == 1.0 + 3.0 + 2.0  # rows 1, 2 (b: 0.6 > 0.2) and 3
    assert first.new_hits == 0 and second.new_hits == 1
    assert result.new_rows == 1
    assert result.difference.value == 2.0
    assert result.winner.name == "pair"


def test_an_unknown_item_is_named():
    with pytest.raises(ValueError, match="column 'opened' has 1 label that is not a class"):
        compare_framings(["x"], {"m": np.ones((1, 1))}, items=("a",), revenue={"a": 1.0})


def test_in_the_sample_the_per_app_scorer_earns_more_because_it_can_show_the_new_app():
    frame = pd.read_csv(SAMPLE)
    items = tuple(APP_REVENUE)
    result = compare_framings(
        frame["opened"],
        {
            "multiclass": frame[[f"multiclass_{i}" for i in items]].to_numpy(),
            "per app": frame[[f"per_app_{i}" for i in items]].to_numpy(),
        },
        items=items,
    )
    multiclass, per_app = result.outcomes
    assert multiclass.new_hits == 0 < per_app.new_hits
    assert result.difference.low > 0
