"""What the framing page says: the four framing questions, and which framing earns more and
why (plain text; the page escapes it)."""

from __future__ import annotations

import pandas as pd

from metrics.core.format import count, money, percent
from metrics.framing.reframe import Reframing

QUESTIONS = (
    ("Is the output a number or a class?",
     "A number (units to stock, a price) is regression; a class (fraud or not, which team) is "
     "classification. Price a number on the your-model page with 'A number'."),
    ("If a class: one of two, or one of many?",
     "Two is binary (act or not, one threshold); many is multiclass (a value matrix of true "
     "classes by actions)."),
    ("Can a row have several at once?",
     "Then it is multilabel: one yes/no decision per label, each with its own threshold."),
    ("Can it be framed another way that works better?",
     "The same question often fits two framings. Below, one problem in two framings, each "
     "priced on the same rows with its own decision rule."),
)  # fmt: skip
"""The four framing questions in plain words, each with what it means here."""


FRAMING_STRIP = (
    "Show each user the shortcut they will take",
    "A probability per app (multiclass) or a score per user-app pair",
    "Log loss",
    "Share of shortcuts taken",
    "Revenue of the shortcuts taken",
)


FRAMING_WORDS = ("threshold", "log loss")


def framing_table(result: Reframing) -> pd.DataFrame:
    """Each framing's revenue, its interval, its hit rate and its hits on the new items.

    Parameters
    ----------
    result : Reframing

    Returns
    -------
    pd.DataFrame
    """
    return pd.DataFrame(
        {
            "Framing": [o.name for o in result.outcomes],
            "Revenue": [money(o.value.value, decimals=2) for o in result.outcomes],
            "95% interval": [
                f"{money(o.value.low, decimals=2)} to {money(o.value.high, decimals=2)}"
                for o in result.outcomes
            ],
            "Shortcut was the app opened": [
                percent(o.hit_rate, decimals=1) for o in result.outcomes
            ],
            "New app shown when opened": [
                f"{o.new_hits:,} of {result.new_rows:,}" for o in result.outcomes
            ],
        }
    )


def framing_sentence(result: Reframing) -> str:
    """Which framing earns more and why.

    Parameters
    ----------
    result : Reframing

    Returns
    -------
    str
    """
    winner = result.winner
    loser = next(o for o in result.outcomes if o is not winner)
    diff = result.difference
    low, high = (diff.low, diff.high) if winner is result.outcomes[-1] else (-diff.high, -diff.low)
    why = (
        f"{count(result.new_rows, 'row')} opened an app that arrived after training; "
        f"'{loser.name}' can never show it ({loser.new_hits:,} hits there), "
        f"'{winner.name}' scores it from its features ({winner.new_hits:,} hits)."
        if winner.new_hits > loser.new_hits
        else "Both framings see the same apps; the difference is in how well each ranks them."
    )
    return (
        f"'{winner.name}' earns {money(abs(diff.value), decimals=2)} more on the same rows "
        f"(95% interval {money(low, decimals=2)} to {money(high, decimals=2)}). {why}"
    )
