"""Search ads: what is a better click-through-rate model worth in revenue?"""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.ads import charts as ads_charts
from metrics.ads.data import ADS_SAMPLE_FILE
from metrics.ads.inputs import PARAMS, PRICING
from metrics.ads.model import QUALITY_KNOBS, RESERVE_GRID
from metrics.ads.report import FRAMING, QUESTION, WORDS, ads_report
from metrics.ads.sentences import (
    ads_headline,
    headline,
)
from metrics.ads.view import AdsView, revenue_best_reserve
from metrics.core.format import money
from ui.ads import (
    choose_source,
    curve_of,
    default_source,
    money_tiles,
    quality_tiles,
    view_for,
)
from ui.ads_sections import (
    calibration_section,
    imbalance_section,
    references_section,
    reserve_section,
)
from ui.common import (
    RESTART_SAFE_EVERY,
    chosen_or_sample,
    framing_strip,
    lazy_sections,
    plain,
    route_through_app,
    show_problem,
    words_box,
)
from ui.home import remember_headline
from ui.scenario import data_identity, from_url, scenario_box, show_notes, to_url


@st.fragment(run_every=RESTART_SAFE_EVERY)
def quality_section(view: AdsView, daily_queries: float, linkable: bool) -> None:
    st.subheader("What if the model were better, or worse?")
    knob = st.slider(
        "Model quality: -1 is pure noise, 0 is this model, 1 is perfect click predictions",
        -1.0,
        1.0,
        0.0,
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
    to_url(PARAMS, linkable=linkable)  # the fragment reruns alone when its inputs move


route_through_app()
notes = from_url("ads", PARAMS)
st.title(QUESTION)
framing_strip(*FRAMING)
words_box(WORDS)
show_notes(notes)
with st.sidebar:
    source, problem = chosen_or_sample(choose_source, default_source)
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
best_reserve = revenue_best_reserve(curve_of(source, slots), RESERVE_GRID, pricing)
st.session_state.setdefault("ads_reserve", best_reserve)
reserve = st.select_slider(
    "Reserve price: show an ad only if bid x pCTR is at least this much, USD per 1,000 impressions",
    options=[float(r) for r in RESERVE_GRID],
    key="ads_reserve",
    format_func=money,
    help=f"Opens at {money(best_reserve)}, where revenue per 1,000 queries is highest.",
)
show_problem(problem)
view = view_for(source, slots, pricing, reserve)
money_tiles(view, daily)
quality_tiles(view)
st.info(plain(headline(view, reserve=reserve, daily_queries=daily)))
remember_headline("ads", ads_headline(view, daily))


lazy_sections(
    {
        "What if": partial(quality_section, view, daily, source.key[0] == "sample"),
        "Reserve price": partial(reserve_section, view, reserve),
        "Calibration": partial(calibration_section, view, source),
        "Class imbalance": partial(imbalance_section, view),
        "Other rankings": partial(references_section, view),
    },
    key="ads_section",
)
st.download_button(
    "Download the curves (CSV)",
    view.csv,
    file_name="valuelens_ads_curves.csv",
    mime="text/csv",
    on_click="ignore",
)
key = ("sample", ADS_SAMPLE_FILE) if source.key[0] == "sample" else source.key
data_source, fingerprint = data_identity(key, ("ads_file",))
settings = {
    "slots": slots,
    "pricing": pricing,
    "reserve": reserve,
    "daily_queries": daily,
    "source": data_source,
    "fingerprint": fingerprint,
}
st.download_button(
    "Download the review report (HTML)",
    partial(ads_report, view, **settings),
    file_name="valuelens_ads_report.html",
    mime="text/html",
    on_click="ignore",
)
with st.sidebar:
    scenario_box("ads", PARAMS, data_source, fingerprint)
to_url(PARAMS, linkable=source.key[0] == "sample")
