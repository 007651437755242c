"""The JSON fields of ``decide --task multiclass|multilabel|regression`` (described in
``metrics/decide/schema.py``)."""

from __future__ import annotations

import math

from metrics.framing.multiclass import MulticlassValuation
from metrics.framing.multilabel import MultilabelValuation
from metrics.framing.regression import RegressionValuation


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def multiclass_json(result: MulticlassValuation) -> dict:
    """The multiclass figures: each rule's value with its interval, the ML metrics, and each
    class's value.

    Parameters
    ----------
    result : MulticlassValuation

    Returns
    -------
    dict
    """
    classes = result.matrix.classes
    counts = result.confusion("best_decision").sum(axis=0)
    report = {
        "task": "multiclass",
        "n": result.n,
        "classes": list(classes),
        "actions": list(result.matrix.actions),
        **result.argmax.value.as_json("value_argmax"),
        **result.best_decision.value.as_json("value_best_decision"),
        **result.perfect.value.as_json("value_perfect"),
        **result.difference.as_json("best_decision_gain"),
        "accuracy": result.accuracy,
        "macro_f1": result.macro_f1,
        "log_loss": result.log_loss,
        "per_class": {
            name: {
                "rows": int((result.y == k).sum()),
                "value_argmax": float(result.value_per_class("argmax")[k]),
                "value_best_decision": float(result.value_per_class("best_decision")[k]),
            }
            for k, name in enumerate(classes)
        },
        "actions_taken": {action: int(counts[a]) for a, action in enumerate(result.matrix.actions)},
    }
    return report


def regression_json(result: RegressionValuation) -> dict:
    """The regression figures: the value of the predictions, the best shift, the errors.

    Parameters
    ----------
    result : RegressionValuation

    Returns
    -------
    dict
    """
    return {
        "task": "regression",
        "n": result.n,
        **result.value_at_prediction.as_json("value_at_prediction"),
        "best_shift": result.best_shift,
        "value_at_best_shift": result.value_at_best_shift,
        **result.value_at_best_shift_cross_fitted.as_json("value_at_best_shift_cross_fitted"),
        "rmse": result.rmse,
        "mae": result.mae,
        "mape": _number(result.mape),
    }


def multilabel_json(result: MultilabelValuation) -> dict:
    """The multilabel figures: each label's best, the totals and the shared threshold.

    Parameters
    ----------
    result : MultilabelValuation

    Returns
    -------
    dict
    """
    labels = {}
    for name, valuation in zip(result.labels, result.per_label, strict=True):
        low, high = valuation.best_value_interval
        labels[name] = {
            "best_threshold": _threshold(valuation.best_threshold),
            "best_value": valuation.best_value,
            "best_value_cross_fitted": valuation.best_value_cross_fitted,
            "best_value_cross_fitted_low": low,
            "best_value_cross_fitted_high": high,
        }
    return {
        "task": "multilabel",
        "n": result.n,
        "labels": labels,
        "best_value": result.best_value,
        "best_value_cross_fitted": result.best_value_cross_fitted,
        "act_on_none_value": result.act_on_none,
        "perfect_value": result.perfect,
        "shared_threshold": _threshold(result.shared.threshold),
        "shared_threshold_value": result.shared.value,
        "shared_threshold_cost": result.shared_threshold_cost,
    }


def _threshold(value: float) -> float | None:
    """A threshold, or None when acting on nobody is best (an infinite threshold)."""
    return None if not math.isfinite(value) else float(value)
