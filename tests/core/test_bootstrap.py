import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from metrics.core.bootstrap import bootstrap_curves, resampled_curves, value_band
from metrics.fraud.model import FraudCosts

GRID = np.array([0.0, 0.2, 0.35, 0.5, 0.9])


def test_resampled_curves_match_confusion_matrix_of_each_resample(tied_data):
    y, s, a, w = (tied_data[k] for k in ("y_true", "y_score", "amount", "sample_weight"))
    rows = np.random.default_rng(7).integers(0, len(y), size=(5, len(y)))
    r = resampled_curves(rows, y, s, a, w, GRID)
    tp, fp, tp_amount, fp_amount = r.tp, r.fp, r.tp_amount, r.fp_amount
    for b, r in enumerate(rows):
        for j, t in enumerate(GRID):
            pred = (s[r] >= t).astype(int)
            cm = confusion_matrix(y[r], pred, labels=[0, 1], sample_weight=w[r])
            assert tp[b, j] == pytest.approx(cm[1, 1])
            assert fp[b, j] == pytest.approx(cm[0, 1])
            cm_amount = confusion_matrix(y[r], pred, labels=[0, 1], sample_weight=(a * w)[r])
            assert tp_amount[b, j] == pytest.approx(cm_amount[1, 1])
            assert fp_amount[b, j] == pytest.approx(cm_amount[0, 1])


def test_bootstrap_is_seeded_and_chunking_does_not_change_the_shape(tied_data, monkeypatch):
    args = (tied_data["y_true"], tied_data["y_score"])
    first = bootstrap_curves(
        *args, amount=tied_data["amount"], thresholds=GRID, seed=3, n_resamples=50
    )
    again = bootstrap_curves(
        *args, amount=tied_data["amount"], thresholds=GRID, seed=3, n_resamples=50
    )
    np.testing.assert_array_equal(first.tp_amount, again.tp_amount)
    monkeypatch.setattr("metrics.core.bootstrap._DRAWS_PER_CHUNK", 1000)
    chunked = bootstrap_curves(
        *args, amount=tied_data["amount"], thresholds=GRID, seed=3, n_resamples=50
    )
    assert chunked.tp.shape == (50, len(GRID))


def test_band_brackets_the_estimate_and_narrows_relative_to_it_with_more_data():
    rng = np.random.default_rng(0)

    def relative_width(n):
        y = (rng.random(n) < 0.05).astype(int)
        s = np.clip(0.5 * y + rng.random(n) * 0.6, 0, 1)
        a = rng.lognormal(4, 1, n)
        boot = bootstrap_curves(y, s, amount=a, thresholds=np.array([0.55]), n_resamples=300)
        band = value_band(boot, FraudCosts().value_model())
        flagged = s >= 0.55
        estimate = (
            (a[flagged & (y == 1)] + 10).sum()
            - 5 * (flagged & (y == 0)).sum()
            - 0.1 * a[flagged & (y == 0)].sum()
        )
        low, high = band.at(0.55)
        assert low < estimate < high
        return (high - low) / estimate

    assert relative_width(20_000) < relative_width(2_000)


def test_bad_grid_and_confidence_are_rejected():
    with pytest.raises(ValueError, match="strictly increasing"):
        bootstrap_curves([0, 1], [0.1, 0.9], thresholds=np.array([0.5, 0.2]))
    boot = bootstrap_curves([0, 1], [0.1, 0.9], thresholds=np.array([0.5]), n_resamples=10)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        value_band(boot, FraudCosts().value_model(), confidence=95)
