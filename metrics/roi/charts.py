"""The realistic-returns page's chart: cumulative cash flow by ML maturity."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metrics.roi.model import Projection
from metrics.style import BASE_LAYOUT, CHOSEN, GRID, LOSS, MONEY, MONEY_TICKS, subplot_title

STAGE_LOOKS = (("#d68910", "dash"), (CHOSEN, "solid"), (MONEY, "dot"))
"""Each maturity stage's colour and line, in ``STAGES`` order: no two alike."""


def cash_figure(chosen: Projection, others: list[Projection]) -> go.Figure:
    """Cumulative cash of every stage (top) and the chosen stage's monthly cash flow
    (bottom), on one month axis; each panel has its own scale with zero in its place.

    Parameters
    ----------
    chosen : Projection
        The selected maturity stage.
    others : list of Projection
        Every stage in ``STAGES`` order, the chosen one among them (drawn thicker).

    Returns
    -------
    plotly Figure
    """
    months = np.arange(1, len(chosen.value) + 1)
    traces = [
        {
            "type": "scatter",
            "x": months,
            "y": p.cumulative,
            "mode": "lines",
            "name": f"{p.stage.name}, cumulative" + (" (yours)" if p is chosen else ""),
            "line": {
                "width": 4 if p is chosen else 2,
                "color": STAGE_LOOKS[i % 3][0],
                "dash": STAGE_LOOKS[i % 3][1],
            },
            "hovertemplate": "month %{x}: %{y:$,.0f}<extra></extra>",
        }
        for i, p in enumerate(others)
    ]
    traces.append(
        {
            "type": "bar",
            "x": months,
            "y": chosen.cash,
            "name": f"{chosen.stage.name}, each month",
            "xaxis": "x2",
            "yaxis": "y2",
            "marker": {"color": [MONEY if c >= 0 else LOSS for c in chosen.cash]},
            "hovertemplate": "month %{x}: %{y:$,.0f}<extra></extra>",
        }
    )
    money_axis = {"tickformat": MONEY_TICKS, "gridcolor": GRID, "zerolinecolor": "#90a4ae"}
    layout = {
        **BASE_LAYOUT,
        "height": 520,
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.15},
        "xaxis": {"gridcolor": GRID, "dtick": 3, "matches": "x2", "showticklabels": False},
        "yaxis": {**money_axis, "domain": [0.42, 0.95]},
        "xaxis2": {"title": {"text": "Month"}, "gridcolor": GRID, "dtick": 3, "anchor": "y2"},
        "yaxis2": {**money_axis, "domain": [0, 0.3]},
        "annotations": [
            subplot_title("Cumulative cash, USD: below zero until the project pays back", 0.96),
            subplot_title(
                f"Cash each month, USD ({chosen.stage.name}): it dips in each month an "
                "iteration ships, which costs extra",
                0.31,
            ),
        ],
    }
    return go.Figure(data=traces, layout=layout)
