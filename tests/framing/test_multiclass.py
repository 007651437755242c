"""Multiclass in money: the Bayes decision with a capacity against brute force, every ML metric
against scikit-learn, the intervals' coverage, and bad input named."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.metrics import log_loss as sk_log_loss

from metrics.framing.assign import choose
from metrics.framing.class_metrics import calibration_per_class
from metrics.framing.multiclass import (
    ActionMatrix,
    value_multiclass,
)

CLASSES = ("billing", "outage", "account")


def random_case(rng, n, *, review=False):
    k = len(CLASSES)
    proba = rng.dirichlet(np.ones(k) * 0.7, n).round(2)
    proba[:, -1] = 1 - proba[:, :-1].sum(axis=1)
    proba = np.clip(proba, 0, 1)
    proba /= proba.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(k, p=p) for p in proba])
    actions = CLASSES + (("review",) if review else ())
    fixed = rng.integers(-50, 20, (k, len(actions))).astype(float)
    rates = rng.choice([0.0, -0.1, 0.05], (k, len(actions)))
    matrix = ActionMatrix(
        CLASSES,
        actions,
        fixed,
        rates,
        "review" if review else None,
        int(rng.integers(0, 4)) if review else None,
    )
    amount = rng.uniform(0, 200, n).round()
    return np.asarray(CLASSES)[y], proba, matrix, amount


@pytest.mark.parametrize("seed", range(10))
def test_the_capacity_rule_is_the_brute_force_best_assignment(seed):
    rng = np.random.default_rng(seed)
    n, a = 6, 4
    gains = rng.integers(-3, 4, (n, a)).astype(float)  # ties on purpose
    capacity = int(rng.integers(0, n + 1))
    best = max(
        sum(gains[i, c] for i, c in enumerate(assign))
        for assign in itertools.product(range(a), repeat=n)
        if sum(c == 3 for c in assign) <= capacity
    )
    chosen = choose(gains, 3, capacity)
    assert (chosen == 3).sum() <= capacity
    assert gains[np.arange(n), chosen].sum() == best


@pytest.mark.parametrize("seed", range(8))
def test_the_best_decision_maximises_expected_value_and_perfect_bounds_all(seed):
    rng = np.random.default_rng(seed)
    y, proba, matrix, amount = random_case(rng, 300, review=seed % 2 == 1)
    result = value_multiclass(y, proba, matrix=matrix, amount=amount)
    expected = proba @ matrix.fixed + (proba @ matrix.rates) * amount[:, None]
    rows = np.arange(300)
    assert expected[rows, result.best_decision.action].sum() >= (
        expected[rows, result.argmax.action].sum() - 1e-9
    )
    assert result.perfect.value.value >= result.best_decision.value.value - 1e-9
    assert result.perfect.value.value >= result.argmax.value.value - 1e-9
    # each row valued by hand
    by_hand = [
        matrix.fixed[c, a] + matrix.rates[c, a] * amount[i]
        for i, (c, a) in enumerate(zip(result.y, result.argmax.action, strict=True))
    ]
    assert result.argmax.value.value == pytest.approx(sum(by_hand))
    assert result.money().sum() == pytest.approx(result.argmax.value.value)
    assert result.value_per_class("best_decision").sum() == pytest.approx(
        result.best_decision.value.value
    )


def test_metrics_equal_scikit_learn():
    rng = np.random.default_rng(11)
    y, proba, matrix, amount = random_case(rng, 500)
    result = value_multiclass(y, proba, matrix=matrix, amount=amount)
    predicted = np.asarray(CLASSES)[proba.argmax(axis=1)]
    assert result.accuracy == pytest.approx(accuracy_score(y, predicted))
    assert result.macro_f1 == pytest.approx(
        f1_score(y, predicted, average="macro", labels=list(CLASSES), zero_division=0)
    )
    order = np.argsort(CLASSES)  # scikit-learn reads the columns in sorted label order
    assert result.log_loss == pytest.approx(sk_log_loss(y, proba[:, order], labels=sorted(CLASSES)))
    np.testing.assert_array_equal(
        result.confusion(), confusion_matrix(y, predicted, labels=list(CLASSES))
    )
    for k, curve in enumerate(calibration_per_class(result, proba)):
        observed, predicted_mean = calibration_curve(
            (y == CLASSES[k]).astype(int), proba[:, k], n_bins=10
        )
        np.testing.assert_allclose(curve.observed, observed)
        np.testing.assert_allclose(curve.predicted, predicted_mean)


def test_a_model_can_be_more_accurate_and_worth_less():
    # an outage is rare and costly to miss: the Bayes decision routes doubtful tickets to it
    y = np.array(["billing"] * 8 + ["outage"] * 2)
    proba = np.tile([0.7, 0.3, 0.0], (10, 1))
    fixed = np.array([[0, -1, -1], [-100, 0, -100], [-1, -1, 0]], dtype=float)
    matrix = ActionMatrix(CLASSES, CLASSES, fixed, np.zeros((3, 3)))
    result = value_multiclass(y, proba, matrix=matrix)
    assert result.accuracy == 0.8
    assert result.argmax.value.value == -200
    assert result.best_decision.value.value == -8  # all to outage: 8 billing tickets at -1
    assert result.difference.value == 192


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"y": ["billing", "sales"]},
            r"column 'label' has 1 label that is not a class of the value matrix, "
            r"e\.g\. 'sales' in row 1",
        ),
        (
            {"proba": [[0.5, 0.2, 0.2], [0.2, 0.3, 0.5]]},
            r"the probabilities of 1 row do not sum to 1, e\.g\. 0\.9 in row 0",
        ),
        (
            {"proba": [[0.5, 0.5], [0.5, 0.5]]},
            r"the probabilities have shape \(2, 2\), but the value matrix has 3 classes",
        ),
        (
            {"proba": [[1.5, -0.5, 0.0], [0.2, 0.3, 0.5]]},
            r"column 'billing' has 1 value outside \[0, 1\]",
        ),
    ],
)
def test_bad_input_is_named(change, message):
    args = {"y": ["billing", "outage"], "proba": [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]]} | change
    matrix = ActionMatrix(CLASSES, CLASSES, np.eye(3), np.zeros((3, 3)))
    with pytest.raises(ValueError, match=message):
        value_multiclass(args["y"], np.asarray(args["proba"]), matrix=matrix)


def test_a_matrix_whose_columns_do_not_start_with_the_classes_is_named():
    with pytest.raises(ValueError, match="first columns must act on the classes"):
        ActionMatrix(CLASSES, ("outage", "billing", "account"), np.eye(3), np.zeros((3, 3)))


def test_the_intervals_cover_the_expected_value_in_95_percent_of_simulations():
    """Calibrated probabilities drawn per row, the class drawn from them: the expected value
    per row of each rule is known from a large draw; the 95% intervals on 300 rows cover 300
    times it in 92-98% of 1,000 draws."""
    rng = np.random.default_rng(20261207)
    fixed = np.array([[5, -20, -5], [-200, 50, -150], [-5, -20, 10]], dtype=float)
    matrix = ActionMatrix(CLASSES, CLASSES, fixed, np.zeros((3, 3)))

    def draw(n):
        proba = rng.dirichlet([2.0, 0.4, 1.0], n)
        y = (rng.random(n)[:, None] > proba.cumsum(axis=1)).sum(axis=1).clip(0, 2)
        return np.asarray(CLASSES)[y], proba

    big = value_multiclass(*draw(1_000_000), matrix=matrix)
    truth = {
        rule: getattr(big, rule).value.value / big.n * 300
        for rule in ("argmax", "best_decision", "perfect")
    }
    truth_difference = big.difference.value / big.n * 300
    covered = dict.fromkeys([*truth, "difference"], 0)
    for _ in range(1000):
        result = value_multiclass(*draw(300), matrix=matrix)
        for rule in truth:
            figure = getattr(result, rule).value
            covered[rule] += figure.low <= truth[rule] <= figure.high
        covered["difference"] += result.difference.low <= truth_difference <= result.difference.high
    for rule, hits in covered.items():
        assert 0.92 <= hits / 1000 <= 0.98, (rule, hits)


def test_probability_columns_are_matched_to_classes_by_name_or_taken_in_order():
    from metrics.framing.checks import class_columns

    classes, ordered = class_columns(["b", "a", "b"], ["p_b", "p_a"])
    assert classes == ("a", "b") and ordered == ["p_a", "p_b"]
    # names that do not match: the columns in the order given name the classes
    classes, ordered = class_columns(["x", "y"], ["first", "second"])
    assert classes == ("first", "second") and ordered == ["first", "second"]
    with pytest.raises(ValueError, match="not a class of the value matrix, e\\.g\\. 'x'"):
        value_multiclass(
            ["x", "y"],
            np.array([[1.0, 0.0], [0.0, 1.0]]),
            matrix=ActionMatrix(classes, classes, np.eye(2), np.zeros((2, 2))),
        )
