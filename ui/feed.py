"""Feed page widgets: the data source, cached loaders, filter inputs and the KPI tiles
(UI only)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from metrics.core.io import read_table
from metrics.feed.columns import FEED_OPTIONAL, FEED_ROLES
from metrics.feed.data import FEED_POSTS_FILE, load_feed_sample
from metrics.feed.frontier import ParetoSweep, pareto_sweep
from metrics.feed.model import Blendable, FeedData, FilterThresholds, blendable
from metrics.feed.ranking import Revenue
from metrics.feed.story import FeedSample
from metrics.feed.upload import feed_data
from metrics.feed.view import DEFAULT_FEEDS_PER_DAY, FeedView
from metrics.feed.view import outcome_tiles as outcome_tile_specs
from ui.common import session_memo, tile_row
from ui.opened import or_started_file, prefer_own_data

SAMPLE_SOURCE = "Sample: 2,000 users, 200 candidates each"
UPLOAD_SOURCE = "Your own candidate file"
NONE = "(none)"


@dataclass(frozen=True, eq=False)
class FeedSource:
    """The candidates the page ranks: the sample's or an uploaded file's."""

    key: tuple
    data: FeedData


@st.cache_resource(show_spinner="Loading users and posts…")
def sample() -> FeedSample:
    return load_feed_sample()


@st.cache_resource(show_spinner="Filtering and ranking the candidates once…", max_entries=8)
def _sample_prepared(thresholds: FilterThresholds) -> Blendable:
    return blendable(sample().data, thresholds)


@st.cache_resource(show_spinner="Sweeping the weights…", max_entries=16)
def _sample_sweep(thresholds: FilterThresholds, k: int, revenue: Revenue) -> ParetoSweep:
    return pareto_sweep(sample().data, _sample_prepared(thresholds), k=k, revenue=revenue)


def default_source() -> FeedSource:
    return FeedSource(("sample", FEED_POSTS_FILE), sample().data)


def choose_source() -> FeedSource:
    """Sidebar: the sample, or an uploaded candidate file with column pickers. Raises
    ValueError with a message for the user when the file is bad."""
    prefer_own_data("feed_source", UPLOAD_SOURCE)
    kind = st.radio("Data", [SAMPLE_SOURCE, UPLOAD_SOURCE], key="feed_source")
    if kind == UPLOAD_SOURCE:
        upload = or_started_file(
            st.file_uploader(
                "Candidates: one row per user and candidate post (CSV or Parquet)", key="feed_file"
            )
        )
        if upload is not None:
            return _uploaded(upload)
        st.info("Upload a candidate file to rank your own feed; the sample is shown until then.")
    return default_source()


def _uploaded(upload) -> FeedSource:
    frame = read_table(upload.getvalue(), name=upload.name)
    columns = [str(c) for c in frame.columns]
    picked: dict[str, str | None] = {}
    for role, (default, label) in FEED_ROLES.items():
        index = columns.index(default) if default in columns else 0
        picked[role] = st.selectbox(label, columns, index=index, key=f"feed_col_{role}")
    with st.expander("Optional columns: truth and harm scores"):
        for role, (default, label) in FEED_OPTIONAL.items():
            options = [NONE, *columns]
            index = options.index(default) if default in options else 0
            chosen = st.selectbox(label, options, index=index, key=f"feed_col_{role}")
            picked[role] = None if chosen == NONE else chosen
    key = ("upload", upload.file_id, tuple(picked.items()))
    return FeedSource(key, session_memo("feed_upload_data", key, lambda: feed_data(frame, picked)))


def prepared(source: FeedSource, thresholds: FilterThresholds) -> Blendable:
    """The sample's from the shared cache; an upload's held in its own session."""
    if source.key[0] == "sample":
        return _sample_prepared(thresholds)
    return session_memo(
        "feed_upload_prepared", (source.key, thresholds), lambda: blendable(source.data, thresholds)
    )


def sweep(
    source: FeedSource, thresholds: FilterThresholds, k: int, revenue: Revenue
) -> ParetoSweep:
    if source.key[0] == "sample":
        return _sample_sweep(thresholds, k, revenue)
    return session_memo(
        "feed_upload_sweep",
        (source.key, thresholds, k, revenue),
        lambda: pareto_sweep(source.data, prepared(source, thresholds), k=k, revenue=revenue),
    )


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


def feeds_a_day_input() -> float:
    return st.number_input(
        "Feeds served a day",
        min_value=0,
        max_value=10**12,
        value=DEFAULT_FEEDS_PER_DAY,
        step=100_000,
        key="feed_daily_feeds",
        help="Turns revenue per 1,000 feeds into money a year.",
    )


def outcome_tiles(view: FeedView) -> None:
    """Each tile with its change against ranking by engagement alone."""
    out = view.outcome
    st.caption("Arrows show the change against ranking by engagement alone (alpha = 0).")
    tiles = outcome_tile_specs(view)
    tile_row(tiles[:3])
    tile_row(tiles[3:])
    quality = "true quality" if "quality" in view.known else "predicted quality"
    clicks = "true engagement" if "p_click" in view.known else "predicted engagement"
    st.caption(
        f"NDCG@K against {quality} {out.ndcg_quality:.3f} (engagement only "
        f"{view.baseline.ndcg_quality:.3f}) · against {clicks} "
        f"{out.ndcg_engagement:.3f} ({view.baseline.ndcg_engagement:.3f})"
    )


FEED_COLUMNS = {
    "true quality": st.column_config.NumberColumn(format="%.2f"),
    "predicted quality": st.column_config.NumberColumn(format="%.2f"),
    "predicted click": st.column_config.NumberColumn(format="%.2f"),
}


def feed_table(container, frame) -> None:
    """One user's feed as a compact table."""
    container.dataframe(frame, hide_index=True, width="stretch", column_config=FEED_COLUMNS)


def equal_weights() -> None:
    """Button callback: the nearest ranking when both weights are 0."""
    st.session_state["feed_alpha"] = st.session_state["feed_beta"] = 0.5
