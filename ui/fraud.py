"""Fraud page widgets: the data source, the decision controls and the cost inputs (UI only)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from metrics.core.data_folder import DATA_DIR_VARIABLE
from metrics.core.engine import ParquetLog, open_log
from metrics.core.io import read_table
from metrics.fraud.data import (
    FRAUD_SAMPLE_FILE,
    FRAUD_SAMPLE_MODELS,
    fraud_data,
    guess_columns,
    load_fraud_sample,
)
from metrics.fraud.model import FraudCosts
from metrics.fraud.view import FraudView, PreparedFraud, fraud_view, prepare, prepare_log
from ui.common import (
    data_folder_file,
    log_sample,
    remember,
    restore,
    session_memo,
)
from ui.opened import (
    or_started_file,
    prefer_own_data,
    preset_columns,
    started_with,
    summed_where_it_lies,
)
from ui.scenario import data_identity

SAMPLE = "Sample: 30 days of card transactions"
UPLOAD = "Your own scored transactions"
LOG = "A large log on the server"
DEFAULT_MODEL = "Gradient boosting"
PICK = "(pick a column)"
NO_DATES = "(no dates)"
INTERVALS_SHOWN = "fraud_log_intervals"
"""Session state: the big logs whose interval this session has seen computed."""
ROLE_LABELS = {
    "label": "Label column: 1 = fraud, 0 = legitimate",
    "score": "Score column: the model's fraud probability",
    "amount": "Amount column, USD",
    "timestamp": "Date or time column (optional)",
}


@dataclass(frozen=True, eq=False)
class DataChoice:
    """What the page computes on: a small key for caches, the prepared data, and a notice
    when the sample stands in for a file that is not usable yet."""

    key: tuple
    prepared: PreparedFraud
    notice: str | None = None
    pending: Callable[[], None] | None = None
    """Work to do once the first view is drawn (a big log's interval), then rerun."""


@st.cache_resource(show_spinner="Sorting scores and resampling once…", max_entries=4)
def prepared_sample(model: str) -> PreparedFraud:
    return prepare(load_fraud_sample(model))


def default_sample(notice: str | None = None) -> DataChoice:
    """The sample with the default model: shown until an uploaded file is usable."""
    return DataChoice(("sample", DEFAULT_MODEL), prepared_sample(DEFAULT_MODEL), notice)


def choose_data() -> DataChoice:
    """Sidebar: the sample with a model selector, an uploaded file with column pickers, or
    (when the operator set a data folder) a large log on the server.

    Raises ValueError with a message for the user when the file or a column is bad.
    """
    data_dir = os.environ.get(DATA_DIR_VARIABLE)
    kinds = [SAMPLE, UPLOAD, LOG] if data_dir else [SAMPLE, UPLOAD]
    prefer_own_data("fraud_source", UPLOAD)
    restore("fraud_source", SAMPLE)
    if st.session_state["fraud_source"] not in kinds:
        st.session_state["fraud_source"] = SAMPLE
    kind = st.radio("Data", kinds, key="fraud_source", on_change=remember, args=("fraud_source",))
    if kind == LOG:
        return _large_log(data_dir)
    if kind == SAMPLE:
        restore("fraud_model", DEFAULT_MODEL)
        model = st.selectbox(
            "Model",
            list(FRAUD_SAMPLE_MODELS),
            key="fraud_model",
            on_change=remember,
            args=("fraud_model",),
            help="Both were trained on the first 60 days and score the last 30.",
        )
        return DataChoice(("sample", model), prepared_sample(model))
    upload = st.file_uploader(
        "CSV or Parquet, one row per transaction", key="fraud_upload", type=["csv", "gz", "parquet"]
    )
    started = started_with().data
    if upload is None and summed_where_it_lies(started):
        st.caption(f"Summing {started.path}, the log ValueLens was started with, where it lies.")
        return _log_at(started.path)
    upload = or_started_file(upload)
    if upload is None:
        st.info(
            "Upload a file with a 0/1 label, a fraud score in [0, 1] and an amount in USD per "
            "row; a date or time column is optional. Until then the sample is shown. Files are "
            "kept only while this browser session lasts: if the server restarted and a file "
            "name still shows above, remove it (the x beside its name) and upload it again."
        )
        return default_sample()
    with st.spinner("Reading your file…"):
        frame = session_memo(
            "fraud_upload_frame",
            upload.file_id,
            lambda: read_table(upload.getvalue(), name=upload.name),
        )
    preset_columns("fraud_col", {r: r for r in ROLE_LABELS}, [str(c) for c in frame.columns])
    picked = _pick_columns(frame)
    if picked is None:
        return default_sample(
            "Pick the label, score and amount columns of your file in the sidebar; the sample "
            "is shown until then."
        )
    fmt = (
        st.text_input(
            "Timestamp format, if its dates are not read",
            key="fraud_timestamp_format",
            placeholder="%d/%m/%Y %H:%M",
            help="Only for dates that are neither ISO 8601 (2026-06-01 13:45) nor epoch numbers.",
        ).strip()
        or None
    )
    label, score, amount, timestamp = picked

    def build() -> PreparedFraud:
        data = fraud_data(
            frame,
            label=label,
            score=score,
            amount=amount,
            timestamp=timestamp,
            timestamp_format=fmt,
        )
        return prepare(data)

    key = ("upload", upload.file_id, picked, fmt)
    with st.spinner("Sorting scores and resampling once…"):
        return DataChoice(key, session_memo("fraud_upload_prepared", key, build))


def _large_log(data_dir: str) -> DataChoice:
    """A Parquet file or folder in the operator's data folder, summed where it lies."""
    path = data_folder_file(data_dir, "fraud_log_path")
    if path is None:
        return default_sample()
    return _log_at(path)


def _log_at(path: str) -> DataChoice:
    """A Parquet log summed where it lies, once its columns are picked."""
    sample = log_sample(path)
    preset_columns("fraud_col", {r: r for r in ROLE_LABELS}, [str(c) for c in sample.columns])
    picked = _pick_columns(sample)
    if picked is None:
        return default_sample(
            "Pick the label, score and amount columns of the log in the sidebar; the sample "
            "is shown until then."
        )
    source = (path, picked)
    with st.spinner("Summing the log where it lies…"):
        first = first_view_of_log(path, picked)
    if source in st.session_state.get(INTERVALS_SHOWN, ()):
        with st.spinner("Resampling for the 95% interval…"):
            return DataChoice(("log", *source), log_with_interval(path, picked))
    return DataChoice(("log", *source, "first view"), first, pending=lambda: _add_interval(source))


def _add_interval(source: tuple[str, tuple]) -> None:
    log_with_interval(*source)
    st.session_state.setdefault(INTERVALS_SHOWN, set()).add(source)


@st.cache_resource(max_entries=2, show_spinner=False, ttl=3600)
def opened_log(path: str, picked: tuple[str, str, str, str | None]) -> ParquetLog:
    """Shared by every session that opens the same log: it is summed once."""
    label, score, amount, timestamp = picked
    return open_log(path, label=label, score=score, amount=amount, timestamp=timestamp)


@st.cache_resource(max_entries=2, show_spinner=False, ttl=3600)
def first_view_of_log(path: str, picked: tuple[str, str, str, str | None]) -> PreparedFraud:
    """The curve without the interval: the page is drawn before the resampling pass."""
    return prepare_log(opened_log(path, picked), interval=False)


@st.cache_resource(max_entries=2, show_spinner=False, ttl=3600)
def log_with_interval(path: str, picked: tuple[str, str, str, str | None]) -> PreparedFraud:
    return prepare_log(opened_log(path, picked))


def _pick_columns(frame) -> tuple[str, str, str, str | None] | None:
    """One select box per role, filled in only where names and values agree."""
    columns = [str(c) for c in frame.columns]
    guess = guess_columns(frame)
    st.caption(
        "Columns guessed from their names and values; check them."
        if guess.all_sure
        else "Some columns could not be told apart: pick them below."
    )
    picked = []
    for role, text in ROLE_LABELS.items():
        empty = NO_DATES if role == "timestamp" else PICK
        options = [empty, *columns]
        guessed = guess.columns[role] if guess.sure[role] else None
        choice = st.selectbox(
            text,
            options,
            key=f"fraud_col_{role}",
            index=options.index(guessed) if guessed in options else 0,
        )
        picked.append(None if choice in (PICK, NO_DATES) else choice)
    if None in picked[:3]:
        return None
    return tuple(picked)  # type: ignore[return-value]


@st.cache_resource(max_entries=32, show_spinner=False)
def _shared_view(
    key: tuple, costs: FraudCosts, capacity: float | None, _prepared: PreparedFraud
) -> FraudView:
    return fraud_view(_prepared, costs, capacity_per_day=capacity)


def view_for(choice: DataChoice, costs: FraudCosts, capacity: float | None) -> FraudView:
    """The cost-dependent view: shared between sessions for the samples and server logs (the
    same data for everyone), held in the session only for an upload (its own file)."""
    if choice.key[0] in ("sample", "log"):
        return _shared_view(choice.key, costs, capacity, choice.prepared)
    return session_memo(
        "fraud_upload_view",
        (choice.key, costs, capacity),
        lambda: fraud_view(choice.prepared, costs, capacity_per_day=capacity),
    )


def fraud_identity(choice: DataChoice) -> tuple[str, str]:
    """The data in words and its fingerprint, for a saved scenario."""
    key = ("sample", FRAUD_SAMPLE_FILE) if choice.key[0] == "sample" else choice.key
    return data_identity(key, ("fraud_upload",))
