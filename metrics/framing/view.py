"""What the your-model page says about a multiclass, multilabel or regression model: tiles,
sentences and tables (plain text; the page escapes it)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.core.format import Tile, count, money, percent, signed_money, threshold_text
from metrics.framing.multiclass import MulticlassValuation
from metrics.framing.multilabel import MultilabelValuation
from metrics.framing.regression import RegressionValuation
from metrics.framing.totals import Total

FRAMINGS = {
    "multiclass": (
        "Act on each row in the way that is worth most (route a ticket, triage a case)",
        "A probability per class",
        "Log loss",
        "Accuracy, macro-F1, log loss",
        "Value of the actions taken under a matrix of classes by actions",
    ),
    "multilabel": (
        "Attach each label where it pays (tag a post)",
        "A score per label",
        "Log loss per label",
        "Precision and recall per label",
        "Value of each label's decisions, summed",
    ),
    "regression": (
        "Stock, staff or price to the number that costs least",
        "A number",
        "Squared error (the mean) or pinball loss (a quantile)",
        "RMSE, MAE, MAPE",
        "Minus the cost of units under and over the truth",
    ),
}
"""Each output type's framing strip: objective, output, loss, ML metric, business metric."""
WORDS = {
    "multiclass": ("accuracy", "precision", "recall", "F1", "macro-F1", "log loss", "calibration"),
    "multilabel": ("threshold", "precision", "recall", "log loss"),
    "regression": ("RMSE", "MAE", "MAPE", "quantile"),
}
"""The glossary terms each output type's page uses."""
CALIBRATION_NOTE = (
    "The best decision weighs each class's probability by what acting on it is worth, so it is "
    "only as good as the probabilities are calibrated: check the calibration chart below."
)


def interval_text(figure: Total) -> str:
    """The interval in words, as "95% interval $low to $high".

    Parameters
    ----------
    figure : Total

    Returns
    -------
    str
    """
    return f"95% interval {money(figure.low)} to {money(figure.high)}"


def multiclass_tiles(result: MulticlassValuation) -> list[Tile]:
    """Value of ``predict``, of the best decision, of the perfect one, and the ML metrics.

    Parameters
    ----------
    result : MulticlassValuation

    Returns
    -------
    list[Tile]
    """
    return [
        Tile(
            "Acting on the most probable class",
            money(result.argmax.value.value),
            "What predict() does: every row goes to its most probable class.",
            note=interval_text(result.argmax.value),
        ),
        Tile(
            "Acting on the best expected value",
            money(result.best_decision.value.value),
            "Each row gets the action of highest expected value under the matrix.",
            delta=signed_money(result.difference.value),
            note=interval_text(result.best_decision.value),
        ),
        Tile(
            "Perfect decisions",
            money(result.perfect.value.value),
            "The best action for each row, knowing its true class: the ceiling.",
            note=interval_text(result.perfect.value),
        ),
        Tile(
            "Accuracy",
            percent(result.accuracy, decimals=1),
            "Share of rows whose most probable class is right.",
            note=f"macro-F1 {result.macro_f1:.3f} · log loss {result.log_loss:.3f}",
        ),
    ]


def multiclass_sentence(result: MulticlassValuation) -> str:
    """Which decision earns more and by how much, with its interval.

    Parameters
    ----------
    result : MulticlassValuation

    Returns
    -------
    str
    """
    gain = result.difference
    if gain.low > 0:
        verdict = "is worth more than"
    elif gain.high < 0:
        verdict = "is worth less than"
    else:
        verdict = "is not clearly different from"
    return (
        f"Over these {count(result.n, 'row')}, acting on the best expected value {verdict} "
        f"acting on the most probable class: {signed_money(gain.value)} "
        f"({interval_text(gain)}). {CALIBRATION_NOTE}"
    )


def class_table(result: MulticlassValuation) -> pd.DataFrame:
    """Each true class: rows, value under each rule.

    Parameters
    ----------
    result : MulticlassValuation

    Returns
    -------
    pd.DataFrame
    """
    return pd.DataFrame(
        {
            "True class": list(result.matrix.classes),
            "Rows": np.bincount(result.y, minlength=len(result.matrix.classes)),
            "Most probable class": [money(v) for v in result.value_per_class("argmax")],
            "Best expected value": [money(v) for v in result.value_per_class("best_decision")],
        }
    )


def regression_tiles(result: RegressionValuation) -> list[Tile]:
    """Cost of the predictions, the best shift's value (cross-fitted), and the errors.

    Parameters
    ----------
    result : RegressionValuation

    Returns
    -------
    list[Tile]
    """
    honest = result.value_at_best_shift_cross_fitted
    mape = (
        "undefined (a target is 0)" if np.isnan(result.mape) else percent(result.mape, decimals=1)
    )
    return [
        Tile(
            "Value of acting on the predictions",
            money(result.value_at_prediction.value),
            "Minus the cost of every unit under and over the truth.",
            note=interval_text(result.value_at_prediction),
        ),
        Tile(
            "With the best shift, as earned",
            money(honest.value),
            "The shift chosen on 4 of 5 folds and valued on the fifth.",
            delta=signed_money(honest.value - result.value_at_prediction.value),
            note=f"shift {result.best_shift:+,.3g} units; {interval_text(honest)}",
        ),
        Tile(
            "RMSE",
            f"{result.rmse:,.3g}",
            "Root mean squared error, units of the target.",
            note=f"MAE {result.mae:,.3g} · MAPE {mape}",
        ),
    ]


def regression_sentence(result: RegressionValuation) -> str:
    """What the asymmetric costs ask of the forecast, and what the shift is worth.

    Parameters
    ----------
    result : RegressionValuation

    Returns
    -------
    str
    """
    costs = result.costs
    if result.per_amount:
        under, over = percent(costs.under_cost), f"{percent(costs.over_cost)} of the row's amount"
    else:
        under, over = money(costs.under_cost, decimals=2), money(costs.over_cost, decimals=2)
    direction = "up" if result.best_shift > 0 else "down"
    as_is = result.value_at_prediction.value
    earned = result.value_at_best_shift_cross_fitted.value - as_is
    shift = (
        "The predictions need no shift."
        if result.best_shift == 0
        else f"Moving every prediction {direction} by {abs(result.best_shift):,.3g} units is "
        f"worth {signed_money(result.value_at_best_shift - as_is)} on these rows "
        f"({signed_money(earned)} when chosen on other rows than it is valued on)."
    )
    return (
        f"A unit under the truth costs {under} and a unit over {over}, so the money-best "
        f"forecast is the {percent(costs.quantile)} quantile of the truth, not its mean "
        f"(the least-squares target). {shift}"
    )


def multilabel_table(result: MultilabelValuation) -> pd.DataFrame:
    """Each label's best threshold, its value in-sample and as earned, with the interval.

    Parameters
    ----------
    result : MultilabelValuation

    Returns
    -------
    pd.DataFrame
    """
    rows = []
    for name, valuation in zip(result.labels, result.per_label, strict=True):
        low, high = valuation.best_value_interval
        rows.append(
            {
                "Label": name,
                "Best threshold": threshold_text(valuation.best_threshold),
                "Value as earned": money(valuation.best_value_cross_fitted),
                "95% interval": f"{money(low)} to {money(high)}",
                "Value in-sample": money(valuation.best_value),
            }
        )
    return pd.DataFrame(rows)


def multilabel_tiles(result: MultilabelValuation) -> list[Tile]:
    """The thresholds per label as earned, one shared threshold, and perfect tagging.

    Parameters
    ----------
    result : MultilabelValuation

    Returns
    -------
    list[Tile]
    """
    return [
        Tile(
            "Value of a threshold per label, as earned",
            money(result.best_value_cross_fitted),
            "Each label's best threshold chosen on other rows, summed over labels.",
            note=f"{money(result.best_value)} in-sample",
        ),
        Tile(
            "One threshold for all labels",
            money(result.shared.value),
            "The best single threshold for every label (in-sample).",
            delta=signed_money(-result.shared_threshold_cost),
            note=(f"at {threshold_text(result.shared.threshold)}"),
        ),
        Tile("Perfect tagging", money(result.perfect), "Every label right: the ceiling."),
    ]


def multilabel_sentence(result: MultilabelValuation) -> str:
    """What one threshold for every label gives up against one per label.

    Parameters
    ----------
    result : MultilabelValuation

    Returns
    -------
    str
    """
    return (
        f"One threshold for every label gives up {money(result.shared_threshold_cost)} against "
        "a threshold per label on these rows: labels whose mistakes cost differently need "
        "different thresholds."
    )
