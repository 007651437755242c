"""The home page's one-screen summary: each use case's headline in dollars a year at the
settings last used in this session (pages leave it here as they run)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from metrics.core.format import money


@dataclass(frozen=True)
class Headline:
    """One use case's figure people quote."""

    value: float
    label: str
    how: str
    interval: tuple[float, float] | None = None


def remember_headline(
    page: str,
    value: float,
    label: str,
    how: str,
    interval: tuple[float, float] | None = None,
) -> None:
    """Leave a page's headline for the home page.

    Parameters
    ----------
    page : str
        The page's URL path.
    value : float
        Currency units (a year where the data allows).
    label : str
        What the figure is.
    how : str
        How it was scaled or measured.
    interval : tuple of float, optional
        Its 95% interval, scaled the same way.
    """
    st.session_state[f"headline_{page}"] = Headline(value, label, how, interval)


def headline_of(page: str) -> Headline | None:
    """The headline a page left in this session, if it ran.

    Parameters
    ----------
    page : str

    Returns
    -------
    Headline or None
    """
    return st.session_state.get(f"headline_{page}")


def summary_tile(column, page: str, script: str, title: str, default: Headline | None) -> None:
    """One use case: its headline (or the sample's, or a note), and the way to its page."""
    shown = headline_of(page) or default
    with column:
        if shown is None:
            st.metric(title, "—", help="Open the page to compute it.")
            st.caption("not opened in this session yet")
        else:
            st.metric(title, money(shown.value), help=f"{shown.label}; {shown.how}.")
            st.caption(shown.label)
        st.page_link(script, label=f"Open {title[0].lower()}{title[1:]}")
