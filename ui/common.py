"""Widgets shared by the pages: framing strip, cost inputs, routing (UI only)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from metrics.core.data_folder import data_folder_entries, data_path
from metrics.core.format import Tile
from metrics.core.html_report import ReportSection, render_report
from metrics.core.log_sample import sample_rows
from metrics.core.params import as_html
from metrics.glossary import explain

T = TypeVar("T")


def route_through_app() -> None:
    """Run this page through app.py's navigation even on a server's very first request.

    Streamlit decides once per process, from the mere presence of a ``pages/`` folder beside
    app.py, to run page scripts on their own (its pre-``st.navigation`` multipage mode) until
    app.py has called ``st.navigation``. A link to a page opened first after a restart would
    then miss app.py's sidebar and settings. There is no public switch for this, and renaming
    ``pages/`` (the design card's home for page scripts) would only hide the problem, so the
    private flag ``PagesManager.uses_pages_directory`` is cleared and the run restarted.
    tests/app/test_browser.py opens a page URL as a fresh server's first request and fails
    if a Streamlit upgrade changes this flag.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


RESTART_SAFE_EVERY = "1h"
"""``run_every`` for fragments: any automatic rerun makes Streamlit's browser client ask for a
full page run when it reconnects (after a server restart), which recreates the fragments.
Without one, a slider inside a fragment is dead after a restart: its fragment is unknown to
the new session and the request is dropped. Once an hour the fragment reruns on its own, a
lookup that costs milliseconds."""


def sign_in_required() -> bool:
    """True when sign-in is configured (an ``[auth]`` section in ``.streamlit/secrets.toml``,
    for Streamlit's OIDC ``st.login``) and this viewer has not signed in. Off by default."""
    try:
        configured = "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        configured = False
    return configured and not getattr(st.user, "is_logged_in", False)


def sign_in_screen() -> None:
    """The only thing a signed-out viewer sees when sign-in is configured."""
    st.title("ValueLens")
    st.markdown("Sign in with your organisation's account to see the dashboard.")
    st.button("Sign in", on_click=st.login, type="primary")


def plain(text: str) -> str:
    """Text for Streamlit markdown: dollar signs shown as such, not read as LaTeX (inside a
    code span, where a value from outside is quoted, every character already is)."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(p if p.startswith("`") else p.replace("$", "\\$") for p in parts)


def framing_strip(objective: str, output: str, loss: str, ml_metric: str, business: str) -> None:
    """The problem framing every use-case page opens with (DESIGN.md principle 6)."""
    steps = [
        ("Business objective", objective),
        ("Model output", output),
        ("Training loss", loss),
        ("ML metric", ml_metric),
        ("Business metric", business),
    ]
    cells = "".join(
        f"<div class='vl-step'><div class='vl-step-title'>{title}</div>{text}</div>"
        + ("<div class='vl-arrow'>→</div>" if i < len(steps) - 1 else "")
        for i, (title, text) in enumerate(steps)
    )
    st.html(
        "<style>.vl-strip{display:flex;align-items:stretch;gap:6px;margin:0 0 8px 0}"
        ".vl-step{flex:1;background:#f3f6f9;border-radius:8px;padding:8px 10px;"
        "font-size:0.92rem;line-height:1.3}.vl-step-title{font-size:0.75rem;color:#5b6770;"
        "text-transform:uppercase;letter-spacing:0.04em;margin-bottom:2px}"
        ".vl-arrow{align-self:center;color:#90a4ae;font-size:1.2rem}</style>"
        f"<div class='vl-strip'>{cells}</div>"
    )


def words_box(terms: tuple[str, ...]) -> None:
    """The jargon on this page, each term in plain words from the one glossary, in a box
    that opens on a click (a test checks every term the page shows is in it)."""
    with st.expander("What the words on this page mean", icon=":material/menu_book:"):
        st.markdown("\n".join(f"- **{term}**: {explain(term)}" for term in terms))


def restore(key: str, default: object) -> None:
    """Hand a widget the value it had when its page was last left.

    Streamlit forgets a widget's value when its page is left, so every kept widget's value is
    also stored under ``kept_<key>`` (see ``remember``) and given back before the widget is
    drawn. Call it just before the widget, and create the widget without ``value=``.
    """
    st.session_state[key] = st.session_state.get(f"kept_{key}", st.session_state.get(key, default))


def remember(key: str) -> None:
    """``on_change`` callback: store the widget's new value for ``restore``."""
    st.session_state[f"kept_{key}"] = st.session_state[key]


def set_kept(key: str, value: object) -> None:
    """Set a kept widget's value from code (a button, a link), for now and later visits."""
    st.session_state[key] = value
    st.session_state[f"kept_{key}"] = value


def kept_number_input(label: str, *, key: str, default: float, **kwargs: object) -> float:
    """A number input whose value survives a visit to another page."""
    restore(key, default)
    return st.number_input(label, key=key, on_change=remember, args=(key,), **kwargs)


def session_memo(slot: str, key: Hashable, compute: Callable[[], T]) -> T:
    """The value computed for ``key`` in this browser session, computed once.

    Only the latest key is held, in the session's own state: an upload's data is released
    when another file replaces it or the session ends, and never shared with other users.
    """
    held = st.session_state.get(slot)
    if held is None or held[0] != key:
        st.session_state.pop(slot, None)  # free the old value before building the new one
        st.session_state[slot] = (key, compute())
    return st.session_state[slot][1]


def chosen_or_sample(choose: Callable[[], T], sample: Callable[[], T]) -> tuple[T, str | None]:
    """The data the user chose, or the sample and why the choice cannot be used yet.

    Parameters
    ----------
    choose : callable
        Draws the data choice; raises ValueError with a message for the user.
    sample : callable
        The sample that stands in.

    Returns
    -------
    data, problem : the choice (or the sample) and the message (or None)
    """
    try:
        return choose(), None
    except ValueError as error:
        return sample(), str(error)


def show_problem(problem: str | None) -> bool:
    """Say why the user's file is not shown (the sample is, until it is fixed), if it is not.

    Parameters
    ----------
    problem : str or None

    Returns
    -------
    bool
        Whether there was a problem to show.
    """
    if problem:
        error_box("Your file cannot be used:", f"{problem}. The sample is shown until it is fixed.")
    return bool(problem)


INERT_STYLES = {
    "error": "background:#fdecea;color:#7d1d15;border-radius:8px;padding:12px 16px",
    "warning": "background:#fff8e1;color:#5d4300;border-radius:8px;padding:12px 16px",
    "caption": "color:#5b6770;font-size:0.875rem",
}
"""How an inert box looks: an error, a warning, or a caption's small grey print."""


def inert_box(title: str, detail: str, *, kind: str = "error") -> None:
    """Text with outside values in it (a link's value, a file, column or model name, a cell),
    shown as the characters it is.

    Markdown would turn such text into links, images, HTML or LaTeX (a value holding
    ``[Click](https://...)``, ``![t](https://...)`` or ``$x^2$``), and escaping does not stop
    bare URLs from being linked, so the box is plain HTML with every character escaped. A
    value quoted in backticks (``metrics.core.params.shown``) is shown as code.

    Parameters
    ----------
    title : str
        Bold first words ("" for none).
    detail : str
    kind : {'error', 'warning', 'caption'}
    """
    role = " role='alert'" if kind == "error" else ""
    bold = f"<b>{html.escape(title)}</b> " if title else ""
    body = as_html(detail)
    st.html(
        f"<div{role} class='vl-{kind}' style='{INERT_STYLES[kind]};line-height:1.5'>"
        f"{bold}{body}</div>"
    )


def error_box(title: str, detail: str) -> None:
    """An error with user text in it (a cell value, a file or column name), shown literally
    (``inert_box``)."""
    inert_box(title, detail, kind="error")


def lazy_sections(sections: dict[str, Callable[[], None]], *, key: str) -> None:
    """One tab per section, and only the chosen tab's section runs and draws.

    A page's first view is its headline, its tiles and its first section: the others are a
    click away, and their charts are neither built nor drawn until then (a page drawing five
    charts at once took twice as long to show as one with a single chart). The chosen tab is
    kept in the session under ``key``.

    Parameters
    ----------
    sections : dict of str to callable
        Each tab's label and the function that draws its content, in the order shown.
    key : str
        The session-state key of the chosen tab's label.
    """
    tabs = st.tabs(list(sections), key=key, on_change="rerun")
    for tab, draw in zip(tabs, sections.values(), strict=True):
        if tab.open:
            with tab:
                draw()


def tile_row(tiles: list[Tile]) -> None:
    """KPI tiles side by side; a change is green when it goes the tile's better way."""
    for col, tile in zip(st.columns(len(tiles)), tiles, strict=True):
        col.metric(
            tile.label,
            tile.value,
            delta=tile.delta,
            delta_color="normal" if tile.better == "higher" else "inverse",
            delta_arrow="auto" if tile.arrow else "off",
            help=tile.help,
        )
        if tile.note:
            col.caption(plain(tile.note))


def data_folder_file(data_dir: str, key: str) -> str | None:
    """A Parquet file or folder of the operator's data folder, picked in the sidebar; None,
    with a note, while the folder holds none. Only what is in the folder can be opened."""
    entries = data_folder_entries(data_dir)
    if not entries:
        st.info(f"The data folder holds no Parquet files yet ({data_dir}).")
        return None
    relative = st.selectbox(
        "File or folder in the data folder",
        entries,
        key=key,
        help="The operator sets the data folder (VALUELENS_DATA_DIR); only what is in it can "
        "be opened.",
    )
    return str(data_path(data_dir, relative))


@st.cache_data(max_entries=8, show_spinner=False, ttl=3600)
def log_sample(path: str):
    """A few rows of a big log, for picking its columns (cached: the log is not re-read)."""
    return sample_rows(path)


def report_button(page: str, section: Callable[[], ReportSection]) -> None:
    """The page's review report as a download; built only when it is clicked."""

    def build() -> str:
        made = section()
        return render_report([made], title=made.question)

    st.download_button(
        "Download the review report (HTML)",
        build,
        file_name=f"valuelens_{page}_report.html",
        mime="text/html",
        on_click="ignore",
    )
