"""Ads page widgets: cached loaders and the KPI tiles (UI only)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from metrics.ads.auction import AuctionCurve
from metrics.ads.ctr import Reliability, reliability_curve
from metrics.ads.data import ADS_SAMPLE_MODELS, ads_data, load_ads_sample
from metrics.ads.model import AdsData, QualitySweep, quality_sweep
from metrics.ads.references import References, references
from metrics.ads.sentences import money_tiles as ads_money_tiles
from metrics.ads.view import AdsView, ads_view
from metrics.core.io import read_table
from metrics.glossary import explain
from ui.common import session_memo, tile_row
from ui.opened import or_started_file, prefer_own_data


@st.cache_resource(show_spinner="Loading auctions…", max_entries=4)
def sample(model: str) -> AdsData:
    return load_ads_sample(model)


@st.cache_resource(show_spinner="Ranking every query once…", max_entries=12)
def model_curve(model: str, slots: int) -> AuctionCurve:
    data = sample(model)
    return data.curve(data.score, slots=slots)


@st.cache_resource(
    show_spinner="Replaying the auctions with better and worse models…", max_entries=12
)
def sweep(model: str, slots: int) -> QualitySweep:
    return quality_sweep(sample(model), slots=slots)


@st.cache_resource(show_spinner="Ranking by bid, at random and by the true CTR…", max_entries=6)
def reference_rankings(model: str, slots: int) -> References:
    return references(sample(model), slots=slots)


@st.cache_data(max_entries=4, show_spinner=False)
def reliability(model: str) -> Reliability:
    data = sample(model)
    return reliability_curve(data.clicked, data.score)


def money_tiles(view: AdsView, daily_queries: float) -> None:
    tile_row(ads_money_tiles(view, daily_queries))


def quality_tiles(view: AdsView) -> None:
    q = view.quality
    cols = st.columns(4)
    cols[0].metric("ROC AUC", f"{q.auc:.3f}", help=explain("ROC AUC"))
    cols[1].metric("Log loss", f"{q.log_loss:.4f}", help=explain("log loss"))
    cols[2].metric(
        "Normalized entropy", f"{q.normalized_entropy:.3f}", help=explain("normalized entropy")
    )
    cols[3].metric(
        "Calibration ratio",
        f"{q.calibration_ratio:.2f}",
        help="Mean predicted CTR over observed CTR; 1 is calibrated. " + explain("calibration"),
    )


def imbalance_table(view: AdsView) -> None:
    rows = pd.DataFrame([vars(r) for r in view.imbalance]).rename(
        columns={
            "name": "Model",
            "accuracy": "Accuracy (pCTR ≥ 0.5)",
            "auc": "ROC AUC",
            "log_loss": "Log loss",
            "rpm": "Revenue per 1,000 queries",
        }
    )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={
            "Accuracy (pCTR ≥ 0.5)": st.column_config.NumberColumn(format="percent"),
            "Revenue per 1,000 queries": st.column_config.NumberColumn(format="$%.2f"),
            "ROC AUC": st.column_config.NumberColumn(format="%.3f"),
            "Log loss": st.column_config.NumberColumn(format="%.3f"),
        },
    )


SAMPLE_SOURCE = "Sample: 50,000 queries, two CTR models"
UPLOAD_SOURCE = "Your own auction log"
NONE = "(none)"
ROLE_NAMES = {
    "query": ("query_id", "Query id column"),
    "bid": ("bid", "Bid column, USD per click"),
    "score": ("score", "Predicted CTR column"),
    "clicked": ("clicked", "Clicked column (1 = clicked)"),
    "p_true": ("p_true", "True click probability column (optional)"),
}


@dataclass(frozen=True, eq=False)
class AdsSource:
    """The auctions the page prices: a sample model's or an uploaded log."""

    key: tuple
    data: AdsData
    name: str


def choose_source() -> AdsSource:
    """Sidebar: the sample with a model selector, or an uploaded auction log with column
    pickers. Raises ValueError with a message for the user when the file is bad."""
    prefer_own_data("ads_source", UPLOAD_SOURCE)
    kind = st.radio("Data", [SAMPLE_SOURCE, UPLOAD_SOURCE], key="ads_source")
    if kind == UPLOAD_SOURCE:
        upload = or_started_file(
            st.file_uploader(
                "Auction log: one row per candidate ad of a query (CSV or Parquet)", key="ads_file"
            )
        )
        if upload is not None:
            return _uploaded(upload)
        st.info("Upload an auction log to price your model; the sample is shown until then.")
    model = st.selectbox(
        "CTR model",
        list(ADS_SAMPLE_MODELS),
        key="ads_model",
        help="Both were trained on 30,000 earlier queries.",
    )
    return AdsSource(("sample", model), sample(model), model)


def _uploaded(upload) -> AdsSource:
    frame = read_table(upload.getvalue(), name=upload.name)
    columns = [str(c) for c in frame.columns]
    picked = {}
    for role, (default, label) in ROLE_NAMES.items():
        options = [NONE, *columns] if role == "p_true" else columns
        index = options.index(default) if default in options else 0
        picked[role] = st.selectbox(label, options, index=index, key=f"ads_col_{role}")
    picked["p_true"] = None if picked["p_true"] == NONE else picked["p_true"]
    key = ("upload", upload.file_id, tuple(picked.items()))
    data = session_memo("ads_upload_data", key, lambda: ads_data(frame, **picked))
    return AdsSource(key, data, "your model")


def _per_source(source: AdsSource, what: str, slots: int, sample_fn, compute):
    """A sample's result from the shared cache; an upload's held in its own session."""
    if source.key[0] == "sample":
        return sample_fn(source.key[1], slots)
    return session_memo(f"ads_upload_{what}", (source.key, slots), compute)


def curve_of(source: AdsSource, slots: int) -> AuctionCurve:
    data = source.data
    return _per_source(
        source, "curve", slots, model_curve, lambda: data.curve(data.score, slots=slots)
    )


def sweep_of(source: AdsSource, slots: int) -> QualitySweep:
    return _per_source(
        source, "sweep", slots, sweep, lambda: quality_sweep(source.data, slots=slots)
    )


def references_of(source: AdsSource, slots: int) -> References:
    return _per_source(
        source, "references", slots, reference_rankings,
        lambda: references(source.data, slots=slots),
    )  # fmt: skip


def reliability_of(source: AdsSource) -> Reliability:
    if source.key[0] == "sample":
        return reliability(source.key[1])
    return reliability_curve(source.data.clicked, source.data.score)


def default_source() -> AdsSource:
    """The sample's first model: what the page shows until a file is usable."""
    model = next(iter(ADS_SAMPLE_MODELS))
    return AdsSource(("sample", model), sample(model), model)


@st.cache_data(max_entries=256, show_spinner=False)
def sample_view(model: str, slots: int, pricing: str, reserve: float) -> AdsView:
    source = AdsSource(("sample", model), sample(model), model)
    return build_view(source, slots, pricing, reserve)


def build_view(source: AdsSource, slots: int, pricing: str, reserve: float) -> AdsView:
    return ads_view(
        source.data,
        sweep_of(source, slots),
        curve_of(source, slots),
        references_of(source, slots),
        model=source.name,
        pricing=pricing,
        reserve=reserve,
    )


def view_for(source: AdsSource, slots: int, pricing: str, reserve: float) -> AdsView:
    """Shared between sessions for the samples; an upload's view stays in its session."""
    if source.key[0] == "sample":
        return sample_view(source.key[1], slots, pricing, reserve)
    key = (source.key, slots, pricing, reserve)
    return session_memo("ads_upload_view", key, lambda: build_view(source, *key[1:]))
