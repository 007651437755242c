"""Search ads: what is a better click-through-rate model worth in revenue?"""

from __future__ import annotations

import streamlit as st

from metrics.ads import charts as ads_charts
from metrics.ads.data import ADS_SAMPLE_FILE, ADS_SAMPLE_MODELS
from metrics.ads.model import QUALITY_KNOBS, RESERVE_GRID
from metrics.ads.sentences import headline, imbalance_story, reserve_story
from metrics.ads.view import AdsView, ads_view
from metrics.core.format import money
from ui.ads import (
    PRICING,
    URL_PARAMS,
    imbalance_table,
    model_curve,
    money_tiles,
    quality_tiles,
    reference_rankings,
    reliability,
    sample,
    sweep,
)
from ui.common import RESTART_SAFE_EVERY, framing_strip, plain, route_through_app
from ui.home import remember_headline
from ui.scenario import data_identity, from_url, scenario_box, show_notes, to_url


@st.cache_data(max_entries=256, show_spinner=False)
def view_for(model: str, slots: int, pricing: str, reserve: float) -> AdsView:
    return ads_view(
        sample(model),
        sweep(model, slots),
        model_curve(model, slots),
        reference_rankings(model, slots),
        model=model,
        pricing=pricing,
        reserve=reserve,
    )


@st.fragment(run_every=RESTART_SAFE_EVERY)
def quality_section(view: AdsView, daily_queries: float) -> None:
    knob = st.slider(
        "Model quality: -1 is pure noise, 0 is this model, 1 is perfect click predictions",
        -1.0,
        1.0,
        0.2,
        step=0.1,
        format="%.1f",
        key="ads_quality",
    )
    k = int(abs(QUALITY_KNOBS - knob).argmin())
    st.info(plain(view.whatif(k, daily_queries=daily_queries).sentence(daily_queries)))
    st.plotly_chart(ads_charts.quality_figure(view, k), width="stretch")
    target = st.number_input(
        "Target revenue per 1,000 queries (USD)",
        min_value=0.0,
        max_value=1e9,
        value=round((view.rpm + view.quality_table["rpm"].max()) / 2, 2),
        step=1.0,
        key="ads_target_rpm",
    )
    needed = view.auc_for(target)
    st.markdown(
        plain(
            f"To earn {money(target, decimals=2)} per 1,000 queries the model needs an AUC of "
            f"about "
            f"**{needed:.3f}** (today {view.quality.auc:.3f})."
            if needed is not None
            else f"No model on this curve earns {money(target, decimals=2)} per 1,000 queries "
            "under these rules, not even perfect click predictions."
        )
    )
    to_url(URL_PARAMS)  # the fragment reruns alone when its inputs move


route_through_app()
notes = from_url("ads", URL_PARAMS)
st.title("Search ads: what is a better click model worth?")
framing_strip(
    "Grow ad revenue without filling pages with ads nobody clicks",
    "Predicted click-through rate (pCTR) for each query and candidate ad",
    "Log loss on past impressions (click or no click)",
    "ROC AUC, log loss, normalized entropy, calibration",
    "Revenue per 1,000 queries (RPM) and per year",
)
show_notes(notes)
with st.sidebar:
    model = st.selectbox(
        "CTR model",
        list(ADS_SAMPLE_MODELS),
        key="ads_model",
        help="Both were trained on 30,000 earlier queries.",
    )
    slots = st.radio("Ad slots per query", [1, 2, 3], horizontal=True, key="ads_slots")
    pricing = PRICING[st.radio("Pricing", list(PRICING), key="ads_pricing")]
    daily = st.number_input(
        "Queries a day",
        min_value=0,
        max_value=10**13,
        value=5_000_000,
        step=500_000,
        key="ads_daily_queries",
        help="Turns RPM into money a year.",
    )
reserve = st.select_slider(
    "Reserve price: show an ad only if bid x pCTR is at least this much, USD per 1,000 impressions",
    options=[float(r) for r in RESERVE_GRID],
    value=20.0,
    key="ads_reserve",
    format_func=money,
)
view = view_for(model, slots, pricing, reserve)
money_tiles(view)
quality_tiles(view)
st.info(plain(headline(view, reserve=reserve, daily_queries=daily)))
remember_headline(
    "ads", view.rpm * daily / 1000 * 365, "ad revenue a year", f"RPM x {daily:,.0f} queries a day"
)

st.subheader("What if the model were better, or worse?")
quality_section(view, daily)

st.subheader("Impressions, click-through rate or revenue?")
st.markdown(plain(reserve_story(view)))
st.plotly_chart(ads_charts.reserve_figure(view, reserve), width="stretch")

st.subheader("Calibration: same ranking, different money")
st.markdown(
    plain(
        f"Multiplying every predicted CTR by the same factor keeps the ranking, so AUC stays "
        f"{view.quality.auc:.3f}; but under a reserve the eCPMs move and so does revenue. This "
        f"model predicts {view.quality.calibration_ratio:.2f} times the clicks that happen."
    )
)
left, right = st.columns(2)
left.plotly_chart(ads_charts.reliability_figure(reliability(model)), width="stretch")
right.plotly_chart(ads_charts.calibration_figure(view), width="stretch")

st.subheader("Class imbalance: accuracy says nothing here")
st.markdown(plain(imbalance_story(view)))
imbalance_table(view)

st.subheader("Against other rankings on the same queries")
st.plotly_chart(ads_charts.references_figure(view.references), width="stretch")
st.download_button(
    "Download the curves (CSV)", view.csv(), file_name="valuelens_ads_curves.csv", mime="text/csv"
)
with st.sidebar:
    scenario_box("ads", URL_PARAMS, *data_identity(("sample", ADS_SAMPLE_FILE)))
to_url(URL_PARAMS)
