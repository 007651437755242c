"""What the model-value page shows for a metric target: tiles and one sentence."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.core.format import Headline, Tile, money, percent, signed_money
from metrics.fraud.model import FraudCosts
from metrics.metric_value.data import Candidates
from metrics.metric_value.model import Investment, ModelScore, Reached, score_model, yearly

TARGETS = {
    "accuracy": ("Accuracy at 0.5", 0.0001, "%.4f"),
    "f1": ("F1 at 0.5", 0.005, "%.3f"),
    "roc_auc": ("ROC AUC", 0.001, "%.3f"),
}
"""Metric -> (label, slider step, number format) for the target slider."""


SAID = {
    "accuracy": "accuracy at the 0.5 threshold",
    "f1": "F1 at the 0.5 threshold",
    "roc_auc": "ROC AUC",
}
"""Metric -> how a sentence names it."""


def metric_text(metric: str, value: float) -> str:
    """A metric's value as every tile and sentence writes it: accuracy as a percentage with
    three decimals (``99.757%``: its changes are small), the others on their 0-1 scale.

    Parameters
    ----------
    metric : str
        A key of ``TARGETS``.
    value : float

    Returns
    -------
    str
    """
    return f"{value:.3%}" if metric == "accuracy" else TARGETS[metric][2] % value


def change_text(metric: str, before: float, after: float) -> str:
    """The change from ``before`` to ``after`` in the digits ``metric_text`` shows, so the
    change is the difference of the two figures written (``+0.023 pts``, ``+0.010``).

    Parameters
    ----------
    metric : str
    before, after : float

    Returns
    -------
    str
    """
    if metric == "accuracy":
        return f"{round(after * 100, 3) - round(before * 100, 3):+.3f} pts"
    digits = int(TARGETS[metric][2][2])
    return f"{round(after, digits) - round(before, digits):+.{digits}f}"


def target_range(metric: str, today: float) -> tuple[float, float, float]:
    """The targets offered for a metric: (lowest, highest, default), the default two steps
    above today.

    Parameters
    ----------
    metric : str
        A key of ``TARGETS``.
    today : float
        The metric's value today.

    Returns
    -------
    tuple of float
    """
    step = TARGETS[metric][1]
    top = 1.0 if metric != "roc_auc" else 0.999
    return float(max(today - 20 * step, 0.0)), top, float(min(round(today + 2 * step, 6), top))


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


def offered_target(metric: str, today: float, wanted: float | None) -> float:
    """``wanted`` if the page offers it for this metric, else the default target.

    Parameters
    ----------
    metric : str
        A key of ``TARGETS``.
    today : float
        The metric's value today.
    wanted : float or None
        The target a link or a scenario asks for.

    Returns
    -------
    float
    """
    lowest, top, default = target_range(metric, today)
    return float(wanted) if wanted is not None and lowest <= wanted <= top else default


def score_models(data: Candidates, costs: FraudCosts) -> list[ModelScore]:
    """Every candidate model's metrics and net savings under these costs, richest first.

    Parameters
    ----------
    data : Candidates
        The labelled transactions and each candidate's scores.
    costs : FraudCosts

    Returns
    -------
    list of ModelScore
    """
    d = data.data
    rows = (score_model(n, d.y_true, s, d.amount, costs) for n, s in data.scores.items())
    return sorted(rows, key=lambda r: -r.earned)


def target_scenario(
    rows: list[ModelScore],
    reached: Reached,
    *,
    model: str,
    today: float,
    metric: str,
    n_rows: int,
    volume: int,
    investment: Investment,
) -> TargetScenario:
    """A model's metric moved to ``reached``: savings a year = (net savings at the target -
    net savings today) x transactions a year / transactions scored.

    Parameters
    ----------
    rows : list of ModelScore
        Today's models.
    reached : Reached
        The moved model's metric and net savings.
    model : str
        The name of the model moved.
    today : float
        The metric before the move.
    metric : str
        A key of ``TARGETS``.
    n_rows : int
        Transactions the savings were measured on.
    volume : int
        Transactions a year.
    investment : Investment

    Returns
    -------
    TargetScenario
    """
    base = next(r for r in rows if r.name == model)
    gain = yearly(reached.net_savings - base.net_savings, rows=n_rows, transactions_per_year=volume)
    return TargetScenario(model, metric, today, reached, gain, investment, volume)


def model_value_headline(scenario: TargetScenario, target: float) -> Headline:
    """Savings a year from moving the metric to ``target`` (USD), for the home page.

    Parameters
    ----------
    scenario : TargetScenario
    target : float
        The metric's target, as the slider shows it.

    Returns
    -------
    Headline
    """
    return Headline(
        scenario.yearly_gain,
        f"savings a year from {SAID[scenario.metric]} at {metric_text(scenario.metric, target)}",
        f"{scenario.volume:,.0f} transactions a year",
    )


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
            metric_text(scenario.metric, reached.metric),
            f"Reached by moving the model's scores toward the truth in log-odds.{step_note}",
            change_text(scenario.metric, scenario.today, reached.metric),
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
    metric, today, reached = scenario.metric, scenario.today, scenario.reached.metric
    invest, gain = scenario.investment, scenario.yearly_gain
    payback = invest.payback_months(gain)
    worth = f"is worth {money(gain)}" if gain >= 0 else f"loses {money(-gain)}"
    verb = "Raising" if reached > today else "Lowering" if reached < today else "Keeping"
    return (
        f"{verb} {scenario.model}'s {SAID[metric]} from {metric_text(metric, today)} to "
        f"{metric_text(metric, reached)} {worth} a year at {scenario.volume:,} transactions; "
        f"it costs {money(invest.cost)}, so it "
        + ("never pays back." if payback is None else f"pays back in {payback:.1f} months.")
        + " (No interval: the better model is these scores moved toward the labels until the "
        "metric reaches the target, a what-if rather than a measurement.)"
    )
