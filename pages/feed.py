"""Newsfeed ranking with decoupled objectives: re-weight quality and engagement live."""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.feed.charts import pareto_figure
from metrics.feed.coupled import compare_coupled
from metrics.feed.inputs import PARAMS
from metrics.feed.model import filter_report
from metrics.feed.report import FRAMING, QUESTION, WORDS, feed_report
from metrics.feed.view import (
    feed_headline,
    feed_view,
    filter_sentence,
    user_feed,
    weights_sentence,
)
from ui.common import (
    chosen_or_sample,
    framing_strip,
    plain,
    route_through_app,
    show_problem,
    words_box,
)
from ui.feed import (
    choose_source,
    default_source,
    equal_weights,
    feed_table,
    feeds_a_day_input,
    filter_inputs,
    outcome_tiles,
    prepared,
    revenue_inputs,
    sample,
    sweep,
)
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

st.subheader("One user's feed, before and after")
user = st.selectbox(
    "User",
    range(min(20, data.n_users)),
    format_func=lambda u: f"user {data.user_id[u]}",
    key="feed_user",
)
before, after = st.columns(2)
before.markdown("**Engagement only (alpha = 0)**")
feed_table(
    before,
    user_feed(
        data, view.baseline_columns, view.baseline_shown, user, view.columns[user], mark="dropped"
    ),
)
after.markdown("**Your weights**")
feed_table(
    after, user_feed(data, view.columns, view.shown, user, view.baseline_columns[user], mark="new")
)

st.subheader("The quality-engagement frontier")
st.markdown(
    "Every mix of the two objectives, from engagement only (most clicks, right) to quality "
    "only (best quality, left). "
    "No point is beaten on both; the choice between them is a business decision."
)
st.plotly_chart(
    pareto_figure(sweep(source, thresholds, k, revenue), view.outcome, alpha / (alpha + beta)),
    width="stretch",
)

st.subheader("Why decouple? Retrain a coupled model instead")
st.markdown(
    "A single model trained on alpha x quality + beta x engagement must be retrained "
    "every time the weights change. Train one now for the current weights:"
)
if source.key[0] != "sample":
    st.caption("Retraining is shown on the sample: it needs the sample's past impressions.")
elif st.button("Retrain a coupled model", key="feed_retrain"):
    with st.spinner("Training a gradient-boosting model on 120,000 past impressions…"):
        st.session_state["feed_coupled"] = (
            alpha,
            beta,
            k,
            thresholds,
            compare_coupled(sample(), blend_input, alpha=alpha, beta=beta, k=k, revenue=revenue),
        )
if source.key[0] == "sample" and "feed_coupled" in st.session_state:
    a, b, kk, th, result = st.session_state["feed_coupled"]
    if (a, b, kk, th) != (alpha, beta, k, thresholds):
        st.caption("Trained for other settings; press the button to retrain for these.")
    cols = st.columns(4)
    cols[0].metric("Retraining took", f"{result.train_seconds:.1f} s")
    cols[1].metric("Re-weighting took", f"{result.reweight_seconds * 1000:.0f} ms")
    cols[2].metric("Same posts in the top K", f"{result.overlap_at_k:.0%}")
    cols[3].metric("Kendall tau of the rankings", f"{result.kendall_tau:.2f}")
    st.markdown(
        f"Coupled: {result.coupled.expected_clicks:.2f} clicks, quality "
        f"{result.coupled.mean_quality:.3f}. Decoupled: {result.decoupled.expected_clicks:.2f} "
        f"clicks, quality {result.decoupled.mean_quality:.3f}."
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
