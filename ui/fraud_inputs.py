"""Fraud page inputs: the workload and threshold controls, kept in step, and the cost inputs
shared with the model-value and ROI pages (UI only)."""

from __future__ import annotations

import streamlit as st

from metrics.core.format import threshold_text
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import (
    DEFAULT_CAPACITY_PER_DAY,
    FraudCosts,
    earned_a_year,
    opening_threshold,
)
from metrics.fraud.view import FraudView
from metrics.fraud.workload import page_points
from ui.common import kept_number_input
from ui.workload import WorkloadLabels, set_kept_threshold, workload_controls

FRAUD_WORKLOAD = WorkloadLabels(
    per_day="Alerts a day the model sends to review",
    share="Share of transactions the model flags",
    threshold="Decision threshold: flag a transaction when its fraud score is at least",
)


def decision_controls(view: FraudView, data: tuple) -> float:
    """The workload slider (alerts a day, or share flagged) and the exact threshold, kept in
    step and kept across pages; opens again at the best within capacity when ``data`` (the
    page's data key) changes. Returns the threshold."""
    analysis = view.analysis
    return workload_controls(
        page_points(analysis),
        analysis.curve,
        key="fraud_threshold",
        opening=opening_threshold(analysis),
        labels=FRAUD_WORKLOAD,
        data=data,
    )


def jump_to(value: float, view: FraudView) -> None:
    """Set the exact optimum, not the nearest slider step: the tiles then match the chart."""
    set_kept_threshold("fraud_threshold", value, page_points(view.analysis), view.analysis.curve)


def jump_label(name: str, threshold: float) -> str:
    return f"{name}: {threshold_text(threshold)}"


FRAUD_VALUE_KEY = "fraud_value_per_year"


@st.cache_data(show_spinner=False)
def _sample_yearly_value() -> float:
    """Net savings a year of the sample's model at its money-best threshold, as earned
    (cross-fitted), default costs."""
    return earned_a_year(load_fraud_sample())


def default_yearly_value() -> float:
    """The fraud page's headline a year (the best threshold's savings as earned, at the costs
    last set there); the sample's, at the default costs, if it was not open."""
    return float(st.session_state.get(FRAUD_VALUE_KEY, _sample_yearly_value()))


def fraud_cost_inputs() -> FraudCosts:
    """The fraud costs as editable inputs, each with its unit and default; shared by every
    page that values fraud decisions, and kept when moving between them."""
    default = FraudCosts()
    st.markdown("**What a decision costs**")
    review = kept_number_input(
        "Manual review, USD per alert",
        key="fraud_review_cost",
        default=default.review_cost,
        min_value=0.0,
        max_value=1e6,
        step=1.0,
        help=f"Analyst time to check one flagged transaction. Default ${default.review_cost:.0f}.",
    )
    fee = kept_number_input(
        "Chargeback fee avoided, USD per caught fraud",
        key="fraud_chargeback_fee",
        default=default.chargeback_fee,
        min_value=0.0,
        max_value=1e6,
        step=1.0,
        help=f"Fee the card network charges when fraud is disputed; saved on top of the "
        f"amount when the fraud is stopped. Default ${default.chargeback_fee:.0f}.",
    )
    friction = kept_number_input(
        "Friction on a wrongly flagged sale, % of its amount",
        key="fraud_friction_pct",
        default=default.decline_cost_rate * 100,
        min_value=0.0,
        max_value=100.0,
        step=1.0,
        help=f"Lost margin and customer annoyance when a good sale is held. Default "
        f"{default.decline_cost_rate:.0%}.",
    )
    return FraudCosts(review_cost=review, chargeback_fee=fee, decline_cost_rate=friction / 100)


def capacity_input() -> float:
    """Review capacity in alerts a day, kept across pages."""
    return kept_number_input(
        "Review capacity, alerts per day",
        key="fraud_capacity",
        default=DEFAULT_CAPACITY_PER_DAY,
        min_value=0.0,
        max_value=1e7,
        step=5.0,
        help=f"Flagged transactions your analysts can check a day. Default "
        f"{DEFAULT_CAPACITY_PER_DAY:,.0f}. Needs dates in the data.",
    )
