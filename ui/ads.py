"""Ads page widgets: cached loaders and the KPI tiles (UI only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.ads.auction import AuctionCurve
from metrics.ads.ctr import Reliability, reliability_curve
from metrics.ads.data import ADS_SAMPLE_MODELS, load_ads_sample
from metrics.ads.model import RESERVE_GRID, AdsData, QualitySweep, quality_sweep
from metrics.ads.references import References, references
from metrics.ads.sentences import money_tiles as ads_money_tiles
from metrics.ads.view import AdsView
from ui.common import tile_row
from ui.scenario import Param


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


def money_tiles(view: AdsView) -> None:
    tile_row(ads_money_tiles(view))


def quality_tiles(view: AdsView) -> None:
    q = view.quality
    cols = st.columns(4)
    cols[0].metric("ROC AUC", f"{q.auc:.3f}", help="Ranking quality: 0.5 is a coin flip.")
    cols[1].metric("Log loss", f"{q.log_loss:.4f}", help="Cross-entropy; lower is better.")
    cols[2].metric(
        "Normalized entropy",
        f"{q.normalized_entropy:.3f}",
        help="Log loss over the entropy of the average CTR; below 1 beats "
        "predicting the average for everyone.",
    )
    cols[3].metric(
        "Calibration ratio",
        f"{q.calibration_ratio:.2f}",
        help="Mean predicted CTR over observed CTR; 1 is calibrated.",
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


PRICING = {
    "First price: the winner pays its bid": "first",
    "Second price: the winner pays what it needed to win": "second",
}
URL_PARAMS = [
    Param("ads_model", "choice", options=tuple(ADS_SAMPLE_MODELS)),
    Param("ads_slots", "choice", options=(1, 2, 3)),
    Param("ads_pricing", "choice", options=tuple(PRICING)),
    Param("ads_daily_queries", "int", low=0, high=10**13),
    Param("ads_reserve", "grid", options=tuple(float(r) for r in RESERVE_GRID)),
    Param("ads_quality", low=-1.0, high=1.0),
    Param("ads_target_rpm", low=0.0, high=1e9),
]
"""The ads page's inputs a link can set."""
