"""Fraud page inputs: the workload and threshold controls, kept in step, and the cost inputs
shared with the model-value and ROI pages (UI only)."""

from __future__ import annotations

import streamlit as st

from metrics.core.format import threshold_text
from metrics.fraud.data import load_fraud_sample
from metrics.fraud.model import (
    DEFAULT_CAPACITY_PER_DAY,
    DEFAULT_THRESHOLD,
    FraudCosts,
    earned_a_year,
)
from metrics.fraud.operating import OperatingPoints, operating_points
from metrics.fraud.view import FraudView
from ui.common import kept_number_input, remember, restore, set_kept


def decision_controls(view: FraudView) -> float:
    """The workload slider (alerts a day, or share flagged) and the exact threshold, kept in
    step and kept across pages; returns the threshold."""
    analysis = view.analysis
    points = _points(view)
    workload = _workload_key(points)
    restore("fraud_threshold", DEFAULT_THRESHOLD)
    threshold = float(st.session_state["fraud_threshold"])
    level = st.session_state.get(workload)
    # Handed over on every run, not only when it changes: a browser that had not yet taken
    # the value when the next run came (a loaded machine) otherwise falls back to the
    # widget's default, flag nothing, and sends that back as a move.
    st.session_state[workload] = (
        level if level in points.levels else points.level_for(analysis.curve, threshold)
    )
    st.select_slider(
        "Alerts a day the model sends to review"
        if points.per_day
        else "Share of transactions the model flags",
        options=points.levels,
        format_func=points.label,
        key=workload,
        on_change=_workload_moved,
        args=(points,),
        help="Each position is an exact threshold of this model: pick the workload, the "
        "threshold follows.",
    )
    st.slider(
        "Decision threshold: flag a transaction when its fraud score is at least",
        0.0,
        1.0,
        step=0.0001,
        format="%.4f",
        key="fraud_threshold",
        on_change=_threshold_moved,
        args=(view,),
    )
    return float(st.session_state["fraud_threshold"])


def _points(view: FraudView) -> OperatingPoints:
    return operating_points(view.analysis.curve, days=view.analysis.days)


def _workload_key(points: OperatingPoints) -> str:
    """One workload widget per data set: its positions differ from one file to the next."""
    return f"fraud_workload_{hash(points.levels) % 10**10}"


def _workload_moved(points: OperatingPoints) -> None:
    threshold = points.threshold_for(st.session_state[_workload_key(points)])
    set_kept("fraud_threshold", min(max(threshold, 0.0), 1.0))


def _threshold_moved(view: FraudView) -> None:
    remember("fraud_threshold")
    points = _points(view)
    level = points.level_for(view.analysis.curve, st.session_state["fraud_threshold"])
    st.session_state[_workload_key(points)] = level


def jump_to(value: float, view: FraudView) -> None:
    """Set the exact optimum, not the nearest slider step: the tiles then match the chart."""
    set_kept("fraud_threshold", min(max(value, 0.0), 1.0))
    _threshold_moved(view)


def jump_label(name: str, threshold: float) -> str:
    return f"{name}: {threshold_text(threshold)}"


FRAUD_VALUE_KEY = "fraud_value_per_year"


@st.cache_data(show_spinner=False)
def _sample_yearly_value() -> float:
    """Net savings a year of the sample's model at its money-best threshold, as earned
    (cross-fitted), default costs."""
    return earned_a_year(load_fraud_sample())


def default_yearly_value() -> float:
    """The fraud page's current scenario, annualised; the sample's best if it was not open."""
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
