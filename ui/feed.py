"""Feed page widgets: cached loaders, filter inputs and the KPI tiles (UI only)."""

from __future__ import annotations

import streamlit as st

from metrics.feed.data import load_feed_sample
from metrics.feed.frontier import ParetoSweep, pareto_sweep
from metrics.feed.model import Blendable, FilterThresholds, blendable
from metrics.feed.ranking import Revenue
from metrics.feed.story import FeedSample
from metrics.feed.view import FeedView
from metrics.feed.view import outcome_tiles as outcome_tile_specs
from ui.common import tile_row
from ui.scenario import Param


@st.cache_resource(show_spinner="Loading users and posts…")
def sample() -> FeedSample:
    return load_feed_sample()


@st.cache_resource(show_spinner="Filtering and ranking the candidates once…", max_entries=8)
def prepared(thresholds: FilterThresholds) -> Blendable:
    return blendable(sample().data, thresholds)


@st.cache_resource(show_spinner="Sweeping the weights…", max_entries=16)
def sweep(thresholds: FilterThresholds, k: int, revenue: Revenue) -> ParetoSweep:
    return pareto_sweep(sample().data, prepared(thresholds), k=k, revenue=revenue)


def filter_inputs() -> FilterThresholds:
    st.markdown("**Harmful-content filters**")
    st.caption("A post is removed when a classifier's score is at least its threshold.")
    default = FilterThresholds()
    values = {
        harm: st.slider(
            label, 0.05, 1.0, getattr(default, harm), step=0.05, key=f"feed_filter_{harm}"
        )
        for harm, label in (("spam", "Spam"), ("nsfw", "NSFW"), ("misinfo", "Misinformation"))
    }
    return FilterThresholds(**values)


def revenue_inputs() -> Revenue:
    default = Revenue()
    per_click = st.number_input(
        "Ad revenue per click, USD",
        min_value=0.0,
        max_value=1e4,
        value=default.per_click,
        step=0.05,
        key="feed_rev_click",
    )
    per_view = st.number_input(
        "Ad revenue per post shown, USD",
        min_value=0.0,
        max_value=1e3,
        value=default.per_impression,
        step=0.001,
        format="%.3f",
        key="feed_rev_view",
    )
    return Revenue(per_click=per_click, per_impression=per_view)


def outcome_tiles(view: FeedView) -> None:
    """Each tile with its change against ranking by engagement alone."""
    out = view.outcome
    st.caption("Arrows show the change against ranking by engagement alone (alpha = 0).")
    tile_row(outcome_tile_specs(view))
    st.caption(
        f"NDCG@K against true quality {out.ndcg_quality:.3f} (engagement only "
        f"{view.baseline.ndcg_quality:.3f}) · against true engagement "
        f"{out.ndcg_engagement:.3f} ({view.baseline.ndcg_engagement:.3f})"
    )


FEED_COLUMNS = {
    "true quality": st.column_config.NumberColumn(format="%.2f"),
    "predicted click": st.column_config.NumberColumn(format="%.2f"),
}


def feed_table(container, frame) -> None:
    """One user's feed as a compact table."""
    container.dataframe(frame, hide_index=True, width="stretch", column_config=FEED_COLUMNS)


def equal_weights() -> None:
    """Button callback: the nearest ranking when both weights are 0."""
    st.session_state["feed_alpha"] = st.session_state["feed_beta"] = 0.5


URL_PARAMS = [
    Param("feed_alpha", low=0.0, high=1.0),
    Param("feed_beta", low=0.0, high=1.0),
    Param("feed_k", "int", low=1, high=50),
    Param("feed_user", "int", low=0, high=19),
    Param("feed_rev_click", low=0.0, high=1e4),
    Param("feed_rev_view", low=0.0, high=1e3),
    *(Param(f"feed_filter_{harm}", low=0.05, high=1.0) for harm in ("spam", "nsfw", "misinfo")),
]
"""The feed page's inputs a link can set."""
