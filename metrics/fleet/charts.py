"""The fleet's chart: the money each alerting model has lost since its alert."""

from __future__ import annotations

import plotly.graph_objects as go

from metrics.fleet.model import ModelStatus
from metrics.style import BASE_LAYOUT, GRID, LOSS, MONEY_TICKS, chart_text


def lost_figure(statuses: list[ModelStatus]) -> go.Figure:
    """A bar per alerting model: money lost since its alert, the most first.

    Parameters
    ----------
    statuses : list of ModelStatus

    Returns
    -------
    go.Figure
    """
    alerts = sorted((s for s in statuses if s.alert), key=lambda s: -s.lost_since_alert)
    figure = go.Figure(
        go.Bar(
            x=[chart_text(s.id, 30) for s in alerts],
            y=[s.lost_since_alert for s in alerts],
            marker_color=LOSS,
            customdata=[s.alert_since for s in alerts],
            hovertemplate="%{x}: %{y:$,.0f} lost since %{customdata}<extra></extra>",
        )
    )
    figure.update_layout(
        **BASE_LAYOUT,
        height=300,
        title="Money lost since each alert (usual value minus value, summed over the chunks)",
        yaxis={"title": "Lost since the alert (USD)", "tickformat": MONEY_TICKS, "gridcolor": GRID},
        showlegend=False,
    )
    return figure
