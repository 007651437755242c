"""Which ML metric tracks the money, and what is moving one worth?"""

from __future__ import annotations

from functools import partial

import streamlit as st

from metrics.metric_value.charts import metric_money_figure
from metrics.metric_value.data import FRAUD_CANDIDATES_FILE
from metrics.metric_value.inputs import PARAMS
from metrics.metric_value.model import (
    METRICS,
    Investment,
    accuracy_story,
    metric_value,
    rank_correlations,
)
from metrics.metric_value.report import MODEL_VALUE_FRAMING, MODEL_VALUE_WORDS, model_value_section
from metrics.metric_value.view import (
    TARGETS,
    metric_text,
    model_value_headline,
    offered_target,
    target_range,
    target_scenario,
    target_sentence,
    target_tiles,
)
from ui.common import (
    framing_strip,
    lazy_sections,
    plain,
    report_button,
    route_through_app,
    tile_row,
    words_box,
)
from ui.fraud_inputs import fraud_cost_inputs
from ui.home import remember_headline
from ui.metric_value import (
    candidates,
    reached_target,
    scored_models,
    scores_table,
)
from ui.scenario import data_identity, from_url, scenario_box, show_notes, to_url

route_through_app()
notes = from_url("model_value", PARAMS)
st.title("Which ML metric tracks the money?")
framing_strip(*MODEL_VALUE_FRAMING)
words_box(MODEL_VALUE_WORDS)
pool = candidates()
data, model_scores = pool.data, pool.scores
show_notes(notes)
with st.sidebar:
    costs = fraud_cost_inputs()
rows = scored_models(costs)
st.markdown(
    plain(
        f"{accuracy_story(rows)} Sorted by money as earned over the 30 scored days; accuracy "
        "and F1 are at the usual 0.5 threshold."
    )
)
correlation = rank_correlations(rows)


def metrics_section() -> None:
    st.plotly_chart(metric_money_figure(rows), width="stretch")
    st.markdown(
        "**How well each metric ranks the models by money** (Spearman correlation; "
        "1 = same order as money): "
        + " · ".join(
            f"{METRICS[m]} {c:+.2f}" for m, c in sorted(correlation.items(), key=lambda kv: -kv[1])
        )
    )


lazy_sections(
    {
        "Each metric against the money": metrics_section,
        "Every model's scores": partial(scores_table, rows),
    },
    key="value_section",
)

st.subheader("From 94% to 94.2%: what is a metric improvement worth?")
left, right = st.columns(2)
model = left.selectbox("Model", [r.name for r in rows], key="value_model")
metric = right.selectbox(
    "Metric", list(TARGETS), format_func=lambda m: TARGETS[m][0], key="value_metric"
)
label, step, fmt = TARGETS[metric]
scores = model_scores[model]
today = metric_value(metric, data.y_true, scores)
lowest, top, default_target = target_range(metric, today)
wanted = st.session_state.get("value_target")
if wanted is not None and offered_target(metric, today, wanted) != wanted:
    st.session_state.pop("value_target")  # a link's target outside this metric's range
target = st.slider(
    f"Target {label}",
    lowest,
    top,
    default_target,
    step=step,
    format=fmt,
    key="value_target",
)
if metric == "accuracy":
    st.caption(f"Target: {metric_text(metric, target)} (today {metric_text(metric, today)})")
inputs = st.columns(4)
volume = inputs[0].number_input(
    "Transactions a year",
    min_value=1,
    max_value=10**13,
    value=800_000,
    step=100_000,
    key="value_volume",
)
invest = Investment(
    inputs[1].number_input(
        "Engineer-weeks", min_value=0.0, max_value=1e5, value=6.0, step=1.0, key="value_weeks"
    ),
    inputs[2].number_input(
        "Cost per engineer-week, USD",
        min_value=0.0,
        max_value=1e9,
        value=4_000.0,
        step=500.0,
        key="value_week_cost",
    ),
    inputs[3].number_input(
        "Compute, USD",
        min_value=0.0,
        max_value=1e12,
        value=2_000.0,
        step=500.0,
        key="value_compute",
    ),
)
scenario = target_scenario(
    rows,
    reached_target(model, metric, target, costs),
    model=model,
    today=today,
    metric=metric,
    n_rows=len(data.y_true),
    volume=volume,
    investment=invest,
)
gain = scenario.yearly_gain
tile_row(target_tiles(scenario))
remember_headline("model_value", model_value_headline(scenario, target))
st.info(plain(target_sentence(scenario)))
identity = data_identity(("sample", FRAUD_CANDIDATES_FILE))
report_button(
    "model_value",
    partial(
        model_value_section,
        rows,
        scenario,
        target=target,
        source=identity[0],
        fingerprint=identity[1],
    ),
)
with st.sidebar:
    scenario_box("model_value", PARAMS, *identity)
to_url(PARAMS)
