"""Shared test data: random scores with many ties, weights and heavy-tailed amounts."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(params=[0, 1, 2])
def tied_data(request: pytest.FixtureRequest) -> dict[str, np.ndarray]:
    """600 rows, ~10% positives, scores rounded to 2 decimals so ties are common."""
    rng = np.random.default_rng(request.param)
    n = 600
    y = (rng.random(n) < 0.1).astype(int)
    score = np.clip(np.round(rng.beta(2, 5, n) + 0.25 * y, 2), 0, 1)
    return {
        "y_true": y,
        "y_score": score,
        "amount": np.round(rng.lognormal(3.5, 1.2, n), 2),
        "sample_weight": rng.integers(0, 4, n).astype(float),
    }
