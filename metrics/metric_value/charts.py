"""The model-value page's chart: each candidate's ML metrics against its money."""

from __future__ import annotations

import plotly.graph_objects as go

from metrics.metric_value.model import METRICS, ModelScore
from metrics.style import (
    BASE_LAYOUT,
    GRID,
    MODEL_COLOURS,
    MODEL_SYMBOLS,
    MONEY_TICKS,
    chart_text,
    subplot_title,
)


def metric_money_figure(scores: list[ModelScore]) -> go.Figure:
    """One small scatter per ML metric: the metric against net savings, one dot per model,
    each model in its own colour and shape, named once in the legend.

    Parameters
    ----------
    scores : list of ModelScore
        One row per candidate model.

    Returns
    -------
    plotly Figure
    """
    traces, layout = (
        [],
        {
            **BASE_LAYOUT,
            "height": 420,
            "hovermode": "closest",
            "legend": {"orientation": "h", "y": -0.12, "x": 0},
            "annotations": [],
        },
    )
    width = 1 / len(METRICS)
    looks = list(zip(MODEL_COLOURS, MODEL_SYMBOLS, strict=True))
    for i, (metric, label) in enumerate(METRICS.items()):
        axis = "" if i == 0 else str(i + 1)
        for k, score in enumerate(scores):
            colour, symbol = looks[k % len(looks)]
            name = chart_text(score.name)
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "x": [getattr(score, metric)],
                    "y": [score.earned],
                    "name": name,
                    "legendgroup": name,
                    "showlegend": i == 0,
                    "xaxis": f"x{axis}",
                    "yaxis": f"y{axis}",
                    "marker": {"size": 12, "color": colour, "symbol": symbol},
                    "hovertemplate": f"{name}<br>{label} %{{x:.4f}}<br>%{{y:$,.0f}}<extra></extra>",
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
            "tickformat": MONEY_TICKS,
            "showticklabels": i == 0,
            "title": {"text": "Net savings as earned (USD)" if i == 0 else ""},
        }
        layout["annotations"].append({**subplot_title(label, 1.0), "x": (i + 0.5) * width})
    return go.Figure(data=traces, layout=layout)
