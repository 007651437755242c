"""Fraud page widgets: the data source and the KPI tiles (UI only)."""

from __future__ import annotations

import streamlit as st

from metrics.core.format import money
from metrics.core.io import read_table
from metrics.fraud.data import FRAUD_SAMPLE_MODELS, fraud_data, guess_columns, load_fraud_sample
from metrics.fraud.model import FraudAnalysis, FraudCosts, FraudSnapshot, analyse
from metrics.fraud.view import PreparedFraud, prepare
from ui.common import kept_number_input, plain

SAMPLE = "Sample: 30 days of card transactions"
UPLOAD = "Your own scored transactions"
DEFAULT_MODEL = "Gradient boosting"


@st.cache_resource(show_spinner="Sorting scores and resampling once…", max_entries=4)
def prepared_sample(model: str) -> PreparedFraud:
    return prepare(load_fraud_sample(model))


@st.cache_resource(show_spinner="Reading your file…", max_entries=4)
def prepared_upload(
    file_id: str, columns: tuple[str, str, str, str | None], _raw: bytes, _name: str
) -> PreparedFraud:
    label, score, amount, timestamp = columns
    frame = read_table(_raw, name=_name)
    return prepare(fraud_data(frame, label=label, score=score, amount=amount, timestamp=timestamp))


@st.cache_data(max_entries=8, show_spinner=False)
def upload_columns(file_id: str, _raw: bytes, _name: str) -> list[str]:
    return [str(c) for c in read_table(_raw, name=_name).columns]


def default_sample() -> tuple[tuple, PreparedFraud]:
    """The sample with the default model: shown until an uploaded file is usable."""
    return ("sample", DEFAULT_MODEL), prepared_sample(DEFAULT_MODEL)


def choose_data() -> tuple[tuple, PreparedFraud]:
    """Sidebar: the sample with a model selector, or an uploaded file with column pickers.

    Returns a small hashable key for caches and the prepared data. Raises ValueError with a
    message for the user when the file or a column is bad.
    """
    kind = st.radio("Data", [SAMPLE, UPLOAD], key="fraud_source")
    if kind == SAMPLE:
        model = st.selectbox(
            "Model",
            list(FRAUD_SAMPLE_MODELS),
            key="fraud_model",
            help="Both were trained on the first 60 days and score the last 30.",
        )
        return ("sample", model), prepared_sample(model)
    upload = st.file_uploader(
        "CSV or Parquet, one row per transaction", key="fraud_upload", type=["csv", "gz", "parquet"]
    )
    if upload is None:
        st.info(
            "Upload a file with a 0/1 label, a fraud score in [0, 1] and an amount in USD "
            "per row; a timestamp is optional. Until then the sample is shown."
        )
        return default_sample()
    raw = upload.getvalue()
    columns = upload_columns(upload.file_id, raw, upload.name)
    guess = guess_columns(columns)
    roles = (
        ("label", columns),
        ("score", columns),
        ("amount", columns),
        ("timestamp", [None, *columns]),
    )
    picked = tuple(
        st.selectbox(
            f"{role.capitalize()} column",
            options,
            key=f"fraud_col_{role}",
            index=options.index(guess[role]) if guess[role] in options else 0,
        )
        for role, options in roles
    )
    key = ("upload", upload.file_id, picked)
    return key, prepared_upload(upload.file_id, picked, raw, upload.name)


def money_tiles(snap: FraudSnapshot, analysis: FraudAnalysis) -> None:
    """Net savings with its interval, share of perfect, alerts against capacity."""
    cols = st.columns(3)
    cols[0].metric(
        "Net savings",
        money(snap.net_savings),
        help="Fraud stopped plus chargeback fees, minus review costs and friction "
        "on good sales held, compared with approving everything.",
    )
    if snap.interval is not None:
        cols[0].caption(
            plain(f"95% interval: {money(snap.interval[0])} to {money(snap.interval[1])}")
        )
    cols[1].metric("Share of what a perfect model saves", f"{snap.share_of_perfect:.0%}")
    cols[1].caption(plain(f"A perfect model would save {money(analysis.perfect_savings)}"))
    if snap.alerts_per_day is None:
        cols[2].metric(
            "Alerts",
            f"{snap.point.flagged:,.0f}",
            help="Add a timestamp column to see alerts per day.",
        )
    elif snap.capacity_per_day is None:
        cols[2].metric("Alerts per day", f"{snap.alerts_per_day:,.1f}")
    else:
        over = snap.alerts_per_day - snap.capacity_per_day
        cols[2].metric(
            "Alerts per day",
            f"{snap.alerts_per_day:,.1f}",
            delta_color="inverse",
            delta=f"{over:+,.1f} against a capacity of {snap.capacity_per_day:,.0f}",
        )


def ml_tiles(snap: FraudSnapshot, roc_auc: float, pr_auc: float) -> None:
    """Precision, recall, F1 and accuracy at the threshold; AUCs below."""
    p = snap.point
    cols = st.columns(4)
    cols[0].metric(
        "Precision",
        "n/a" if p.flagged == 0 else f"{p.precision:.1%}",
        help="Of the flagged transactions, the share that is fraud.",
    )
    cols[1].metric("Recall", f"{p.recall:.1%}", help="Of all fraud, the share that is flagged.")
    cols[2].metric("F1", f"{p.f1:.3f}", help="Harmonic mean of precision and recall.")
    cols[3].metric("Accuracy", f"{p.accuracy:.2%}", help="Share of all decisions that are right.")
    st.caption(f"Threshold-free model quality: ROC AUC {roc_auc:.3f} · PR AUC {pr_auc:.3f}")


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
