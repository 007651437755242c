"""The model-value page's chart: each candidate's ML metrics against its money."""

from __future__ import annotations

import plotly.graph_objects as go

from metrics.metric_value.model import METRICS, ModelScore
from metrics.style import BASE_LAYOUT, GRID, MONEY, subplot_title


def metric_money_figure(scores: list[ModelScore]) -> go.Figure:
    """One small scatter per ML metric: the metric against net savings, one dot per model.

    Parameters
    ----------
    scores : list of ModelScore
        One row per candidate model.

    Returns
    -------
    plotly Figure
    """
    names = [s.name for s in scores]
    money = [s.net_savings for s in scores]
    traces, layout = (
        [],
        {
            **BASE_LAYOUT,
            "height": 330,
            "showlegend": False,
            "hovermode": "closest",
            "annotations": [],
        },
    )
    width = 1 / len(METRICS)
    for i, (metric, label) in enumerate(METRICS.items()):
        axis = "" if i == 0 else str(i + 1)
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [getattr(s, metric) for s in scores],
                "y": money,
                "text": names,
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "marker": {"size": 11, "color": MONEY},
                "hovertemplate": "%{text}<br>" + label + " %{x:.4f}<br>%{y:$,.0f}<extra></extra>",
            }
        )
        layout[f"xaxis{axis}"] = {
            "domain": [i * width + 0.02, (i + 1) * width - 0.02],
            "anchor": f"y{axis}",
            "gridcolor": GRID,
            "autorange": "reversed" if metric == "log_loss" else True,
            "nticks": 4,
        }
        layout[f"yaxis{axis}"] = {
            "anchor": f"x{axis}",
            "gridcolor": GRID,
            "tickformat": "$.3~s",
            "showticklabels": i == 0,
        }
        layout["annotations"].append({**subplot_title(label, 1.0), "x": (i + 0.5) * width})
    return go.Figure(data=traces, layout=layout)
