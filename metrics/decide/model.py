"""What acting on a model's scores is worth: absolute value at every distinct score under a
value matrix, the baselines, the perfect decision, net benefit, and the best operating point
with or without constraints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from metrics.core.crossfit import CrossFitInputs, CrossFitted, cross_fitted
from metrics.core.curves import ThresholdCurve
from metrics.core.value import ClassAmounts, OutcomeValue, ValueModel, perfect_value, value_curve


def value_matrix(
    fixed: tuple[float, float, float, float],
    rates: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
) -> ValueModel:
    """Each outcome's value for one row, ``fixed + rate x amount``, in scikit-learn's layout
    flattened: TN, FP, FN, TP.

    Parameters
    ----------
    fixed : tuple of 4 floats
        Fixed value of a TN, FP, FN, TP row (currency units).
    rates : tuple of 4 floats
        Share of the row's amount added to each outcome's value.

    Returns
    -------
    ValueModel
    """
    tn, fp, fn, tp = (OutcomeValue(f, r) for f, r in zip(fixed, rates, strict=True))
    return ValueModel(tn=tn, fp=fp, fn=fn, tp=tp)


def act_on_none(curve: ThresholdCurve, model: ValueModel) -> float:
    """Value of acting on nobody: every positive a FN, every negative a TN.

    Parameters
    ----------
    curve : ThresholdCurve
    model : ValueModel

    Returns
    -------
    float
        ``FN.fixed x P + FN.rate x positive amount + TN.fixed x N + TN.rate x negative amount``.
    """
    return float(
        model.fn.fixed * curve.positives
        + model.fn.rate * curve.positive_amount
        + model.tn.fixed * curve.negatives
        + model.tn.rate * curve.negative_amount
    )


@dataclass(frozen=True, eq=False)
class Decision:
    """A model's value under one value matrix.

    Attributes
    ----------
    curve : ThresholdCurve
    value : ndarray of shape (m + 1,)
        Absolute value of acting on the rows with ``score >= thresholds[i]`` (point 0: nobody).
    none, everyone, perfect : float
        Acting on nobody, on everybody, and on exactly the rows where acting pays.
    best : int
        The curve point of the highest value (ties: the higher threshold).
    model : ValueModel
        The value matrix.
    """

    curve: ThresholdCurve
    value: np.ndarray
    none: float
    everyone: float
    perfect: float
    best: int
    model: ValueModel

    @property
    def best_threshold(self) -> float:
        return float(self.curve.thresholds[self.best])

    @property
    def best_value(self) -> float:
        return float(self.value[self.best])

    @property
    def beats_baselines(self) -> np.ndarray:
        """Curve points where the model is worth more than both baselines."""
        return self.value > max(self.none, self.everyone)


def decide(
    curve: ThresholdCurve,
    amounts: ClassAmounts | Callable[[ValueModel], float],
    model: ValueModel,
) -> Decision:
    """Value at every distinct score, the baselines and the perfect decision.

    ``value(t) = act_on_none + (TP - FN) at the flagged positives + (FP - TN) at the flagged
    negatives``, each outcome worth ``fixed + rate x amount`` per row.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact counts and amounts at every distinct score.
    amounts : ClassAmounts or callable
        Each class's sorted amounts, for the perfect decision; or, for a big log, the
        function that values the perfect decision (over acting on nobody) in the engine.
    model : ValueModel

    Returns
    -------
    Decision
    """
    over_none = amounts(model) if callable(amounts) else perfect_value(amounts, model)
    none = act_on_none(curve, model)
    value = none + value_curve(curve, model)
    return Decision(
        curve=curve,
        value=value,
        none=none,
        everyone=float(value[-1]),
        perfect=none + over_none,
        best=int(np.argmax(value)),
        model=model,
    )


def earned_best(decision: Decision, inputs: CrossFitInputs | None) -> CrossFitted | None:
    """The best threshold's value over acting on nobody, chosen and valued on different rows.

    Parameters
    ----------
    decision : Decision
    inputs : CrossFitInputs or None
        Folds and resamples of the decision's rows; None for a big log (nothing held out).

    Returns
    -------
    CrossFitted or None
    """
    if inputs is None:
        return None
    return cross_fitted(
        inputs.cells,
        decision.model,
        in_sample=decision.best_value - decision.none,
        boot=inputs.boot,
    )


def net_benefit(curve: ThresholdCurve, threshold: np.ndarray) -> np.ndarray:
    """Vickers' decision curve: ``TP / n - FP / n x pt / (1 - pt)`` acting on ``score >= pt``.

    Parameters
    ----------
    curve : ThresholdCurve
    threshold : ndarray
        Threshold probabilities pt in [0, 1).

    Returns
    -------
    ndarray
        Net benefit of the model at each pt (act on nobody: 0).
    """
    pt = np.asarray(threshold, dtype=np.float64)
    i = curve.index(pt)
    return curve.tp[i] / curve.n - curve.fp[i] / curve.n * pt / (1 - pt)


def treat_all_net_benefit(curve: ThresholdCurve, threshold: np.ndarray) -> np.ndarray:
    """Net benefit of acting on everybody: ``prevalence - (1 - prevalence) x pt / (1 - pt)``.

    Parameters
    ----------
    curve : ThresholdCurve
    threshold : ndarray
        Threshold probabilities pt in [0, 1).

    Returns
    -------
    ndarray
    """
    pt = np.asarray(threshold, dtype=np.float64)
    prevalence = curve.positives / curve.n
    return prevalence - (1 - prevalence) * pt / (1 - pt)


@dataclass(frozen=True)
class Constraints:
    """Limits an operating point must meet; None leaves one out.

    Attributes
    ----------
    min_precision, min_recall : float or None
        Shares in [0, 1].
    max_flag_rate : float or None
        Largest share of rows acted on.
    max_flagged : float or None
        Largest number of rows acted on (e.g. a day's capacity times the days).
    """

    min_precision: float | None = None
    min_recall: float | None = None
    max_flag_rate: float | None = None
    max_flagged: float | None = None


def allowed(curve: ThresholdCurve, limits: Constraints) -> np.ndarray:
    """Which curve points meet every limit (acting on nobody has no precision: it meets a
    precision limit only when nothing else is asked of it).

    Parameters
    ----------
    curve : ThresholdCurve
    limits : Constraints

    Returns
    -------
    ndarray of bool, shape (m + 1,)
    """
    flagged = curve.flagged
    ok = np.ones(len(curve), dtype=bool)
    if limits.min_precision is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            ok &= (curve.tp / flagged >= limits.min_precision) | (flagged == 0)
    if limits.min_recall is not None:
        ok &= curve.tp >= limits.min_recall * curve.positives - 1e-9
    if limits.max_flag_rate is not None:
        ok &= flagged <= limits.max_flag_rate * curve.n + 1e-9
    if limits.max_flagged is not None:
        ok &= flagged <= limits.max_flagged + 1e-9
    return ok


def constrained_best(decision: Decision, limits: Constraints) -> int | None:
    """The best curve point among those meeting ``limits`` (None when no point does; ties:
    the higher threshold).

    Parameters
    ----------
    decision : Decision
    limits : Constraints

    Returns
    -------
    int or None
    """
    ok = allowed(decision.curve, limits)
    if not ok.any():
        return None
    return int(np.argmax(np.where(ok, decision.value, -np.inf)))


TOP_SHARES = (0.01, 0.02, 0.05, 0.1, 0.2)


@dataclass(frozen=True, eq=False)
class TopShare:
    """Acting on the highest-scored share of rows.

    Attributes
    ----------
    share : float
        The share asked for.
    point : int
        The curve point acting on the fewest rows that cover the share (ties kept whole).
    acted : float
        Rows acted on.
    gain : float
        Share of all positives among them (recall).
    lift : float
        Their positive rate over the overall rate.
    value : float
    """

    share: float
    point: int
    acted: float
    gain: float
    lift: float
    value: float


def top_shares(decision: Decision, shares: tuple[float, ...] = TOP_SHARES) -> list[TopShare]:
    """Gains, lift and value when acting on the top 1, 2, 5, 10, 20% of scores.

    Parameters
    ----------
    decision : Decision
    shares : tuple of float

    Returns
    -------
    list of TopShare
    """
    curve = decision.curve
    rate = curve.positives / curve.n
    out = []
    for share in shares:
        i = int(min(np.searchsorted(curve.flagged, share * curve.n - 1e-9), len(curve) - 1))
        acted = float(curve.flagged[i])
        precision = curve.tp[i] / acted if acted else np.nan
        out.append(
            TopShare(
                share,
                i,
                acted,
                float(curve.tp[i] / curve.positives) if curve.positives else np.nan,
                float(precision / rate) if rate else np.nan,
                float(decision.value[i]),
            )
        )
    return out
