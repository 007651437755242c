"""Plotly builders for the fraud page: result objects in, ``go.Figure`` out (no Streamlit).

Figures are built from plain trace and layout dicts rather than ``make_subplots`` and
``update_*`` calls: the result is the same figure at a fraction of the cost, which matters
because the threshold-dependent charts are rebuilt on every slider move.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metrics.core.format import money, period_text, threshold_text
from metrics.fraud.model import FraudAnalysis, FraudSnapshot
from metrics.fraud.view import Policy
from metrics.style import (
    ACCURACY_COLOUR,
    BAND,
    BASE_LAYOUT,
    CHOSEN,
    F1_COLOUR,
    GRID,
    LOG_TICKS,
    LOSS,
    MONEY,
    MONEY_TICKS,
    NEUTRAL,
    subplot_title,
    vline,
)


def _marker_traces(analysis: FraudAnalysis) -> list[dict]:
    """Where money, F1 and accuracy peak. Their money and thresholds are in the legend, not
    beside the markers: the peaks are often close together and labels would overlap."""
    best = analysis.best
    traces = []
    for label, point, colour, symbol in (
        ("Most money", best.savings, MONEY, "star"),
        ("Best F1", best.f1, F1_COLOUR, "diamond"),
        ("Best accuracy", best.accuracy, ACCURACY_COLOUR, "square"),
    ):
        if point.flags_nothing:
            continue
        value = float(analysis.values[point.index])
        traces.append(
            {
                "type": "scatter",
                "x": [point.threshold],
                "y": [value],
                "mode": "markers",
                "name": f"{label}: {money(value)} at {threshold_text(point.threshold)}",
                "marker": {
                    "color": colour,
                    "size": 15,
                    "symbol": symbol,
                    "line": {"color": "white", "width": 1.5},
                },
                "hovertemplate": f"{label}: threshold %{{x:.4f}}, %{{y:$,.0f}}<extra></extra>",
            }
        )
    return traces


def _band_traces(x: np.ndarray, table: pd.DataFrame) -> list[dict]:
    """The 95% interval of net savings as a filled band (nothing when there is none)."""
    if "net_savings_low_usd" not in table:
        return []
    edge = {"type": "scatter", "x": x, "line": {"width": 0}, "hoverinfo": "skip"}
    return [
        {**edge, "y": table["net_savings_high_usd"].to_numpy(), "showlegend": False},
        {
            **edge,
            "y": table["net_savings_low_usd"].to_numpy(),
            "fill": "tonexty",
            "fillcolor": BAND,
            "name": "95% interval",
        },
    ]


def _rate_traces(x: np.ndarray, table: pd.DataFrame) -> list[dict]:
    """Precision and recall on the lower panel."""
    return [
        {
            "type": "scatter",
            "x": x,
            "y": table[column].to_numpy(),
            "name": name,
            "line": line,
            "xaxis": "x2",
            "yaxis": "y2",
            "legend": "legend2",
            "hovertemplate": f"%{{y:.0%}}<extra>{name.lower()}</extra>",
        }
        for name, column, line in (
            ("Precision", "precision", {"color": NEUTRAL, "width": 2}),
            ("Recall", "recall", {"color": LOSS, "width": 2, "dash": "dot"}),
        )
    ]


def _savings_layout(table: pd.DataFrame, threshold: float, days: float | None) -> dict:
    """Two panels on one log threshold axis, each with its tick labels and its own legend,
    the chosen threshold marked on both."""
    # Zero always in view; the range covers what the log axis shows (thresholds from 0.001),
    # and when the model can make money, deep losses (flagging nearly everything) are cut at
    # half the best gain so the useful part of the curve keeps its height.
    shown = table[table["threshold"] >= LOG_TICKS[0]]
    top = max(float(np.nanmax(shown.get("net_savings_high_usd", shown["net_savings_usd"]))), 0.0)
    bottom = min(float(np.nanmin(shown.get("net_savings_low_usd", shown["net_savings_usd"]))), 0.0)
    if top > 0:
        bottom = max(bottom, -0.5 * top)
    pad = 0.1 * (top - bottom) or 1.0
    log_axis = {
        "type": "log",
        "range": [-3, 0],
        "tickvals": LOG_TICKS,
        "gridcolor": GRID,
        "ticktext": [f"{t:g}" for t in LOG_TICKS],
    }
    return {
        **BASE_LAYOUT,
        "height": 720,
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": 0.45, "yanchor": "top", "x": 0},
        "legend2": {"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0},
        "xaxis": {**log_axis, "matches": "x2", "anchor": "y"},
        "yaxis": {
            "domain": [0.52, 0.94],
            "tickformat": MONEY_TICKS,
            "gridcolor": GRID,
            "zerolinecolor": "#b0bec5",
            "range": [bottom - pad, top + pad],
        },
        "xaxis2": {
            **log_axis,
            "anchor": "y2",
            "title": {"text": "Decision threshold: flag when score ≥ threshold (log scale)"},
        },
        "yaxis2": {"domain": [0, 0.27], "tickformat": ".0%", "range": [0, 1.05], "gridcolor": GRID},
        "shapes": [vline(threshold, ""), vline(threshold, "2")],
        "annotations": [
            subplot_title(
                f"Net savings{period_text(days)}, versus approving everything (USD)", 0.95
            ),
            subplot_title(
                "Share of flags that are fraud (precision) and of fraud caught (recall)", 0.28
            ),
            {
                "x": np.log10(max(threshold, 1e-3)),
                "y": 0.03,
                "xref": "x",
                "yref": "y domain",
                "text": f" your threshold {threshold_text(threshold)} ",
                "showarrow": False,
                "xanchor": "left" if threshold < 0.1 else "right",
                "font": {"color": CHOSEN},
            },
        ],
    }


def savings_curve_figure(
    table: pd.DataFrame, analysis: FraudAnalysis, threshold: float
) -> go.Figure:
    """Net savings against threshold, with its band and the peaks of money, F1 and accuracy;
    precision and recall on the same threshold axis below.

    Parameters
    ----------
    table : DataFrame
        ``fraud.view.curve_table``: one row per grid threshold.
    analysis : FraudAnalysis
        For the best-threshold markers.
    threshold : float
        The chosen threshold, marked on both panels.
    """
    x = table["threshold"].to_numpy()
    savings = {
        "type": "scatter",
        "x": x,
        "y": table["net_savings_usd"].to_numpy(),
        "name": "Net savings",
        "line": {"color": MONEY, "width": 3},
        "hovertemplate": "%{y:$,.0f}<extra>net savings</extra>",
    }
    traces = [*_band_traces(x, table), savings, *_marker_traces(analysis), *_rate_traces(x, table)]
    return go.Figure(data=traces, layout=_savings_layout(table, threshold, analysis.days))


def confusion_figure(snap: FraudSnapshot) -> go.Figure:
    """Outcomes in counts and in dollars side by side, scikit-learn's [[TN, FP], [FN, TP]].

    The money panel shows each outcome's own money: what false alarms cost, what caught fraud
    saves, and the fraud lost by missing it. Net savings are false alarms plus caught fraud:
    missed fraud is lost whether or not the model runs.

    Parameters
    ----------
    snap : FraudSnapshot
        The business view at one threshold.

    Returns
    -------
    plotly Figure
    """
    p = snap.point
    counts = np.array([[p.tn, p.fp], [p.fn, p.tp]])
    missed = -snap.missed_fraud_amount
    cell_value = np.array([[0.0, -snap.false_alarm_cost], [missed, snap.caught_fraud_value]])
    names = [["Good sales approved", "False alarms"], ["Missed fraud", "Caught fraud"]]
    count_text = [
        [f"{names[i][j]}<br><b>{counts[i, j]:,.0f}</b>" for j in range(2)] for i in range(2)
    ]
    money_text = [
        [f"{names[i][j]}<br><b>{money(cell_value[i, j])}</b>" for j in range(2)] for i in range(2)
    ]
    small = "<br><span style='font-size:12px'>{}</span>"
    money_text[0][1] += small.format("reviews and friction")
    money_text[1][0] += small.format("fraud lost")
    money_text[1][1] += small.format("fraud stopped, fees, reviews")
    limit = max(float(np.abs(cell_value).max()), 1.0)
    cells = {
        "type": "heatmap",
        "x": ["Approved", "Flagged"],
        "y": ["Legitimate", "Fraud"],
        "xgap": 3,
        "ygap": 3,
        "texttemplate": "%{text}",
        "textfont": {"size": 16},
        "showscale": False,
        "hoverinfo": "skip",
    }
    traces = [
        {
            **cells,
            "z": np.log1p(counts),
            "text": count_text,
            "zmin": 0,
            "colorscale": [[0, "#f3f6f9"], [1, "#9ecae1"]],
        },
        {
            **cells,
            "z": cell_value,
            "text": money_text,
            "zmin": -limit,
            "zmax": limit,
            "colorscale": [[0, "#f1948a"], [0.5, "#f8f9f9"], [1, "#82e0aa"]],
            "xaxis": "x2",
            "yaxis": "y2",
        },
    ]
    return go.Figure(data=traces, layout=_confusion_layout())


def _confusion_layout() -> dict:
    """Two 2x2 panels side by side, rows read top-down as in scikit-learn's matrix."""
    x_axis = {"title": {"text": "Model decision"}, "showgrid": False}
    return {
        **BASE_LAYOUT,
        "height": 300,
        "hovermode": False,
        "xaxis": {**x_axis, "domain": [0, 0.48]},
        "xaxis2": {**x_axis, "domain": [0.52, 1], "anchor": "y2"},
        "yaxis": {"autorange": "reversed", "title": {"text": "Actually"}, "showgrid": False},
        "yaxis2": {
            "autorange": "reversed",
            "showticklabels": False,
            "anchor": "x2",
            "showgrid": False,
        },
        "annotations": [
            {**subplot_title("Transactions", 1.0), "x": 0.24},
            {**subplot_title("Money in each outcome (USD)", 1.0), "x": 0.76},
        ],
    }


def policies_figure(rows: list[Policy], days: float | None = None) -> go.Figure:
    """Net savings of each decision rule, each labelled with its accuracy.

    Parameters
    ----------
    rows : list of Policy
        Named decision rules, from ``policies``.
    days : float, optional
        Calendar days the data spans, for the axis title.

    Returns
    -------
    plotly Figure
    """
    ordered = rows[::-1]
    savings = [r.net_savings for r in ordered]
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": savings,
        "y": [
            f"<b>{r.name}</b><br>accuracy {r.accuracy:.2%} · {r.flagged:,.0f} flagged"
            for r in ordered
        ],
        "marker": {"color": [MONEY if v > 0 else NEUTRAL for v in savings]},
        "text": [money(v) for v in savings],
        "textposition": "outside",
        "cliponaxis": False,
        "hoverinfo": "skip",
    }
    layout = {
        **BASE_LAYOUT,
        "height": 90 + 60 * len(rows),
        "hovermode": False,
        "showlegend": False,
        "xaxis": {
            "tickformat": MONEY_TICKS,
            "title": {"text": f"Net savings{period_text(days)} (USD)"},
            "gridcolor": GRID,
            "range": [min(0.0, *savings) * 1.15, max(1.0, *savings) * 1.15],
        },
    }
    return go.Figure(data=[bar], layout=layout)
