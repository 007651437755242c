"""The workload slider's positions: each an exact curve point, each with its own label (the
browser sends a select slider's label back, so two positions sharing one would be confused)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from metrics.core.curves import threshold_curve
from metrics.core.operating import operating_points


def _curve(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.05
    score = np.clip(rng.normal(0.3 + 0.4 * y, 0.2), 0, 1)
    return y, score, threshold_curve(y, score)


@pytest.mark.parametrize(("n", "days"), [(60, None), (60, 30.0), (20_000, 30.0), (200_000, None)])
def test_every_position_has_its_own_label(n, days):
    _, _, curve = _curve(n)
    points = operating_points(curve, days=days)
    labels = [points.label(level) for level in points.levels]
    assert len(set(labels)) == len(labels), [x for x in labels if labels.count(x) > 1][:4]
    assert points.levels[0] == 0.0
    assert list(points.levels) == sorted(points.levels)


def test_a_few_alerts_a_month_are_not_shown_as_zero_a_day():
    _, _, curve = _curve(60)
    points = operating_points(curve, days=30.0)
    assert points.label(points.levels[1]) != points.label(0.0)
    assert points.label(1 / 30) == "0.0333 a day"
    assert points.label(0.0) == "0 a day"
    assert points.label(1234.4) == "1,234 a day"


def test_each_position_flags_what_its_threshold_flags():
    y, score, curve = _curve(5_000)
    points = operating_points(curve, days=None)
    for level, threshold, flagged in zip(
        points.levels[1:], points.thresholds[1:], points.flagged[1:], strict=True
    ):
        _, fp, _, tp = confusion_matrix(y, score >= threshold).ravel()
        assert tp + fp == flagged
        assert level == pytest.approx(flagged / len(y))


@pytest.mark.parametrize("n", [60, 20_000, 200_000])
def test_kept_curve_points_are_positions_and_labels_stay_distinct(n):
    _, _, curve = _curve(n, seed=3)
    keep = [len(curve.thresholds) // 3, len(curve.thresholds) // 2, len(curve.thresholds) - 1]
    points = operating_points(curve, days=30.0, keep=keep)
    for i in keep:
        assert curve.thresholds[i] in points.thresholds
        level = points.level_for(curve, float(curve.thresholds[i]))
        assert points.threshold_for(level) == curve.thresholds[i]
    labels = [points.label(level) for level in points.levels]
    assert len(set(labels)) == len(labels)
    assert list(points.levels) == sorted(points.levels)
