"""Monitoring charts: value per chunk over time (reference band, realised, estimated with its
interval, alerts, the failures and the as-of date) and the drift heatmap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metrics.monitor.features import feature_words
from metrics.monitor.replay import Failure
from metrics.style import (
    BAND,
    BASE_LAYOUT,
    CHOSEN,
    GRID,
    LOSS,
    MONEY,
    MONEY_TICKS,
    NEUTRAL,
    chart_text,
    subplot_title,
)

ESTIMATE = "#1f77b4"
ESTIMATE_BAND = "rgba(31, 119, 180, 0.15)"
FAILED = "rgba(192, 57, 43, 0.08)"


def value_figure(
    table: pd.DataFrame,
    band: tuple[float, float],
    failures: list[Failure],
    as_of: object,
    *,
    unit: str = "week",
) -> go.Figure:
    """Value per chunk: the reference band, realised value where labels have arrived, the
    estimate with its 95% interval, alerts as red rings, failures shaded.

    Parameters
    ----------
    table : DataFrame
        ``Snapshot.table``.
    band : tuple of float
        The alert band (lower, upper).
    failures : list of Failure
        Shaded from start to end.
    as_of : date-like
        Marked with a vertical line.
    unit : str
        What a chunk is, for the axis title.

    Returns
    -------
    plotly Figure
    """
    x = pd.to_datetime(table["start"])
    est, real = table["estimated_value"], table["realized_value"]
    traces = [
        _line(x, table["estimated_upper"], "", ESTIMATE_BAND, fill=None, width=0),
        _line(x, table["estimated_lower"], "Estimate, 95% interval", ESTIMATE_BAND, "tonexty", 0),
        _line(x, est, "Estimated from scores", ESTIMATE, fill=None, width=2, dash="dot"),
        _line(x, real, "Realised (labels arrived)", MONEY, fill=None, width=3),
        _alerts(
            x, est, table["estimated_alert"].astype(bool), "Estimate out of band", "diamond-open"
        ),
        _alerts(x, real, table["realized_alert"].eq(True), "Realised out of band"),
    ]
    low, high = band
    shapes = [_span("y", low, high, BAND)]
    shapes += [
        _span("x", pd.Timestamp(f.start), pd.Timestamp(f.end) + pd.Timedelta(days=1), FAILED)
        for f in failures
    ]
    day = pd.Timestamp(as_of)
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": day,
            "x1": day,
            "y0": 0,
            "y1": 1,
            "line": {"color": CHOSEN, "dash": "dash", "width": 2},
        }
    )
    figure = go.Figure(data=traces)
    figure.update_layout(
        **BASE_LAYOUT,
        shapes=shapes,
        height=430,
        title={
            "text": f"What the model's decisions are worth per {unit} (USD; below $0 is a cost)",
            "x": 0,
        },
        legend={"orientation": "h", "y": -0.12},
        hovermode="x unified",
        annotations=[_note(pd.Timestamp(as_of), "as of", CHOSEN), _band_note(x, high)],
    )
    figure.update_yaxes(gridcolor=GRID, tickformat=MONEY_TICKS)
    return figure


def _span(axis: str, low: object, high: object, colour: str) -> dict:
    """A shaded band across the plot: between two values of ``axis``, full along the other."""
    other = "x" if axis == "y" else "y"
    return {
        "type": "rect",
        f"{axis}ref": axis,
        f"{other}ref": "paper",
        f"{axis}0": low,
        f"{axis}1": high,
        f"{other}0": 0,
        f"{other}1": 1,
        "fillcolor": colour,
        "line": {"width": 0},
        "layer": "below",
    }


def _line(x, y, name, colour, fill, width, dash=None) -> go.Scatter:
    return go.Scatter(
        x=x,
        y=y,
        name=name,
        showlegend=bool(name),
        mode="lines+markers" if width > 0 else "lines",
        fill=fill,
        fillcolor=colour if fill else None,
        line={"color": colour, "width": width, "dash": dash},
        marker={"size": 5},
        hovertemplate="%{y:$,.0f}",
        connectgaps=False,
    )


def _alerts(x, y, alert: pd.Series, name: str, symbol: str = "circle-open") -> go.Scatter:
    """Red open markers on the chunks out of band: rings for the realised value, diamonds
    for the estimate, so the legend tells them apart."""
    mask = alert.to_numpy()
    return go.Scatter(
        x=x[mask],
        y=np.asarray(y)[mask],
        name=name,
        mode="markers",
        marker={"symbol": symbol, "size": 15, "color": LOSS, "line": {"width": 2.5}},
        hoverinfo="skip",
    )


def _note(x, text: str, colour: str) -> dict:
    return {
        "x": x,
        "y": 1.0,
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "xanchor": "left",
        "font": {"color": colour},
    }


def _band_note(x: pd.Series, high: float) -> dict:
    return {
        "x": x.iloc[0],
        "y": high,
        "text": "normal range (reference weeks, mean ± 3 sd)",
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "bottom",
        "font": {"color": NEUTRAL, "size": 12},
    }


def drift_figure(drift: pd.DataFrame, *, cap: float = 1.0) -> go.Figure:
    """Feature x chunk heatmap of the population stability index; "frozen" where a column
    went constant.

    Parameters
    ----------
    drift : DataFrame
        ``drift_table`` rows for the chunks shown.
    cap : float
        PSI at which the colour saturates.

    Returns
    -------
    plotly Figure
    """
    # by chunk, not start: a reference and an analysis chunk may start on the same day
    psi = drift.pivot(index="feature", columns="chunk", values="psi")
    frozen = drift.pivot(index="feature", columns="chunk", values="constant").astype(bool)
    starts = drift.drop_duplicates("chunk").set_index("chunk")["start"]
    state = np.where(frozen.to_numpy(), "frozen: one value on every row", "")
    figure = go.Figure(
        go.Heatmap(
            z=np.minimum(psi.to_numpy(), cap),
            x=pd.to_datetime(starts.loc[psi.columns].to_numpy()),
            y=[chart_text(feature_words(feature)) for feature in psi.index],
            customdata=np.dstack([psi.to_numpy(), state]),
            colorscale=[[0, "#ffffff"], [0.2, "#fde2c8"], [1, LOSS]],
            zmin=0,
            zmax=cap,
            colorbar={"title": "PSI"},
            hovertemplate="%{y}, from %{x|%b %d}: PSI %{customdata[0]:.2f} %{customdata[1]}"
            "<extra></extra>",
        )
    )
    figure.update_layout(
        **BASE_LAYOUT,
        height=90 + 38 * len(psi.index),
        title={
            "text": "Population stability index of each input against the reference weeks",
            "x": 0,
        },
    )
    return figure


RATE_TITLES = {
    "roc_auc": "ROC AUC",
    "f1": "F1",
    "precision": "Precision",
    "recall": "Recall",
}
"""The ML metrics' small charts, in ``metrics.monitor.rates.METRICS`` order."""
RATES_TITLE = "The ML metrics at the production decisions, with their normal ranges"


def rates_figure(table: pd.DataFrame, ranges: dict[str, tuple[float, float]]) -> go.Figure:
    """One small chart per ML metric under the value chart: estimated (dotted) and realised
    per chunk, the normal range shaded, alerts as red rings.

    Parameters
    ----------
    table : DataFrame
        ``Snapshot.table``.
    ranges : dict of str to (float, float)
        ``metrics.monitor.rates.normal_ranges``.

    Returns
    -------
    plotly Figure
    """
    x = pd.to_datetime(table["start"])
    traces, shapes, layout = [], [], {}
    gap, width = 0.06, (1 - 0.06 * (len(RATE_TITLES) - 1)) / len(RATE_TITLES)
    for i, (name, title) in enumerate(RATE_TITLES.items()):
        axis = "" if i == 0 else str(i + 1)  # x, x2, ...: built directly, no subplot helper
        left = i * (width + gap)
        layout[f"xaxis{axis}"] = {
            "domain": [left, left + width], "anchor": f"y{axis}", "matches": "x" if i else None,
            "tickformat": "%b %d", "nticks": 4,
        }  # fmt: skip
        layout[f"yaxis{axis}"] = {"anchor": f"x{axis}", "gridcolor": GRID, "tickformat": ".2f"}
        layout.setdefault("annotations", []).append(
            subplot_title(title, 1.0) | {"x": left + width / 2, "xanchor": "center"}
        )
        estimated, realised = table[f"estimated_{name}"], table[f"realized_{name}"]
        alerted = table["alerts"].map(lambda names, n=name: f"realized_{n}" in names)
        hits = alerted | table["alerts"].map(lambda names, n=name: f"estimated_{n}" in names)
        hits = hits.to_numpy()
        for y, label, colour, dash in (
            (estimated, "Estimated from scores", ESTIMATE, "dot"),
            (realised, "Realised (labels arrived)", MONEY, None),
        ):
            traces.append({
                "type": "scatter", "x": x, "y": y, "name": label, "legendgroup": label,
                "showlegend": i == 0, "mode": "lines", "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                "line": {"color": colour, "width": 2, "dash": dash},
                "hovertemplate": "%{y:.3f}<extra></extra>", "connectgaps": False,
            })  # fmt: skip
        traces.append({
            "type": "scatter", "x": x[hits], "y": np.where(alerted, realised, estimated)[hits],
            "name": "Out of its normal range", "legendgroup": "alert", "showlegend": i == 0,
            "mode": "markers", "xaxis": f"x{axis}", "yaxis": f"y{axis}", "hoverinfo": "skip",
            "marker": {"symbol": "circle-open", "size": 11, "color": LOSS, "line": {"width": 2}},
        })  # fmt: skip
        low, high = ranges[name]
        if np.isfinite(low) and np.isfinite(high):
            shapes.append({
                "type": "rect", "xref": f"x{axis} domain", "yref": f"y{axis}", "x0": 0, "x1": 1,
                "y0": low, "y1": high, "fillcolor": BAND, "line": {"width": 0}, "layer": "below",
            })  # fmt: skip
    return go.Figure(
        data=traces,
        layout={
            **BASE_LAYOUT,
            **layout,
            "shapes": shapes,
            "height": 260,
            "legend": {"orientation": "h", "y": -0.25},
            "title": {"text": RATES_TITLE, "x": 0},
        },
        skip_invalid=True,  # plain dicts written here: a quarter of the validation time
    )
