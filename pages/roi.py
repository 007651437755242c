"""Realistic expectations: when does an ML project pay for itself?"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from metrics.core.format import money
from metrics.roi.charts import cash_figure
from metrics.roi.inputs import PARAMS
from metrics.roi.model import STAGES, projection
from metrics.roi.report import ROI_FRAMING, ROI_WORDS, roi_assumptions, roi_section
from metrics.roi.view import NO_RANGE, roi_headline, roi_range_sentence, roi_tiles
from ui.common import (
    framing_strip,
    lazy_sections,
    report_button,
    route_through_app,
    tile_row,
    words_box,
)
from ui.fraud_inputs import default_yearly_value
from ui.home import headline_of, remember_headline
from ui.scenario import from_url, scenario_box, show_notes, to_url

route_through_app()
notes = from_url("roi", PARAMS)
st.title("Realistic returns: when does ML pay for itself?")
framing_strip(*ROI_FRAMING)
words_box(ROI_WORDS)
st.markdown(
    "Magically: possible. Overnight: no. Value starts when the first model ships and "
    "grows with each iteration; teams further along in ML maturity ship sooner, "
    "iterate faster and spend less to do it."
)
show_notes(notes)
with st.sidebar:
    value = st.number_input(
        "Value a year at full performance, USD",
        min_value=0.0,
        max_value=1e15,
        value=float(max(round(default_yearly_value(), -3), 0.0)),
        step=10_000.0,
        format="%.0f",
        key="roi_value",
        help="By default the fraud page's current scenario a year or, before it is opened, "
        "what the sample's best threshold earns a year (chosen and valued on different rows).",
    )
    st.caption(f"{money(value)} a year")
    team = st.number_input(
        "Team cost a month, USD",
        min_value=0.0,
        max_value=1e12,
        value=30_000.0,
        step=5_000.0,
        format="%.0f",
        key="roi_team",
    )
    st.caption(f"{money(team)} a month")
names = [s.name for s in STAGES]
chosen_name = st.radio("Your ML maturity", names, index=1, horizontal=True, key="roi_stage")
projections = [projection(s, value_per_year=value, team_cost_per_month=team) for s in STAGES]
chosen = projections[names.index(chosen_name)]
tile_row(roi_tiles(chosen))
remember_headline("roi", roi_headline(chosen, value))
measured = headline_of("fraud")
if measured is not None and measured.interval and round(measured.value, -3) == value:
    ends = [
        projection(STAGES[names.index(chosen_name)], value_per_year=v, team_cost_per_month=team)
        for v in measured.interval
    ]
    st.caption(roi_range_sentence(chosen, *ends, measured.interval))
else:
    st.caption(NO_RANGE)


def stages_section() -> None:
    st.dataframe(
        pd.DataFrame(
            {
                "Stage": names,
                "First model ships (month)": [s.months_to_first_model for s in STAGES],
                "Months per iteration": [s.months_per_iteration for s in STAGES],
                "Break-even month": [
                    str(p.break_even_month or "after month 36") for p in projections
                ],
                "ROI after 1 year": [f"{p.roi_after(1):.0%}" for p in projections],
                "ROI after 2 years": [f"{p.roi_after(2):.0%}" for p in projections],
                "ROI after 3 years": [f"{p.roi_after(3):.0%}" for p in projections],
            }
        ),
        hide_index=True,
        width="stretch",
    )


lazy_sections(
    {
        "Cash flow": partial(st.plotly_chart, cash_figure(chosen, projections), width="stretch"),
        "Every maturity stage": stages_section,
    },
    key="roi_section",
)
report_button(
    "roi",
    partial(
        roi_section,
        chosen,
        projections,
        roi_assumptions(value, team, chosen_name),
        value_per_year=value,
    ),
)
with st.sidebar:
    scenario_box("roi", PARAMS, "a cash-flow projection (no data)", "none")
to_url(PARAMS)
