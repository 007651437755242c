"""Adaptation charts: cumulative net value of each retraining cadence, value lost with a
model's age, and the learning curves of mind versus data."""

from __future__ import annotations

import datetime as dt

import numpy as np
import plotly.graph_objects as go

from metrics.adapt.results import GridCell
from metrics.adapt.schedule import NEVER
from metrics.adapt.view import CadenceRow, Staleness, cadence_text
from metrics.style import BASE_LAYOUT, GRID, LOSS, MONEY, MONEY_TICKS, ordered_colours


def cadence_figure(rows: list[CadenceRow], chosen: int, dates: list[dt.date]) -> go.Figure:
    """Cumulative net value (value minus retraining cost) of every cadence over the days,
    against never retraining: what each schedule has earned its keep by each date.

    Parameters
    ----------
    rows : list of CadenceRow
    chosen : int
        The cadence drawn in the accent colour.
    dates : list of date
        The scored days.

    Returns
    -------
    go.Figure
    """
    fig = go.Figure()
    never = next(r for r in rows if r.cadence == NEVER).cumulative
    for row, colour in zip(rows, ordered_colours(len(rows)), strict=True):
        mine = row.cadence == chosen
        fig.add_trace(
            go.Scatter(
                x=dates,
                y=row.cumulative - never,
                name=cadence_text(row.cadence) + (" (yours)" if mine else ""),
                mode="lines",
                line={"color": colour, "width": 4 if mine else 1.6},
                hovertemplate="%{x|%b %d}: $%{y:,.0f}<extra>" + cadence_text(row.cadence)
                + "</extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        **BASE_LAYOUT,
        title="Net value since launch against never retraining, after retraining costs",
        yaxis={
            "title": {"text": "Net value (USD)"},
            "gridcolor": GRID,
            "tickformat": MONEY_TICKS,
            "automargin": True,
        },
        xaxis={"gridcolor": GRID},
        legend={"title": {"text": "Retrain"}},
        height=420,
    )
    return fig


def age_figure(stale: Staleness) -> go.Figure:
    """Value a year lost by a model of each age against one retrained that day.

    Parameters
    ----------
    stale : Staleness

    Returns
    -------
    go.Figure
    """
    ages = np.arange(len(stale.by_age))
    fig = go.Figure(
        go.Bar(
            x=ages,
            y=stale.by_age,
            marker={"color": np.where(stale.by_age < 0, LOSS, MONEY)},
            hovertemplate="%{x} days old: $%{y:,.0f} a year<extra></extra>",
        )
    )
    fig.update_layout(
        **BASE_LAYOUT,
        title="What a model's age costs: value a year against a model retrained that day",
        xaxis={"title": {"text": "Days since the model was trained"}, "gridcolor": GRID},
        yaxis={
            "title": {"text": "Value lost (USD a year)"},
            "gridcolor": GRID,
            "tickformat": MONEY_TICKS,
            "automargin": True,
        },
        height=360,
    )
    return fig


def learning_figure(curves: dict[str, list[GridCell]], chosen: str, *, title: str) -> go.Figure:
    """Value a year against training-set size, one line per data quality.

    Parameters
    ----------
    curves : dict of str to list of GridCell
        Line name to its cells, by size.
    chosen : str
        The line drawn in the accent colour.
    title : str

    Returns
    -------
    go.Figure
    """
    fig = go.Figure()
    sizes = sorted({c.rows for cells in curves.values() for c in cells})
    for (name, cells), colour in zip(curves.items(), ordered_colours(len(curves)), strict=True):
        mine = name == chosen
        fig.add_trace(
            go.Scatter(
                x=[c.rows for c in cells],
                y=[c.value_a_year for c in cells],
                customdata=[c.roc_auc for c in cells],
                name=name + (" (yours)" if mine else ""),
                mode="lines+markers",
                line={"color": colour, "width": 4 if mine else 1.6},
                hovertemplate="%{x:,} rows: $%{y:,.0f} a year, ROC AUC %{customdata:.3f}"
                "<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(
        **BASE_LAYOUT,
        title=title,
        xaxis={
            "title": {"text": "Training rows"},
            "type": "log",
            "tickvals": sizes,
            "ticktext": [f"{n:,}" for n in sizes],
            "gridcolor": GRID,
        },
        yaxis={
            "title": {"text": "Net savings a year (USD)"},
            "gridcolor": GRID,
            "tickformat": MONEY_TICKS,
            "automargin": True,
        },
        height=430,
        legend={"orientation": "h", "y": -0.25, "x": 0},
    )
    return fig
