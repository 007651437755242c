"""The model-value page's cached work, its scores table and its inputs in links (UI only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.fraud.model import FraudCosts
from metrics.metric_value.data import Candidates, load_fraud_candidates
from metrics.metric_value.model import METRICS, ModelScore, Reached, reach_target
from metrics.metric_value.view import score_models


@st.cache_resource(show_spinner="Loading the candidate models' scores…")
def candidates() -> Candidates:
    return load_fraud_candidates()


@st.cache_data(max_entries=32, show_spinner=False)
def scored_models(costs: FraudCosts) -> list[ModelScore]:
    """Every candidate's metrics and money under these costs, richest first."""
    return score_models(candidates(), costs)


@st.cache_data(max_entries=256, show_spinner=False)
def reached_target(model: str, metric: str, target: float, costs: FraudCosts) -> Reached:
    c = candidates()
    data, scores = c.data, c.scores
    return reach_target(
        data.y_true, scores[model], data.amount, costs, metric=metric, target=target
    )


def scores_table(scores: list[ModelScore]) -> None:
    frame = pd.DataFrame([vars(s) for s in scores])[["name", "earned", "net_savings", *METRICS]]
    frame["net_savings"] = frame["net_savings"].round().astype(int)
    frame["earned"] = frame["earned"].round().astype(int)
    frame["accuracy"] = frame["accuracy"] * 100  # as the sentences write it: 99.553%
    frame = frame.rename(
        columns={
            "name": "Model",
            "earned": "Net savings as earned (USD)",
            "net_savings": "At the best threshold on these days (USD)",
            **METRICS,
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "Accuracy at 0.5": st.column_config.NumberColumn(format="%.3f%%"),
            "F1 at 0.5": st.column_config.NumberColumn(format="%.3f"),
            "ROC AUC": st.column_config.NumberColumn(format="%.3f"),
            "PR AUC": st.column_config.NumberColumn(format="%.3f"),
            "Log loss": st.column_config.NumberColumn(format="%.4f"),
            "Net savings as earned (USD)": st.column_config.NumberColumn(
                format="localized",
                help="At a threshold chosen on other days than it is valued on (cross-fitted)",
            ),
            "At the best threshold on these days (USD)": st.column_config.NumberColumn(
                format="localized",
                help="Chosen and valued on the same days: it fits their chance ups and downs",
            ),
        },
    )
