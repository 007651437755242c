"""What the model-value page shows for a metric target: tiles and one sentence."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.core.format import Tile, money, percent, signed_money
from metrics.review.model_value import Investment, Reached

TARGETS = {
    "accuracy": ("Accuracy at 0.5", 0.0001, "%.4f"),
    "f1": ("F1 at 0.5", 0.005, "%.3f"),
    "roc_auc": ("ROC AUC", 0.001, "%.3f"),
}
"""Metric -> (label, slider step, number format) for the target slider."""


def roi_text(roi: float) -> str:
    """First-year ROI as a reader takes it in: a percentage, capped where it stops meaning much.

    Parameters
    ----------
    roi : float
        ``(gain - cost) / cost``.

    Returns
    -------
    str
        ``n/a`` when undefined, ``below -100%`` when the change loses money on top of its
        cost, ``over 1,000%`` above ten times the cost, else a whole percentage.
    """
    if roi != roi:  # NaN: nothing was spent
        return "n/a"
    if roi < -1:
        return "below -100%"
    if roi > 10:
        return "over 1,000%"
    return percent(roi)


@dataclass(frozen=True)
class TargetScenario:
    """A metric moved to a target and the money that follows, a year at the user's volume."""

    model: str
    metric: str
    today: float
    reached: Reached
    yearly_gain: float
    investment: Investment
    volume: int


def target_tiles(scenario: TargetScenario) -> list[Tile]:
    """The metric reached, savings a year, cost and first-year ROI.

    Parameters
    ----------
    scenario : TargetScenario

    Returns
    -------
    list of Tile
    """
    label, _, fmt = TARGETS[scenario.metric]
    reached, invest, gain = scenario.reached, scenario.investment, scenario.yearly_gain
    payback = invest.payback_months(gain)
    step_note = (
        ""
        if reached.within_tolerance
        else f" It moves in steps of one transaction here ({fmt % reached.step}); this is "
        "the step nearest the target."
    )
    return [
        Tile(
            label,
            fmt % reached.metric,
            f"Reached by moving the model's scores toward the truth in log-odds.{step_note}",
            (fmt % (reached.metric - scenario.today)).strip(),
        ),
        Tile("Savings a year", signed_money(gain), "Change in net savings at its best threshold."),
        Tile("Cost of getting there", money(invest.cost), "Engineer time and compute, USD."),
        Tile(
            "First-year ROI",
            roi_text(invest.roi(gain)),
            "(Savings a year - cost) / cost. Payback "
            + (
                "never: the change does not save money."
                if payback is None
                else f"in {payback:.1f} months."
            ),
        ),
    ]


def target_sentence(scenario: TargetScenario) -> str:
    """What the move is worth, in one sentence.

    Parameters
    ----------
    scenario : TargetScenario

    Returns
    -------
    str
    """
    label, _, fmt = TARGETS[scenario.metric]
    invest, gain = scenario.investment, scenario.yearly_gain
    payback = invest.payback_months(gain)
    worth = f"is worth {money(gain)}" if gain >= 0 else f"loses {money(-gain)}"
    return (
        f"Moving {scenario.model} from {label} {fmt % scenario.today} to "
        f"{fmt % scenario.reached.metric} {worth} a year at {scenario.volume:,} transactions; "
        f"it costs {money(invest.cost)}, so it "
        + ("never pays back." if payback is None else f"pays back in {payback:.1f} months.")
        + " (No interval: the better model is these scores moved toward the labels until the "
        "metric reaches the target, a what-if rather than a measurement.)"
    )
