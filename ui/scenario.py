"""A page's inputs in its URL (st.query_params), under their widget keys: a link opens the
same view, and the URL follows the inputs as they move. Values from a link are checked:
a number outside its range is clamped, anything unreadable is ignored, each with a note."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint, fingerprint, new_scenario, read_scenario
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
        hold(params)
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


def hold(params: list[Param]) -> None:
    """Hand every input its current value again, before its widget is drawn.

    A value set from code (a link, a loaded scenario, a button) reaches the browser with the
    run that set it. If the next run starts before the browser has taken it (a loaded
    machine, a quick click), that run's widget carries only its default, the browser falls
    back to it and sends it back as if the user had moved it. Setting the value on every run
    sends it with every run.

    Parameters
    ----------
    params : list of Param

    Returns
    -------
    None
    """
    for param in params:
        if param.key in st.session_state:
            st.session_state[param.key] = st.session_state[param.key]


def to_url(params: list[Param], *, linkable: bool = True) -> None:
    """Write every input's current value to the URL (only what changed is written).

    A link can only reproduce a view on data it can reach: on an upload or a server log the
    URL is left alone (and writing it then raced the upload's own reruns).

    Parameters
    ----------
    params : list of Param
    linkable : bool
        Whether the page shows data a link reaches (a bundled sample).

    Returns
    -------
    None
    """
    if not linkable:
        return
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


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def scenario_box(
    page: str,
    params: list[Param],
    source: str,
    data_fingerprint: str,
    extra: dict | None = None,
) -> None:
    """Sidebar: save the page's inputs as a scenario file, or load one (its values checked as
    a link's are; loading it on other data says so). ``extra`` is saved too, and handed back
    on loading under ``<page>_scenario_extra`` for the page to check and use."""
    state = st.session_state
    inputs = {p.key: _json_value(state[p.key]) for p in params if p.key in state}
    if extra is not None:
        inputs["_extra"] = extra
    st.markdown("**Scenario**")
    st.download_button(
        "Save this scenario (JSON)",
        new_scenario(page, inputs, source, data_fingerprint).to_json(),
        file_name=f"valuelens_{page}_scenario.json",
        mime="application/json",
        key=f"{page}_scenario_save",
    )
    st.file_uploader(
        "Load a scenario",
        type=["json"],
        key=f"{page}_scenario_file",
        on_change=_load,
        args=(page, params, data_fingerprint),
    )
    for note in st.session_state.get(f"{page}_scenario_notes", []):
        st.caption(note)


def _load(page: str, params: list[Param], data_fingerprint: str) -> None:
    """Runs before the rerun, so the widgets take the loaded values."""
    upload = st.session_state.get(f"{page}_scenario_file")
    if upload is None:
        return
    try:
        scenario = read_scenario(upload.getvalue())
    except ValueError as error:
        st.session_state[f"{page}_scenario_notes"] = [f"Not loaded: {error}."]
        return
    if scenario.page != page:
        st.session_state[f"{page}_scenario_notes"] = [
            f"Not loaded: this scenario was saved on the {scenario.page} page; open it there."
        ]
        return
    notes = [f"Loaded the scenario saved {scenario.saved} with ValueLens {scenario.version}."]
    for param in params:
        if param.key in scenario.inputs:
            value, note = read(param, str(scenario.inputs[param.key]))
            if note:
                notes.append(note)
            if value is not None:
                set_kept(param.key, value)
    if "_extra" in scenario.inputs:
        st.session_state[f"{page}_scenario_extra"] = scenario.inputs["_extra"]
    if scenario.data_fingerprint != data_fingerprint:
        notes.append(
            f"It was saved on other data ({scenario.source}, {scenario.data_fingerprint}); its "
            "inputs are applied to the data shown now."
        )
    st.session_state[f"{page}_scenario_notes"] = notes


@st.cache_data(show_spinner=False, max_entries=16)
def sample_fingerprint(file_name: str) -> str:
    """The fingerprint of a bundled sample (its bytes, read once)."""
    return file_fingerprint(sample_path(file_name))


def data_identity(key: tuple, upload_keys: tuple[str, ...] = ()) -> tuple[str, str]:
    """What the page computes on, in words, and a fingerprint of its contents: a sample's
    file, the uploaded files' bytes, or a server log's path, size and time of change.

    Parameters
    ----------
    key : tuple
        The page's data key: ("sample", file name, ...), ("upload", ...) or ("log", path, ...).
    upload_keys : tuple of str
        The uploaders whose files make the data.

    Returns
    -------
    source, fingerprint : str
    """
    kind = key[0]
    if kind == "upload":
        files = [st.session_state.get(k) for k in upload_keys]
        files = [f for f in files if f is not None]
        names = ", ".join(f.name for f in files)
        return f"uploaded {names}", fingerprint(b"".join(f.getvalue() for f in files))
    if kind == "log":
        path = Path(key[1])
        stat = path.stat()
        stamp = f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}".encode()
        return f"server log {path.name}", fingerprint(stamp)
    return f"sample {key[1]}", sample_fingerprint(str(key[1]))
