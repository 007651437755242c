"""ValueLens where models are built: a scikit-learn scorer whose score is the money a model's
decisions make, and a Display of value against threshold.

    >>> import sklearn
    >>> from sklearn.model_selection import TunedThresholdClassifierCV
    >>> from metrics.sklearn import make_value_scorer
    >>> sklearn.set_config(enable_metadata_routing=True)          # for per-row amounts
    >>> scorer = make_value_scorer((0, -5, -15, -5), amount_rates=(0, -0.1, -1, 0))
    >>> tuned = TunedThresholdClassifierCV(model, scoring=scorer).fit(X, y, amount=amount)

The value matrix has the command line's layout: ``value_matrix`` is the value of one row per
outcome ``(TN, FP, FN, TP)``, ``amount_rates`` the share of the row's amount added to each
outcome ``(TN, FP, FN, TP)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sklearn
from sklearn.metrics import make_scorer

from metrics.valuation import Valuation, as_value_model, value_decisions

__all__ = ["ValueCurveDisplay", "make_value_scorer", "value_score"]


def value_score(
    y_true: Sequence[int],
    y_pred: Sequence[int],
    *,
    value_matrix: Sequence[float],
    amount_rates: Sequence[float] | None = None,
    amount: Sequence[float] | None = None,
    pos_label: object = None,
) -> float:
    """The money of a set of decisions: the sum over rows of their outcome's value,
    ``value_matrix[outcome] + amount_rates[outcome] x amount`` (outcome TN, FP, FN or TP).

    Parameters
    ----------
    y_true : array-like of 0/1
    y_pred : array-like of 0/1
        The decisions (1: act).
    value_matrix : sequence of 4 floats
        TN, FP, FN, TP.
    amount_rates : sequence of 4 floats, optional
        TN, FP, FN, TP; needs ``amount``.
    amount : array-like, optional
    pos_label : optional
        The class acted on, when the classes are not 0 and 1 (``"fraud"``).

    Returns
    -------
    float
    """
    model = as_value_model(value_matrix, amount_rates)
    y = _acted_on(y_true, pos_label, "y_true")
    act = _acted_on(y_pred, pos_label, "y_pred")
    outcome = 2 * y + act  # 0 TN, 1 FP, 2 FN, 3 TP
    cells = (model.tn, model.fp, model.fn, model.tp)
    fixed = np.array([c.fixed for c in cells])[outcome]
    if amount is None:
        if any(c.rate for c in cells):
            raise ValueError(
                "amount_rates need each row's amount: with metadata routing on "
                "(sklearn.set_config(enable_metadata_routing=True)), pass amount= to fit, "
                "cross_validate or the scorer"
            )
        return float(fixed.sum())
    rate = np.array([c.rate for c in cells])[outcome]
    return float((fixed + rate * np.asarray(amount, dtype=float)).sum())


def _acted_on(values: Sequence, pos_label: object, name: str) -> np.ndarray:
    """1 where the class is the one acted on: ``pos_label``, or 1 when the classes are 0/1."""
    array = np.asarray(values)
    if pos_label is not None:
        return (array == pos_label).astype(int)
    classes = np.unique(array)
    if not np.isin(classes, [0, 1]).all() or array.dtype.kind not in "biuf":
        shown = ", ".join(repr(c.item() if hasattr(c, "item") else c) for c in classes[:4])
        raise ValueError(
            f"{name} holds the classes {shown}, not 0 and 1: pass pos_label=<the class acted "
            "on>, one of these, to make_value_scorer or value_score"
        )
    return array.astype(int)


def make_value_scorer(
    value_matrix: Sequence[float],
    amount_rates: Sequence[float] | None = None,
    *,
    pos_label: object = None,
):
    """A scikit-learn scorer whose score is the value of the estimator's decisions
    (``predict``), for ``cross_validate``, ``GridSearchCV`` and ``TunedThresholdClassifierCV``.

    With ``amount_rates``, the scorer requests the ``amount`` metadata, so that
    ``fit(X, y, amount=amount)`` routes each row's amount to it; that needs
    ``sklearn.set_config(enable_metadata_routing=True)``.

    Parameters
    ----------
    value_matrix : sequence of 4 floats
        Value of one row per outcome, TN, FP, FN, TP.
    amount_rates : sequence of 4 floats, optional
        Share of the row's amount added per outcome, TN, FP, FN, TP.
    pos_label : optional
        The class acted on, when the classes are not 0 and 1 (``"fraud"``); as in
        scikit-learn's scorers.

    Returns
    -------
    scorer
        From ``sklearn.metrics.make_scorer``, greater is better.

    Raises
    ------
    ValueError
        A bad matrix, or amount rates while metadata routing is off (with how to turn it on).
    """
    as_value_model(value_matrix, amount_rates)  # checked now, not at the first fold
    scorer = make_scorer(
        value_score,
        response_method="predict",
        value_matrix=tuple(value_matrix),
        amount_rates=None if amount_rates is None else tuple(amount_rates),
        **({} if pos_label is None else {"pos_label": pos_label}),
    )
    if amount_rates is None or not any(amount_rates):
        return scorer
    if not sklearn.get_config().get("enable_metadata_routing", False):
        raise ValueError(
            "amount_rates need each row's amount, which reaches a scorer only through "
            "metadata routing: call sklearn.set_config(enable_metadata_routing=True) first, "
            "then pass amount= to fit or cross_validate"
        )
    return scorer.set_score_request(amount=True)


class ValueCurveDisplay:
    """Value against threshold, following scikit-learn's Display API; the figure is the
    dashboard's plotly chart (``figure_``, shown in Jupyter).

    Create it with ``from_estimator`` or ``from_predictions``.

    Attributes
    ----------
    thresholds_ : ndarray
        Every distinct score, descending, after "act on nobody" (inf).
    values_ : ndarray
        Value of acting on the rows scoring at least each threshold.
    best_threshold_, best_value_ : float
        Exact over every distinct score, chosen and valued on the same rows.
    best_value_cross_fitted_ : float
        The best threshold chosen on other rows than it is valued on.
    best_value_interval_ : tuple of float
        Its 95% interval, the choice of threshold included.
    act_on_none_, act_on_all_, perfect_ : float
        The baselines and the perfect decision.
    figure_ : plotly Figure
        Set by ``plot``.
    """

    def __init__(self, valuation: Valuation, *, name: str | None = None) -> None:
        self.valuation = valuation
        self.name = name
        decision = valuation.decision
        self.thresholds_ = decision.curve.thresholds
        self.values_ = decision.value
        self.best_threshold_ = valuation.best_threshold
        self.best_value_ = valuation.best_value
        self.best_value_cross_fitted_ = valuation.best_value_cross_fitted
        self.best_value_interval_ = valuation.best_value_interval
        self.act_on_none_ = valuation.act_on_none
        self.act_on_all_ = valuation.act_on_all
        self.perfect_ = valuation.perfect

    def plot(self, ax=None, *, threshold: float | None = None) -> ValueCurveDisplay:
        """Draw the chart: into ``figure_`` (plotly), or onto a matplotlib ``ax`` when given.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        threshold : float, optional
            The threshold to mark (the best by default).

        Returns
        -------
        ValueCurveDisplay
        """
        self.figure_ = self.valuation.figure(threshold)
        if ax is not None:
            finite = np.isfinite(self.thresholds_)
            ax.plot(self.thresholds_[finite], self.values_[finite], label=self.name or "model")
            ax.axhline(self.act_on_none_, linestyle=":", label="act on nobody")
            ax.axvline(self.best_threshold_, linestyle="--", label="best threshold")
            ax.set_xscale("log")
            ax.set_xlabel("threshold")
            ax.set_ylabel("value")
            ax.legend()
            self.ax_ = ax
        return self

    def _repr_html_(self) -> str:
        return self.valuation._repr_html_()

    @classmethod
    def from_predictions(
        cls,
        y_true: Sequence[int],
        y_score: Sequence[float],
        *,
        value_matrix: Sequence[float],
        amount_rates: Sequence[float] | None = None,
        amount: Sequence[float] | None = None,
        pos_label: object = None,
        name: str | None = None,
        ax=None,
    ) -> ValueCurveDisplay:
        """The display of scores already computed.

        Parameters
        ----------
        y_true, y_score : array-like
            0/1 labels and probabilities in [0, 1].
        value_matrix, amount_rates, amount, pos_label
            As ``metrics.value_decisions``.
        name : str, optional
        ax : matplotlib Axes, optional

        Returns
        -------
        ValueCurveDisplay
        """
        valuation = value_decisions(
            y_true,
            y_score,
            value_matrix=value_matrix,
            amount_rates=amount_rates,
            amount=amount,
            pos_label=pos_label,
        )
        return cls(valuation, name=name).plot(ax)

    @classmethod
    def from_estimator(
        cls,
        estimator,
        X,
        y,
        *,
        value_matrix: Sequence[float],
        amount_rates: Sequence[float] | None = None,
        amount: Sequence[float] | None = None,
        pos_label: object = None,
        name: str | None = None,
        ax=None,
    ) -> ValueCurveDisplay:
        """The display of a fitted classifier's ``predict_proba`` on ``X``.

        Parameters
        ----------
        estimator : fitted classifier with ``predict_proba``
        X : array-like
        y : array-like
            0/1, or the estimator's classes with ``pos_label``.
        value_matrix, amount_rates, amount
            As ``metrics.value_decisions``.
        pos_label : optional
            The class acted on, one of ``estimator.classes_``; its probability is the score.
            Needed when the classes are not 0 and 1.
        name : str, optional
            The estimator's class name by default.
        ax : matplotlib Axes, optional

        Returns
        -------
        ValueCurveDisplay
        """
        if not hasattr(estimator, "predict_proba"):
            raise ValueError(
                f"{type(estimator).__name__} has no predict_proba: value needs probabilities "
                "of the class acted on; use a classifier with predict_proba"
            )
        column = _class_column(estimator, pos_label)
        score = np.asarray(estimator.predict_proba(X))[:, column]
        return cls.from_predictions(
            y,
            score,
            value_matrix=value_matrix,
            amount_rates=amount_rates,
            amount=amount,
            pos_label=pos_label,
            name=name or type(estimator).__name__,
            ax=ax,
        )


def _class_column(estimator, pos_label: object) -> int:
    """The column of ``predict_proba`` that holds the class acted on."""
    classes = [
        c.item() if hasattr(c, "item") else c for c in getattr(estimator, "classes_", [0, 1])
    ]
    if pos_label is None:
        if len(classes) == 2 and set(classes) <= {0, 1}:
            return 1
        shown = ", ".join(map(repr, classes[:4]))
        raise ValueError(
            f"the estimator's classes are {shown}, not 0 and 1: pass pos_label=<the class "
            "acted on>, one of these"
        )
    if pos_label not in classes:
        shown = ", ".join(map(repr, classes[:4]))
        raise ValueError(f"pos_label {pos_label!r} is not one of the estimator's classes {shown}")
    return classes.index(pos_label)
