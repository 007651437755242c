"""The newsfeed page's sections after its tiles, each drawn only when its tab is chosen
(``ui.common.lazy_sections``)."""

from __future__ import annotations

import streamlit as st

from metrics.feed.charts import pareto_figure
from metrics.feed.coupled import compare_coupled
from metrics.feed.view import FeedView, user_feed
from ui.feed import FeedSource, feed_table, sample, sweep


def frontier_section(
    source: FeedSource, thresholds, k: int, revenue, view: FeedView, alpha: float, beta: float
) -> None:
    """Every mix of the two objectives, with today's weights marked."""
    st.subheader("The quality-engagement frontier")
    st.markdown(
        "Every mix of the two objectives, from engagement only (most clicks, right) to quality "
        "only (best quality, left). "
        "No point is beaten on both; the choice between them is a business decision."
    )
    figure = pareto_figure(
        sweep(source, thresholds, k, revenue), view.outcome, alpha / (alpha + beta)
    )
    st.plotly_chart(figure, width="stretch")


def user_section(data, view: FeedView) -> None:
    """One user's feed ranked by engagement only and by the chosen weights, side by side."""
    st.subheader("One user's feed, before and after")
    user = st.selectbox(
        "User",
        range(min(20, data.n_users)),
        format_func=lambda u: f"user {data.user_id[u]}",
        key="feed_user",
    )
    before, after = st.columns(2)
    before.markdown("**Engagement only (alpha = 0)**")
    baseline = user_feed(
        data, view.baseline_columns, view.baseline_shown, user, view.columns[user], mark="dropped"
    )
    feed_table(before, baseline)
    after.markdown("**Your weights**")
    chosen = user_feed(
        data, view.columns, view.shown, user, view.baseline_columns[user], mark="new"
    )
    feed_table(after, chosen)


def coupled_section(source: FeedSource, blend_input, settings: tuple, revenue) -> None:
    """Retrain one model on the blended objective, and compare it with re-weighting."""
    alpha, beta, k, _ = settings  # and the filter thresholds, which the blend input holds
    st.subheader("Why decouple? Retrain a coupled model instead")
    st.markdown(
        "A single model trained on alpha x quality + beta x engagement must be retrained "
        "every time the weights change. Train one now for the current weights:"
    )
    if source.key[0] != "sample":
        st.caption("Retraining is shown on the sample: it needs the sample's past impressions.")
        return
    if st.button("Retrain a coupled model", key="feed_retrain"):
        with st.spinner("Training a gradient-boosting model on 120,000 past impressions…"):
            result = compare_coupled(
                sample(), blend_input, alpha=alpha, beta=beta, k=k, revenue=revenue
            )
            st.session_state["feed_coupled"] = (*settings, result)
    if "feed_coupled" not in st.session_state:
        return
    *trained_for, result = st.session_state["feed_coupled"]
    if tuple(trained_for) != settings:
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
