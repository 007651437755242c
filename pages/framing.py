"""Framing the problem: what type of output a model has, and whether another framing of the
same problem earns more (one bundled problem, two framings, priced on the same rows)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.core.io import read_table
from metrics.core.samples import sample_path
from metrics.framing.charts import framings_figure
from metrics.framing.reframe import APP_REVENUE, NEW_APPS, compare_framings
from metrics.framing.reframe_view import (
    FRAMING_STRIP,
    FRAMING_WORDS,
    QUESTIONS,
    framing_sentence,
    framing_table,
)
from metrics.framing.samples import FRAMING
from ui.common import error_box, framing_strip, plain, route_through_app, words_box

route_through_app()
st.title("Framing the problem: which output type, and is another framing worth more?")
framing_strip(*FRAMING_STRIP)
words_box(FRAMING_WORDS)
for number, (question, answer) in enumerate(QUESTIONS, start=1):
    st.markdown(f"**{number}. {question}** {answer}")

st.subheader("Which app will a user open next?")
st.markdown(
    "A phone shows one app shortcut. Framed as **multiclass**, a model picks among the five "
    "apps it was trained on. Framed as **a score per (user, app) pair**, a model scores any "
    "app from the app's own features, so it can score the wallet app that arrived after "
    "training. Each framing shows the app of highest expected revenue; a shortcut taken earns "
    "that app's revenue per open (edit it below)."
)


@st.cache_data(show_spinner=False)
def _rows() -> pd.DataFrame:
    return read_table(sample_path(FRAMING.file))


revenue_table = pd.DataFrame(
    {"Revenue per open (USD)": list(APP_REVENUE.values())}, index=list(APP_REVENUE)
)
revenue = st.data_editor(revenue_table, key="framing_revenue").iloc[:, 0].to_dict()
frame = _rows()
try:
    result = compare_framings(
        frame[FRAMING.truth[0]],
        {name: frame[list(columns)].to_numpy() for name, columns in FRAMING.models.items()},
        items=tuple(APP_REVENUE),
        revenue=revenue,
        new_items=NEW_APPS,
    )
except ValueError as error:
    error_box("These revenues cannot be used:", f"{error}.")
    st.stop()
st.success(plain(framing_sentence(result)))
st.plotly_chart(framings_figure(result), width="stretch")
st.dataframe(framing_table(result), hide_index=True)
st.caption(
    f"{len(frame):,} choices after the wallet app arrived; 95% intervals are the total ± 1.96 "
    "standard errors of the per-choice revenue (choices independent, models fixed). Both "
    "models are scikit-learn logistic regressions trained on 6,000 earlier choices "
    "(sample_data/make_framing.py)."
)
