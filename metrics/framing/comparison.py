"""Models side by side on the same rows: the ML metric beside the money, and the sentence
that says when the better metric earns less (plain text; the page escapes it)."""

from __future__ import annotations

import pandas as pd

from metrics.core.format import money, percent
from metrics.framing.multiclass import MulticlassValuation
from metrics.framing.regression import RegressionValuation


def multiclass_comparison(results: dict[str, MulticlassValuation]) -> pd.DataFrame:
    """Models side by side on the same rows: the ML metrics beside the money.

    Parameters
    ----------
    results : dict[str, MulticlassValuation]

    Returns
    -------
    pd.DataFrame
    """
    return pd.DataFrame(
        {
            "Model": list(results),
            "Accuracy": [percent(r.accuracy, decimals=1) for r in results.values()],
            "Macro-F1": [f"{r.macro_f1:.3f}" for r in results.values()],
            "Log loss": [f"{r.log_loss:.3f}" for r in results.values()],
            "Value, most probable class": [money(r.argmax.value.value) for r in results.values()],
            "Value, best expected value": [
                money(r.best_decision.value.value) for r in results.values()
            ],
        }
    )


def regression_comparison(results: dict[str, RegressionValuation]) -> pd.DataFrame:
    """Forecasts side by side on the same rows: the errors beside the money.

    Parameters
    ----------
    results : dict[str, RegressionValuation]

    Returns
    -------
    pd.DataFrame
    """
    return pd.DataFrame(
        {
            "Prediction": list(results),
            "RMSE": [f"{r.rmse:,.3g}" for r in results.values()],
            "MAE": [f"{r.mae:,.3g}" for r in results.values()],
            "Value as predicted": [money(r.value_at_prediction.value) for r in results.values()],
            "95% interval": [
                f"{money(r.value_at_prediction.low)} to {money(r.value_at_prediction.high)}"
                for r in results.values()
            ],
        }
    )


def metric_versus_money(
    names: list[str], metric: list[float], value: list[float], *, metric_name: str, higher: bool
) -> str | None:
    """A sentence when the model better on the ML metric earns less, else None.

    Parameters
    ----------
    names : list of str
    metric : list of float
        Each model's ML metric.
    value : list of float
        Each model's value, currency units.
    metric_name : str
    higher : bool
        Whether a higher metric is better.

    Returns
    -------
    str or None
    """
    sign = 1 if higher else -1
    best_metric = max(range(len(names)), key=lambda i: sign * metric[i])
    best_money = max(range(len(names)), key=lambda i: value[i])
    if best_metric == best_money:
        return None
    return (
        f"'{names[best_metric]}' has the better {metric_name} yet earns "
        f"{money(value[best_money] - value[best_metric])} less than '{names[best_money]}' on "
        "the same rows: the ML metric counts every mistake alike, the money does not."
    )
