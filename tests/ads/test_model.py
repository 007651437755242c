import json

import numpy as np
import pandas as pd
import pytest

from metrics.ads.auction import auction_at
from metrics.ads.ctr import EPS, ctr_quality
from metrics.ads.data import ADS_SAMPLE_FILE, ads_data
from metrics.ads.model import (
    AdsData,
    auc_needed,
    calibration_sweep,
    click_truth,
    quality_sweep,
    sweep_rpm,
    yearly_value,
)
from metrics.ads.references import NO_CLICK, ORACLE, references, summarise
from metrics.ads.sentences import imbalance_story, reserve_story
from metrics.ads.view import ads_view
from metrics.cli import main
from metrics.core.log_odds import move_log_odds
from metrics.core.samples import sample_path


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    sizes = rng.integers(2, 6, 400)
    n = sizes.sum()
    p_true = rng.beta(1, 25, n)
    score = np.clip(p_true * rng.lognormal(0, 0.7, n), 1e-6, 0.4)
    return AdsData(
        query=np.repeat(np.arange(400), sizes),
        n_queries=400,
        bid=np.round(rng.lognormal(0, 0.5, n), 2),
        score=score,
        clicked=(rng.random(n) < p_true).astype(np.int8),
        p_true=p_true,
    )


def test_moving_log_odds_reaches_the_truth_and_pure_noise(data):
    np.testing.assert_allclose(
        move_log_odds(data.score, 1.0, truth=click_truth(data), eps=EPS), data.p_true, rtol=1e-9
    )
    assert move_log_odds(data.score, 0.0, truth=click_truth(data), eps=EPS) is data.score
    noise_auc = ctr_quality(
        data.clicked, move_log_odds(data.score, -1.0, truth=click_truth(data), eps=EPS)
    ).auc
    assert abs(noise_auc - 0.5) < 0.08


def test_sweep_ends_at_the_oracle_and_better_models_earn_more(data):
    sweep = quality_sweep(
        data, slots=1, knobs=np.array([-1.0, 0.0, 1.0]), reserves=np.array([0.0, 20.0])
    )
    rpm = sweep_rpm(sweep, data.n_queries, reserve_index=0, pricing="first")
    oracle = auction_at(data.curve(data.p_true, slots=1))
    assert rpm[2] == pytest.approx(oracle.expected_rpm)
    assert rpm[0] < rpm[1] < rpm[2]
    assert sweep.auc[0] < sweep.auc[1] < sweep.auc[2]


def test_auc_needed_interpolates_and_says_when_out_of_reach():
    auc = np.array([0.5, 0.6, 0.7, 0.8])
    rpm = np.array([10.0, 20.0, 30.0, 40.0])
    assert auc_needed(auc, rpm, 25.0) == pytest.approx(0.65)
    assert auc_needed(auc, rpm, 5.0) == pytest.approx(0.5)
    assert auc_needed(auc, rpm, 41.0) is None


def test_yearly_value_by_hand():
    # +$0.50 per 1,000 queries at 2 million queries a day: 0.5 x 2,000 x 365.
    assert yearly_value(0.5, daily_queries=2_000_000) == pytest.approx(365_000.0)
    with pytest.raises(ValueError, match="daily_queries"):
        yearly_value(1.0, daily_queries=-5)


@pytest.mark.parametrize("pricing", ["first", "second"])
def test_calibration_factor_equals_rescaled_predictions(data, pricing):
    factors = np.array([0.5, 1.0, 2.0])
    assert data.score.max() * 2 <= 1  # no clipping, so scaling is exact
    swept = calibration_sweep(
        data.curve(data.score, slots=2), reserve=30.0, pricing=pricing, factors=factors
    )
    for c, outcome in zip(factors, swept, strict=True):
        scaled = auction_at(
            data.curve(np.clip(data.score * c, 0, 1), slots=2), reserve=30.0, pricing=pricing
        )
        assert outcome.revenue == pytest.approx(scaled.revenue)
        assert outcome.impressions == scaled.impressions
    assert ctr_quality(data.clicked, data.score * 0.5).auc == pytest.approx(
        ctr_quality(data.clicked, data.score).auc
    )


def make_view(data, *, pricing, reserve):
    sweep = quality_sweep(
        data, slots=1, knobs=np.array([-1.0, 0.0, 1.0]), reserves=np.array([0.0, 20.0, 40.0])
    )
    curve = data.curve(data.score, slots=1)
    refs = references(data, slots=1)
    return ads_view(data, sweep, curve, refs, model="m", pricing=pricing, reserve=reserve)


@pytest.fixture(scope="module")
def view(data):
    return make_view(data, pricing="second", reserve=20.0)


def test_predicting_no_click_is_accurate_and_earns_nothing(view, data):
    model, nothing = view.imbalance
    assert nothing.name == NO_CLICK
    assert nothing.accuracy == pytest.approx(1 - data.clicked.mean())
    assert nothing.accuracy > 0.9 and nothing.rpm == 0.0 and nothing.auc == 0.5
    assert model.rpm > 0
    assert "earns $0.00 per 1,000 queries" in imbalance_story(view)


def test_references_rank_below_the_oracle_with_first_price(data):
    # With second price or a reserve the oracle's ranking need not earn the most.
    table = make_view(data, pricing="first", reserve=0.0).references.set_index("ranking")
    assert list(table.index) == [NO_CLICK, "Random order", "Highest bid", "This model: m", ORACLE]
    assert table.loc[ORACLE, "share_of_oracle"] == pytest.approx(1.0)
    for name in ("Random order", "Highest bid"):
        assert table.loc[name, "rpm"] < table.loc[ORACLE, "rpm"]
    assert summarise(data).oracle_share < 1.0


def test_view_what_if_and_stories_are_consistent(view):
    whatif = view.whatif(2, daily_queries=1_000_000)
    assert whatif.rpm_from == pytest.approx(view.rpm)
    assert whatif.auc_to > whatif.auc_from
    assert "Revenue peaks at a $" in reserve_story(view)
    assert view.auc_for(view.rpm) == pytest.approx(view.quality.auc, abs=0.05)
    assert view.csv().startswith("curve,x,rpm,coverage,ctr,auc,log_loss")


def test_ads_command_prints_the_issue_fields(capsys):
    code = main(
        [
            "ads",
            "--data",
            str(sample_path(ADS_SAMPLE_FILE)),
            "--score-column",
            "score_gbm",
            "--reserve",
            "20",
            "--pricing",
            "second",
            "--slots",
            "2",
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    for field in (
        "rank_by",
        "queries",
        "impressions",
        "ads_per_query",
        "fill_rate",
        "clicks",
        "ctr",
        "realised_revenue",
        "realised_rpm",
        "expected_revenue",
        "expected_rpm",
        "share_of_oracle",
        "auc",
        "log_loss",
        "ne",
        "calibration_ratio",
    ):
        assert field in report
    frame = pd.read_csv(sample_path(ADS_SAMPLE_FILE))
    data = ads_data(frame, score="score_gbm")
    direct = summarise(data, slots=2, reserve=20.0, pricing="second")
    assert report["realised_rpm"] == pytest.approx(direct.outcome.rpm)
    assert report["expected_rpm"] == pytest.approx(direct.outcome.expected_rpm)
    assert report["queries"] == frame["query_id"].nunique() == 50_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reserve", "-1"], "'reserve' is -1.0"),
        (["--slots", "0"], "--slots is 0"),
        (["--bid-column", "cpc"], "column 'cpc' (bid) is missing"),
    ],
)
def test_ads_bad_input_is_one_line(capsys, args, message):
    code = main(
        ["ads", "--data", str(sample_path(ADS_SAMPLE_FILE)), "--score-column", "score_gbm", *args]
    )
    _, err = capsys.readouterr()
    assert code == 2 and message in err and err.count("\n") == 1


def _ads_json(capsys, *args):
    code = main(
        [
            "ads",
            "--data",
            str(sample_path(ADS_SAMPLE_FILE)),
            "--score-column",
            "score_gbm",
            *list(args),
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_rank_by_prices_any_ranking_and_random_order_earns_least(capsys):
    rules = ["--slots", "3", "--pricing", "second"]
    by = {r: _ads_json(capsys, *rules, "--rank-by", r) for r in ("score", "bid", "random")}
    assert {r["rank_by"] for r in by.values()} == {"score", "bid", "random"}
    assert by["random"]["expected_rpm"] < by["bid"]["expected_rpm"]
    assert by["random"]["expected_rpm"] < by["score"]["expected_rpm"]
    for report in by.values():
        assert report["realised_rpm"] == pytest.approx(
            1000 * report["realised_revenue"] / report["queries"]
        )


def test_rank_by_p_true_without_truth_names_the_fix(capsys, tmp_path):
    frame = pd.read_csv(sample_path(ADS_SAMPLE_FILE)).drop(columns="p_true").head(500)
    frame.to_csv(tmp_path / "log.csv", index=False)
    code = main(
        [
            "ads",
            "--data",
            str(tmp_path / "log.csv"),
            "--score-column",
            "score_gbm",
            "--rank-by",
            "p_true",
        ]
    )
    _, err = capsys.readouterr()
    assert code == 2 and "needs true click probabilities" in err and err.count("\n") == 1
