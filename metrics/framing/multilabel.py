"""A multilabel model's decisions in money: one binary decision per label (a content tagger
that tags a post ``sports`` and ``politics``), each label's best threshold and value, the total,
and what one shared threshold costs against a threshold per label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from metrics.framing.checks import label_matrix, score_matrix
from metrics.valuation import Valuation, value_decisions


@dataclass(frozen=True)
class SharedThreshold:
    """The best single threshold for every label, exact over every distinct score."""

    threshold: float
    value: float


@dataclass(frozen=True)
class MultilabelValuation:
    """Each label's valuation, the totals and the shared threshold.

    Attributes
    ----------
    labels : tuple of str
    per_label : tuple of Valuation
        Each label's binary valuation (best threshold in-sample and cross-fitted).
    shared : SharedThreshold
        One threshold for all labels, in-sample.
    """

    labels: tuple[str, ...]
    per_label: tuple[Valuation, ...]
    shared: SharedThreshold

    @property
    def n(self) -> int:
        return int(self.per_label[0].decision.curve.n)

    @property
    def best_value(self) -> float:
        """Sum of each label's in-sample best value."""
        return float(sum(v.best_value for v in self.per_label))

    @property
    def best_value_cross_fitted(self) -> float:
        """Sum of each label's cross-fitted best value: what the thresholds earn."""
        return float(sum(v.best_value_cross_fitted for v in self.per_label))

    @property
    def act_on_none(self) -> float:
        return float(sum(v.act_on_none for v in self.per_label))

    @property
    def perfect(self) -> float:
        return float(sum(v.perfect for v in self.per_label))

    @property
    def shared_threshold_cost(self) -> float:
        """What one threshold for all labels gives up against one per label (in-sample, >= 0)."""
        return self.best_value - self.shared.value


def _matrices(
    value_matrix: object, rates: object | None, n_labels: int
) -> tuple[np.ndarray, np.ndarray]:
    """One (TN, FP, FN, TP) row per label: a single row is used for every label."""
    fixed = np.atleast_2d(np.asarray(value_matrix, dtype=float))
    share = np.zeros((1, 4)) if rates is None else np.atleast_2d(np.asarray(rates, dtype=float))
    out = []
    for name, array in (("value_matrix", fixed), ("amount_rates", share)):
        if array.shape[1] != 4 or array.shape[0] not in (1, n_labels):
            raise ValueError(
                f"{name} must be one (TN, FP, FN, TP) row for all labels or one per label "
                f"({n_labels}); got shape {array.shape}"
            )
        out.append(np.broadcast_to(array, (n_labels, 4)))
    return out[0], out[1]


def shared_threshold(
    y: np.ndarray,
    score: np.ndarray,
    fixed: np.ndarray,
    rates: np.ndarray,
    amount: np.ndarray | None,
) -> SharedThreshold:
    """The one threshold that is best over all labels together, exact.

    Parameters
    ----------
    y : np.ndarray
    score : np.ndarray
    fixed : np.ndarray
    rates : np.ndarray
    amount : np.ndarray | None

    Returns
    -------
    SharedThreshold

    Notes
    -----
    Acting on label ``l`` of row ``i`` rather than not gains ``TP_l - FN_l`` (plus the rates
    times the amount) when the label is on and ``FP_l - TN_l`` when off. The value of a shared
    threshold ``t`` is the value of acting on none plus the sum of the gains of every
    (row, label) scoring at least ``t``: one sort of all the scores, a running sum, read at the
    end of each run of tied scores.
    """
    money = np.zeros(y.shape[0]) if amount is None else amount
    on_gain = (fixed[:, 3] - fixed[:, 2])[None] + (rates[:, 3] - rates[:, 2])[None] * money[:, None]
    off_gain = (fixed[:, 1] - fixed[:, 0])[None] + (rates[:, 1] - rates[:, 0])[None] * money[
        :, None
    ]
    none = np.where(
        y == 1,
        fixed[None, :, 2] + rates[None, :, 2] * money[:, None],
        fixed[None, :, 0] + rates[None, :, 0] * money[:, None],
    ).sum()
    gain = np.where(y == 1, on_gain, off_gain).ravel()
    flat = score.ravel()
    order = np.argsort(-flat, kind="stable")
    running = np.cumsum(gain[order])
    ends = np.flatnonzero(np.r_[flat[order][1:] != flat[order][:-1], True])
    values = np.r_[0.0, running[ends]]
    thresholds = np.r_[np.inf, flat[order][ends]]
    best = int(np.argmax(values))
    return SharedThreshold(float(thresholds[best]), float(none + values[best]))


def value_multilabel(
    y_true: np.ndarray,
    y_score: np.ndarray,
    *,
    labels: Sequence[str],
    value_matrix: object,
    amount_rates: object | None = None,
    amount: np.ndarray | None = None,
) -> MultilabelValuation:
    """What acting on each label of a multilabel model is worth.

    Parameters
    ----------
    y_true : array-like of shape (n, L)
        1 where the label applies.
    y_score : array-like of shape (n, L)
        Each label's score in [0, 1].
    labels : sequence of L str
        The labels' names.
    value_matrix : array-like of shape (4,) or (L, 4)
        Value of one row per outcome (TN, FP, FN, TP), for all labels or per label.
    amount_rates : array-like of shape (4,) or (L, 4), optional
    amount : array-like of shape (n,), optional

    Returns
    -------
    MultilabelValuation

    Notes
    -----
    The labels' decisions are independent, so the total is the sum over labels of each
    label's value; each label's best threshold is exact over its distinct scores.
    """
    names = tuple(str(name) for name in labels)
    y = label_matrix(y_true, names)
    score = score_matrix(y_score, names)
    fixed, rates = _matrices(value_matrix, amount_rates, len(names))
    money = None if amount is None else np.asarray(amount, dtype=float)
    per_label = tuple(
        value_decisions(
            y[:, k], score[:, k], value_matrix=fixed[k], amount_rates=rates[k], amount=money
        )
        for k in range(len(names))
    )
    return MultilabelValuation(names, per_label, shared_threshold(y, score, fixed, rates, money))
