"""When does a better model not help? A security pipeline with a human bottleneck."""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.pipeline.charts import funnel_figure
from metrics.pipeline.inputs import PARAMS
from metrics.pipeline.model import Pipeline, bottleneck_recall, funnel
from metrics.pipeline.report import (
    SECURITY_FRAMING,
    SECURITY_WORDS,
    security_assumptions,
    security_section,
)
from metrics.pipeline.view import bottleneck_sentence, security_tiles, stopped_comparison
from ui.common import (
    framing_strip,
    lazy_sections,
    report_button,
    route_through_app,
    tile_row,
    words_box,
)
from ui.scenario import from_url, scenario_box, show_notes, to_url

route_through_app()
notes = from_url("security", PARAMS)
st.title("When does a better model not help?")
framing_strip(*SECURITY_FRAMING)
words_box(SECURITY_WORDS)
show_notes(notes)
with st.sidebar:
    st.markdown("**The pipeline, per day**")
    events = st.number_input(
        "Events",
        min_value=1_000,
        max_value=10**12,
        value=2_000_000,
        step=100_000,
        key="security_events",
    )
    per_million = st.number_input(
        "Real threats per million events",
        min_value=0.0,
        max_value=1_000_000.0,
        value=50.0,
        step=5.0,
        key="security_threats",
    )
    auc = st.slider("Model ROC AUC", 0.80, 0.995, 0.95, step=0.005, key="security_auc")
    pass_threats = st.slider(
        "Rules pass real threats", 0.0, 1.0, 0.9, step=0.05, key="security_pass_threats"
    )
    pass_false = st.slider(
        "Rules pass false alarms", 0.0, 1.0, 0.3, step=0.05, key="security_pass_false"
    )
    reviews = st.number_input(
        "Alerts experts can review",
        min_value=0,
        max_value=10**9,
        value=400,
        step=50,
        key="security_reviews",
    )
    stop = st.slider(
        "A reviewed threat is stopped with probability",
        0.0,
        1.0,
        0.8,
        step=0.05,
        key="security_stop",
    )
pipeline = Pipeline(events, per_million / 1e6, auc, pass_threats, pass_false, reviews, stop)
recall = st.slider(
    "Model recall: share of real threats the model flags",
    0.05,
    0.99,
    0.6,
    step=0.01,
    key="security_recall",
)
day = funnel(pipeline, recall)
tile_row(security_tiles(day))
knee = bottleneck_recall(pipeline)
at_knee = 0.0 if knee is None else funnel(pipeline, knee).stopped
sentence = bottleneck_sentence(knee, at_knee, reviews)
st.info(sentence)
stopped = stopped_comparison(pipeline, recall, knee)


def funnel_section() -> None:
    st.subheader("Where today's events go")
    st.plotly_chart(funnel_figure(day), width="stretch")


lazy_sections(
    {
        "Threats stopped by recall": partial(st.plotly_chart, stopped, width="stretch"),
        "Where today's events go": funnel_section,
    },
    key="security_section",
)
section = partial(security_section, day, sentence, stopped, security_assumptions(pipeline, recall))
report_button("security", section)
with st.sidebar:
    scenario_box("security", PARAMS, "a simulated pipeline (no data)", "none")
to_url(PARAMS)
