"""Shared test data: random scores with many ties, weights and heavy-tailed amounts."""

from __future__ import annotations

import os

import numpy as np
import pytest


def _spark_missing() -> str | None:
    import importlib.util
    import shutil

    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install '.[test]')"
    if shutil.which("java") is None:
        return "Java is not installed (Debian: apt-get install default-jre-headless)"
    return None


SPARK_MISSING = _spark_missing()
if SPARK_MISSING and os.environ.get("VALUELENS_REQUIRE_SPARK") == "1":
    raise RuntimeError(SPARK_MISSING + "; VALUELENS_REQUIRE_SPARK=1 forbids skipping")


@pytest.fixture(
    params=[
        "duckdb",
        pytest.param(
            "spark",
            marks=pytest.mark.skipif(SPARK_MISSING is not None, reason=str(SPARK_MISSING)),
        ),
    ]
)
def engine(request: pytest.FixtureRequest) -> str:
    """Each engine a big log can be summed in; Spark skips with the reason when absent."""
    return request.param


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


ORACLE_SEEDS = range(200)


@pytest.fixture(params=ORACLE_SEEDS)
def oracle_case(request: pytest.FixtureRequest) -> dict[str, np.ndarray]:
    """One of 200 small random cases for scikit-learn oracle tests: 2 to 300 rows, a positive
    share from 1% to 60%, scores rounded to one or two decimals (many ties), amounts with a
    heavy tail, and integer weights that are often zero, including on the top-scored rows.
    Row 0 is a positive and row 1 a negative, both with weight, so both classes are present.
    """
    rng = np.random.default_rng(1_000 + request.param)
    n = int(rng.integers(2, 300))
    y = (rng.random(n) < rng.uniform(0.01, 0.6)).astype(int)
    y[:2] = [1, 0]
    decimals = int(rng.integers(1, 3))
    score = np.clip(np.round(rng.beta(2, 5, n) + 0.3 * y * rng.random(), decimals), 0, 1)
    weight = rng.integers(0, 4, n).astype(float)
    if rng.random() < 0.5:  # zero weights on the highest scores
        weight[np.argsort(-score, kind="stable")[: int(rng.integers(1, 5))]] = 0
    weight[:2] = np.maximum(weight[:2], 1)
    return {
        "y_true": y,
        "y_score": score,
        "amount": np.round(rng.lognormal(3.5, 1.2, n), 2),
        "sample_weight": weight,
    }


def _brute_cross_fit(y, s, a, w, fold, model, n_splits):
    """Straight from the definition: for each fold, the best threshold of the other rows,
    valued on that fold's rows alone (over acting on nobody)."""
    from metrics.core.curves import threshold_curve
    from metrics.core.value import best_thresholds

    total = 0.0
    for k in range(n_splits):
        train, test = fold != k, fold == k
        if not train.any():
            continue
        curve = threshold_curve(y[train], s[train], amount=a[train], sample_weight=w[train])
        t = best_thresholds(curve, model).savings.threshold
        flagged = test & (s >= t)
        pos, neg = flagged & (y == 1), flagged & (y == 0)
        total += float(
            model.flag_value(w[pos].sum(), w[neg].sum(), (w * a)[pos].sum(), (w * a)[neg].sum())
        )
    return total


@pytest.fixture
def brute_cross_fit():
    """The cross-fitted best value computed fold by fold from its definition (the oracle)."""
    return _brute_cross_fit
