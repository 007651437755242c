"""Your model in the review: is it worth having, where to set it, how sure, for whom, and is
the new one better."""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.core.format import year_scale
from metrics.decide import charts
from metrics.decide.compare import compare_models
from metrics.decide.inputs import PARAMS
from metrics.decide.model import decide, earned_best
from metrics.decide.report import FRAMING, QUESTION, WORDS, DecisionScenario, decide_report
from metrics.decide.segments import by_segment
from metrics.decide.three_way import three_way
from metrics.decide.uncertain import from_entries
from metrics.decide.view import (
    baseline_sentence,
    comparison_sentence,
    decide_headline,
    headline_tiles,
    operating_sentence,
)
from ui.common import (
    framing_strip,
    lazy_sections,
    plain,
    route_through_app,
    session_memo,
    show_problem,
    tile_row,
    words_box,
)
from ui.decide import (
    cached_segments,
    choose_data,
    decide_identity,
    follow_data,
    loaded_matrix_check,
    matrix_editor,
    review_values,
    sample_prepared,
    threshold_controls,
    uncertainty_for,
)
from ui.decide_sections import (
    limits_section,
    others_section,
    review_section,
    segment_section,
    top_rows_section,
    uncertainty_section,
)
from ui.home import remember_headline
from ui.scenario import from_url, scenario_box, show_notes, to_url
from ui.tasks import show_task, task_choice

route_through_app()
st.title(QUESTION)
task = task_choice()
if task != "binary":
    show_task(task)
    st.stop()
framing_strip(*FRAMING)
words_box(WORDS)
notes = from_url("decide", PARAMS)
problem = None
with st.sidebar:
    try:
        prepared = choose_data()
    except ValueError as error:
        problem, prepared = str(error), None
    if prepared is None:
        prepared = sample_prepared("Card fraud (30 days)", None)

show_problem(problem)  # in the main area, where the figures it explains are
show_notes(notes)
follow_data(prepared)
st.subheader("What each outcome is worth")
central, low, high, outcomes = matrix_editor(prepared.preset)
model = from_entries(central)
decision = decide(prepared.curve, prepared.amounts, model)
# once per data and value matrix, not on every threshold move
honest = session_memo(
    "decide_earned",
    (prepared.key, tuple(map(float, central))),
    lambda: earned_best(decision, prepared.cross_fit),
)
tile_row(headline_tiles(decision, prepared.days, honest))
remember_headline("decide", decide_headline(decision, prepared.days, honest))
if prepared.resolution:
    st.caption(
        f"This log has more than a million distinct scores: they are grouped on a grid of "
        f"{prepared.resolution:g}; thresholds on the grid are exact."
    )
st.info(plain(baseline_sentence(decision, prepared.days)))

st.subheader("Where to set it")
threshold = threshold_controls(decision, prepared.days)
st.markdown(plain(operating_sentence(decision, threshold, outcomes, prepared.days)))
st.plotly_chart(charts.value_figure(decision, threshold), width="stretch")

review_cost, capacity = review_values()
band = three_way(decision, review_cost, capacity=capacity)
result = uncertainty_for(prepared, central, low, high)
sections = {
    "Limits": partial(limits_section, decision, prepared.days),
    "Act, review or pass": partial(review_section, band),
    "How sure, when the values are guesses": partial(
        uncertainty_section, result, decision, outcomes
    ),
    "Top rows": partial(top_rows_section, decision),
}
data = prepared.data
segments = None
differences = {}
how = ""
if data is not None and data.segment is not None:
    segments = by_segment(cached_segments(prepared.key, data), model, decision, honest)
    sections["For whom it works"] = partial(segment_section, segments)
if data is not None and data.others:
    factor, how = year_scale(data.days)
    for name, scores in data.others.items():
        _, differences[name] = compare_models(
            decision, data.y, data.amount, data.score, scores, scale=factor, earned=honest
        )
    said = [comparison_sentence(d, how, name) for name, d in differences.items()]
    sections["Are the other models worth more?"] = partial(others_section, said)
lazy_sections(sections, key="decide_section")
to_url(PARAMS, linkable=prepared.key[0] == "sample")
report = DecisionScenario(
    decision=decision,
    threshold=threshold,
    names=outcomes,
    preset=st.session_state["decide_preset"],
    central=central,
    band=band,
    review_cost=review_cost,
    uncertainty=result,
    days=prepared.days,
    segments=segments,
    differences=differences,
    year_text=how,
    honest=honest,
)
identity = decide_identity(prepared)
st.download_button(
    "Download the review report (HTML)",
    partial(decide_report, report, source=identity[0], fingerprint=identity[1]),
    file_name="valuelens_decision_report.html",
    mime="text/html",
    on_click="ignore",
)
with st.sidebar:
    scenario_box(
        "decide",
        PARAMS,
        *identity,
        extra=st.session_state.get("decide_matrix_now"),
        check_extra=loaded_matrix_check,
    )
