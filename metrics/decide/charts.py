"""Decision page charts: value against threshold beside the baselines and the perfect
decision, the decision curve (net benefit), and the tornado of uncertain values."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metrics.core.format import money
from metrics.decide.model import Decision, net_benefit, treat_all_net_benefit
from metrics.decide.uncertain import Uncertainty
from metrics.decide.uncertain_view import entry_label
from metrics.style import (
    BASE_LAYOUT,
    CHOSEN,
    GRID,
    LOG_TICKS,
    LOSS,
    MONEY,
    MONEY_TICKS,
    NEUTRAL,
    chart_text,
)

DRAWN = 2000
"""Curve points drawn (spread by rank, the best always among them): a chart, not the maths."""


def _drawn(decision: Decision) -> np.ndarray:
    m = len(decision.curve)
    points = np.unique(np.linspace(1, m - 1, min(DRAWN, m - 1)).astype(np.int64))
    return np.union1d(points, [max(decision.best, 1)])


def value_figure(decision: Decision, threshold: float) -> go.Figure:
    """Value against threshold, with acting on nobody, on everybody and the perfect decision.

    Parameters
    ----------
    decision : Decision
    threshold : float
        The chosen threshold, marked.

    Returns
    -------
    plotly Figure
    """
    points = _drawn(decision)
    x = decision.curve.thresholds[points]
    figure = go.Figure(
        [
            go.Scatter(
                x=x,
                y=decision.value[points],
                name="The model",
                line={"color": MONEY, "width": 3},
                hovertemplate="threshold %{x:.3f}: %{y:$,.0f}<extra></extra>",
            ),
            _flat(x, decision.none, "Act on nobody", NEUTRAL, "dot"),
            _flat(x, decision.everyone, "Act on everybody", LOSS, "dash"),
            _flat(x, decision.perfect, "Perfect decision", CHOSEN, "dot"),
        ]
    )
    figure.add_vline(x=threshold, line={"color": CHOSEN, "width": 1.5})
    visible = decision.curve.thresholds[points] >= LOG_TICKS[0]
    low, high, notes = _value_range(decision, decision.value[points][visible])
    figure.update_layout(
        **BASE_LAYOUT,
        height=380,
        title={"text": "Value of acting on every row at or above the threshold", "x": 0},
        legend={"orientation": "h", "y": -0.2},
        xaxis={
            "title": "threshold (log scale: most decisions live at low scores)",
            "type": "log",
            "range": [np.log10(LOG_TICKS[0]), 0],
            "tickvals": LOG_TICKS,
            "gridcolor": GRID,
        },
        yaxis={"tickformat": MONEY_TICKS, "gridcolor": GRID, "range": [low, high]},
        annotations=notes,
    )
    return figure


def _value_range(decision: Decision, shown: np.ndarray) -> tuple[float, float, list[dict]]:
    """A y range around the model's curve, acting on nobody and the perfect decision; acting
    on everybody, when far below, is named at the foot of the chart instead of squashing it."""
    top = max(float(shown.max()), decision.perfect, decision.none)
    bottom = min(float(shown.min()), decision.none)
    span = max(top - bottom, 1.0)
    low, high = bottom - 0.15 * span, top + 0.08 * span
    notes = []
    if decision.everyone < low:
        notes.append(
            {
                "x": 1,
                "xref": "paper",
                "y": low,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "text": f"acting on everybody: {money(decision.everyone)} (below the chart)",
                "font": {"color": LOSS},
            }
        )
    else:
        low = min(low, decision.everyone - 0.05 * span)
    return low, high, notes


def _flat(x, y: float, name: str, colour: str, dash: str) -> go.Scatter:
    return go.Scatter(
        x=[LOG_TICKS[0], 1],
        y=[y, y],
        name=name,
        mode="lines",
        line={"color": colour, "dash": dash, "width": 2},
        hovertemplate=f"{name}: %{{y:$,.0f}}<extra></extra>",
    )


def net_benefit_figure(decision: Decision) -> go.Figure:
    """Vickers' decision curve for threshold probabilities 1% to 99%.

    Parameters
    ----------
    decision : Decision

    Returns
    -------
    plotly Figure
    """
    pt = np.linspace(0.01, 0.99, 99)
    curve = decision.curve
    figure = go.Figure(
        [
            go.Scatter(
                x=pt, y=net_benefit(curve, pt), name="The model", line={"color": MONEY, "width": 3}
            ),
            go.Scatter(
                x=pt,
                y=treat_all_net_benefit(curve, pt),
                name="Act on everybody",
                line={"color": LOSS, "dash": "dash"},
            ),
            go.Scatter(
                x=pt,
                y=np.zeros_like(pt),
                name="Act on nobody",
                line={"color": NEUTRAL, "dash": "dot"},
            ),
        ]
    )
    top = max(float(curve.positives / curve.n), 0.01)
    figure.update_layout(
        **BASE_LAYOUT,
        height=340,
        title={
            "text": "Decision curve: positives caught per row, less false alarms weighted by "
            "the threshold's odds",
            "x": 0,
        },
        legend={"orientation": "h", "y": -0.25},
        xaxis={"title": "threshold probability", "gridcolor": GRID},
        yaxis={
            "title": "net benefit per row",
            "range": [-0.05 * top, 1.1 * top],
            "gridcolor": GRID,
        },
    )
    return figure


def tornado_figure(result: Uncertainty, central: float, names: list[str]) -> go.Figure:
    """Which assumption moves the best value most: each uncertain value at its low and high
    end, the others at their central values.

    Parameters
    ----------
    result : Uncertainty
    central : float
        The best value at the central values.
    names : list of str
        The outcomes' names in TN, FP, FN, TP order (the user's words).

    Returns
    -------
    plotly Figure
    """
    labels = [chart_text(entry_label(s[0], names)) for s in result.swings][::-1]
    low = np.array([s[1] for s in result.swings][::-1]) - central
    high = np.array([s[2] for s in result.swings][::-1]) - central
    figure = go.Figure(
        [
            go.Bar(
                y=labels,
                x=low,
                base=central,
                orientation="h",
                name="at its low end",
                marker_color=LOSS,
            ),
            go.Bar(
                y=labels,
                x=high,
                base=central,
                orientation="h",
                name="at its high end",
                marker_color=MONEY,
            ),
        ]
    )
    figure.update_layout(
        **BASE_LAYOUT,
        barmode="overlay",
        height=120 + 40 * len(labels),
        title={"text": "Best value with one assumption at an end of its range", "x": 0},
        xaxis={"tickformat": MONEY_TICKS, "gridcolor": GRID},
        legend={"orientation": "h", "y": -0.3},
    )
    return figure
