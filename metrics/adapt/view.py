"""What the adaptation page shows: each cadence's value and retraining cost a year, the best
cadence and how it moves with the cost, staleness in dollars, and mind versus data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.adapt.results import MAX_AGE, AdaptResults, GridCell
from metrics.adapt.schedule import NEVER, cadence_value, value_by_age
from metrics.core.format import money, signed_money

CADENCES = (1, 3, 7, 14, 30, 60, NEVER)
"""Days between retrains offered (``NEVER``: keep the launch model)."""


def cadence_text(cadence: int) -> str:
    """``every day``, ``every 7 days`` or ``never``.

    Parameters
    ----------
    cadence : int

    Returns
    -------
    str
    """
    if cadence == NEVER:
        return "never"
    return "every day" if cadence == 1 else f"every {cadence} days"


@dataclass(frozen=True)
class RetrainCost:
    """What one retrain costs: engineer hours x USD an hour + compute (USD)."""

    engineer_hours: float = 6.0
    hourly_rate: float = 100.0
    compute: float = 50.0

    @property
    def per_retrain(self) -> float:
        return self.engineer_hours * self.hourly_rate + self.compute


@dataclass(frozen=True)
class CadenceRow:
    """One cadence a year: value = mean daily net savings x 365; retraining cost = 365 /
    cadence x cost per retrain; net = value - retraining cost (USD)."""

    cadence: int
    value_a_year: float
    retrain_cost_a_year: float
    cumulative: np.ndarray

    @property
    def net_a_year(self) -> float:
        return self.value_a_year - self.retrain_cost_a_year


def cadence_rows(matrix: np.ndarray, first: int, cost: RetrainCost) -> list[CadenceRow]:
    """Every offered cadence on one value matrix.

    Parameters
    ----------
    matrix : ndarray of shape (days, days)
        Value of each (training day, scored day), as stored by the study.
    first : int
        The first scored day.
    cost : RetrainCost

    Returns
    -------
    list of CadenceRow
        In ``CADENCES`` order; ``cumulative`` is the running net value over the days, each
        retrain's cost charged on its day.
    """
    rows = []
    for cadence in CADENCES:
        run = cadence_value(matrix, first, cadence)
        days = len(run.daily)
        charged = np.zeros(days)
        if cadence != NEVER:
            charged[cadence::cadence] = cost.per_retrain
        per_year = 0.0 if cadence == NEVER else 365 / cadence * cost.per_retrain
        value = run.total / days * 365
        rows.append(CadenceRow(cadence, value, per_year, np.cumsum(run.daily - charged)))
    return rows


def best(rows: list[CadenceRow]) -> CadenceRow:
    """The cadence with the highest net value a year.

    Parameters
    ----------
    rows : list of CadenceRow

    Returns
    -------
    CadenceRow
    """
    return max(rows, key=lambda r: r.net_a_year)


def best_by_cost(matrix: np.ndarray, first: int, costs: np.ndarray) -> list[tuple[float, int]]:
    """The best cadence at each cost per retrain: how the answer moves with the cost.

    Parameters
    ----------
    matrix : ndarray of shape (days, days)
    first : int
    costs : ndarray
        Costs per retrain (USD).

    Returns
    -------
    list of (cost, cadence)
    """
    value = {r.cadence: r.value_a_year for r in cadence_rows(matrix, first, RetrainCost(0, 0, 0))}
    out = []
    for c in costs:
        net = {k: v - (0 if k == NEVER else 365 / k * c) for k, v in value.items()}
        out.append((float(c), max(net, key=net.get)))
    return out


COST_STEPS = (0.0, 100.0, 2_000.0, 10_000.0, 50_000.0)
"""Costs per retrain the sentence tries, beside the one on the page."""


def cost_sentence(matrix: np.ndarray, first: int, cost: RetrainCost) -> str:
    """How the best cadence moves with the cost per retrain (``COST_STEPS`` and this one).

    Parameters
    ----------
    matrix : ndarray of shape (days, days)
    first : int
    cost : RetrainCost
        The page's cost per retrain, added to the steps.

    Returns
    -------
    str
    """
    steps = np.array(sorted({*COST_STEPS, cost.per_retrain}))
    parts = [f"{money(c)}: {cadence_text(k)}" for c, k in best_by_cost(matrix, first, steps)]
    return "Best cadence by cost per retrain: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Staleness:
    """Value a year lost by a model of each age against one retrained that day, and the
    seed's comparison: a two-month-old model against a fresh one over the last 30 days."""

    by_age: np.ndarray
    old: float
    fresh: float


def staleness(matrix: np.ndarray, *, age: int = MAX_AGE, last_days: int = 30) -> Staleness:
    """Staleness in dollars a year.

    Parameters
    ----------
    matrix : ndarray of shape (days, days)
    age : int
        The old model's age (days since training).
    last_days : int
        The recent days compared.

    Returns
    -------
    Staleness
    """
    n = matrix.shape[1]
    j = np.arange(max(age, n - last_days), n)
    old = float(np.nanmean(matrix[j - age, j])) * 365
    fresh = float(np.nanmean(matrix[j, j])) * 365
    return Staleness(value_by_age(matrix, MAX_AGE) * 365, old, fresh)


def curve(grid: list[GridCell], *, noise: float = 0.0, stale: float = 0.0) -> list[GridCell]:
    """The learning curve at one label-noise and one stale share, by training-set size.

    Parameters
    ----------
    grid : list of GridCell
    noise, stale : float

    Returns
    -------
    list of GridCell
    """
    cells = [c for c in grid if c.noise == noise and c.stale == stale]
    return sorted(cells, key=lambda c: c.rows)


OLDER_WITH_CLEAN_LABELS = (
    " Older rows were tried with clean labels only: set flipped labels to 0% to read them."
)


def mind_versus_data(grid: list[GridCell], noise: float, stale: float) -> str:
    """Where fewer, better rows earn as much as more, worse ones, in one sentence. With both
    shares above 0 it reads the flipped labels (the study varied one at a time) and says so.

    Parameters
    ----------
    grid : list of GridCell
    noise, stale : float
        The chosen share of labels flipped and of rows from the older period.

    Returns
    -------
    str
    """
    if noise > 0 and stale > 0:
        return _mind_versus_data(grid, noise, 0.0) + OLDER_WITH_CLEAN_LABELS
    return _mind_versus_data(grid, noise, stale)


def _mind_versus_data(grid: list[GridCell], noise: float, stale: float) -> str:
    worse = curve(grid, noise=noise, stale=stale)[-1]
    clean = curve(grid)
    if noise == 0 and stale == 0:
        return (
            f"With clean, recent data the model earns {signed_money(clean[0].value_a_year)} a year "
            f"from {clean[0].rows:,} rows and {signed_money(clean[-1].value_a_year)} from "
            f"{clean[-1].rows:,}: move a slider to make the data worse."
        )
    same = next(c for c in clean if c.rows == worse.rows)
    what = f"{noise:.0%} of labels flipped" if noise else f"{stale:.0%} of rows from March-April"
    head = (
        f"{worse.rows:,} rows with {what} earn {signed_money(worse.value_a_year)} a year "
        f"(ROC AUC {worse.roc_auc:.3f}); recent, clean rows earn "
        f"{signed_money(same.value_a_year)} (ROC AUC {same.roc_auc:.3f}). "
    )
    if worse.value_a_year >= same.value_a_year:
        return head + "On these days that data did not cost money."
    if worse.roc_auc >= same.roc_auc:
        head += (
            "Its ROC AUC is no worse, yet it earns less: the ranking held, the probabilities "
            "the decisions rest on did not. "
        )
    enough = next((c for c in clean if c.value_a_year >= worse.value_a_year), None)
    if enough is None or enough.rows >= worse.rows:
        return head + "The worse data costs money at every size tried."
    return head + (
        f"Already {enough.rows:,} clean, recent rows earn {signed_money(enough.value_a_year)}: "
        "more data of lower quality earned less than less data of higher quality."
    )


def matrix_for(results: AdaptResults, noise: float) -> np.ndarray:
    """The value matrix at the stored noise level nearest ``noise``.

    Parameters
    ----------
    results : AdaptResults
    noise : float

    Returns
    -------
    ndarray
    """
    level = min(results.matrices, key=lambda k: abs(k - noise))
    return results.matrices[level]
