"""One problem in two framings, priced on the same rows: which app a user opens next, as a
multiclass model over the apps it was trained on, or as a score per (user, app) pair that can
score an app that arrived after training.

Each framing shows the app of highest expected revenue, ``argmax_j p_j·revenue_j``; a shown
app that the user opens earns its revenue per open.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from metrics.framing.checks import class_indices
from metrics.framing.totals import Total, total

APP_REVENUE = {
    "mail": 0.02,
    "maps": 0.05,
    "music": 0.04,
    "news": 0.03,
    "photos": 0.01,
    "wallet": 0.06,
}
"""Revenue per open of each app (USD): what a shortcut the user takes is worth."""
NEW_APPS = ("wallet",)


@dataclass(frozen=True)
class FramingOutcome:
    """One framing's decisions over the rows.

    Attributes
    ----------
    name : str
    value : Total
        Revenue of the shortcuts opened, with its 95% interval (USD).
    hit_rate : float
        Share of rows whose shortcut was the app opened.
    new_hits : int
        Rows where the app opened was a new one and the shortcut showed it.
    per_row : ndarray
    """

    name: str
    value: Total
    hit_rate: float
    new_hits: int
    per_row: np.ndarray


@dataclass(frozen=True)
class Reframing:
    """Two framings of one problem on the same rows.

    Attributes
    ----------
    items : tuple of str
    outcomes : tuple of FramingOutcome
    new_rows : int
        Rows whose app opened is new (arrived after training).
    difference : Total
        Second framing minus first, with a paired 95% interval.
    """

    items: tuple[str, ...]
    outcomes: tuple[FramingOutcome, ...]
    new_rows: int
    difference: Total

    @property
    def winner(self) -> FramingOutcome:
        return max(self.outcomes, key=lambda outcome: outcome.value.value)


def compare_framings(
    chosen: Sequence[str],
    scores: Mapping[str, np.ndarray],
    *,
    items: Sequence[str],
    revenue: Mapping[str, float] = APP_REVENUE,
    new_items: Sequence[str] = NEW_APPS,
) -> Reframing:
    """Price each framing's decisions on the same rows.

    Parameters
    ----------
    chosen : sequence of str, shape (n,)
        The item each row chose (the app opened).
    scores : mapping of framing name to ndarray of shape (n, N)
        Each framing's score of every item, columns in the order of ``items``.
    items : sequence of str
    revenue : mapping of item to float
        Revenue of one choice of that item, when it was shown.
    new_items : sequence of str
        Items that arrived after training.

    Returns
    -------
    Reframing

    Notes
    -----
    ``value = Σ_i revenue[y_i]·[argmax_j s_ij·revenue_j = y_i]``.
    """
    names = tuple(items)
    y = class_indices(chosen, names, name="opened")
    worth = np.asarray([revenue.get(item, np.nan) for item in names], dtype=float)
    bad = ~np.isfinite(worth) | (worth < 0)
    if bad.any():
        first = names[int(np.flatnonzero(bad)[0])]
        raise ValueError(
            f"the revenue of '{first}' is {revenue.get(first)!r}; give every item a revenue "
            "of 0 or more (currency units per choice)"
        )
    new = np.isin(np.asarray(names)[y], list(new_items))
    outcomes = []
    for name, score in scores.items():
        shown = np.argmax(np.asarray(score, dtype=float) * worth, axis=1)
        hit = shown == y
        per_row = np.where(hit, worth[y], 0.0)
        outcomes.append(FramingOutcome(name, total(per_row), float(hit.mean()),
                                       int((hit & new).sum()), per_row))  # fmt: skip
    first, second = outcomes[0], outcomes[-1]
    return Reframing(names, tuple(outcomes), int(new.sum()),
                     total(second.per_row - first.per_row))  # fmt: skip
