"""The search ads page's sections after the what-if, each drawn only when its tab is chosen
(``ui.common.lazy_sections``)."""

from __future__ import annotations

import streamlit as st

from metrics.ads import charts as ads_charts
from metrics.ads.reference_charts import references_figure
from metrics.ads.sentences import calibration_story, imbalance_story, reserve_story
from metrics.ads.view import AdsView
from ui.ads import AdsSource, imbalance_table, reliability_of
from ui.common import plain


def reserve_section(view: AdsView, reserve: float) -> None:
    """Impressions, click-through rate and revenue across reserve prices."""
    st.subheader("Impressions, click-through rate or revenue?")
    st.markdown(plain(reserve_story(view)))
    st.plotly_chart(ads_charts.reserve_figure(view, reserve), width="stretch")


def calibration_section(view: AdsView, source: AdsSource) -> None:
    """How well the predicted click rates match the clicks, and what that changes in money."""
    st.subheader("Calibration: same ranking, different money")
    st.markdown(plain(calibration_story(view)))
    left, right = st.columns(2)
    left.plotly_chart(ads_charts.reliability_figure(reliability_of(source)), width="stretch")
    right.plotly_chart(ads_charts.calibration_figure(view), width="stretch")


def imbalance_section(view: AdsView) -> None:
    """Why accuracy says nothing when almost no impression is clicked."""
    st.subheader("Class imbalance: accuracy says nothing here")
    st.markdown(plain(imbalance_story(view)))
    imbalance_table(view)


def references_section(view: AdsView) -> None:
    """This model's ranking against ranking by bid, at random and by the true click rate."""
    st.subheader("Against other rankings on the same queries")
    st.plotly_chart(references_figure(view.references), width="stretch")
