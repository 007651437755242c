"""Training and valuing the fraud models of the adaptation study (scikit-learn).

A model flags a transaction when flagging is worth more than approving it at its
predicted fraud probability p: ``p x (TP - FN value) + (1 - p) x (FP - TN value) > 0``
under the shared fraud value model; a day's value is the net savings of those flags on
the day's true labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from metrics.core.value import ValueModel
from metrics.fraud.model import FraudCosts

CATEGORIES = (
    "grocery",
    "online_retail",
    "restaurants",
    "fuel",
    "gift_cards",
    "electronics",
    "travel",
)
FEATURES = ("amount", "merchant", "hour", "country_mismatch", "card_age_days", "velocity_24h")


def feature_matrix(frame: pd.DataFrame) -> np.ndarray:
    """The model's inputs: log amount, merchant category as a code, and the numeric features.

    Parameters
    ----------
    frame : DataFrame
        The monitoring log's columns.

    Returns
    -------
    ndarray of shape (n, 6)
    """
    merchant = pd.Categorical(frame["merchant_category"], categories=CATEGORIES).codes
    return np.column_stack(
        [
            np.log1p(frame["amount"].to_numpy(float)),
            merchant.astype(float),
            frame["hour"].to_numpy(float),
            frame["country_mismatch"].to_numpy(float),
            frame["card_age_days"].to_numpy(float),
            frame["velocity_24h"].to_numpy(float),
        ]
    )


def flip_labels(y: np.ndarray, share: float, seed: int) -> np.ndarray:
    """Flip a random ``share`` of the labels (both ways): noisy labels.

    Parameters
    ----------
    y : ndarray of {0, 1}
    share : float
        In [0, 1]; 0 returns ``y`` unchanged.
    seed : int

    Returns
    -------
    ndarray of {0, 1}
    """
    if share == 0:
        return y.astype(int)
    flip = np.random.default_rng(seed).random(len(y)) < share
    return np.where(flip, 1 - y, y).astype(int)


def fit(x: np.ndarray, y: np.ndarray) -> Pipeline:
    """A logistic-regression fraud model: merchant category one-hot, the rest standardised.

    A linear model on purpose: two models trained on nearly the same rows score nearly the
    same, so the differences between retraining schedules come from the data, not from the
    randomness of a learner.

    Parameters
    ----------
    x : ndarray of shape (n, 6)
    y : ndarray of {0, 1}, shape (n,)

    Returns
    -------
    Pipeline
    """
    columns = ColumnTransformer(
        [("merchant", OneHotEncoder(handle_unknown="ignore"), [1])], remainder=StandardScaler()
    )
    return make_pipeline(columns, LogisticRegression(max_iter=1000)).fit(x, y)


def decide(p: np.ndarray, amount: np.ndarray, model: ValueModel) -> np.ndarray:
    """Flag where the expected value of flagging is positive at probability ``p``.

    Parameters
    ----------
    p : ndarray of shape (n,)
        Predicted fraud probability.
    amount : ndarray of shape (n,)
    model : ValueModel

    Returns
    -------
    ndarray of bool
    """
    if_fraud = model.flag_value(1.0, 0.0, amount, 0.0)
    if_good = model.flag_value(0.0, 1.0, 0.0, amount)
    return p * if_fraud + (1 - p) * if_good > 0


def realised_value(
    flagged: np.ndarray, y: np.ndarray, amount: np.ndarray, model: ValueModel
) -> float:
    """Net savings of the flags against approving everything, on the true labels (USD).

    Parameters
    ----------
    flagged : ndarray of bool
    y : ndarray of {0, 1}
    amount : ndarray
    model : ValueModel

    Returns
    -------
    float
    """
    tp, fp = flagged & (y == 1), flagged & (y == 0)
    return float(model.flag_value(tp.sum(), fp.sum(), amount[tp].sum(), amount[fp].sum()))


def day_values(
    p: np.ndarray, y: np.ndarray, amount: np.ndarray, day: np.ndarray, n_days: int
) -> np.ndarray:
    """Each day's net savings of the model whose probabilities are ``p``, days 0 to n - 1.

    Parameters
    ----------
    p, y, amount, day : ndarray of shape (n,)
        Day is 0-based within the days valued.
    n_days : int

    Returns
    -------
    ndarray of shape (n_days,)
    """
    model = FraudCosts().value_model()
    flagged = decide(p, amount, model)
    tp, fp = flagged & (y == 1), flagged & (y == 0)
    value = model.flag_value(tp, fp, amount * tp, amount * fp)
    return np.bincount(day, weights=value, minlength=n_days)
