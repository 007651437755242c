import numpy as np
import pytest

from metrics.pipeline.model import (
    Pipeline,
    bottleneck_recall,
    false_positive_rate,
    funnel,
    stopped_curve,
)


def test_binormal_roc_has_the_requested_auc():
    tpr = np.linspace(0, 1, 200_001)
    for auc in (0.7, 0.9, 0.97):
        fpr = false_positive_rate(tpr, auc)
        assert np.trapezoid(tpr, fpr) == pytest.approx(auc, abs=1e-3)


def test_funnel_by_hand_below_capacity():
    p = Pipeline(
        events_per_day=1_000_000,
        threat_rate=0.0001,
        model_auc=0.9,
        rules_pass_threats=0.5,
        rules_pass_false_alarms=0.1,
        reviews_per_day=10**9,
        stop_probability=0.5,
    )
    f = funnel(p, 0.8)
    fpr = float(false_positive_rate(0.8, 0.9))
    assert f.threats == pytest.approx(100)
    assert f.alerts == pytest.approx(80 + 999_900 * fpr)
    assert f.passed == pytest.approx(40 + 99_990 * fpr)
    assert f.reviewed == pytest.approx(f.passed) and not f.bottlenecked
    assert f.stopped == pytest.approx(20.0)


def test_bottleneck_starts_where_passed_alerts_reach_capacity_and_stopping_plateaus():
    p = Pipeline(reviews_per_day=400)
    knee = bottleneck_recall(p)
    assert funnel(p, knee).passed == pytest.approx(400, rel=1e-6)
    assert funnel(p, knee - 0.01).passed < 400 < funnel(p, knee + 0.01).passed
    below = stopped_curve(p, np.array([knee / 2, knee]))
    above = stopped_curve(p, np.array([knee + 0.1, 0.99]))
    assert below[0] < below[1]
    np.testing.assert_allclose(above, below[1])
    more_reviewers = Pipeline(reviews_per_day=800)
    assert bottleneck_recall(more_reviewers) > knee
    assert funnel(more_reviewers, 0.99).stopped > funnel(p, 0.99).stopped


def test_no_bottleneck_when_experts_keep_up():
    assert bottleneck_recall(Pipeline(reviews_per_day=10**9)) is None


def test_bad_pipeline_inputs_are_named():
    with pytest.raises(ValueError, match="'threat_rate' is 2"):
        Pipeline(threat_rate=2)
    with pytest.raises(ValueError, match=r"'model_auc' is 0\.4"):
        Pipeline(model_auc=0.4)
