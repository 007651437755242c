"""The your-model page's sections after its first view, each drawn only when its tab is chosen
(``ui.common.lazy_sections``); what they show is computed before, so the review report holds
every section whether it was opened or not."""

from __future__ import annotations

import streamlit as st

from metrics.core.format import money, threshold_text
from metrics.decide import charts
from metrics.decide.model import Decision, constrained_best, top_shares
from metrics.decide.segments import Segments
from metrics.decide.three_way import ThreeWay
from metrics.decide.uncertain_view import break_even_table, uncertainty_sentence
from metrics.decide.view import (
    segment_sentence,
    segment_table,
    three_way_sentence,
    top_share_table,
)
from ui.common import plain
from ui.decide import limit_inputs, review_inputs


def limits_section(decision: Decision, days: float | None) -> None:
    """Limits on precision, recall and workload, and the best threshold within them."""
    best_within = constrained_best(decision, limit_inputs(days))
    if best_within is None:
        st.warning("No threshold meets these limits together; loosen one of them.")
    else:
        where = threshold_text(decision.curve.thresholds[best_within])
        st.markdown(
            plain(f"Best within these limits: {where}, worth {money(decision.value[best_within])}.")
        )


def top_rows_section(decision: Decision) -> None:
    """The share of the value in the top rows, and the decision curve screening uses."""
    st.dataframe(top_share_table(top_shares(decision)), hide_index=True)
    st.markdown("**For screening: the decision curve** (net benefit, without the money)")
    st.plotly_chart(charts.net_benefit_figure(decision), width="stretch")


def review_section(band: ThreeWay) -> None:
    """The review cost and capacity, and what acting, reviewing and passing are worth."""
    review_inputs()
    st.markdown(plain(three_way_sentence(band)))


def uncertainty_section(result, decision: Decision, outcomes) -> None:
    """How sure the best value is when the values per outcome are ranges."""
    st.markdown(plain(uncertainty_sentence(result)))
    if result.swings:
        tornado = charts.tornado_figure(result, decision.best_value, outcomes)
        st.plotly_chart(tornado, width="stretch")
        st.dataframe(break_even_table(result, outcomes), hide_index=True)


def segment_section(segments: Segments) -> None:
    """The value per segment of the data."""
    st.dataframe(segment_table(segments), hide_index=True)
    st.markdown(plain(segment_sentence(segments)))


def others_section(sentences: list[str]) -> None:
    """Each other model's value against this one."""
    for sentence in sentences:
        st.markdown(plain(sentence))
