"""Plotly builders for the ads page: an ``AdsView`` in, ``go.Figure`` out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from metrics.ads.ctr import Reliability
from metrics.ads.view import AdsView
from metrics.core.format import money
from metrics.style import (
    ACCURACY_COLOUR,
    BASE_LAYOUT,
    CHOSEN,
    GRID,
    MONEY,
    MONEY_TICKS,
    NEUTRAL,
    subplot_title,
    vline,
)


def _line(x: np.ndarray, y: np.ndarray, name: str, colour: str, axis: str = "") -> dict:
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "name": name,
        "mode": "lines",
        "line": {"color": colour, "width": 3},
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
    }


def _point(x: float, y: float, colour: str, axis: str = "", symbol: str = "circle") -> dict:
    """One marker; its label, when it has one, is a ``_label`` annotation."""
    return {
        "type": "scatter",
        "x": [x],
        "y": [y],
        "mode": "markers",
        "marker": {"color": colour, "size": 13, "symbol": symbol},
        "showlegend": False,
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
    }


def _label(x: float, y: float, text: str, colour: str, axis: str = "", *, above: bool) -> dict:
    """A point's label held off a rising curve by an arrow: above and to the left, or below
    and to the right, where a rising curve never passes (``x`` in axis units: log10 of the
    value on a log axis)."""
    return {
        "x": x,
        "y": y,
        "xref": f"x{axis}",
        "yref": f"y{axis}",
        "text": text,
        "font": {"color": colour},
        "showarrow": True,
        "arrowcolor": colour,
        "arrowwidth": 1,
        "ax": -30 if above else 30,
        "ay": -38 if above else 38,
        "xanchor": "right" if above else "left",
        "yanchor": "bottom" if above else "top",
    }


def quality_figure(view: AdsView, knob_index: int) -> go.Figure:
    """Revenue per 1,000 queries against AUC and against log loss, today and the what-if.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.
    knob_index : int
        Row of the what-if knob in the sweep.

    Returns
    -------
    plotly Figure
    """
    table = view.quality_table
    now, then = table.iloc[view.current_knob], table.iloc[knob_index]
    traces, labels = [], []
    moved = knob_index != view.current_knob
    for axis, column in (("", "auc"), ("2", "log_loss")):
        traces += [
            _line(table[column], table["rpm"], "RPM", MONEY, axis),
            _point(now[column], now.rpm, NEUTRAL, axis),
        ]
        labels.append(
            _label(now[column], now.rpm, f"today {money(now.rpm)}", NEUTRAL, axis, above=False)
        )
        if moved:
            traces.append(_point(then[column], then.rpm, CHOSEN, axis, "star"))
            labels.append(
                _label(
                    then[column], then.rpm, f"what-if {money(then.rpm)}", CHOSEN, axis, above=True
                )
            )
    money_axis = {
        "tickformat": MONEY_TICKS,
        "gridcolor": GRID,
        "title": {"text": "Revenue per 1,000 queries"},
    }
    layout = {
        **BASE_LAYOUT,
        "height": 380,
        "showlegend": False,
        "hovermode": "closest",
        "xaxis": {
            "domain": [0, 0.46],
            "title": {"text": "ROC AUC (higher is better)"},
            "gridcolor": GRID,
        },
        "yaxis": money_axis,
        "xaxis2": {
            "domain": [0.54, 1],
            "anchor": "y2",
            "gridcolor": GRID,
            "autorange": "reversed",
            "title": {"text": "Log loss (lower is better, so reversed)"},
        },
        "yaxis2": {**money_axis, "anchor": "x2", "title": None},
        "annotations": [
            {**subplot_title("Revenue against AUC", 1.0), "x": 0.23},
            {**subplot_title("Revenue against log loss", 1.0), "x": 0.77},
            *labels,
        ],
    }
    return go.Figure(data=traces, layout=layout)


def reliability_figure(rel: Reliability) -> go.Figure:
    """Observed CTR against mean predicted CTR in ten equal bins; calibrated is the diagonal.

    Parameters
    ----------
    rel : Reliability
        Predicted against observed CTR per bin.

    Returns
    -------
    plotly Figure
    """
    top = float(max(rel.predicted.max(), rel.observed.max())) * 1.05
    traces = [
        {
            "type": "scatter",
            "x": [0, top],
            "y": [0, top],
            "mode": "lines",
            "name": "calibrated",
            "line": {"color": NEUTRAL, "dash": "dot", "width": 1},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": rel.predicted,
            "y": rel.observed,
            "mode": "lines+markers",
            "name": "this model",
            "line": {"color": CHOSEN, "width": 3},
            "hovertemplate": "predicted %{x:.2%}, observed %{y:.2%}<extra></extra>",
        },
    ]
    layout = {
        **BASE_LAYOUT,
        "height": 360,
        "title": {
            "text": "Reliability: observed against predicted CTR",
            "font": {"size": 15, "color": NEUTRAL},
        },
        "showlegend": False,
        "xaxis": {
            "title": {"text": "Mean predicted CTR (ten equal bins)"},
            "tickformat": ".0%",
            "gridcolor": GRID,
            "range": [0, top],
        },
        "yaxis": {
            "title": {"text": "Observed CTR"},
            "tickformat": ".0%",
            "gridcolor": GRID,
            "range": [0, top],
        },
    }
    return go.Figure(data=traces, layout=layout)


def reserve_figure(view: AdsView, reserve: float) -> go.Figure:
    """Coverage, CTR of shown ads and revenue against the reserve, each with its peak.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.
    reserve : float
        Minimum eCPM to show an ad, USD per 1,000 impressions.

    Returns
    -------
    plotly Figure
    """
    table = view.reserve_table
    panels = (
        ("", "coverage", "Ads shown per query (impressions)", NEUTRAL, ".0%"),
        ("2", "ctr", "Click-through rate of shown ads", ACCURACY_COLOUR, ".1%"),
        ("3", "rpm", "Revenue per 1,000 queries", MONEY, "$,.0f"),
    )
    traces, layout = (
        [],
        {
            **BASE_LAYOUT,
            "height": 560,
            "showlegend": False,
            "hovermode": "x unified",
            "shapes": [],
            "annotations": [],
        },
    )
    for k, (axis, column, title, colour, fmt) in enumerate(panels):
        top, bottom = 1 - k / 3, 1 - (k + 1) / 3 + 0.07
        values = table[column].to_numpy()
        best = int(np.nanargmax(values))
        traces += [
            {
                **_line(table["reserve"], values, title, colour, axis),
                "hovertemplate": f"%{{y:{fmt}}}",
            },
            {
                **_point(table["reserve"][best], values[best], colour, axis, "star"),
                "hoverinfo": "skip",
            },
        ]
        layout[f"xaxis{axis}"] = {
            "anchor": f"y{axis}",
            "gridcolor": GRID,
            "matches": "x3" if axis != "3" else None,
            "showticklabels": axis == "3",
        }
        layout[f"yaxis{axis}"] = {
            "domain": [bottom, top - 0.05],
            "tickformat": fmt,
            "gridcolor": GRID,
        }
        layout["shapes"].append(vline(reserve, axis))
        peak_at = f"{title}: highest at a {money(table['reserve'][best])} reserve"
        layout["annotations"].append(subplot_title(peak_at, top - 0.05))
    layout["xaxis3"]["title"] = {"text": "Reserve: minimum bid x pCTR, USD per 1,000 impressions"}
    layout["xaxis3"]["tickformat"] = MONEY_TICKS
    return go.Figure(data=traces, layout=layout)


def calibration_figure(view: AdsView) -> go.Figure:
    """Revenue when every predicted CTR is multiplied by a factor: AUC does not move.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.

    Returns
    -------
    plotly Figure
    """
    table = view.calibration_table
    traces = [_line(table["factor"], table["rpm"], "RPM", MONEY)]
    today = table.iloc[int(np.argmin(np.abs(table["factor"] - 1.0)))]
    traces.append(_point(today.factor, today.rpm, NEUTRAL))
    # Revenue rises with the factor and levels off: above-left of a point is clear of it.
    labels = [
        _label(
            np.log10(today.factor),
            today.rpm,
            f"as predicted {money(today.rpm, decimals=2)}",
            NEUTRAL,
            above=True,
        )
    ]
    ratio = view.quality.calibration_ratio
    visible = table["factor"].min() <= 1 / ratio <= table["factor"].max()
    if np.isfinite(ratio) and visible and abs(np.log(ratio)) > 0.1:
        fixed = float(np.interp(1 / ratio, table["factor"], table["rpm"]))
        traces.append(_point(1 / ratio, fixed, CHOSEN, symbol="star"))
        labels.append(
            _label(
                np.log10(1 / ratio), fixed, f"calibrated {money(fixed, decimals=2)}", CHOSEN,
                above=False,
            )
        )  # fmt: skip
    layout = {
        **BASE_LAYOUT,
        "height": 360,
        "title": {
            "text": "Revenue if every predicted CTR were multiplied by a factor",
            "font": {"size": 15, "color": NEUTRAL},
        },
        "showlegend": False,
        "hovermode": "x unified",
        "annotations": labels,
        "xaxis": {
            "type": "log",
            "gridcolor": GRID,
            "tickvals": [1 / 16, 1 / 8, 0.25, 0.5, 1, 2, 4],
            "ticktext": ["1/16", "1/8", "1/4", "1/2", "1", "2", "4"],
            "title": {"text": "Factor applied to every predicted CTR (AUC stays the same)"},
        },
        "yaxis": {
            "tickformat": "$,.2f",
            "gridcolor": GRID,
            "title": {"text": "Revenue per 1,000 queries"},
        },
    }
    return go.Figure(data=traces, layout=layout)
