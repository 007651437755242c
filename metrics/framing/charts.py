"""Charts of the other output types: each takes a frozen result and returns a plotly figure."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metrics.framing.class_metrics import Calibration
from metrics.framing.multiclass import MulticlassValuation
from metrics.framing.multilabel import MultilabelValuation
from metrics.framing.reframe import Reframing
from metrics.framing.regression import RegressionValuation
from metrics.framing.totals import Total
from metrics.style import (
    BASE_LAYOUT,
    CHOSEN,
    GRID,
    LOSS,
    MODEL_COLOURS,
    MONEY,
    MONEY_TICKS,
    NEUTRAL,
    chart_text,
)


def _bars(names: list[str], totals: list[Total], colours: list[str], title: str) -> go.Figure:
    """Money bars with their 95% intervals as error bars."""
    values = np.array([t.value for t in totals])
    figure = go.Figure(
        go.Bar(
            x=[chart_text(n) for n in names],
            y=values,
            marker_color=colours,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [t.high - t.value for t in totals],
                "arrayminus": [t.value - t.low for t in totals],
                "color": NEUTRAL,
            },
            hovertemplate="%{x}: %{y:$,.0f}<extra></extra>",
        )
    )
    figure.update_layout(
        **BASE_LAYOUT,
        title=title,
        height=360,
        showlegend=False,
        yaxis={
            "title": "value, currency units (95% interval)",
            "tickformat": MONEY_TICKS,
            "gridcolor": GRID,
            "zeroline": True,
            "zerolinecolor": NEUTRAL,
        },
    )
    return figure


def rules_figure(result: MulticlassValuation) -> go.Figure:
    """The value of each decision rule, with its interval.

    Parameters
    ----------
    result : MulticlassValuation

    Returns
    -------
    go.Figure
    """
    return _bars(
        ["Most probable class", "Best expected value", "Perfect"],
        [result.argmax.value, result.best_decision.value, result.perfect.value],
        [NEUTRAL, MONEY, CHOSEN],
        "Value of each way of deciding (higher is better)",
    )


def confusion_figure(result: MulticlassValuation, rule: str, *, money: bool) -> go.Figure:
    """True class by action taken, in rows or in money.

    Parameters
    ----------
    result : MulticlassValuation
    rule : str
    money : bool

    Returns
    -------
    go.Figure
    """
    cells = result.money(rule) if money else result.confusion(rule)
    actions = [chart_text(a, 20) for a in result.matrix.actions]
    classes = [chart_text(c, 20) for c in result.matrix.classes]
    text = [[(f"${v:,.0f}" if money else f"{int(v):,}") for v in row] for row in cells]
    figure = go.Figure(
        go.Heatmap(
            z=cells,
            x=actions,
            y=classes,
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, LOSS], [1, "#ffffff"]] if money else "Blues",
            showscale=False,
            hovertemplate="true %{y}, action %{x}: %{text}<extra></extra>",
        )
    )
    what = "value" if money else "rows"
    figure.update_layout(
        **BASE_LAYOUT,
        height=320,
        title=f"Each true class by the action taken ({what})",
        xaxis={"title": "action taken", "side": "bottom"},
        yaxis={"title": "true class", "autorange": "reversed"},
    )
    return figure


def calibration_figure(curves: list[Calibration]) -> go.Figure:
    """Each class's predicted probability against how often it was right.

    Parameters
    ----------
    curves : list[Calibration]

    Returns
    -------
    go.Figure
    """
    figure = go.Figure(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name="perfectly calibrated",
            line={"color": NEUTRAL, "dash": "dot"},
        )
    )
    for k, curve in enumerate(curves):
        figure.add_trace(
            go.Scatter(
                x=curve.predicted,
                y=curve.observed,
                mode="lines+markers",
                name=chart_text(curve.cls, 24),
                line={"color": MODEL_COLOURS[k % len(MODEL_COLOURS)]},
                customdata=curve.rows,
                hovertemplate="predicted %{x:.2f}, observed %{y:.2f} (%{customdata:,} rows)"
                "<extra></extra>",
            )
        )
    figure.update_layout(
        **BASE_LAYOUT,
        height=380,
        title="Calibration per class: predicted against observed",
        xaxis={"title": "predicted probability", "range": [0, 1], "gridcolor": GRID},
        yaxis={"title": "share of rows of that class", "range": [0, 1], "gridcolor": GRID},
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def shift_figure(result: RegressionValuation) -> go.Figure:
    """Value against the shift added to every prediction, the predictions and the best marked.

    Parameters
    ----------
    result : RegressionValuation

    Returns
    -------
    go.Figure
    """
    curve = result.curve
    figure = go.Figure(
        go.Scatter(
            x=curve.shifts,
            y=-curve.cost,
            mode="lines",
            name="value at this shift",
            line={"color": MONEY, "width": 3},
            hovertemplate="shift %{x:+,.3g}: %{y:$,.0f}<extra></extra>",
        )
    )
    marks = (
        (0.0, result.value_at_prediction.value, "the predictions as they are", NEUTRAL),
        (result.best_shift, result.value_at_best_shift, "best shift", CHOSEN),
    )
    for x, y, name, colour in marks:
        figure.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers",
                name=name,
                marker={"size": 12, "color": colour, "symbol": "diamond"},
                hovertemplate=f"{name}: %{{y:$,.0f}}<extra></extra>",
            )
        )
    figure.update_layout(
        **BASE_LAYOUT,
        height=380,
        title="Value against a shift of every prediction",
        xaxis={"title": "units added to every prediction", "gridcolor": GRID},
        yaxis={
            "title": "value (minus the cost), currency units",
            "tickformat": MONEY_TICKS,
            "gridcolor": GRID,
        },
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def labels_figure(result: MultilabelValuation) -> go.Figure:
    """Each label's value as earned at its own best threshold, with its interval.

    Parameters
    ----------
    result : MultilabelValuation

    Returns
    -------
    go.Figure
    """
    totals = [Total(v.best_value_cross_fitted, *v.best_value_interval) for v in result.per_label]
    colours = [MODEL_COLOURS[k % len(MODEL_COLOURS)] for k in range(len(totals))]
    return _bars(list(result.labels), totals, colours, "Each label at its own best threshold")


def framings_figure(result: Reframing) -> go.Figure:
    """Each framing's revenue on the same rows, with its interval.

    Parameters
    ----------
    result : Reframing

    Returns
    -------
    go.Figure
    """
    colours = [NEUTRAL, MONEY][: len(result.outcomes)]
    figure = _bars(
        [o.name for o in result.outcomes],
        [o.value for o in result.outcomes],
        colours,
        "Revenue of each framing on the same rows",
    )
    figure.update_yaxes(tickformat="$,.2f")
    return figure
