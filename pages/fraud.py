"""Fraud detection in dollars: move the threshold, see the money."""

from __future__ import annotations

import streamlit as st

from metrics.fraud import charts
from metrics.fraud.model import FraudCosts, snapshot
from metrics.fraud.view import FraudView, PreparedFraud, fraud_view, headline
from ui.common import RESTART_SAFE_EVERY, framing_strip, plain, route_through_app
from ui.fraud import (
    FRAUD_VALUE_KEY,
    choose_data,
    default_sample,
    fraud_cost_inputs,
    ml_tiles,
    money_tiles,
)

JUMPS = ("Most money", "Best F1", "Best accuracy", "Within capacity")


@st.cache_data(max_entries=64, show_spinner=False)
def view_for(
    source: tuple, costs: FraudCosts, capacity: float | None, _prepared: PreparedFraud
) -> FraudView:
    return fraud_view(_prepared, costs, capacity_per_day=capacity)


def jump_to(value: float) -> None:
    # The exact optimum, not the nearest slider step: the tiles then match the chart's marker.
    st.session_state["fraud_threshold"] = min(max(value, 0.0), 1.0)


@st.fragment(run_every=RESTART_SAFE_EVERY)
def threshold_section(view: FraudView) -> None:
    analysis, best = view.analysis, view.analysis.best
    t = st.slider(
        "Decision threshold: flag a transaction when its fraud score is at least",
        0.0,
        1.0,
        0.5,
        step=0.001,
        format="%.3f",
        key="fraud_threshold",
    )
    points = (best.savings, best.f1, best.accuracy, best.savings_within_capacity)
    for col, label, point in zip(st.columns(4), JUMPS, points, strict=True):
        if point is not None and not point.flags_nothing:
            col.button(
                f"{label}: {point.threshold:.3f}",
                on_click=jump_to,
                args=(point.threshold,),
                width="stretch",
            )
    snap = snapshot(analysis, t)
    if analysis.days:
        st.session_state[FRAUD_VALUE_KEY] = snap.net_savings / analysis.days * 365
    money_tiles(snap, analysis)
    ml_tiles(snap, view.roc_auc, view.pr_auc)
    (st.warning if snap.over_capacity else st.info)(plain(headline(snap, days=analysis.days)))
    st.plotly_chart(
        charts.confusion_figure(snap), width="stretch", config={"displayModeBar": False}
    )
    st.plotly_chart(charts.savings_curve_figure(view.table, analysis, t), width="stretch")


route_through_app()
st.title("Fraud detection: what is the model worth in dollars?")
framing_strip(
    "Lose less money to card fraud without swamping the review team",
    "A fraud score per transaction: the model's probability that it is fraud",
    "Log loss on past transactions labelled fraud or not",
    "Precision, recall, F1, accuracy, ROC AUC at a decision threshold",
    "Net savings in USD versus approving everything",
)
problem = None
with st.sidebar:
    try:
        source, prepared = choose_data()
    except ValueError as error:
        problem = str(error)
        source, prepared = default_sample()
    costs = fraud_cost_inputs()
    capacity = st.number_input(
        "Review capacity, alerts per day",
        min_value=0.0,
        value=25.0,
        step=5.0,
        key="fraud_capacity",
        help="Flagged transactions your analysts can check a day. "
        "Default 25. Needs dates in the data.",
    )
if problem:
    st.error(f"Your file cannot be used: {problem}. The sample is shown until it is fixed.")
view = view_for(source, costs, capacity if prepared.data.days else None, prepared)
threshold_section(view)

st.subheader("Why not just maximise accuracy?")
st.markdown(plain(view.paradox))
st.plotly_chart(
    charts.policies_figure(view.policies), width="stretch", config={"displayModeBar": False}
)
st.download_button(
    "Download the curve (CSV, one row per threshold)",
    view.csv,
    file_name="valuelens_fraud_curve.csv",
    mime="text/csv",
)
