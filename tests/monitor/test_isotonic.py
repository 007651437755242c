"""The cross-fitted folds' isotonic fit is scikit-learn's, read without the estimator."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.isotonic import IsotonicRegression

from metrics.monitor.calibration import expected_calibration_error, isotonic_predict


@pytest.mark.parametrize("seed", range(40))
def test_isotonic_predict_equals_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    x = np.round(rng.random(n), int(rng.integers(1, 4)))  # ties in x
    y = (rng.random(n) < x).astype(float)
    w = rng.integers(1, 20, n).astype(float)
    at = rng.random(60) * 1.4 - 0.2  # outside [0, 1] too: clipped
    expected = (
        IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        .fit(x, y, sample_weight=w)
        .predict(at)
    )
    np.testing.assert_allclose(isotonic_predict(x, y, w, at), expected, rtol=0, atol=1e-12)


def test_calibration_error_does_not_depend_on_the_order_of_tied_groups():
    rng = np.random.default_rng(7)
    p = np.repeat([0.1, 0.2, 0.3], 40)  # a step-shaped calibration: many ties
    y = (rng.random(p.size) < p).astype(float)
    w = rng.integers(1, 9, p.size).astype(float)
    errors = {
        round(expected_calibration_error(y[o], p[o], weight=w[o]), 12)
        for o in (rng.permutation(p.size) for _ in range(20))
    }
    assert len(errors) == 1
