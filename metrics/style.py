"""The plotly theme every chart shares: colours, base layout and small layout helpers."""

from __future__ import annotations

import html

MONEY = "#1b7f5a"
BAND = "rgba(27, 127, 90, 0.15)"
LOSS = "#c0392b"
NEUTRAL = "#5b6770"
F1_COLOUR = "#7b4fb3"
ACCURACY_COLOUR = "#d68910"
CHOSEN = "#1f4e79"
GRID = "#eceff1"
LOG_TICKS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
MONEY_TICKS = "$,.0f"
"""Every money axis: the dollar sign and every digit (``$3,500,000``, ``-$8,000``)."""
MODEL_COLOURS = ("#1b7f5a", "#1f4e79", "#d68910", "#7b4fb3", "#c0392b", "#17a2b8", "#5b6770")
"""One colour per model where models are compared side by side (up to seven, then again)."""
MODEL_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "x", "hexagon")
"""With ``MODEL_COLOURS``: no two models drawn alike, in colour or in shape."""
ORDERED = ("#08306b", "#2171b5", "#4292c6", "#41ab5d", "#a1d76a", "#d9a400", "#e6550d", "#a50f15")
"""Distinct colours for an ordered family of lines (cadences, data qualities): dark blue for
the first through green and amber to dark red for the last; no two alike."""
BASE_LAYOUT = {
    "font": {"family": "Source Sans Pro, sans-serif", "size": 14},
    "plot_bgcolor": "white",
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
}


def subplot_title(text: str, y: float) -> dict:
    """A subplot title as a paper-anchored annotation.

    Parameters
    ----------
    text : str
        Title text.
    y : float
        Vertical position in paper coordinates (0 bottom, 1 top).

    Returns
    -------
    dict
        A plotly annotation.
    """
    return {
        "text": text,
        "x": 0.5,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "center",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 15, "color": NEUTRAL},
    }


def vline(x: float, axis: str) -> dict:
    """A dashed vertical line at ``x`` across one subplot, in the colour of the chosen setting.

    Parameters
    ----------
    x : float
        Position on the subplot's x axis.
    axis : str
        Axis suffix: '' for the first subplot, '2' for the second.

    Returns
    -------
    dict
        A plotly shape.
    """
    line = {"color": CHOSEN, "width": 2, "dash": "dash"}
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": f"x{axis}",
        "y0": 0,
        "y1": 1,
        "yref": f"y{axis} domain",
        "line": line,
    }


def chart_text(value: object, limit: int = 60) -> str:
    """Text from outside (a column name, a segment, a model) as a plotly label shows it: cut
    to ``limit`` characters, its ``<``, ``>`` and ``&`` as entities, since plotly reads a
    subset of HTML in labels (links included).

    Parameters
    ----------
    value : object
    limit : int

    Returns
    -------
    str
    """
    text = " ".join(str(value).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return html.escape(text, quote=False)


def ordered_colours(n: int) -> list[str]:
    """``n`` distinct colours from ``ORDERED``, spread over it so the first and the last keep
    its ends.

    Parameters
    ----------
    n : int
        At most ``len(ORDERED)``.

    Returns
    -------
    list of str
    """
    if n > len(ORDERED):
        raise ValueError(f"at most {len(ORDERED)} ordered colours, not {n}")
    if n == 1:
        return [ORDERED[0]]
    step = (len(ORDERED) - 1) / (n - 1)
    return [ORDERED[round(i * step)] for i in range(n)]
