"""The uncertain value matrix in words: the spread sentence, each guess in the user's
outcome names, and the break-even table."""

from __future__ import annotations

import pandas as pd

from metrics.core.format import money, percent
from metrics.decide.uncertain import Uncertainty


def uncertainty_sentence(result: Uncertainty) -> str:
    """The spread of the best value and how sure the model is to beat the baselines.

    Parameters
    ----------
    result : Uncertainty

    Returns
    -------
    str
    """
    return (
        f"Over the ranges, the best value averages {money(result.expected)} (standard deviation "
        f"{money(result.spread)}), and the model beats both baselines in "
        f"{percent(result.beats_baselines)} of the draws."
    )


def entry_label(entry: str, names: list[str]) -> str:
    """An uncertain value of the matrix in the user's words: ``FP fixed`` with the false
    positives named "False alarm" reads "False alarm: value per row".

    Parameters
    ----------
    entry : str
        One of ``metrics.decide.uncertain.ENTRIES``.
    names : list of str
        The outcomes' names in TN, FP, FN, TP order.

    Returns
    -------
    str
    """
    outcome, part = entry.split()
    name = names[("TN", "FP", "FN", "TP").index(outcome)]
    return f"{name}: {'value per row' if part == 'fixed' else 'share of the amount'}"


def break_even_table(result: Uncertainty, names: list[str]) -> pd.DataFrame:
    """Per uncertain value: where the model stops beating both baselines.

    Parameters
    ----------
    result : Uncertainty
    names : list of str
        The outcomes' names in TN, FP, FN, TP order.

    Returns
    -------
    DataFrame
    """

    def shown(x: float | None) -> str:
        return "never" if x is None else f"{x:,.2f}"

    return pd.DataFrame(
        {
            "Value": [entry_label(e, names) for e in result.break_even],
            "Model stops paying below": [shown(lo) for lo, _ in result.break_even.values()],
            "Model stops paying above": [shown(hi) for _, hi in result.break_even.values()],
        }
    )
