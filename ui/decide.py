"""Decision page inputs and caches: the data (a sample or an upload, with its columns) and
the value matrix editor with presets and ranges."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from metrics.core.crossfit import CrossFitInputs, curve_with_cross_fit
from metrics.core.curves import ThresholdCurve
from metrics.core.data_folder import DATA_DIR_VARIABLE
from metrics.core.engine import open_log
from metrics.core.io import read_table
from metrics.core.opened import ROLES
from metrics.core.operating import operating_points
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.core.validation import MAX_AMOUNT
from metrics.core.value import MAX_RATE, ClassAmounts, ValueModel, class_amounts
from metrics.decide.data import PRESETS, SAMPLES, DecisionData, decision_data, load_sample
from metrics.decide.inputs import SavedMatrix, saved_matrix
from metrics.decide.model import Constraints, Decision
from metrics.decide.segments import SegmentCurves, segment_curves
from metrics.decide.uncertain import Uncertainty, basis, uncertain_value
from metrics.decide.view import outcome_names
from ui.common import data_folder_file, log_sample, session_memo
from ui.opened import (
    or_started_file,
    prefer_own_data,
    preset_columns,
    started_with,
    summed_where_it_lies,
)
from ui.scenario import data_identity
from ui.workload import WorkloadLabels, workload_controls

SAMPLE = "A bundled sample"
UPLOAD = "Your own scored file"
LOG = "A large log on the server"
NONE = "(none)"
OUTCOMES = (
    "Not acted on, was negative (TN)",
    "Acted on, was negative (FP)",
    "Not acted on, was positive (FN)",
    "Acted on, was positive (TP)",
)


@dataclass(frozen=True, eq=False)
class Prepared:
    """The data's exact curve and how to value its perfect decision, computed once per data
    and columns. ``data`` (the rows) is None for a large log, which stays where it lies."""

    key: tuple
    data: DecisionData | None
    curve: ThresholdCurve
    amounts: ClassAmounts | Callable[[ValueModel], float]
    preset: str
    columns: list[str]
    basis: np.ndarray
    days: float | None = None
    resolution: float | None = None
    cross_fit: CrossFitInputs | None = None


def _prepared(key: tuple, data: DecisionData, preset: str, columns: list[str]) -> Prepared:
    curve, cross_fit = curve_with_cross_fit(data.y, data.score, amount=data.amount)
    amounts = class_amounts(data.y, data.amount)
    return Prepared(
        key, data, curve, amounts, preset, columns, basis(curve), data.days, cross_fit=cross_fit
    )


@st.cache_resource(show_spinner="Sorting the scores once…", max_entries=8)
def sample_prepared(name: str, segment: str | None, compare: tuple[str, ...] = ()) -> Prepared:
    _, label, score, preset = SAMPLES[name]
    frame = load_sample(name)
    amount = "amount" if "amount" in frame.columns else None
    timestamp = "timestamp" if "timestamp" in frame.columns else None
    data = decision_data(
        frame,
        label=label,
        score=score,
        amount=amount,
        timestamp=timestamp,
        segment=segment,
        compare=list(compare),
    )
    return _prepared(
        ("sample", name, segment, compare), data, preset, _optional(frame, label, score)
    )


def _optional(frame: pd.DataFrame, *taken: str) -> list[str]:
    return [str(c) for c in frame.columns if c not in taken]


@st.cache_data(show_spinner=False, max_entries=4)
def sample_columns(name: str) -> list[str]:
    _, label, score, _ = SAMPLES[name]
    return _optional(load_sample(name), label, score)


def choose_data() -> Prepared | None:
    """Sidebar: a sample (fraud or screening) or an upload with column pickers; a segment
    column and a second model's scores are optional."""
    data_dir = os.environ.get(DATA_DIR_VARIABLE)
    prefer_own_data("decide_source", UPLOAD)
    kind = st.radio(
        "Data", [SAMPLE, UPLOAD, LOG] if data_dir else [SAMPLE, UPLOAD], key="decide_source"
    )
    if kind == LOG:
        return _large_log(data_dir)
    if kind == SAMPLE:
        name = st.selectbox("Sample", list(SAMPLES), key="decide_sample")
        extra = sample_columns(name)
        segment, compare = _extras(extra)
        return sample_prepared(name, segment, compare)
    upload = st.file_uploader("Scored file (CSV or Parquet)", key="decide_file")
    started = started_with().data
    if upload is None and summed_where_it_lies(started):
        st.caption(f"Summing {started.path}, the log ValueLens was started with, where it lies.")
        return _log_at(started.path, "decide")
    upload = or_started_file(upload)
    if upload is None:
        st.info("Upload a file with a 0/1 label and a score per row; a sample is shown until then.")
        return None
    frame = session_memo(
        "decide_upload_frame",
        upload.file_id,
        lambda: read_table(upload.getvalue(), name=upload.name),
    )
    columns = [str(c) for c in frame.columns]
    preset_columns("decide", {r: r for r in ROLES}, columns)
    label, score, amount, timestamp = _roles(columns, "decide")
    rest = [NONE, *_optional(frame, label, score)]
    segment, compare = _extras(rest[1:])
    picked = {"amount": amount, "timestamp": timestamp}
    key = ("upload", upload.file_id, label, score, *picked.values(), segment, compare)

    def build() -> Prepared:
        data = decision_data(
            frame, label=label, score=score, segment=segment, compare=list(compare), **picked
        )
        return _prepared(key, data, "Fraud" if picked["amount"] else "Screening", rest[1:])

    return session_memo("decide_upload", key, build)


def _extras(columns: list[str]) -> tuple[str | None, tuple[str, ...]]:
    segment = st.selectbox("Segment column (optional)", [NONE, *columns], key="decide_segment")
    compare = st.multiselect(
        "Other models' score columns (optional)", columns, key="decide_compare"
    )
    return (None if segment == NONE else segment), tuple(compare)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_segments(key: tuple, _data: DecisionData) -> SegmentCurves:
    return segment_curves(_data.y, _data.score, _data.amount, _data.segment)


def matrix_editor(default_preset: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The value matrix as an editable table: a name, a fixed value (with a low and high
    guess) and a share of the amount per outcome; a preset fills it.

    Returns
    -------
    central, low, high : ndarray of shape (8,)
        Entries in ``ENTRIES`` order.
    names : list of str
        The outcomes' names, TN, FP, FN, TP.
    """
    loaded = _loaded_matrix(st.session_state.pop("decide_scenario_extra", None))
    if loaded is not None:
        st.session_state["decide_matrix_base"] = loaded
        st.session_state["decide_preset"] = loaded["preset"]
    st.session_state.setdefault("decide_preset", default_preset)
    preset = PRESETS[st.selectbox("Preset", list(PRESETS), key="decide_preset")]
    st.caption(preset.explanation)
    base = st.session_state.get("decide_matrix_base")
    if base is None or base["preset"] != preset.name:
        base = _preset_matrix(preset)
    table = pd.DataFrame(
        {
            "Outcome": list(OUTCOMES),
            "Name (yours to change)": base["names"],
            "Value per row, $": base["fixed"],
            "Low guess, $": base["low"],
            "High guess, $": base["high"],
            "Share of the amount": base["rates"],
        }
    )
    edited = st.data_editor(
        table,
        key=f"decide_matrix_{preset.name}_{abs(hash(json.dumps(base))) % 10**8}",
        hide_index=True,
        disabled=["Outcome"],
        width="stretch",
        column_config=_BOUNDED,
    )
    fixed = edited["Value per row, $"].to_numpy(dtype=float)
    rates = edited["Share of the amount"].to_numpy(dtype=float)
    low = np.minimum(edited["Low guess, $"].to_numpy(dtype=float), fixed)
    high = np.maximum(edited["High guess, $"].to_numpy(dtype=float), fixed)
    central = np.r_[fixed, rates]
    names = outcome_names(list(edited["Name (yours to change)"]), preset.outcomes)
    st.session_state["decide_matrix_now"] = {
        "preset": preset.name,
        "names": names,
        "fixed": fixed.tolist(),
        "low": low.tolist(),
        "high": high.tolist(),
        "rates": rates.tolist(),
    }
    return central, np.r_[low, rates], np.r_[high, rates], names


def _bounded(most: float, what: str) -> st.column_config.NumberColumn:
    """A number column the editor keeps filled and within plausible values (as the value
    model checks them), so that no edit can make a sum overflow."""
    return st.column_config.NumberColumn(
        min_value=-most, max_value=most, required=True, help=f"{what}, from {-most:g} to {most:g}"
    )


_BOUNDED = {
    "Value per row, $": _bounded(MAX_AMOUNT, "Value of one row with this outcome"),
    "Low guess, $": _bounded(MAX_AMOUNT, "The lowest you think it may be"),
    "High guess, $": _bounded(MAX_AMOUNT, "The highest you think it may be"),
    "Share of the amount": _bounded(MAX_RATE, "Share of the row's amount added (-1: all lost)"),
}


def _preset_matrix(preset) -> dict:
    """A preset's table: its values, and guesses a quarter either side of each."""
    return {
        "preset": preset.name,
        "names": list(preset.outcomes),
        "fixed": list(preset.fixed),
        "low": [v * 1.25 if v < 0 else v * 0.75 for v in preset.fixed],
        "high": [v * 0.75 if v < 0 else v * 1.25 for v in preset.fixed],
        "rates": list(preset.rates),
    }


def _loaded_matrix(saved: SavedMatrix | None) -> dict | None:
    """A scenario's value matrix (checked on loading, ``saved_matrix``) as the editor's table."""
    if saved is None:
        return None
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value in dataclasses.asdict(saved).items()}  # fmt: skip


def loaded_matrix_check(inputs: ScenarioInputs) -> SavedMatrix | None:
    """``scenario_box``'s check of a loaded scenario's value matrix (None when it has none):
    its preset, when it names none, is the one the page shows."""
    if "_extra" not in inputs:
        return None
    return saved_matrix(inputs, st.session_state.get("decide_preset", next(iter(PRESETS))))


def limit_inputs(days: float | None) -> Constraints:
    """Smallest precision and recall, largest share of rows acted on and, with dates, most
    rows acted on a day, side by side."""
    columns = st.columns(4 if days else 3)
    per_day = None
    if days:
        per_day = _number(
            columns[3], "Most rows acted on a day (0: no limit)", "decide_per_day", 0, 10**9, 0, 10
        )
    return Constraints(
        min_precision=_number(
            columns[0], "Smallest precision", "decide_min_precision", 0.0, 1.0, 0.0, 0.05
        ),
        min_recall=_number(columns[1], "Smallest recall", "decide_min_recall", 0.0, 1.0, 0.0, 0.05),
        max_flag_rate=_number(
            columns[2], "Largest share acted on", "decide_max_rate", 0.0, 1.0, 1.0, 0.05
        ),
        max_flagged=per_day * days if per_day else None,
    )


REVIEW_COST, CAPACITY = ("decide_review_cost", 2.0), ("decide_capacity", 0)
"""The review inputs' keys and defaults."""


def review_values() -> tuple[float, float | None]:
    """The cost of reviewing a row and how many rows the reviewers can take (None: no limit),
    as last set: the inputs sit in a section that may not be open."""
    cost = st.session_state.setdefault(*REVIEW_COST)
    capacity = st.session_state.setdefault(*CAPACITY)
    return cost, (capacity or None)


def review_inputs() -> None:
    """The review cost and capacity inputs (``review_values`` reads them)."""
    left, right = st.columns(2)
    _number(left, "Cost of a review, per row", REVIEW_COST[0], 0.0, 1e7, REVIEW_COST[1], 1.0)
    label = "Rows reviewers can take (0: no limit)"
    _number(right, label, CAPACITY[0], 0, 10**9, CAPACITY[1], 100)


def _number(where, label: str, key: str, low, high, default, step):
    """A number input whose default sits in the session state, so a link can set it."""
    st.session_state.setdefault(key, default)
    return where.number_input(label, low, high, step=step, key=key)


def follow_data(prepared: Prepared) -> None:
    """When the data changes, start from its preset and its best threshold again (the first
    data of a session keeps what a link asked for)."""
    seen = st.session_state.get("decide_for")
    if seen == prepared.key:
        return
    st.session_state["decide_for"] = prepared.key
    if seen is None:
        st.session_state.setdefault("decide_preset", prepared.preset)
        return
    st.session_state["decide_preset"] = prepared.preset
    st.session_state.pop("decide_threshold", None)
    st.session_state.pop("kept_decide_threshold", None)


def _large_log(data_dir: str) -> Prepared | None:
    """A Parquet file or folder in the operator's data folder, summed where it lies."""
    path = data_folder_file(data_dir, "decide_log_path")
    if path is None:
        return None
    return _log_at(path, "decide_log")


def _log_at(path: str, prefix: str) -> Prepared:
    """A Parquet log summed where it lies, with its columns picked under ``prefix``."""
    columns = [str(c) for c in log_sample(path).columns]
    preset_columns(prefix, {r: r for r in ROLES}, columns)
    picked = _roles(columns, prefix)
    st.caption("Segments and a second model need the rows themselves: upload a file for them.")
    with st.spinner("Summing the log where it lies…"):
        return log_prepared(path, picked)


@st.cache_resource(show_spinner=False, max_entries=2, ttl=3600)
def log_prepared(path: str, picked: tuple) -> Prepared:
    """Shared by every session that opens the same log with the same columns."""
    label, score, amount, timestamp = picked
    log = open_log(path, label=label, score=score, amount=amount, timestamp=timestamp)
    summary = log.summary()
    return Prepared(
        ("log", path, picked),
        None,
        summary.curve,
        log.perfect_value,
        "Fraud" if amount else "Screening",
        [],
        basis(summary.curve),
        summary.days,
        summary.resolution,
    )


def _roles(columns: list[str], prefix: str) -> tuple[str, str, str | None, str | None]:
    """Label and score columns, and optional amount and date columns."""
    label = st.selectbox("Label column (1 = the class acted on)", columns, key=f"{prefix}_label")
    score = st.selectbox(
        "Score column", columns, index=min(1, len(columns) - 1), key=f"{prefix}_score"
    )
    rest = [NONE, *[c for c in columns if c not in (label, score)]]
    amount = st.selectbox("Amount column (optional)", rest, key=f"{prefix}_amount")
    timestamp = st.selectbox("Date column (optional)", rest, key=f"{prefix}_timestamp")
    return (
        label,
        score,
        None if amount == NONE else amount,
        None if timestamp == NONE else timestamp,
    )


def decide_identity(prepared: Prepared) -> tuple[str, str]:
    """The data in words and its fingerprint, for a saved scenario."""
    key = prepared.key
    if key[0] == "sample":
        key = ("sample", SAMPLES[key[1]][0])
    return data_identity(key, ("decide_file",))


def uncertainty_for(prepared: Prepared, central, low, high) -> Uncertainty:
    """The cost-range analysis, computed again only when the data or the value matrix
    changes (not on a threshold or constraint move)."""
    key = (prepared.key, tuple(central), tuple(low), tuple(high))
    return session_memo(
        "decide_uncertainty",
        key,
        lambda: uncertain_value(prepared.basis, central, low, high, draws=1000),
    )


DECIDE_WORKLOAD = WorkloadLabels(
    per_day="Rows acted on a day",
    share="Share of rows acted on",
    threshold="Act on rows whose score is at least",
)


def threshold_controls(decision: Decision, days: float | None) -> float:
    """Rows acted on (a day, or a share) on a log scale, and the exact threshold, kept in
    step; opens at the best threshold. Returns the threshold."""
    curve = decision.curve
    keep = [] if np.isinf(decision.best_threshold) else [decision.best]
    return workload_controls(
        operating_points(curve, days=days, keep=keep),
        curve,
        key="decide_threshold",
        opening=float(min(decision.best_threshold, 1.0)),
        labels=DECIDE_WORKLOAD,
    )
