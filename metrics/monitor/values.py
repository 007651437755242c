"""What each row's decision is worth, known (with its label) or expected (from a calibrated
probability), under one value model: absolute values, so a missed fraud is a loss."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.value import OutcomeValue, ValueModel


def fraud_monitoring_model(
    review_cost: float, chargeback_fee: float, decline_cost_rate: float
) -> ValueModel:
    """The fraud costs as absolute values: what the decisions on a chunk cost the business.

    Parameters
    ----------
    review_cost : float
        USD per flagged transaction.
    chargeback_fee : float
        USD per fraud that goes through.
    decline_cost_rate : float
        Share of a legitimate sale lost when it is flagged.

    Returns
    -------
    ValueModel
        TP ``-review``; FP ``-review - rate x amount``; FN ``-(amount + fee)``; TN 0. Its
        differences TP - FN and FP - TN are the fraud page's, so the best threshold is the same.
    """
    return ValueModel(
        tn=OutcomeValue(),
        fp=OutcomeValue(fixed=-review_cost, rate=-decline_cost_rate),
        fn=OutcomeValue(fixed=-chargeback_fee, rate=-1.0),
        tp=OutcomeValue(fixed=-review_cost),
    )


def matrix_model(values: tuple[float, float, float, float]) -> ValueModel:
    """A value per row for each outcome, in scikit-learn's layout flattened: TN, FP, FN, TP.

    Parameters
    ----------
    values : tuple of 4 floats
        Value of one row that is a TN, FP, FN, TP (currency units).

    Returns
    -------
    ValueModel
    """
    tn, fp, fn, tp = values
    return ValueModel(
        tn=OutcomeValue(tn), fp=OutcomeValue(fp), fn=OutcomeValue(fn), tp=OutcomeValue(tp)
    )


@dataclass(frozen=True, eq=False)
class RowValues:
    """Per row, given its decision: the value if it is a positive and if it is a negative,
    each split into the fixed part and the part proportional to the row's amount.

    Attributes
    ----------
    positive_fixed, positive_amount : ndarray of shape (n,)
        ``TP`` (flagged) or ``FN`` value: fixed part and rate x amount.
    negative_fixed, negative_amount : ndarray of shape (n,)
        ``FP`` (flagged) or ``TN`` value: fixed part and rate x amount.
    """

    positive_fixed: np.ndarray
    positive_amount: np.ndarray
    negative_fixed: np.ndarray
    negative_amount: np.ndarray

    @property
    def if_positive(self) -> np.ndarray:
        return self.positive_fixed + self.positive_amount

    @property
    def if_negative(self) -> np.ndarray:
        return self.negative_fixed + self.negative_amount

    def realised(self, y: np.ndarray) -> np.ndarray:
        """Value of each row given its label (NaN where the label is unknown)."""
        return np.where(y == 1, self.if_positive, np.where(y == 0, self.if_negative, np.nan))

    def expected(self, p: np.ndarray, p_amount: np.ndarray | None = None) -> np.ndarray:
        """``p x fixed if positive + (1 - p) x fixed if negative`` plus the same for the
        amount parts with ``p_amount``, the probability calibrated among the money (a large
        fraud is not as rare as its score says); ``p`` for both when not given."""
        q = p if p_amount is None else p_amount
        return (
            p * self.positive_fixed
            + (1 - p) * self.negative_fixed
            + q * self.positive_amount
            + (1 - q) * self.negative_amount
        )

    def variance(self, p: np.ndarray) -> np.ndarray:
        """Variance of the realised value of a row whose label is Bernoulli(p)."""
        return p * (1 - p) * (self.if_positive - self.if_negative) ** 2


def row_values(
    model: ValueModel,
    flagged: np.ndarray,
    amount: np.ndarray,
    weight: np.ndarray | None = None,
) -> RowValues:
    """Each row's value under both labels, given whether it was flagged.

    Parameters
    ----------
    model : ValueModel
        What each outcome is worth.
    flagged : ndarray of bool, shape (n,)
        The model's decision.
    amount : ndarray of shape (n,)
        Per-row amount (zeros when the value matrix has no rates); a group's amount sum.
    weight : ndarray of shape (n,), optional
        Rows in each entry when entries are a big log's groups (the fixed parts scale).

    Returns
    -------
    RowValues
    """
    rows = 1.0 if weight is None else weight
    if_pos = (model.tp, model.fn)
    if_neg = (model.fp, model.tn)
    return RowValues(
        np.where(flagged, if_pos[0].fixed, if_pos[1].fixed) * rows,
        np.where(flagged, if_pos[0].rate, if_pos[1].rate) * amount,
        np.where(flagged, if_neg[0].fixed, if_neg[1].fixed) * rows,
        np.where(flagged, if_neg[0].rate, if_neg[1].rate) * amount,
    )
