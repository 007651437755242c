import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import log_loss as sk_log_loss
from sklearn.metrics import roc_auc_score

from metrics.ads.ctr import (
    calibration_ratio,
    ctr_quality,
    log_loss,
    normalized_entropy,
    reliability_curve,
)
from metrics.core.validation import UndefinedMetricWarning


@pytest.fixture(params=[0, 1])
def clicks(request):
    rng = np.random.default_rng(request.param)
    p = rng.beta(1, 25, 5000)
    y = (rng.random(5000) < p).astype(int)
    return y, np.round(p, 3)  # rounding makes ties


def test_log_loss_auc_and_reliability_match_sklearn(clicks):
    y, p = clicks
    assert log_loss(y, p) == pytest.approx(sk_log_loss(y, p))
    assert ctr_quality(y, p).auc == pytest.approx(roc_auc_score(y, p))
    observed, predicted = calibration_curve(y, p, n_bins=10, strategy="quantile")
    curve = reliability_curve(y, p, n_bins=10)
    np.testing.assert_allclose(curve.observed, observed)
    np.testing.assert_allclose(curve.predicted, predicted)


def test_normalized_entropy_by_hand():
    y = np.array([1, 0, 0, 0])
    p = np.array([0.5, 0.2, 0.2, 0.1])
    with np.errstate(all="raise"):
        loss = -(np.log(0.5) + 2 * np.log(0.8) + np.log(0.9)) / 4
        background = -(0.25 * np.log(0.25) + 0.75 * np.log(0.75))
        assert log_loss(y, p) == pytest.approx(loss)
        assert normalized_entropy(y, p) == pytest.approx(loss / background)
        # Predicting the background CTR for everyone scores exactly 1.
        assert normalized_entropy(y, np.full(4, 0.25)) == pytest.approx(1.0)
    assert calibration_ratio(y, p) == pytest.approx(0.25 / 0.25)
    assert calibration_ratio(y, 2 * p) == pytest.approx(2.0)


def test_confident_misses_are_finite_and_one_class_is_nan():
    assert np.isfinite(log_loss([1, 0], [0.0, 1.0]))
    with pytest.warns(UndefinedMetricWarning, match="Normalized entropy is undefined"):
        assert np.isnan(normalized_entropy([0, 0], [0.1, 0.2]))
    with pytest.warns(UndefinedMetricWarning, match="there are no clicks"):
        assert np.isnan(calibration_ratio([0, 0], [0.1, 0.2]))
