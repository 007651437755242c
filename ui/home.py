"""The home page's one-screen summary: each use case's headline in dollars a year at the
settings last used in this session (pages leave it here as they run), or at the page's
defaults until then."""

from __future__ import annotations

import streamlit as st

from metrics.core.format import Headline, money

SUMMARIES = {
    "fraud": "Fraud detection",
    "ads": "Search ads",
    "feed": "Newsfeed ranking",
    "decide": "Your model",
    "monitor": "Monitoring",
    "model_value": "Metric improvement",
    "roi": "Realistic ROI",
    "adapt": "Retraining",
}
"""The pages the home page sums up, by URL path, with their titles."""


def remember_headline(page: str, headline: Headline) -> None:
    """Leave a page's headline for the home page.

    Parameters
    ----------
    page : str
        The page's URL path.
    headline : Headline
    """
    st.session_state[f"headline_{page}"] = headline


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


@st.cache_resource(show_spinner=False, max_entries=16)
def default_headline(page: str) -> Headline | None:
    """A page's headline at its defaults on its sample, as its report section rebuilds it
    from a scenario with no inputs; computed once for the server.

    Parameters
    ----------
    page : str

    Returns
    -------
    Headline or None
    """
    from metrics.core.scenario import new_scenario
    from metrics.pack.sections import section_for

    return section_for(new_scenario(page, {}, "", "")).headline


def summary_tile(column, page: str, script: str, title: str) -> None:
    """One use case: its headline in this session (or at its defaults), and the way to its
    page."""
    shown = headline_of(page) or default_headline(page)
    opened = headline_of(page) is not None
    with column:
        st.metric(title, money(shown.value), help=f"{shown.label}; {shown.how}.")
        st.caption(shown.label + ("" if opened else " (at the page's defaults)"))
        st.page_link(script, label=f"Open {title[0].lower()}{title[1:]}")
