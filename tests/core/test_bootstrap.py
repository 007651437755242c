import numpy as np
import pytest

from metrics.core.bootstrap import bootstrap_curves, value_band
from metrics.fraud.model import FraudCosts

GRID = np.array([0.0, 0.2, 0.35, 0.5, 0.9])


def _moments_check(boot, y, s, w, a, j, threshold):
    """Poisson bootstrap theory: each row is drawn Poisson(1) times, so a flagged sum of
    w x v over rows has mean sum(w v) and variance sum((w v)^2); count and amount sums
    covary by sum(w x w a)."""
    flagged_pos = (s >= threshold) & (y == 1)
    wa = w * a
    n = boot.n_resamples
    for got, values in ((boot.tp[:, j], w), (boot.tp_amount[:, j], wa)):
        mean, var = values[flagged_pos].sum(), (values[flagged_pos] ** 2).sum()
        assert abs(got.mean() - mean) < 4 * np.sqrt(var / n)
        assert got.var() == pytest.approx(var, rel=6 / np.sqrt(n))
    cov = np.cov(boot.tp[:, j], boot.tp_amount[:, j])[0, 1]
    expected_cov = (w * wa)[flagged_pos].sum()
    assert cov == pytest.approx(expected_cov, rel=8 / np.sqrt(n))


@pytest.mark.parametrize("rows", [120, 20_000])
@pytest.mark.parametrize("weighted", [False, True])
def test_resampled_sums_have_the_poisson_bootstrap_moments(rows, weighted):
    """120 rows: every bucket is resampled row by row. 20,000 rows: most buckets are large
    and drawn from their moments. Both must give the row bootstrap's mean, variance and
    covariance."""
    rng = np.random.default_rng(rows)
    y = (rng.random(rows) < 0.3).astype(int)
    s = np.round(rng.random(rows), 2)
    a = rng.lognormal(3, 1.2, rows)
    w = rng.integers(1, 4, rows).astype(float) if weighted else np.ones(rows)
    grid = np.array([0.2, 0.5, 0.9])
    boot = bootstrap_curves(
        y,
        s,
        amount=a,
        sample_weight=w if weighted else None,
        thresholds=grid,
        n_resamples=4000,
        seed=1,
    )
    for j, threshold in enumerate(grid):
        _moments_check(boot, y, s, w, a, j, threshold)


def test_small_buckets_are_resampled_row_by_row():
    """One positive row of amount 10: its count is Poisson(1) and its amount 10 x that."""
    boot = bootstrap_curves(
        [1, 0], [0.9, 0.1], amount=[10.0, 5.0], thresholds=np.array([0.5]), n_resamples=2000
    )
    counts = boot.tp[:, 0]
    np.testing.assert_array_equal(boot.tp_amount[:, 0], 10 * counts)
    assert set(np.unique(counts)) <= set(range(20))
    assert counts.mean() == pytest.approx(1, abs=0.1)
    assert (counts == 0).mean() == pytest.approx(np.exp(-1), abs=0.04)


def test_bootstrap_is_seeded(tied_data):
    args = (tied_data["y_true"], tied_data["y_score"])
    kwargs = {"amount": tied_data["amount"], "thresholds": GRID, "n_resamples": 50}
    first = bootstrap_curves(*args, seed=3, **kwargs)
    again = bootstrap_curves(*args, seed=3, **kwargs)
    other = bootstrap_curves(*args, seed=4, **kwargs)
    np.testing.assert_array_equal(first.tp_amount, again.tp_amount)
    assert not np.array_equal(first.tp_amount, other.tp_amount)
    assert first.tp.shape == (50, len(GRID))


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
