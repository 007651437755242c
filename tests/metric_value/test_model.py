import pytest
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score

from metrics.core.log_odds import move_log_odds
from metrics.fraud.model import FraudCosts
from metrics.metric_value.data import CANDIDATE_MODELS, load_fraud_candidates
from metrics.metric_value.model import (
    LOG_ODDS_EPS,
    Investment,
    ModelScore,
    accuracy_story,
    label_truth,
    metric_value,
    rank_correlations,
    reach_target,
    score_model,
    yearly,
)


@pytest.fixture(scope="module")
def candidates():
    return load_fraud_candidates()


def test_scores_match_sklearn(candidates):
    data, scores = candidates.data, candidates.scores
    s = scores["Random forest"]
    row = score_model("rf", data.y_true, s, data.amount, FraudCosts())
    assert row.accuracy == pytest.approx(accuracy_score(data.y_true, s >= 0.5))
    assert row.f1 == pytest.approx(f1_score(data.y_true, s >= 0.5))
    assert row.roc_auc == pytest.approx(roc_auc_score(data.y_true, s))
    assert row.log_loss == pytest.approx(log_loss(data.y_true, s))


def test_every_candidate_is_scored_and_the_most_accurate_is_not_the_richest(candidates):
    data, scores = candidates.data, candidates.scores
    assert set(scores) == set(CANDIDATE_MODELS)
    rows = [score_model(n, data.y_true, s, data.amount, FraudCosts()) for n, s in scores.items()]
    dummy = next(r for r in rows if r.name.startswith("Dummy"))
    assert dummy.net_savings == 0.0 and dummy.roc_auc == 0.5
    assert "more accurate" in accuracy_story(rows)
    correlation = rank_correlations(rows)
    assert correlation["pr_auc"] > correlation["accuracy"]


def test_rank_correlation_by_hand():
    def row(acc, money, loss):
        return ModelScore("m", acc, acc, acc, acc, loss, money + 5.0, 0.5, earned=money)

    rows = [row(0.9, 30.0, 0.1), row(0.8, 20.0, 0.2), row(0.7, 10.0, 0.3)]
    assert rank_correlations(rows) == pytest.approx(
        dict.fromkeys(["accuracy", "f1", "roc_auc", "pr_auc", "log_loss"], 1.0)
    )


@pytest.mark.parametrize(
    ("metric", "target", "tol"),
    [
        ("accuracy", 0.9980, 1e-4),
        ("f1", 0.75, 1e-4),
        ("f1", 0.8, 1e-4),
        ("roc_auc", 0.995, 1e-4),
        ("roc_auc", 0.95, 1e-4),
    ],
)
def test_nudging_reaches_the_target_metric_within_tolerance(candidates, metric, target, tol):
    data, scores = candidates.data, candidates.scores
    s = scores["Gradient boosting"]
    reached = reach_target(
        data.y_true, s, data.amount, FraudCosts(), metric=metric, target=target, tol=tol
    )
    if reached.within_tolerance:
        assert abs(reached.metric - target) <= tol
    else:
        # The metric jumps across the target when one transaction changes side: the search
        # stops at the nearer side of that single step.
        positives = data.y_true.sum()
        one_transaction = {"accuracy": 1 / len(data.y_true), "f1": 2 / positives}[metric]
        assert 0 < reached.step <= one_transaction * 1.01
        assert abs(reached.metric - target) <= reached.step / 2
    assert metric_value(
        metric,
        data.y_true,
        move_log_odds(s, reached.k, truth=label_truth(data.y_true), eps=LOG_ODDS_EPS),
    ) == pytest.approx(reached.metric)


def test_moving_log_odds_ends_at_the_labels_and_at_noise(candidates):
    data, scores = candidates.data, candidates.scores
    s = scores["Logistic regression"]
    assert (
        metric_value(
            "roc_auc",
            data.y_true,
            move_log_odds(s, 1.0, truth=label_truth(data.y_true), eps=LOG_ODDS_EPS),
        )
        == 1.0
    )
    assert (
        abs(
            metric_value(
                "roc_auc",
                data.y_true,
                move_log_odds(s, -1.0, truth=label_truth(data.y_true), eps=LOG_ODDS_EPS),
            )
            - 0.5
        )
        < 0.05
    )


def test_investment_roi_and_payback_by_hand():
    invest = Investment(engineer_weeks=5, cost_per_engineer_week=4_000, compute=4_000)
    assert invest.cost == 24_000
    assert invest.roi(48_000) == pytest.approx(1.0)
    assert invest.payback_months(48_000) == pytest.approx(6.0)
    assert invest.payback_months(-10.0) is None
    assert yearly(1_000.0, rows=50_000, transactions_per_year=1_000_000) == pytest.approx(20_000)


def test_each_model_s_money_is_as_earned_the_fraud_page_s_figure_and_the_story_says_both(
    candidates,
):
    from metrics.core.format import money
    from metrics.fraud.model import analyse
    from metrics.metric_value.view import score_models

    rows = score_models(candidates, FraudCosts())
    best = rows[0]
    assert best.name == "Gradient boosting"
    assert [r.earned for r in rows] == sorted((r.earned for r in rows), reverse=True)
    honest = analyse(candidates.data, FraudCosts()).honest
    assert best.earned == pytest.approx(honest.value, rel=1e-12)
    assert best.net_savings == pytest.approx(honest.in_sample, rel=1e-12)
    assert best.earned < best.net_savings
    story = accuracy_story(rows)
    assert f"earning {money(best.earned)}" in story
    assert money(best.net_savings) in story and "chosen on" in story
