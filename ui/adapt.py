"""Adaptation page widgets: the stored study (shared by every session) and the inputs."""

from __future__ import annotations

import streamlit as st

from metrics.adapt.results import NOISES, STALE_SHARES, AdaptResults, load_results
from metrics.adapt.view import CADENCES, RetrainCost, cadence_text
from ui.scenario import Param


@st.cache_resource(show_spinner="Loading the retrained models' results…")
def results() -> AdaptResults:
    return load_results()


def retrain_cost_inputs() -> RetrainCost:
    default = RetrainCost()
    st.markdown("**What one retrain costs**")
    hours = st.number_input(
        "Engineer hours per retrain",
        min_value=0.0,
        max_value=1e4,
        value=default.engineer_hours,
        step=1.0,
        key="adapt_hours",
        help="Checking the data, training, validating and shipping the model.",
    )
    rate = st.number_input(
        "Cost of an engineer hour, USD",
        min_value=0.0,
        max_value=1e5,
        value=default.hourly_rate,
        step=10.0,
        key="adapt_rate",
    )
    compute = st.number_input(
        "Compute per retrain, USD",
        min_value=0.0,
        max_value=1e9,
        value=default.compute,
        step=10.0,
        key="adapt_compute",
    )
    return RetrainCost(hours, rate, compute)


def cadence_input() -> int:
    return st.select_slider(
        "Retrain the model",
        options=CADENCES,
        value=7,
        format_func=cadence_text,
        key="adapt_cadence",
        help="Days between retrains; each retrain learns from the transactions whose "
        "chargebacks had arrived.",
    )


def noise_input() -> float:
    return st.select_slider(
        "Training labels flipped",
        options=NOISES,
        value=0.0,
        format_func=lambda q: f"{q:.0%}",
        key="adapt_noise",
        help="Share of training labels that are wrong (both ways): noisy labelling.",
    )


def stale_input() -> float:
    return st.select_slider(
        "Training rows from March-April (older data)",
        options=STALE_SHARES,
        value=0.0,
        format_func=lambda s: f"{s:.0%}",
        key="adapt_stale",
        help="Share of the training set taken from before the merchant-mix shift.",
    )


URL_PARAMS = [
    Param("adapt_cadence", "choice", options=CADENCES),
    Param("adapt_noise", "grid", options=NOISES),
    Param("adapt_stale", "grid", options=STALE_SHARES),
    Param("adapt_hours", low=0.0, high=1e4),
    Param("adapt_rate", low=0.0, high=1e5),
    Param("adapt_compute", low=0.0, high=1e9),
]
"""The adaptation page's inputs a link can set."""
