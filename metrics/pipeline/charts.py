"""The security pipeline page's charts: the day's funnel and threats stopped against recall."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metrics.pipeline.model import Funnel
from metrics.style import (
    ACCURACY_COLOUR,
    BASE_LAYOUT,
    CHOSEN,
    F1_COLOUR,
    GRID,
    LOSS,
    MONEY,
    NEUTRAL,
)

FUNNEL_STEPS = (
    "Events",
    "Alerts",
    "Not flagged",
    "Passed rules",
    "Dropped by rules",
    "Reviewed",
    "Not reviewed",
    "Threats stopped",
    "Reviewed, not stopped",
)


SANKEY_RIGHT = 0.74
"""The diagram's right edge (share of the width); the ends' labels are written beyond it."""
ENDS = (2, 4, 6, 7, 8)
"""The funnel's ends in ``FUNNEL_STEPS``: where each event stops."""
NODE_X = (0.001, 0.16, 0.999, 0.32, 0.999, 0.48, 0.999, 0.999, 0.999)
"""Each step's column: the flow in the left half (its labels to the right of each node),
every end in the last column."""
NODE_Y = (0.35, 0.55, 0.1, 0.62, 0.33, 0.75, 0.53, 0.72, 0.9)
"""Each node's height from the top, the ends spread so their labels do not touch."""


def funnel_figure(f: Funnel) -> go.Figure:
    """Where the day's events go, as a Sankey diagram.

    Parameters
    ----------
    f : Funnel
        Counts at each stage for one recall.

    Returns
    -------
    plotly Figure
    """
    labels = FUNNEL_STEPS
    links = [
        (0, 1, f.alerts),
        (0, 2, f.events - f.alerts),
        (1, 3, f.passed),
        (1, 4, f.alerts - f.passed),
        (3, 5, f.reviewed),
        (3, 6, f.passed - f.reviewed),
        (5, 7, f.stopped),
        (5, 8, f.reviewed - f.stopped),
    ]
    # Link widths on a log scale, so a handful of threats stays visible next to millions;
    # every node carries its real count, and the title says so.
    value = [np.log10(1 + v) for _, _, v in links]
    # Each step but the first is the target of one link: its count is that link's.
    counts = [f.events, *(v for _, _, v in sorted(links, key=lambda link: link[1]))]
    sankey = {
        "type": "sankey",
        "textfont": {"size": 13, "color": "#263238"},
        "arrangement": "fixed",
        "domain": {"x": [0, SANKEY_RIGHT]},
        "node": {
            "label": [
                "" if i in ENDS else f"{name}: {_count(c)}"
                for i, (name, c) in enumerate(zip(labels, counts, strict=True))
            ],
            "x": list(NODE_X),
            "y": list(NODE_Y),
            "pad": 18,
            "color": [NEUTRAL, CHOSEN, GRID, CHOSEN, GRID, CHOSEN, LOSS, MONEY, GRID],
        },
        "link": {
            "source": [a for a, _, _ in links],
            "target": [b for _, b, _ in links],
            "value": value,
            "customdata": [v for _, _, v in links],
            "hovertemplate": "%{customdata:,.1f} a day<extra></extra>",
            "color": "rgba(91, 103, 112, 0.22)",
        },
    }
    ends = _end_labels(labels, counts)
    layout = {
        **BASE_LAYOUT,
        "height": 380,
        "title": {
            "text": "Events a day at each step (band widths on a log scale, so the few threats "
            "stay visible beside millions of events)",
            "font": {"size": 14, "color": NEUTRAL},
        },
        "annotations": ends,
    }
    return go.Figure(data=[sankey], layout=layout)


def _end_labels(labels: tuple[str, ...], counts: list[float]) -> list[dict]:
    """Where the events end, written beside the diagram, each label level with its node:
    plotly writes the labels of a right-hand column over the bands."""
    return [
        {
            "text": f"{labels[i]}: {_count(counts[i])}",
            "x": SANKEY_RIGHT + 0.01,
            "y": 1 - NODE_Y[i],
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "showarrow": False,
            "font": {"size": 13, "color": "#263238"},
        }
        for i in ENDS
    ]


def _count(value: float) -> str:
    """A day's count as read aloud: 2,000,000 or 13.4."""
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def _recall_marks(recall: float, bottleneck: float | None) -> tuple[list[dict], list[dict]]:
    """The chosen recall as a dotted line; the bottleneck region, if any, shaded."""
    shapes = [
        {
            "type": "line",
            "x0": recall,
            "x1": recall,
            "y0": 0,
            "y1": 1,
            "yref": "paper",
            "line": {"color": CHOSEN, "dash": "dot"},
        }
    ]
    annotations = [
        {
            "x": recall,
            "y": 1,
            "yref": "paper",
            "yanchor": "bottom",
            "text": "your recall",
            "showarrow": False,
            "xanchor": "center",
            "font": {"color": CHOSEN},
        }
    ]
    if bottleneck is not None:
        shapes.append(
            {
                "type": "rect",
                "x0": bottleneck,
                "x1": 1,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "fillcolor": "rgba(192,57,43,0.07)",
                "line": {"width": 0},
            }
        )
        annotations.append(
            {
                "x": bottleneck,
                "y": 0.05,
                "yref": "paper",
                "showarrow": False,
                "text": " experts are the bottleneck",
                "xanchor": "left",
                "font": {"color": LOSS},
            }
        )
    return shapes, annotations


def stopped_figure(
    recalls: np.ndarray, curves: dict[str, np.ndarray], recall: float, bottleneck: float | None
) -> go.Figure:
    """Threats stopped a day against the model's recall, for several pipelines.

    Parameters
    ----------
    recalls : ndarray
        Recalls to evaluate, in [0, 1].
    curves : dict of str to ndarray
        Threats stopped a day per pipeline, over ``recalls``.
    recall : float or ndarray
        Share of threats the model flags, in [0, 1].
    bottleneck : float or None
        Recall above which experts are the bottleneck.

    Returns
    -------
    plotly Figure
    """
    looks = [(MONEY, "solid"), (ACCURACY_COLOUR, "dash"), (F1_COLOUR, "dot")]
    traces = [
        {
            "type": "scatter",
            "x": recalls,
            "y": y,
            "name": name,
            "mode": "lines",
            "line": {"color": looks[i % 3][0], "width": 3, "dash": looks[i % 3][1]},
        }
        for i, (name, y) in enumerate(curves.items())
    ]
    shapes, annotations = _recall_marks(recall, bottleneck)
    layout = {
        **BASE_LAYOUT,
        "height": 400,
        "hovermode": "x unified",
        "shapes": shapes,
        "annotations": annotations,
        "legend": {"orientation": "h", "y": -0.2},
        "xaxis": {
            "title": {"text": "Model recall (share of threats flagged)"},
            "tickformat": ".0%",
            "gridcolor": GRID,
            "range": [0, 1],
        },
        "yaxis": {"title": {"text": "Threats stopped a day"}, "gridcolor": GRID},
    }
    return go.Figure(data=traces, layout=layout)
