"""``feed`` on the command line: a candidate file's feed by hand, the page's figures on the
sample, and one-line errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from metrics.cli import main
from metrics.feed.data import load_feed_sample
from metrics.feed.model import FilterThresholds, blendable, filter_report
from metrics.feed.ranking import Revenue
from metrics.feed.view import feed_view

CANDIDATES = pd.DataFrame(
    {
        "user_id": ["u1", "u1", "u1", "u2", "u2"],
        "post_id": ["a", "b", "c", "a", "d"],
        "quality_pred": [0.9, 0.2, 0.5, 0.9, 0.1],
        "engagement_pred": [0.1, 0.6, 0.3, 0.2, 0.7],
        "p_click": [0.05, 0.40, 0.20, 0.10, 0.50],
    }
)
"""Two users with three and two candidates (a ragged file); no harm columns."""


def run(capsys, *args):
    assert main(["feed", *args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def candidates(tmp_path):
    path = tmp_path / "candidates.csv"
    CANDIDATES.to_csv(path, index=False)
    return str(path)


def test_a_candidate_files_feed_by_hand(capsys, candidates):
    report = run(
        capsys, "--data", candidates, "--alpha", "0", "--beta", "1", "--k", "2",
        "--revenue-per-click", "0.5", "--revenue-per-post", "0.01", "--feeds-per-day", "2000",
    )  # fmt: skip
    # Engagement alone, top 2: u1 shows b and c, u2 shows d and a.
    clicks = (0.40 + 0.20 + 0.50 + 0.10) / 2
    feed = report["feed"]
    assert feed["expected_clicks"] == pytest.approx(clicks)
    assert feed["posts_per_feed"] == 2
    assert feed["revenue_per_1000_feeds"] == pytest.approx(1000 * (clicks * 0.5 + 2 * 0.01))
    assert feed["revenue_a_year"] == pytest.approx(1000 * (clicks * 0.5 + 0.02) * 2000 / 1000 * 365)
    assert report["engagement_only"] == feed
    assert feed["harmful_per_1000_feeds"] is None  # the file has no harm column: unknown
    assert feed["mean_quality"] is not None  # measured with predicted quality, and said so
    assert "quality" not in report["truths"] and "p_click" in report["truths"]


def test_quality_weight_changes_the_feed_by_hand(capsys, candidates):
    report = run(capsys, "--data", candidates, "--alpha", "1", "--beta", "0", "--k", "1")
    # Quality alone, top 1: u1 shows a, u2 shows a.
    assert report["feed"]["expected_clicks"] == pytest.approx((0.05 + 0.10) / 2)
    assert report["engagement_only"]["expected_clicks"] == pytest.approx((0.40 + 0.50) / 2)
    assert report["change_against_engagement_only"]["expected_clicks"] == pytest.approx(
        (0.05 + 0.10) / 2 - (0.40 + 0.50) / 2
    )


def test_the_sample_gives_the_pages_figures(capsys):
    report = run(capsys, "--alpha", "0.3", "--beta", "0.7", "--spam-threshold", "0.8")
    data = load_feed_sample().data
    thresholds = FilterThresholds(spam=0.8)
    view = feed_view(
        data, blendable(data, thresholds), alpha=0.3, beta=0.7, k=10, revenue=Revenue()
    )
    assert report["feed"]["expected_clicks"] == pytest.approx(view.outcome.expected_clicks)
    assert report["feed"]["ndcg_quality"] == pytest.approx(view.outcome.ndcg_quality)
    assert report["feed"]["revenue_a_year"] == pytest.approx(view.revenue_a_year)
    assert report["engagement_only"]["mean_quality"] == pytest.approx(view.baseline.mean_quality)
    filters = filter_report(data, thresholds)
    assert report["filters"]["removed"] == filters.removed
    assert report["filters"]["harmful_leaked"] == filters.harmful_leaked
    assert report["source"].startswith("sample")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--alpha", "0", "--beta", "0"], "--alpha and --beta are both 0; give one a weight"),
        (["--alpha", "-1"], "--alpha is -1; give a weight of 0 or more"),
        (["--k", "0"], "--k is 0; show at least 1 post per feed"),
        (["--revenue-per-click", "-0.1"], "--revenue-per-click is -0.1; give"),
        (["--spam-threshold", "0"], "--spam-threshold is 0; give a score from 0.05 to 1"),
        (["--user-column", "member"], "column 'member' (user) is missing; the file has"),
        (["--quality-column", "truth"], "name the quality column (--quality-column on the"),
    ],
)
def test_bad_input_is_one_line_naming_the_fix(capsys, candidates, args, message):
    assert main(["feed", "--data", candidates, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: "), err
    assert message in err, err
    assert len(err.strip().splitlines()) == 1
