"""Monitoring page inputs and caches: the sample (shared) or a team's own files."""

from __future__ import annotations

import os
from dataclasses import replace

import pandas as pd
import streamlit as st

from metrics.core.data_folder import DATA_DIR_VARIABLE, data_path
from metrics.core.io import read_table
from metrics.core.opened import ROLES
from metrics.fleet.registry import ModelEntry
from metrics.fraud.model import FraudCosts
from metrics.monitor import CHUNKS
from metrics.monitor.big_log import LogColumns, monitor_big_log
from metrics.monitor.chunks import chunk_rows
from metrics.monitor.data import (
    MONITOR_SAMPLE_FILE,
    SAMPLE_COLUMNS,
    join_labels,
    load_monitor_sample,
    monitor_log,
    period_note,
)
from metrics.monitor.drift import drift_table
from metrics.monitor.model import Monitor, build_monitor
from metrics.monitor.values import fraud_monitoring_model
from metrics.monitor.view import monitor_view
from ui.common import data_folder_file, kept_number_input, log_sample, session_memo
from ui.fleet import FLEET, prefer_linked
from ui.fraud_inputs import fraud_cost_inputs
from ui.opened import or_started_file, prefer_own_data, preset_columns
from ui.scenario import data_identity

SAMPLE = "Sample: 180 days of a fraud model in production"
OWN = "Your own reference and analysis files"
LOG = "A large log on the server"


@st.cache_resource(show_spinner="Reading the 180-day log once…", max_entries=1)
def sample_log():
    reference, analysis = load_monitor_sample()
    return monitor_log(reference, analysis, threshold=0.3, **SAMPLE_COLUMNS)


@st.cache_resource(show_spinner=False, max_entries=16)
def sample_monitor(costs: FraudCosts, threshold: float, period: str) -> Monitor:
    log = sample_log()
    return build_monitor(replace(log, flagged=log.score >= threshold), _model(costs), period=period)


@st.cache_resource(show_spinner=False, max_entries=4)
def sample_drift(period: str) -> pd.DataFrame:
    log = sample_log()
    chunks = chunk_rows(log.timestamp, log.reference, period=period)
    return drift_table(log.features.assign(score=log.score), log.reference, chunks)


@st.cache_resource(show_spinner=False, max_entries=64)
def sample_view(costs: FraudCosts, threshold: float, period: str, day):
    """The sample replayed as of ``day``, built once per setting and day for every session
    (a new visitor's first view and a replayed day cost no rebuild)."""
    return monitor_view(sample_monitor(costs, threshold, period), sample_drift(period), day, period)


def _model(costs: FraudCosts):
    return fraud_monitoring_model(costs.review_cost, costs.chargeback_fee, costs.decline_cost_rate)


def _features(monitor: Monitor) -> pd.DataFrame:
    return monitor.log.features.assign(score=monitor.log.score)


def own_files(costs: FraudCosts, threshold: float, period: str, notice):
    """Two uploads (reference with every label, analysis with labels where known), an
    optional file of labels that arrived later (joined by id), and the columns to use; None
    until both are usable. A note on their periods (files the wrong way round) goes into
    ``notice``, a container in the main area, beside the figures."""
    reference = or_started_file(
        st.file_uploader("Reference period (every row labelled)", key="monitor_ref_file"),
        "reference",
    )
    analysis = or_started_file(
        st.file_uploader("Analysis period (labels optional)", key="monitor_ana_file"),
        "analysis",
    )
    labels = st.file_uploader(
        "Labels that arrived later (optional, joined by id)", key="monitor_labels_file"
    )
    if reference is None or analysis is None:
        st.info("Upload both files to monitor your model; the sample is shown until then.")
        return None
    ref = read_table(reference.getvalue(), name=reference.name)
    ana = read_table(analysis.getvalue(), name=analysis.name)
    columns = [str(c) for c in ref.columns]
    preset_columns("monitor_col", {r: r for r in ROLES}, columns)
    picked = _pick(columns, SAMPLE_COLUMNS, "monitor_col")
    files = [reference.file_id, analysis.file_id]
    if labels is not None:
        late = read_table(labels.getvalue(), name=labels.name)
        shared = [str(c) for c in ana.columns if c in late.columns and c != picked["label"]]
        id_column = st.selectbox("Id column (in both files)", shared, key="monitor_id_column")
        ana = join_labels(ana, late, id_column=id_column, label=picked["label"])
        files += [labels.file_id, id_column]
    key = (*files, tuple(picked.items()), costs, threshold, period)

    def build():
        log = monitor_log(ref, ana, threshold=threshold, **picked)
        monitor = build_monitor(log, _model(costs), period=period)
        return monitor, drift_table(_features(monitor), monitor.log.reference, monitor.chunks)

    built = session_memo("monitor_upload", key, build)
    # once per upload, not on every move of a slider
    note = session_memo("monitor_upload_note", key, lambda: period_note(built[0].log))
    if note is not None:
        notice.warning(note)
    return built


def _pick(columns: list[str], defaults: dict[str, str], prefix: str) -> dict[str, str | None]:
    """One select box per role, preset where a column has the usual name; amount and label
    date may be left out."""
    picked = {}
    for role, default in defaults.items():
        options = ["(none)", *columns] if role in ("amount", "label_date") else columns
        choice = st.selectbox(
            f"{role.replace('_', ' ').capitalize()} column",
            options,
            index=options.index(default) if default in options else 0,
            key=f"{prefix}_{role}",
        )
        picked[role] = None if choice == "(none)" else choice
    return picked


def monitor_inputs() -> tuple[str, float, FraudCosts]:
    """The sidebar's chunk period, production threshold and fraud costs."""
    with st.sidebar:
        chunk = CHUNKS[st.selectbox("Chunk the log by", list(CHUNKS), key="monitor_chunk")]
        threshold = kept_number_input(
            "Decision threshold in production",
            key="monitor_threshold",
            default=0.3,
            min_value=0.0,
            max_value=1.0,
            step=0.05,
            format="%.2f",
            help="The threshold the deployed model flags at: a transaction is flagged when its "
            "score is at least this. The sample's model ran at 0.30; set your own model's. It "
            "is separate from the fraud page's threshold, which is a what-if on other data.",
        )
        return chunk, threshold, fraud_cost_inputs()


def sources(fleet: ModelEntry | None = None) -> list[str]:
    """The sample, two uploads, (when the operator set a data folder) a large log, and (when a
    link names one) a model of the fleet."""
    prefer_own_data("monitor_source", OWN, "reference")
    prefer_linked(fleet)
    kept = [SAMPLE, OWN, LOG] if os.environ.get(DATA_DIR_VARIABLE) else [SAMPLE, OWN]
    return ([FLEET] if fleet is not None else []) + kept


def large_log(costs: FraudCosts, threshold: float, period: str):
    """A Parquet log in the operator's data folder with a reference/analysis column, grouped
    where it lies; None (the sample stays) until its columns are picked."""
    data_dir = os.environ[DATA_DIR_VARIABLE]
    path = data_folder_file(data_dir, "monitor_log_path")
    if path is None:
        return None
    columns = [str(c) for c in log_sample(path).columns]
    picked = _pick(columns, {**SAMPLE_COLUMNS, "period": "period"}, "monitor_log_col")
    with st.spinner("Grouping the log where it lies…"):
        return big_log_monitor(path, LogColumns(**picked), costs, threshold, period)


@st.cache_resource(show_spinner=False, max_entries=4, ttl=3600)
def big_log_monitor(
    path: str, columns: LogColumns, costs: FraudCosts, threshold: float, period: str
):
    """Shared by every session that opens the same log with the same settings."""
    return monitor_big_log(path, columns, _model(costs), threshold=threshold, period=period)


def monitor_identity(source: str, own_data: bool) -> tuple[str, str]:
    """The data in words and its fingerprint, for a saved scenario (the sample whenever the
    chosen data is not usable yet)."""
    if source == OWN and own_data:
        keys = ("monitor_ref_file", "monitor_ana_file", "monitor_labels_file")
        return data_identity(("upload",), keys)
    if source == LOG and own_data:
        relative = st.session_state["monitor_log_path"]
        return data_identity(("log", data_path(os.environ[DATA_DIR_VARIABLE], relative)))
    return data_identity(("sample", MONITOR_SAMPLE_FILE))
