"""A page's inputs in its URL (st.query_params), under their widget keys: a link opens the
same view, and the URL follows the inputs as they move. Values from a link are checked
against the page's description of its inputs (``metrics.core.params``): a number outside its
range is clamped, anything unreadable is ignored, each with a note shown as inert text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from metrics.core.opened import opened
from metrics.core.params import Param, check_inputs, check_value, read_link, shown
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint, fingerprint, new_scenario, read_scenario
from metrics.core.scenario_inputs import ScenarioInputs
from ui.common import inert_box, set_kept


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
        value, note = read_link(param, raw)
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
    """One line for a link's values that could not be used as given (inert text: a link's
    value can hold Markdown, HTML or LaTeX, and is shown as the characters it is)."""
    if notes:
        inert_box("From the link:", "; ".join(notes) + ".", kind="warning")


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def scenario_box(
    page: str,
    params: list[Param],
    source: str,
    data_fingerprint: str,
    extra: dict | None = None,
    check_extra: Callable[[ScenarioInputs], object] | None = None,
) -> None:
    """Sidebar: save the page's inputs as a scenario file, or load one (checked whole against
    the page's description of its inputs, as ``valuelens report`` checks it; loading it on
    other data says so). ``extra`` is saved too; on loading, ``check_extra`` reads it from
    the scenario's inputs (raising ValueError as the command line would) and what it returns
    is handed back under ``<page>_scenario_extra`` for the page to use.

    The box opens on a click and only then draws its buttons: a save button and an uploader
    on every page held each page's first view back (``benchmarks/bench_page_load.py``)."""
    box = st.expander(
        "Scenario: save or load", key=f"{page}_scenario_box", on_change="rerun", width="stretch"
    )
    if not box.open:
        return
    with box:
        _scenario_buttons(page, params, source, data_fingerprint, extra, check_extra)


def _scenario_buttons(
    page: str,
    params: list[Param],
    source: str,
    data_fingerprint: str,
    extra: dict | None,
    check_extra: Callable[[ScenarioInputs], object] | None,
) -> None:
    state = st.session_state
    inputs = {p.key: _json_value(state[p.key]) for p in params if p.key in state}
    if extra is not None:
        inputs["_extra"] = extra
    st.download_button(
        "Save this scenario (JSON)",
        lambda: new_scenario(page, inputs, source, data_fingerprint).to_json(),  # on a click:
        file_name=f"valuelens_{page}_scenario.json",  # no file fetched with every page view
        mime="application/json",
        key=f"{page}_scenario_save",
        on_click="ignore",
    )
    st.file_uploader(
        "Load a scenario",
        type=["json"],
        key=f"{page}_scenario_file",
        on_change=_load,
        args=(page, params, data_fingerprint, check_extra),
    )
    for note in st.session_state.get(f"{page}_scenario_notes", []):
        inert_box("", note, kind="caption")


def _load(
    page: str,
    params: list[Param],
    data_fingerprint: str,
    check_extra: Callable[[ScenarioInputs], object] | None,
) -> None:
    """Runs before the rerun, so the widgets take the loaded values."""
    upload = st.session_state.get(f"{page}_scenario_file")
    if upload is None:
        return
    try:
        scenario = read_scenario(upload.getvalue(), source=upload.name)
        if scenario.page != page:
            raise ValueError(
                f"this scenario was saved on the {shown(scenario.page)} page; open it there"
            )
        check_inputs(params, scenario.inputs, page=page, source=upload.name)
        extra = None if check_extra is None else check_extra(scenario.inputs)
    except ValueError as error:
        st.session_state[f"{page}_scenario_notes"] = [f"Not loaded: {error}."]
        return
    notes = [
        f"Loaded the scenario saved {shown(scenario.saved)} with ValueLens "
        f"{shown(scenario.version)}."
    ]
    for param in params:
        if param.key in scenario.inputs:
            set_kept(param.key, check_value(param, scenario.inputs[param.key], source=upload.name))
    if extra is not None:
        st.session_state[f"{page}_scenario_extra"] = extra
    if scenario.data_fingerprint != data_fingerprint:
        notes.append(
            f"It was saved on other data ({shown(scenario.source)}, "
            f"{shown(scenario.data_fingerprint)}); its inputs are applied to the data shown now."
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
        if not files:  # the file the dashboard was started with stands in for an upload
            started = opened()
            files = [f for f in (started.data, started.reference, started.analysis) if f]
            return f"file {', '.join(f.name for f in files)}", fingerprint(
                b"".join(f.getvalue() for f in files)
            )
        names = ", ".join(f.name for f in files)
        return f"uploaded {names}", fingerprint(b"".join(f.getvalue() for f in files))
    if kind == "log":
        path = Path(key[1])
        stat = path.stat()
        stamp = f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}".encode()
        return f"server log {path.name}", fingerprint(stamp)
    return f"sample {key[1]}", sample_fingerprint(str(key[1]))
