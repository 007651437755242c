"""A page's inputs in its URL (st.query_params), under their widget keys: a link opens the
same view, and the URL follows the inputs as they move. Values from a link are checked:
a number outside its range is clamped, anything unreadable is ignored, each with a note."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import streamlit as st

from ui.common import set_kept


@dataclass(frozen=True)
class Param:
    """One input a link can set.

    Attributes
    ----------
    key : str
        The widget's key, also the URL parameter's name.
    kind : {'float', 'int', 'choice', 'grid', 'date'}
        A grid is a number that must be one of ``options`` (the nearest is taken).
    low, high : float, optional
        The range a number is clamped to.
    options : tuple, optional
        The values a choice, a grid or a date may take.
    """

    key: str
    kind: str = "float"
    low: float | None = None
    high: float | None = None
    options: tuple = ()


def read(param: Param, raw: str) -> tuple[object | None, str | None]:
    """The value a link asks for, checked: (value or None, note or None).

    Parameters
    ----------
    param : Param
    raw : str
        The URL parameter as text.

    Returns
    -------
    value : object or None
        None when the text cannot be used.
    note : str or None
        What was done about a bad value.
    """
    if param.kind == "choice":
        for option in param.options:
            if str(option) == raw:
                return option, None
        return None, f"{param.key}={raw} is not one of the choices and was ignored"
    if param.kind == "date":
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            return None, f"{param.key}={raw} is not a date (YYYY-MM-DD) and was ignored"
        if param.options and day not in param.options:
            near = min(param.options, key=lambda d: abs((d - day).days))
            return near, f"{param.key}={raw} is outside the data; {near} is shown"
        return day, None
    try:
        number = float(raw)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        return None, f"{param.key}={raw} is not a number and was ignored"
    if param.kind == "grid":
        near = min(param.options, key=lambda option: abs(option - number))
        moved = None if near == number else f"{param.key}={raw} is not offered; {near:g} is used"
        return near, moved
    low = -math.inf if param.low is None else param.low
    high = math.inf if param.high is None else param.high
    clamped = min(max(number, low), high)
    value = round(clamped) if param.kind == "int" else clamped
    if clamped != number:
        return value, f"{param.key}={raw} is outside {low:g} to {high:g}; {value:g} is used"
    return value, None


def from_url(page: str, params: list[Param]) -> list[str]:
    """Once per session and page, put the link's values into the inputs (kept across pages);
    return the notes about values that were clamped or ignored.

    Parameters
    ----------
    page : str
        The page's name, so each page reads its link once.
    params : list of Param

    Returns
    -------
    list of str
    """
    flag = f"url_read_{page}"
    if st.session_state.get(flag):
        return []
    st.session_state[flag] = True
    notes = []
    for param in params:
        raw = st.query_params.get(param.key)
        if raw is None:
            continue
        value, note = read(param, raw)
        if note:
            notes.append(note)
        if value is not None:
            set_kept(param.key, value)
    return notes


def to_url(params: list[Param]) -> None:
    """Write every input's current value to the URL (only what changed is written).

    Parameters
    ----------
    params : list of Param

    Returns
    -------
    None
    """
    for param in params:
        if param.key not in st.session_state:
            continue
        text = _text(st.session_state[param.key])
        if st.query_params.get(param.key) != text:
            st.query_params[param.key] = text


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def show_notes(notes: list[str]) -> None:
    """One line for a link's values that could not be used as given."""
    if notes:
        st.warning("From the link: " + "; ".join(notes) + ".")
