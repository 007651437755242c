"""The ads page's reference chart: the model against other rankings of the same queries."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metrics.core.format import money
from metrics.style import BASE_LAYOUT, F1_COLOUR, GRID, MONEY, MONEY_TICKS


def references_figure(table: pd.DataFrame) -> go.Figure:
    """Revenue per 1,000 queries of each ranking on the same queries.

    Parameters
    ----------
    table : DataFrame
        A sweep table.

    Returns
    -------
    plotly Figure
    """
    ordered = table.iloc[::-1]
    shares = ordered["share_of_oracle"]
    labels = [
        f"{money(r)}" + ("" if np.isnan(s) else f" · {s:.0%} of oracle")
        for r, s in zip(ordered["rpm"], shares, strict=True)
    ]
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": ordered["rpm"],
        "y": ordered["ranking"],
        "text": labels,
        "textposition": "outside",
        "cliponaxis": False,
        "marker": {
            "color": [
                F1_COLOUR if n.startswith("This model") else MONEY for n in ordered["ranking"]
            ]
        },
        "hoverinfo": "skip",
    }
    top = float(np.nanmax(ordered["rpm"])) if len(ordered) else 1.0
    layout = {
        **BASE_LAYOUT,
        "height": 80 + 50 * len(table),
        "showlegend": False,
        "hovermode": False,
        "xaxis": {
            "tickformat": MONEY_TICKS,
            "gridcolor": GRID,
            "range": [0, top * 1.45],
            "title": {"text": "Revenue per 1,000 queries (USD)"},
        },
    }
    return go.Figure(data=[bar], layout=layout)
