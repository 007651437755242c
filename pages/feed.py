"""Newsfeed ranking with decoupled objectives: re-weight quality and engagement live."""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.feed.inputs import PARAMS
from metrics.feed.model import filter_report
from metrics.feed.report import FRAMING, QUESTION, WORDS, feed_report
from metrics.feed.view import (
    feed_headline,
    feed_view,
    filter_sentence,
    weights_sentence,
)
from ui.common import (
    chosen_or_sample,
    framing_strip,
    lazy_sections,
    plain,
    route_through_app,
    show_problem,
    words_box,
)
from ui.feed import (
    choose_source,
    default_source,
    equal_weights,
    feeds_a_day_input,
    filter_inputs,
    outcome_tiles,
    prepared,
    revenue_inputs,
    sweep,
)
from ui.feed_sections import coupled_section, frontier_section, user_section
from ui.home import remember_headline
from ui.scenario import data_identity, from_url, scenario_box, show_notes, to_url

route_through_app()
notes = from_url("feed", PARAMS)
st.title(QUESTION)
framing_strip(*FRAMING)
words_box(WORDS)
show_notes(notes)
with st.sidebar:
    source, problem = chosen_or_sample(choose_source, default_source)
    thresholds = filter_inputs()
    k = st.number_input("Posts per feed (K)", min_value=1, max_value=50, value=10, key="feed_k")
    revenue = revenue_inputs()
    feeds_per_day = feeds_a_day_input()
show_problem(problem)
data = source.data
if not data.known >= {"quality", "p_click"}:
    st.info(
        "Your file has no true quality or true clicks for some figures, so the page measures "
        "the feed with the predictions instead: the figures show what the models expect, "
        "not what users did. Add the truth columns to measure the feed against it."
    )
blend_input = prepared(source, thresholds)
filtered = filter_report(data, thresholds)
st.caption(plain(filter_sentence(filtered)))

left, right = st.columns(2)
alpha = left.slider("alpha: weight of quality", 0.0, 1.0, 0.5, step=0.05, key="feed_alpha")
beta = right.slider("beta: weight of engagement", 0.0, 1.0, 0.5, step=0.05, key="feed_beta")
if alpha == 0 and beta == 0:
    st.warning(
        "alpha and beta are both 0, so nothing would rank the posts. The feed below uses equal "
        "weights (0.5 and 0.5) until you give quality or engagement some weight."
    )
    st.button("Set both weights to 0.5", on_click=equal_weights)
    alpha = beta = 0.5
st.markdown(
    f"score = alpha x quality percentile + beta x engagement percentile, each within the "
    f"user's candidates. {weights_sentence(alpha, beta)}"
)
view = feed_view(
    data, blend_input, alpha=alpha, beta=beta, k=k, revenue=revenue, feeds_per_day=feeds_per_day
)
outcome_tiles(view)
remember_headline("feed", feed_headline(view))

trained_for = (alpha, beta, k, thresholds)
lazy_sections(
    {
        "The frontier": partial(
            frontier_section, source, thresholds, k, revenue, view, alpha, beta
        ),
        "One user's feed": partial(user_section, data, view),
        "Why decouple?": partial(coupled_section, source, blend_input, trained_for, revenue),
    },
    key="feed_section",
)
data_source, fingerprint = data_identity(source.key, ("feed_file",))
settings = {
    "alpha": alpha,
    "beta": beta,
    "k": k,
    "thresholds": thresholds,
    "filtered": filtered,
    "revenue": revenue,
    "source": data_source,
    "fingerprint": fingerprint,
}
st.download_button(
    "Download the review report (HTML)",
    partial(feed_report, view, sweep(source, thresholds, k, revenue), **settings),
    file_name="valuelens_feed_report.html",
    mime="text/html",
    on_click="ignore",
)
with st.sidebar:
    scenario_box("feed", PARAMS, data_source, fingerprint)
to_url(PARAMS, linkable=source.key[0] == "sample")
