import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    confusion_matrix,
    f1_score,
    precision_recall_curve,
    roc_auc_score,
)

from metrics.core.curves import threshold_curve
from metrics.core.rates import average_precision, point_at, roc_auc
from metrics.core.validation import UndefinedMetricWarning


@pytest.mark.parametrize("weighted", [False, True])
def test_counts_match_confusion_matrix_at_every_threshold(oracle_case, weighted):
    y, s = oracle_case["y_true"], oracle_case["y_score"]
    w = oracle_case["sample_weight"] if weighted else None
    curve = threshold_curve(y, s, amount=oracle_case["amount"], sample_weight=w)
    for t in [*np.unique(s), 0.0, 0.333, 1.0]:
        p = point_at(curve, t)
        expected = confusion_matrix(y, (s >= t).astype(int), labels=[0, 1], sample_weight=w)
        np.testing.assert_allclose([[p.tn, p.fp], [p.fn, p.tp]], expected, atol=1e-9)


def test_amount_sums_match_amount_weighted_confusion_matrix(oracle_case):
    y, s, a = oracle_case["y_true"], oracle_case["y_score"], oracle_case["amount"]
    curve = threshold_curve(y, s, amount=a)
    for t in np.unique(s):
        i = curve.index(t)
        cm = confusion_matrix(y, (s >= t).astype(int), labels=[0, 1], sample_weight=a)
        assert curve.tp_amount[i] == pytest.approx(cm[1, 1])
        assert curve.fp_amount[i] == pytest.approx(cm[0, 1])
    assert curve.positive_amount == pytest.approx(a[y == 1].sum())
    assert curve.negative_amount == pytest.approx(a[y == 0].sum())


@pytest.mark.parametrize("weighted", [False, True])
def test_precision_recall_match_precision_recall_curve(oracle_case, weighted):
    y, s = oracle_case["y_true"], oracle_case["y_score"]
    w = oracle_case["sample_weight"] if weighted else None
    curve = threshold_curve(y, s, sample_weight=w)
    precision, recall, thresholds = precision_recall_curve(y, s, sample_weight=w)
    for p_ref, r_ref, t in zip(precision[:-1], recall[:-1], thresholds, strict=True):
        point = point_at(curve, t)
        if point.flagged > 0:
            assert point.precision == pytest.approx(p_ref)
        assert point.recall == pytest.approx(r_ref)


@pytest.mark.parametrize("weighted", [False, True])
def test_f1_and_accuracy_match_sklearn(oracle_case, weighted):
    y, s = oracle_case["y_true"], oracle_case["y_score"]
    w = oracle_case["sample_weight"] if weighted else None
    curve = threshold_curve(y, s, sample_weight=w)
    for t in np.unique(s):
        pred = (s >= t).astype(int)
        point = point_at(curve, t)
        assert point.f1 == pytest.approx(f1_score(y, pred, sample_weight=w, zero_division=0))
        assert point.accuracy == pytest.approx(accuracy_score(y, pred, sample_weight=w))


@pytest.mark.parametrize("weighted", [False, True])
def test_aucs_match_sklearn(oracle_case, weighted):
    y, s = oracle_case["y_true"], oracle_case["y_score"]
    w = oracle_case["sample_weight"] if weighted else None
    curve = threshold_curve(y, s, sample_weight=w)
    assert roc_auc(curve) == pytest.approx(roc_auc_score(y, s, sample_weight=w))
    assert average_precision(curve) == pytest.approx(average_precision_score(y, s, sample_weight=w))


def test_average_precision_drops_zero_weight_rows_like_sklearn():
    y, s = np.array([1, 0, 1, 0, 0]), np.array([0.9, 0.8, 0.7, 0.3, 0.1])
    w = np.array([0.0, 1, 1, 1, 1])
    with np.errstate(all="raise"):
        got = average_precision(threshold_curve(y, s, sample_weight=w))
    assert got == pytest.approx(0.5)
    assert got == pytest.approx(average_precision_score(y, s, sample_weight=w))


def test_hand_computed_toy_curve():
    #            score: 0.9  0.8  0.8  0.3  0.1
    y = np.array([1, 0, 1, 0, 0])
    s = np.array([0.9, 0.8, 0.8, 0.3, 0.1])
    a = np.array([100.0, 20.0, 50.0, 10.0, 5.0])
    with np.errstate(all="raise"):
        curve = threshold_curve(y, s, amount=a)
        np.testing.assert_array_equal(curve.thresholds, [np.inf, 0.9, 0.8, 0.3, 0.1])
        np.testing.assert_array_equal(curve.tp, [0, 1, 2, 2, 2])
        np.testing.assert_array_equal(curve.fp, [0, 0, 1, 2, 3])
        np.testing.assert_array_equal(curve.tp_amount, [0, 100, 150, 150, 150])
        np.testing.assert_array_equal(curve.fp_amount, [0, 0, 20, 30, 35])
        p = point_at(curve, 0.8)
    assert (p.tp, p.fp, p.fn, p.tn) == (2, 1, 0, 2)
    assert p.precision == pytest.approx(2 / 3)
    assert p.recall == 1.0
    assert p.f1 == pytest.approx(0.8)
    assert p.accuracy == pytest.approx(0.8)
    assert p.false_positive_rate == pytest.approx(1 / 3)
    # Between distinct scores, and above all of them.
    assert point_at(curve, 0.85).tp == 1
    nothing = point_at(curve, 0.95)
    assert nothing.flagged == 0
    assert np.isnan(nothing.precision)
    assert nothing.f1 == 0.0


def test_threshold_equal_to_a_score_flags_that_score():
    curve = threshold_curve([0, 1], [0.5, 0.5])
    assert point_at(curve, 0.5).flagged == 2
    assert point_at(curve, np.nextafter(0.5, 1)).flagged == 0


def test_one_class_gives_nan_auc_with_warning():
    curve = threshold_curve([0, 0, 0], [0.1, 0.5, 0.9])
    with pytest.warns(UndefinedMetricWarning, match="ROC AUC is undefined: only one class"):
        assert np.isnan(roc_auc(curve))
    with pytest.warns(UndefinedMetricWarning, match="PR AUC is undefined"):
        assert np.isnan(average_precision(curve))
    assert np.isnan(point_at(curve, 0.5).recall)


def test_curve_arrays_are_read_only():
    curve = threshold_curve([0, 1], [0.2, 0.7])
    with pytest.raises(ValueError, match="read-only"):
        curve.tp[0] = 5


rows = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.5, 0.75, 1.0]),
        st.floats(0, 1e4, allow_nan=False),
    ),
    min_size=1,
    max_size=40,
)


def _curve(data):
    y, s, a = map(np.array, zip(*data, strict=True))
    return threshold_curve(y, s, amount=a)


@given(rows, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(data, random):
    shuffled = data.copy()
    random.shuffle(shuffled)
    a, b = _curve(data), _curve(shuffled)
    np.testing.assert_array_equal(a.thresholds, b.thresholds)
    np.testing.assert_array_equal(a.tp, b.tp)
    np.testing.assert_array_equal(a.fp, b.fp)
    np.testing.assert_allclose(a.tp_amount, b.tp_amount)
    np.testing.assert_allclose(a.fp_amount, b.fp_amount)


@given(rows)
def test_counts_are_monotone_and_end_at_totals(data):
    y, s, a = map(np.array, zip(*data, strict=True))
    curve = threshold_curve(y, s, amount=a)
    assert np.all(np.diff(curve.tp) >= 0) and np.all(np.diff(curve.fp) >= 0)
    assert curve.tp[-1] == y.sum() and curve.fp[-1] == (1 - y).sum()
    assert curve.tp_amount[-1] == pytest.approx(a[y == 1].sum())
