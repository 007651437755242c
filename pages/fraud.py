"""Fraud detection in dollars: move the threshold, see the money."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from metrics.fraud import charts
from metrics.fraud.inputs import PARAMS
from metrics.fraud.model import FraudSnapshot, opening_reason, opening_threshold, snapshot
from metrics.fraud.report import FRAMING, QUESTION, WORDS, fraud_report
from metrics.fraud.tiles import (
    earned_sentence,
    earned_tile,
    fraud_headline,
    ml_tiles,
    money_tiles,
    quality_line,
)
from metrics.fraud.view import FraudView, headline
from ui.common import (
    RESTART_SAFE_EVERY,
    chosen_or_sample,
    framing_strip,
    lazy_sections,
    plain,
    route_through_app,
    show_problem,
    tile_row,
    words_box,
)
from ui.fraud import choose_data, default_sample, fraud_identity, view_for
from ui.fraud_inputs import (
    FRAUD_VALUE_KEY,
    capacity_input,
    decision_controls,
    fraud_cost_inputs,
    jump_label,
    jump_to,
)
from ui.home import remember_headline
from ui.scenario import from_url, scenario_box, show_notes, to_url

JUMPS = ("Most money", "Best F1", "Best accuracy", "Within capacity")


def earned_section(view: FraudView) -> None:
    tile = earned_tile(view.analysis)
    if tile is not None:
        tile_row([tile])
        st.caption(plain(earned_sentence(view.analysis)))


def savings_section(view: FraudView, threshold: float) -> None:
    figure = charts.savings_curve_figure(view.table, view.analysis, threshold)
    st.plotly_chart(figure, width="stretch")


def confusion_section(snap: FraudSnapshot) -> None:
    figure = charts.confusion_figure(snap)
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})


def accuracy_section(view: FraudView) -> None:
    st.subheader("Why not just maximise accuracy?")
    st.markdown(plain(view.paradox))
    figure = charts.policies_figure(view.policies, view.analysis.days)
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False})


@st.fragment(run_every=RESTART_SAFE_EVERY)
def threshold_section(
    view: FraudView, report: Callable[[float], str], linkable: bool, data: tuple
) -> None:
    analysis, best = view.analysis, view.analysis.best
    t = decision_controls(view, data)
    if t == opening_threshold(analysis):
        st.caption(opening_reason(analysis))
    points = (best.savings, best.f1, best.accuracy, best.savings_within_capacity)
    for col, label, point in zip(st.columns(4), JUMPS, points, strict=True):
        if point is not None and not point.flags_nothing:
            col.button(
                jump_label(label, point.threshold),
                on_click=jump_to,
                args=(point.threshold, view),
                width="stretch",
            )
    snap = snapshot(analysis, t)
    quoted = fraud_headline(snap, analysis)
    if analysis.days:
        st.session_state[FRAUD_VALUE_KEY] = quoted.value
    remember_headline("fraud", quoted)
    tile_row(money_tiles(snap, analysis))
    tile_row(ml_tiles(snap))
    st.caption(quality_line(view.roc_auc, view.pr_auc))
    (st.warning if snap.over_capacity else st.info)(plain(headline(snap, days=analysis.days)))
    lazy_sections(
        {
            "Money by threshold": partial(savings_section, view, t),
            "Caught and missed": partial(confusion_section, snap),
            "Why not accuracy?": partial(accuracy_section, view),
        },
        key="fraud_section",
    )
    st.download_button(
        "Download the review report (HTML)",
        lambda: report(t),
        file_name="valuelens_fraud_report.html",
        mime="text/html",
        on_click="ignore",
    )
    to_url(PARAMS, linkable=linkable)  # the fragment reruns alone when the threshold moves


route_through_app()
st.title(QUESTION)
framing_strip(*FRAMING)
words_box(WORDS)
notes = from_url("fraud", PARAMS)
with st.sidebar:
    choice, problem = chosen_or_sample(choose_data, default_sample)
    costs = fraud_cost_inputs()
    capacity = capacity_input()
    scenario_box("fraud", PARAMS, *fraud_identity(choice))
show_notes(notes)
if not show_problem(problem) and choice.notice:
    st.warning(choice.notice)
if choice.prepared.resolution:
    st.caption(
        f"This log has more than a million distinct scores: they are grouped on a grid of "
        f"{choice.prepared.resolution:g}; thresholds on the grid are exact."
    )
capacity = capacity if choice.prepared.days else None
view = view_for(choice, costs, capacity)
source, fingerprint = fraud_identity(choice)
report = partial(
    fraud_report, view, costs, capacity=capacity, source=source, fingerprint=fingerprint
)
earned_section(view)
threshold_section(view, report, choice.key[0] == "sample", choice.key[:2])

st.download_button(
    "Download the curve (CSV, one row per threshold)",
    lambda: view.csv,  # sent on a click, not fetched with every view of the page
    file_name="valuelens_fraud_curve.csv",
    mime="text/csv",
    on_click="ignore",
)
if choice.pending is not None:
    with st.spinner("Adding the 95% interval: one more pass over the log…"):
        choice.pending()
    st.rerun()
to_url(PARAMS, linkable=choice.key[0] == "sample")
