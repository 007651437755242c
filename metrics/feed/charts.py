"""Plotly builders for the feed page."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metrics.feed.frontier import ParetoSweep
from metrics.feed.ranking import FeedOutcome
from metrics.style import BASE_LAYOUT, CHOSEN, GRID, NEUTRAL


def pareto_figure(sweep: ParetoSweep, current: FeedOutcome, alpha_share: float) -> go.Figure:
    """Mean quality against expected clicks for every alpha share, the frontier and the
    sliders' point.

    Parameters
    ----------
    sweep : ParetoSweep
        Outcomes over alpha shares.
    current : FeedOutcome
        The sliders' feed.
    alpha_share : float
        alpha / (alpha + beta) of the sliders' feed.

    Returns
    -------
    plotly Figure
    """
    clicks, quality = sweep.column("expected_clicks"), sweep.column("mean_quality")
    on = sweep.frontier
    order = np.argsort(clicks[on])
    traces = [
        {
            "type": "scatter",
            "x": clicks[on][order],
            "y": quality[on][order],
            "mode": "lines",
            "line": {"color": NEUTRAL, "width": 1, "dash": "dot"},
            "name": "frontier",
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": clicks,
            "y": quality,
            "mode": "markers",
            "name": "alpha share",
            "marker": {
                "color": sweep.alpha_share,
                "colorscale": "Viridis",
                "size": 9,
                "colorbar": {"title": {"text": "quality's<br>share"}, "tickformat": ".0%"},
            },
            "customdata": sweep.alpha_share,
            "hovertemplate": "quality share %{customdata:.0%}<br>%{x:.2f} clicks, quality %{y:.3f}"
            "<extra></extra>",
        },
        {
            "type": "scatter",
            "x": [current.expected_clicks],
            "y": [current.mean_quality],
            "mode": "markers+text",
            "text": [f"your weights ({alpha_share:.0%} quality)"],
            "textposition": "top right",
            "marker": {"color": CHOSEN, "size": 18, "symbol": "star"},
            "showlegend": False,
            "hoverinfo": "skip",
        },
    ]
    layout = {
        **BASE_LAYOUT,
        "height": 430,
        "showlegend": False,
        "hovermode": "closest",
        "xaxis": {"title": {"text": "Expected clicks per feed (engagement)"}, "gridcolor": GRID},
        "yaxis": {"title": {"text": "Mean true quality of the posts shown"}, "gridcolor": GRID},
    }
    return go.Figure(data=traces, layout=layout)
