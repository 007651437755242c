"""Models go stale: retraining cadence and mind versus data, in dollars."""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.adapt.charts import age_figure, cadence_figure, learning_figure
from metrics.adapt.inputs import PARAMS
from metrics.adapt.report import (
    FRAMING,
    NOISE_TITLE,
    QUESTION,
    STALE_TITLE,
    WORDS,
    adapt_headline,
    adapt_section,
    adapt_tiles,
    as_dates,
    cadence_sentence,
    learning_curves,
    staleness_sentence,
)
from metrics.adapt.results import MAX_AGE, RESULTS_FILE
from metrics.adapt.view import (
    cadence_rows,
    cost_sentence,
    matrix_for,
    mind_versus_data,
    staleness,
)
from ui.adapt import (
    cadence_input,
    noise_input,
    results,
    retrain_cost_inputs,
    stale_input,
    stale_share,
)
from ui.common import (
    framing_strip,
    lazy_sections,
    plain,
    report_button,
    route_through_app,
    tile_row,
    words_box,
)
from ui.home import remember_headline
from ui.scenario import data_identity, from_url, scenario_box, show_notes, to_url

route_through_app()
notes = from_url("adapt", PARAMS)
st.title(QUESTION)
framing_strip(*FRAMING)
words_box(WORDS)
show_notes(notes)
study = results()
with st.sidebar:
    cost = retrain_cost_inputs()
st.markdown(
    "A fraud model launched on May 1 meets a ring of account takeovers in June, a shift in "
    "where people shop at the end of June and a broken data join in late July. Each day from "
    "launch a model was trained for real on what the team knew that day (chargebacks arrive "
    "30 to 60 days late), then valued on the 60 days after. A cadence uses the model of its "
    "latest retrain."
)
left, right = st.columns(2)
with left:
    cadence = cadence_input()
with right:
    noise = noise_input()
matrix = matrix_for(study, noise)
rows = cadence_rows(matrix, study.first_day, cost)
tile_row(adapt_tiles(rows, cadence))
chosen = next(r for r in rows if r.cadence == cadence)
remember_headline("adapt", adapt_headline(rows, cadence))
st.info(plain(cadence_sentence(rows, cadence)))
st.caption(plain(cost_sentence(matrix, study.first_day, cost)))
dates = as_dates(study, matrix.shape[1])
stale = staleness(matrix)


def cadence_section() -> None:
    st.plotly_chart(cadence_figure(rows, cadence, dates), width="stretch")


def age_section() -> None:
    st.subheader("A two-month-old model on yesterday's data")
    st.markdown(plain(staleness_sentence(stale, MAX_AGE)))
    st.plotly_chart(age_figure(stale), width="stretch", config={"displayModeBar": False})


def data_section() -> None:
    st.subheader("Mind versus data: is more data always better?")
    st.markdown(
        "Models trained on 2,000 to 40,000 transactions from late June and early July, valued "
        "on Jul 10 to Jul 28. The label slider above flips a share of their training labels; "
        "the slider below swaps recent rows for rows from March and April, before the shift."
    )
    older = stale_input()
    st.info(plain(mind_versus_data(study.grid, noise, older)))
    a, b = st.columns(2)
    a.plotly_chart(
        learning_figure(
            learning_curves(study.grid, "noise"), f"{noise:.0%} flipped", title=NOISE_TITLE
        ),
        width="stretch",
    )
    b.plotly_chart(
        learning_figure(
            learning_curves(study.grid, "stale"), f"{older:.0%} from March-April", title=STALE_TITLE
        ),
        width="stretch",
    )


lazy_sections(
    {
        "Retraining cadence": cadence_section,
        "Model age": age_section,
        "More data or better data?": data_section,
    },
    key="adapt_section",
)
older = stale_share()
source, fingerprint = data_identity(("sample", RESULTS_FILE))
report_button(
    "adapt",
    partial(
        adapt_section,
        study,
        matrix,
        rows,
        stale,
        cadence=cadence,
        noise=noise,
        stale_share=older,
        cost=cost,
        fingerprint=fingerprint,
    ),
)
with st.sidebar:
    scenario_box("adapt", PARAMS, source, fingerprint)
to_url(PARAMS)
