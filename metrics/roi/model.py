"""Realistic returns: a monthly cash-flow projection of an ML project by maturity stage.

Magically: possible. Overnight: no. Value starts only when the first model ships, and grows
with each iteration; mature teams ship sooner, iterate faster and spend less per iteration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.validation import check_non_negative


@dataclass(frozen=True)
class MaturityStage:
    """How a team at one stage of ML maturity works, relative to its monthly team cost.

    ``launch_share`` of the full value comes with the first model; each iteration closes
    ``gap_closed`` of the remaining gap.
    """

    name: str
    months_to_first_model: int
    months_per_iteration: int
    infrastructure_share: float
    labelling_share: float
    iteration_cost_share: float
    launch_share: float
    gap_closed: float


STAGES = (
    MaturityStage("Getting started", 9, 4, 0.40, 0.25, 0.60, 0.30, 0.25),
    MaturityStage("Some ML in production", 5, 2, 0.25, 0.15, 0.35, 0.40, 0.30),
    MaturityStage("Mature ML platform", 2, 1, 0.10, 0.08, 0.15, 0.50, 0.35),
)


@dataclass(frozen=True, eq=False)
class Projection:
    """Monthly value, cost and cash (USD), months 1 to n."""

    stage: MaturityStage
    value: np.ndarray
    cost: np.ndarray

    @property
    def cash(self) -> np.ndarray:
        return self.value - self.cost

    @property
    def cumulative(self) -> np.ndarray:
        return np.cumsum(self.cash)

    @property
    def break_even_month(self) -> int | None:
        """First month (1-based) from which cumulative cash stays at or above zero."""
        below = np.flatnonzero(self.cumulative < 0)
        if below.size == 0:
            return 1
        month = int(below[-1]) + 2
        return month if month <= len(self.value) else None

    def roi_after(self, years: int) -> float:
        """(value - cost) / cost over the first ``years`` years."""
        months = 12 * years
        cost = self.cost[:months].sum()
        return float((self.value[:months].sum() - cost) / cost) if cost > 0 else float("nan")


def value_share(stage: MaturityStage, months: int) -> np.ndarray:
    """Share of the full yearly value earned in each month: 0 before the first model, then
    ``launch_share``, then closer to 1 after each iteration.

    Parameters
    ----------
    stage : MaturityStage
        How mature the team's ML practice is.
    months : int
        Months to project.

    Returns
    -------
    ndarray of shape (months,)
        Share of full value reached each month, in [0, 1].
    """
    share = np.zeros(months)
    current = stage.launch_share
    for m in range(stage.months_to_first_model, months):
        since_launch = m - stage.months_to_first_model
        if since_launch > 0 and since_launch % stage.months_per_iteration == 0:
            current += stage.gap_closed * (1 - current)
        share[m] = current
    return share


def projection(
    stage: MaturityStage, *, value_per_year: float, team_cost_per_month: float, months: int = 36
) -> Projection:
    """Cash flow for ``months``.

    Notes
    -----
    ``value(m) = value_per_year / 12 x share(m)``;
    ``cost(m) = team x (1 + infrastructure_share + labelling_share)``, plus
    ``team x iteration_cost_share`` in every month an iteration ships (the first model too).

    Parameters
    ----------
    stage : MaturityStage
        How mature the team's ML practice is.
    value_per_year : float
        USD a year at full maturity.
    team_cost_per_month : float
        USD a month.
    months : int
        Months to project.

    Returns
    -------
    Projection
    """
    check_non_negative(value_per_year, "value_per_year", "USD a year")
    check_non_negative(team_cost_per_month, "team_cost_per_month", "USD a month")
    share = value_share(stage, months)
    cost = np.full(
        months, team_cost_per_month * (1 + stage.infrastructure_share + stage.labelling_share)
    )
    ships = np.arange(stage.months_to_first_model - 1, months, stage.months_per_iteration)
    cost[ships] += team_cost_per_month * stage.iteration_cost_share
    return Projection(stage, value_per_year / 12 * share, cost)
