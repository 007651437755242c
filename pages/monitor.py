"""Monitoring: what the model is worth week by week, estimated before the labels arrive."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from metrics.core.format import threshold_text
from metrics.fraud.model import FraudCosts
from metrics.monitor.inputs import AS_OF, PARAMS, SETTINGS
from metrics.monitor.report import FRAMING, QUESTION, WORDS, monitor_headline, monitor_report
from metrics.monitor.story import day_text, estimate_note
from metrics.monitor.view import as_of_days, monitor_view
from ui.common import (
    error_box,
    framing_strip,
    lazy_sections,
    plain,
    route_through_app,
    tile_row,
    words_box,
)
from ui.fleet import FLEET, fleet_caption, fleet_model_monitor, linked_model
from ui.home import remember_headline
from ui.monitor import (
    LOG,
    OWN,
    large_log,
    monitor_identity,
    monitor_inputs,
    own_files,
    sample_drift,
    sample_monitor,
    sample_view,
    sources,
)
from ui.scenario import from_url, scenario_box, show_notes, to_url

route_through_app()
st.title(QUESTION)
framing_strip(*FRAMING)
words_box(WORDS)
notes = from_url("monitor", SETTINGS)
fleet_entry, fleet_note = linked_model()
notes += [fleet_note] if fleet_note else []
with st.sidebar:
    source = st.radio("Data", sources(fleet_entry), key="monitor_source")
if source == FLEET:
    chunk, threshold, costs = fleet_entry.chunk, fleet_entry.threshold, None
    st.sidebar.caption(plain(fleet_caption(fleet_entry)))
else:
    chunk, threshold, costs = monitor_inputs()
built, problem = None, None
notice = st.container()  # the uploads' note on their periods, in the main area
with st.sidebar:
    try:
        if source == FLEET:
            built = fleet_model_monitor(fleet_entry)
        elif source == OWN:
            built = own_files(costs, threshold, chunk, notice)
        elif source == LOG:
            built = large_log(costs, threshold, chunk)
    except ValueError as error:
        problem = str(error)
if problem:  # in the main area, where the figures it explains are
    error_box("This data cannot be used:", f"{problem}. The sample is shown until then.")
sample_costs = costs or FraudCosts()  # a fleet model that cannot be read: the sample
monitor, drift = built or (sample_monitor(sample_costs, threshold, chunk), sample_drift(chunk))

days = as_of_days(monitor)
notes += from_url("monitor_day", [replace(AS_OF, options=tuple(days))])
show_notes(notes)
default = min(days[-1], max(d for d in days if d <= monitor.chunks.end.max().astype(object)))
if st.session_state.get("monitor_as_of") not in days:
    st.session_state["monitor_as_of"] = default
day = st.select_slider(
    "As of: replay what the team could know on this date",
    options=days,
    key="monitor_as_of",
    format_func=day_text,
    help="Only the labels that had arrived by this date count; chunks that end later are not "
    "shown yet.",
)
if built is None:
    view = sample_view(sample_costs, threshold, chunk, day)
else:
    view = monitor_view(monitor, drift, day, chunk)
remember_headline("monitor", monitor_headline(view, day))
tile_row(view.tiles)
set_in = "the fleet's registry" if source == FLEET else "the sidebar"
st.caption(estimate_note(monitor.calibration.needed, threshold_text(threshold), set_in=set_in))
for sentence in view.sentences:
    alarming = "No alert" in sentence or "no longer mean" in sentence
    (st.warning if alarming else st.info)(plain(sentence))
if not view.sentences:
    st.success(plain(f"As of {day_text(day)} no chunk's value has fallen below the normal range."))


def moved_section() -> None:
    st.subheader("Which input moved?")
    if view.moved:
        st.markdown(plain(view.moved))
    if view.drift is not None:
        st.plotly_chart(view.drift, width="stretch", config={"displayModeBar": False})


lazy_sections(
    {
        "Value per chunk": partial(st.plotly_chart, view.value, width="stretch"),
        "Rates per chunk": partial(
            st.plotly_chart, view.rates, width="stretch", config={"displayModeBar": False}
        ),
        "Which input moved?": moved_section,
    },
    key="monitor_section",
)
st.download_button(
    f"Download the chunks (CSV, one row per {chunk})",
    lambda: view.csv,  # sent on a click, not fetched with every view of the page
    file_name="valuelens_monitoring.csv",
    mime="text/csv",
    on_click="ignore",
)
if costs is None:  # a fleet model: its values are the registry's, not the fraud costs
    st.stop()
data_source, fingerprint = monitor_identity(source, built is not None)
settings = {
    "calibrated": monitor.calibration.needed,
    "costs": costs,
    "threshold": threshold,
    "chunk": st.session_state["monitor_chunk"],
    "day": day,
    "source": data_source,
    "fingerprint": fingerprint,
}
st.download_button(
    "Download the review report (HTML)",
    partial(monitor_report, view, **settings),
    file_name="valuelens_monitoring_report.html",
    mime="text/html",
    on_click="ignore",
)
with st.sidebar:
    scenario_box("monitor", PARAMS, data_source, fingerprint)
to_url(PARAMS, linkable=built is None)
