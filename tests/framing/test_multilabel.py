"""Multilabel in money: each label as the binary valuation, the shared threshold against brute
force, and bad input named."""

from __future__ import annotations

import numpy as np
import pytest

from metrics import value_decisions
from metrics.framing.multilabel import value_multilabel

LABELS = ("sports", "politics", "music")


def case(seed, n=80):
    rng = np.random.default_rng(seed)
    y = (rng.random((n, 3)) < [0.1, 0.3, 0.5]).astype(int)
    score = np.clip(0.4 * y + rng.random((n, 3)) * 0.6, 0, 1).round(1)  # ties on purpose
    fixed = rng.integers(-10, 10, (3, 4)).astype(float)
    rates = rng.choice([0.0, 0.1, -0.2], (3, 4))
    amount = rng.uniform(0, 50, n).round()
    return y, score, fixed, rates, amount


def brute_shared(y, score, fixed, rates, amount):
    best = -np.inf
    for t in np.r_[np.inf, np.unique(score)]:
        act = score >= t
        total = 0.0
        for k in range(3):
            cell = np.where(y[:, k] == 1, np.where(act[:, k], 3, 2), np.where(act[:, k], 1, 0))
            total += (fixed[k, cell] + rates[k, cell] * amount).sum()
        best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(10))
def test_shared_threshold_is_the_brute_force_best(seed):
    y, score, fixed, rates, amount = case(seed)
    result = value_multilabel(
        y, score, labels=LABELS, value_matrix=fixed, amount_rates=rates, amount=amount
    )
    assert result.shared.value == pytest.approx(brute_shared(y, score, fixed, rates, amount))
    assert result.shared_threshold_cost >= -1e-9


def test_each_label_is_the_binary_valuation_and_the_total_sums_them():
    y, score, fixed, rates, amount = case(3)
    result = value_multilabel(
        y, score, labels=LABELS, value_matrix=fixed, amount_rates=rates, amount=amount
    )
    for k in range(3):
        alone = value_decisions(
            y[:, k], score[:, k], value_matrix=fixed[k], amount_rates=rates[k], amount=amount
        )
        assert result.per_label[k].best_value == pytest.approx(alone.best_value)
        assert result.per_label[k].best_threshold == alone.best_threshold
    assert result.best_value == pytest.approx(sum(v.best_value for v in result.per_label))
    assert result.perfect >= result.best_value >= result.act_on_none


def test_one_matrix_serves_every_label():
    y, score, *_ = case(4)
    one = value_multilabel(y, score, labels=LABELS, value_matrix=[0, -1, -5, 4])
    many = value_multilabel(y, score, labels=LABELS, value_matrix=[[0, -1, -5, 4]] * 3)
    assert one.best_value == many.best_value


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"value_matrix": [[0, -1, -5, 4]] * 2},
            r"value_matrix must be one \(TN, FP, FN, TP\) row for all labels "
            r"or one per label \(3\)",
        ),
        ({"y_true": np.full((2, 3), 2)}, r"column 'sports' has 2 values other than 0 or 1"),
        (
            {"y_score": np.ones((2, 2))},
            r"the scores have shape \(2, 2\); give one score column per label",
        ),
    ],
)
def test_bad_input_is_named(kwargs, message):
    args = {
        "y_true": np.ones((2, 3)),
        "y_score": np.ones((2, 3)) / 2,
        "value_matrix": [0, -1, -5, 4],
    } | kwargs
    with pytest.raises(ValueError, match=message):
        value_multilabel(labels=LABELS, **args)
