"""Widgets shared by the pages: framing strip, cost inputs, routing (UI only)."""

from __future__ import annotations

import streamlit as st

from metrics.data import load_fraud_sample
from metrics.fraud import FraudCosts, analyse


def route_through_app() -> None:
    """Run this page through app.py's navigation even on a server's very first request.

    Streamlit runs ``pages/*.py`` on its own (its pre-``st.navigation`` mode) when the first
    request after a server start opens a page URL directly; app.py's ``st.navigation`` then
    never runs. Switching that mode off and rerunning sends the request through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def plain(text: str) -> str:
    """Text for Streamlit markdown: dollar signs shown as such, not read as LaTeX."""
    return text.replace("$", "\\$")


def framing_strip(objective: str, output: str, loss: str, ml_metric: str, business: str) -> None:
    """The problem framing every use-case page opens with (DESIGN.md principle 6)."""
    steps = [
        ("Business objective", objective),
        ("Model output", output),
        ("Training loss", loss),
        ("ML metric", ml_metric),
        ("Business metric", business),
    ]
    cells = "".join(
        f"<div class='vl-step'><div class='vl-step-title'>{title}</div>{text}</div>"
        + ("<div class='vl-arrow'>→</div>" if i < len(steps) - 1 else "")
        for i, (title, text) in enumerate(steps)
    )
    st.html(
        "<style>.vl-strip{display:flex;align-items:stretch;gap:6px;margin:0 0 8px 0}"
        ".vl-step{flex:1;background:#f3f6f9;border-radius:8px;padding:8px 10px;"
        "font-size:0.92rem;line-height:1.3}.vl-step-title{font-size:0.75rem;color:#5b6770;"
        "text-transform:uppercase;letter-spacing:0.04em;margin-bottom:2px}"
        ".vl-arrow{align-self:center;color:#90a4ae;font-size:1.2rem}</style>"
        f"<div class='vl-strip'>{cells}</div>"
    )


FRAUD_VALUE_KEY = "fraud_value_per_year"


@st.cache_data(show_spinner=False)
def _sample_yearly_value() -> float:
    """Net savings a year of the sample's model at its money-best threshold, default costs."""
    data = load_fraud_sample()
    analysis = analyse(data, FraudCosts())
    return analysis.best.savings.value / data.days * 365


def default_yearly_value() -> float:
    """The fraud page's current scenario, annualised; the sample's best if it was not open."""
    return float(st.session_state.get(FRAUD_VALUE_KEY, _sample_yearly_value()))


def kept_number_input(label: str, *, key: str, default: float, **kwargs: object) -> float:
    """A number input whose value survives a visit to another page.

    Streamlit forgets a widget's value when its page is left, so the value is kept under a
    second key, handed to the widget before every run and updated when the user edits it.
    """
    kept = f"kept_{key}"
    st.session_state[key] = st.session_state.get(kept, default)

    def keep() -> None:
        st.session_state[kept] = st.session_state[key]

    return st.number_input(label, key=key, on_change=keep, **kwargs)


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
        step=1.0,
        help=f"Analyst time to check one flagged transaction. Default ${default.review_cost:.0f}.",
    )
    fee = kept_number_input(
        "Chargeback fee avoided, USD per caught fraud",
        key="fraud_chargeback_fee",
        default=default.chargeback_fee,
        min_value=0.0,
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
