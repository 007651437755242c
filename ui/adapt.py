"""Adaptation page widgets: the stored study (shared by every session) and the inputs."""

from __future__ import annotations

import streamlit as st

from metrics.adapt.inputs import RETRAIN_COSTS
from metrics.adapt.results import NOISES, STALE_SHARES, AdaptResults, load_results
from metrics.adapt.view import CADENCES, RetrainCost, cadence_text


@st.cache_resource(show_spinner="Loading the retrained models' results…")
def results() -> AdaptResults:
    return load_results()


COST_INPUTS = {
    "adapt_hours": (
        "Engineer hours per retrain",
        "engineer_hours",
        1.0,
        "Checking the data, training, validating and shipping the model.",
    ),
    "adapt_rate": ("Cost of an engineer hour, USD", "hourly_rate", 10.0, None),
    "adapt_compute": ("Compute per retrain, USD", "compute", 10.0, None),
}
"""Key -> (label, RetrainCost field, step, help); the range is the input's in
``metrics.adapt.inputs.RETRAIN_COSTS``."""
HIGHEST = {p.key: p.high for p in RETRAIN_COSTS}


def retrain_cost_inputs() -> RetrainCost:
    default = RetrainCost()
    st.markdown("**What one retrain costs**")
    values = {
        field: st.number_input(
            label,
            min_value=0.0,
            max_value=HIGHEST[key],
            value=getattr(default, field),
            step=step,
            key=key,
            help=help,
        )
        for key, (label, field, step, help) in COST_INPUTS.items()
    }
    return RetrainCost(**values)


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


STALE_KEY, STALE_DEFAULT = "adapt_stale", 0.0


def stale_share() -> float:
    """The share of older training rows as last set: its slider sits in a section that may not
    be open."""
    return st.session_state.get(STALE_KEY, STALE_DEFAULT)


def stale_input() -> float:
    return st.select_slider(
        "Training rows from March-April (older data)",
        options=STALE_SHARES,
        value=STALE_DEFAULT,
        format_func=lambda s: f"{s:.0%}",
        key=STALE_KEY,
        help="Share of the training set taken from before the merchant-mix shift.",
    )
