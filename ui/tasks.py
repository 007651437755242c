"""The your-model page for multiclass, multilabel and regression models (UI only): the data
(a sample or an upload), the value inputs, and one call into ``metrics.framing`` per draw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from metrics.core.io import read_table
from metrics.core.samples import sample_path
from metrics.framing import charts, comparison, view
from metrics.framing.checks import class_columns, numeric_column
from metrics.framing.class_metrics import calibration_per_class
from metrics.framing.multiclass import (
    ActionMatrix,
    MulticlassRows,
    multiclass_rows,
    value_rows,
)
from metrics.framing.multilabel import value_multilabel
from metrics.framing.presets import REVIEW, presets_for
from metrics.framing.regression import value_regression
from metrics.framing.samples import SAMPLES, TaskSample
from ui.common import error_box, framing_strip, plain, session_memo, tile_row, words_box

TASKS = {
    "binary": "Yes or no (binary)",
    "multiclass": "One of several classes",
    "multilabel": "Several labels at once",
    "regression": "A number (regression)",
}
NONE = "(none)"


def task_choice() -> str:
    """The model's output type; a link may name it (``?task=multiclass``), checked against
    the list."""
    linked = st.query_params.get("task")
    if "decide_task" not in st.session_state:
        st.session_state["decide_task"] = linked if linked in TASKS else "binary"
    task = st.segmented_control(
        "What your model outputs", list(TASKS), format_func=TASKS.get, key="decide_task"
    )
    task = task or "binary"
    if task == "binary":
        st.query_params.pop("task", None)
    else:
        st.query_params["task"] = task
    return task


@st.cache_data(show_spinner=False, max_entries=4)
def _sample(file: str) -> pd.DataFrame:
    return read_table(sample_path(file))


def _frame(task: str, sample: TaskSample) -> tuple[tuple, pd.DataFrame, bool]:
    """The rows: the task's sample, or an uploaded file (read once, capped by the reader)."""
    with st.sidebar:
        kind = st.radio("Data", ["Sample", "Your file"], key=f"{task}_source")
        if kind == "Your file":
            upload = st.file_uploader("Scored file (CSV or Parquet)", key=f"{task}_file")
            if upload is not None:
                frame = session_memo(
                    f"{task}_upload_frame",
                    upload.file_id,
                    lambda: read_table(upload.getvalue(), name=upload.name),
                )
                return ("upload", upload.file_id), frame, False
            st.info("Upload a scored file; the sample is shown until then.")
    return ("sample", sample.file), _sample(sample.file), True


def _columns(frame: pd.DataFrame, label: str, defaults: tuple[str, ...], key: str) -> list[str]:
    columns = [str(c) for c in frame.columns]
    kept = [c for c in defaults if c in columns]
    return st.multiselect(label, columns, default=kept, key=key)


def _one(frame: pd.DataFrame, label: str, default: str | None, key: str, *, optional=False):
    columns = [NONE] if optional else []
    columns += [str(c) for c in frame.columns]
    index = columns.index(default) if default in columns else 0
    picked = st.selectbox(label, columns, index=index, key=key)
    return None if picked == NONE else picked


def _model(sample: TaskSample, is_sample: bool, key: str) -> tuple[str, ...]:
    if not is_sample:
        return next(iter(sample.models.values()))
    with st.sidebar:
        name = st.selectbox("Model", list(sample.models), key=key)
    return sample.models[name]


def show_task(task: str) -> None:
    """The page for ``task``; bad input is one inert error box, never a traceback."""
    sample = SAMPLES[task]
    framing_strip(*view.FRAMINGS[task])
    words_box(view.WORDS[task])
    try:
        key, frame, is_sample = _frame(task, sample)
        {"multiclass": _multiclass, "multilabel": _multilabel, "regression": _regression}[task](
            key, frame, sample, is_sample
        )
    except ValueError as error:
        error_box("These inputs cannot be valued:", f"{error}.")


@st.cache_data(show_spinner=False, max_entries=4)
def _multiclass_rows(key: tuple, _frame: pd.DataFrame, label: str, scores: tuple, amount):
    frame = _frame
    classes, ordered = class_columns(frame[label].astype(str).unique(), scores)
    return multiclass_rows(
        frame[label].to_numpy(),
        frame[ordered].to_numpy(),
        classes=classes,
        amount=None if amount is None else frame[amount].to_numpy(),
        label_column=label,
        proba_columns=ordered,
    )


def _multiclass(key, frame, sample: TaskSample, is_sample: bool) -> None:
    with st.sidebar:
        label = _one(frame, "Label column (class names)", sample.truth[0], "mc_label")
    defaults = _model(sample, is_sample, "mc_model")
    with st.sidebar:
        scores = _columns(frame, "One probability column per class", defaults, "mc_scores")
        amount = _one(frame, "Amount column (optional)", sample.amount, "mc_amount", optional=True)
    if len(scores) < 2:
        st.info("Pick a probability column for each class (at least two).")
        return
    rows: MulticlassRows = _multiclass_rows(
        (key, label, tuple(scores)), frame, label, tuple(scores), amount
    )
    st.subheader("What each action is worth on a row of each class")
    matrix = _matrix_editor(rows.classes, amount is not None, rows.n)
    result = value_rows(rows, matrix)
    tile_row(view.multiclass_tiles(result))
    st.info(plain(view.multiclass_sentence(result)))
    st.plotly_chart(charts.rules_figure(result), width="stretch")
    counts, money = st.tabs(["Rows", "Money"])
    counts.plotly_chart(
        charts.confusion_figure(result, "best_decision", money=False), width="stretch"
    )
    money.plotly_chart(
        charts.confusion_figure(result, "best_decision", money=True), width="stretch"
    )
    st.dataframe(view.class_table(result), hide_index=True)
    if is_sample:
        _compare_routers(key, frame, label, sample, amount, matrix)
    st.plotly_chart(
        charts.calibration_figure(calibration_per_class(result, rows.proba)), width="stretch"
    )


def _compare_routers(key, frame, label, sample: TaskSample, amount, matrix) -> None:
    """Every sample model under the same matrix: accuracy beside the money."""
    results = {
        name: value_rows(
            _multiclass_rows((key, label, columns), frame, label, columns, amount), matrix
        )
        for name, columns in sample.models.items()
    }
    st.subheader("The sample's models under this matrix")
    st.dataframe(comparison.multiclass_comparison(results), hide_index=True)
    said = comparison.metric_versus_money(
        list(results),
        [r.accuracy for r in results.values()],
        [r.argmax.value.value for r in results.values()],
        metric_name="accuracy",
        higher=True,
    )
    if said:
        st.warning(plain(said + " (each ticket sent to its most probable team)"))


def _matrix_editor(classes: tuple[str, ...], with_amount: bool, n: int) -> ActionMatrix:
    """The value matrix as an editable table (a preset to start from), the amount shares, and
    the review desk's capacity."""
    presets = presets_for(classes)
    name = st.selectbox("Start from", list(presets), key="mc_preset")
    preset = presets[name]
    st.caption(plain(f"{preset.story} Rows: the true class; columns: the action taken."))
    table = pd.DataFrame(preset.fixed, index=list(classes), columns=list(preset.actions))
    edited = st.data_editor(table, key=f"mc_fixed_{name}_{'-'.join(classes)[:80]}", width="stretch")
    rates = np.zeros_like(preset.fixed)
    if with_amount:
        with st.expander("Share of the row's amount added to each cell"):
            shares = pd.DataFrame(preset.rates, index=list(classes), columns=list(preset.actions))
            rates = st.data_editor(
                shares, key=f"mc_rates_{name}_{'-'.join(classes)[:80]}"
            ).to_numpy()
    share = st.slider("Review desk capacity, % of rows", 0.0, 100.0, 3.0, 0.5, key="mc_capacity")
    return ActionMatrix(
        classes,
        tuple(preset.actions),
        edited.to_numpy(dtype=float),
        rates,
        REVIEW,
        int(share / 100 * n),
    )


def _multilabel(key, frame, sample: TaskSample, is_sample: bool) -> None:
    defaults = _model(sample, is_sample, "ml_model")
    with st.sidebar:
        labels = _columns(frame, "One 0/1 column per label", sample.truth, "ml_labels")
        scores = _columns(frame, "One score column per label, same order", defaults, "ml_scores")
    if not labels or len(labels) != len(scores):
        st.info("Pick one 0/1 column and one score column per label, in the same order.")
        return
    st.subheader("What each outcome is worth, per label")
    table = pd.DataFrame(
        [[0.0, -1.0, -2.0, 3.0]] * len(labels),
        index=labels,
        columns=["Left untagged, right", "Tagged wrongly", "Missed", "Tagged rightly"],
    )
    if "is_politics" in labels:
        table.loc["is_politics"] = [0.0, -8.0, -1.0, 2.0]
    edited = st.data_editor(table, key=f"ml_matrix_{'-'.join(labels)[:80]}", width="stretch")
    result = value_multilabel(
        frame[labels].to_numpy(),
        frame[scores].to_numpy(),
        labels=labels,
        value_matrix=edited.to_numpy(dtype=float),
    )
    tile_row(view.multilabel_tiles(result))
    st.info(plain(view.multilabel_sentence(result)))
    st.dataframe(view.multilabel_table(result), hide_index=True)
    st.plotly_chart(charts.labels_figure(result), width="stretch")


def _regression(key, frame, sample: TaskSample, is_sample: bool) -> None:
    (default,) = _model(sample, is_sample, "rg_model")
    with st.sidebar:
        target = _one(frame, "Target column (the truth)", sample.truth[0], "rg_target")
        prediction = _one(frame, "Prediction column", default, "rg_prediction")
        amount = _one(frame, "Amount column (optional)", sample.amount, "rg_amount", optional=True)
    st.subheader("What an error costs")
    unit = "share of the amount" if amount else "currency units"
    left, right, third, fourth = st.columns(4)
    under = left.number_input(
        f"A unit under the truth ({unit})", 0.0, value=0.4, step=0.05, key="rg_under"
    )
    over = right.number_input(
        f"A unit over the truth ({unit})", 0.0, value=0.1, step=0.05, key="rg_over"
    )
    miss = third.number_input(
        "Fixed cost beyond the tolerance ($ a row)", 0.0, value=0.0, key="rg_miss"
    )
    tolerance = fourth.number_input("Tolerance (units)", 0.0, value=0.0, key="rg_tolerance")

    def valued(column: str):
        return value_regression(
            numeric_column(frame, target),
            numeric_column(frame, column),
            under_cost=under,
            over_cost=over,
            miss_cost=miss,
            tolerance=tolerance,
            amount=None if amount is None else frame[amount].to_numpy(),
        )

    result = valued(prediction)
    tile_row(view.regression_tiles(result))
    st.info(plain(view.regression_sentence(result)))
    st.plotly_chart(charts.shift_figure(result), width="stretch")
    others = [c for columns in sample.models.values() for c in columns if c != prediction]
    with st.sidebar:
        defaults = tuple(others) if is_sample else ()
        compared = _columns(
            frame, "Other predictions to compare (optional)", defaults, "rg_compare"
        )
        compared = [c for c in compared if c not in (target, prediction)]
    if compared:
        results = {prediction: result, **{column: valued(column) for column in compared}}
        st.subheader("Predictions side by side on the same rows")
        st.dataframe(comparison.regression_comparison(results), hide_index=True)
        said = comparison.metric_versus_money(
            list(results),
            [r.rmse for r in results.values()],
            [r.value_at_prediction.value for r in results.values()],
            metric_name="RMSE",
            higher=False,
        )
        if said:
            st.warning(plain(said))
