"""The public Python API: the same numbers as the command line, a scikit-learn scorer that
tunes, cross-validates and grid-searches in money, and a Display of value against threshold."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import (
    GridSearchCV,
    TunedThresholdClassifierCV,
    cross_val_score,
    cross_validate,
    train_test_split,
)

import metrics
from metrics.cli import main
from metrics.sklearn import ValueCurveDisplay, make_value_scorer, value_score

MATRIX = (0.0, -5.0, -15.0, -5.0)
RATES = (0.0, -0.1, -1.0, 0.0)


@pytest.fixture(scope="module")
def rows():
    rng = np.random.default_rng(11)
    n = 6000
    X = rng.normal(size=(n, 4))
    logit = -3.2 + 1.4 * X[:, 0] - 0.8 * X[:, 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    amount = np.round(rng.lognormal(3.5, 1.0, n), 2)
    return X, y, amount


def test_the_public_names_are_where_a_user_looks_first():
    assert set(metrics.__all__) == {
        "value_decisions", "Valuation", "make_value_scorer", "ValueCurveDisplay",
        "ActionMatrix", "value_multiclass", "value_multilabel", "value_regression",
    }  # fmt: skip
    from metrics.framing.regression import value_regression

    assert metrics.value_regression is value_regression
    assert metrics.make_value_scorer is make_value_scorer
    with pytest.raises(AttributeError):
        _ = metrics.no_such_name


def test_value_decisions_gives_the_command_lines_numbers(rows, tmp_path, capsys):
    X, y, amount = rows
    score = LogisticRegression().fit(X, y).predict_proba(X)[:, 1]
    result = metrics.value_decisions(
        y, score, value_matrix=MATRIX, amount_rates=RATES, amount=amount
    )
    path = tmp_path / "scored.parquet"
    pd.DataFrame({"label": y, "score": score, "amount": amount}).to_parquet(path)
    argv = ["decide", "--data", str(path), "--value-matrix", ",".join(map(str, MATRIX)),
            "--amount-rates", ",".join(map(str, RATES)), "--amount-column", "amount",
            "--json"]  # fmt: skip
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert result.best_threshold == pytest.approx(out["best_threshold"])
    assert result.best_value == pytest.approx(out["best_value"])
    assert result.best_value_cross_fitted == pytest.approx(out["best_value_cross_fitted"])
    low, high = result.best_value_interval
    assert (low, high) == pytest.approx(
        (out["best_value_cross_fitted_low"], out["best_value_cross_fitted_high"])
    )
    assert result.act_on_none == pytest.approx(out["act_on_none_value"])
    assert result.perfect == pytest.approx(out["perfect_value"])
    assert "Adds over" in result._repr_html_() and "<!DOCTYPE html>" in result.to_html()


def test_value_score_is_the_confusion_matrix_times_the_value_matrix(rows):
    X, y, _ = rows
    pred = (X[:, 0] > 1).astype(int)
    counts = confusion_matrix(y, pred).ravel()  # tn, fp, fn, tp
    assert value_score(y, pred, value_matrix=MATRIX) == pytest.approx(counts @ np.array(MATRIX))


def test_amount_rates_without_metadata_routing_say_how_to_turn_it_on():
    with pytest.raises(ValueError, match=r"sklearn.set_config\(enable_metadata_routing=True\)"):
        make_value_scorer(MATRIX, amount_rates=RATES)
    with pytest.raises(ValueError, match="four finite numbers in the order TN, FP, FN, TP"):
        make_value_scorer((0, -5, -15))


def test_the_scorer_cross_validates_and_grid_searches_with_per_row_amounts(rows):
    X, y, amount = rows
    with sklearn.config_context(enable_metadata_routing=True):
        scorer = make_value_scorer(MATRIX, amount_rates=RATES)
        folds = cross_validate(
            LogisticRegression(), X, y, scoring=scorer, cv=3, params={"amount": amount}
        )
        assert folds["test_score"].shape == (3,)
        fitted = LogisticRegression().fit(X[:4000], y[:4000])
        expected = value_score(
            y[4000:], fitted.predict(X[4000:]), value_matrix=MATRIX, amount_rates=RATES,
            amount=amount[4000:],
        )  # fmt: skip
        assert scorer(fitted, X[4000:], y[4000:], amount=amount[4000:]) == pytest.approx(expected)
        grid = GridSearchCV(LogisticRegression(), {"C": [0.01, 1.0]}, scoring=scorer, cv=3).fit(
            X, y, amount=amount
        )
        assert grid.best_params_["C"] in (0.01, 1.0)


def test_tuning_a_threshold_for_money_and_valuelens_exact_optimum(rows):
    X, y, amount = rows
    X_fit, X_test, y_fit, y_test, a_fit, a_test = train_test_split(
        X, y, amount, test_size=0.5, random_state=0, stratify=y
    )
    with sklearn.config_context(enable_metadata_routing=True):
        scorer = make_value_scorer(MATRIX, amount_rates=RATES)
        tuned = TunedThresholdClassifierCV(
            LogisticRegression(), scoring=scorer, cv=3, random_state=0
        ).fit(X_fit, y_fit, amount=a_fit)
    assert 0 < tuned.best_threshold_ < 1
    held_out = value_score(
        y_test, tuned.predict(X_test), value_matrix=MATRIX, amount_rates=RATES, amount=a_test
    )
    exact = metrics.value_decisions(
        y_test, tuned.predict_proba(X_test)[:, 1], value_matrix=MATRIX, amount_rates=RATES,
        amount=a_test,
    )  # fmt: skip
    assert held_out <= exact.best_value + 1e-6  # the exact optimum on these rows bounds it
    assert exact.value_at(tuned.best_threshold_) == pytest.approx(held_out)


def test_the_display_follows_scikit_learns_api(rows):
    X, y, amount = rows
    model = LogisticRegression().fit(X, y)
    display = ValueCurveDisplay.from_estimator(
        model, X, y, value_matrix=MATRIX, amount_rates=RATES, amount=amount
    )
    result = metrics.value_decisions(
        y, model.predict_proba(X)[:, 1], value_matrix=MATRIX, amount_rates=RATES, amount=amount
    )
    assert display.name == "LogisticRegression"
    assert display.best_threshold_ == result.best_threshold
    assert display.best_value_ == pytest.approx(result.best_value)
    assert display.best_value_cross_fitted_ == pytest.approx(result.best_value_cross_fitted)
    assert display.values_.max() == pytest.approx(display.best_value_)
    assert display.figure_.data and "<div" in display._repr_html_()
    with pytest.raises(ValueError, match="has no predict_proba"):
        ValueCurveDisplay.from_estimator(object(), X, y, value_matrix=MATRIX)
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert display.plot(ax).ax_ is ax


def test_value_decisions_without_amounts_values_the_fixed_matrix():
    y = np.array([0, 0, 1, 1, 0])
    score = np.array([0.1, 0.4, 0.35, 0.8, 0.2])
    result = metrics.value_decisions(y, score, value_matrix=(0, -1, -10, 5))
    # acting on score >= 0.35: FP 1 (0.4), TP 2 -> -1 + 10, TN 2
    assert result.best_value == 9.0
    assert result.act_on_none == -20.0
    assert result.perfect == 10.0


def test_classes_that_are_words_need_the_class_acted_on_and_then_score_alike(rows):
    X, y, _ = rows
    words = np.where(y == 1, "fraud", "legit")
    with pytest.raises(ValueError, match="y_true holds the classes 'fraud', 'legit', not 0 and 1"):
        cross_val_score(
            LogisticRegression(), X, words, scoring=make_value_scorer(MATRIX), error_score="raise"
        )
    by_word = cross_val_score(
        LogisticRegression(), X, words, scoring=make_value_scorer(MATRIX, pos_label="fraud")
    )
    np.testing.assert_array_equal(
        by_word, cross_val_score(LogisticRegression(), X, y, scoring=make_value_scorer(MATRIX))
    )
    signed = np.where(y == 1, 1, -1)
    assert value_score(signed, signed, value_matrix=MATRIX, pos_label=1) == value_score(
        y, y, value_matrix=MATRIX
    )


def test_the_display_and_value_decisions_take_the_class_acted_on_by_name(rows):
    X, y, amount = rows
    words = np.where(y == 1, "fraud", "legit")
    by_word = LogisticRegression().fit(X, words)
    by_number = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="classes are 'fraud', 'legit', not 0 and 1: pass pos"):
        ValueCurveDisplay.from_estimator(by_word, X, words, value_matrix=MATRIX)
    with pytest.raises(ValueError, match="pos_label 'Fraud' is not one of the estimator's"):
        ValueCurveDisplay.from_estimator(by_word, X, words, value_matrix=MATRIX, pos_label="Fraud")
    named = ValueCurveDisplay.from_estimator(
        by_word, X, words, value_matrix=MATRIX, pos_label="fraud"
    )
    numbered = ValueCurveDisplay.from_estimator(by_number, X, y, value_matrix=MATRIX)
    assert named.best_value_ == pytest.approx(numbered.best_value_)
    assert named.best_threshold_ == pytest.approx(numbered.best_threshold_)
    score = by_number.predict_proba(X)[:, 1]
    kept = metrics.value_decisions(
        words, score, value_matrix=MATRIX, amount_rates=RATES, amount=amount, pos_label="fraud"
    )
    plain = metrics.value_decisions(
        y, score, value_matrix=MATRIX, amount_rates=RATES, amount=amount
    )
    assert kept.best_value == plain.best_value
