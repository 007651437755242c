"""The fleet as the dashboard reads it: the registry the server names (never a path from a
link), and one of its models opened on the monitoring page by a link that carries only the
model's id (``/monitor?fleet_model=fraud-023``), checked against the registry."""

from __future__ import annotations

import os
from urllib.parse import quote

import streamlit as st

from metrics.fleet.branch import columns_of
from metrics.fleet.grouped import model_value
from metrics.fleet.registry import ModelEntry, Registry, read_registry
from metrics.fleet.sample import sample_registry
from metrics.monitor.big_log import monitor_big_log

REGISTRY_VARIABLE = "VALUELENS_FLEET_REGISTRY"
LINK_KEY = "fleet_model"
FLEET = "The fleet's model named in the link"


def registry_path() -> str:
    """The registry the server names in ``VALUELENS_FLEET_REGISTRY``, else the bundled fleet."""
    return os.environ.get(REGISTRY_VARIABLE) or str(sample_registry())


def served_by_server() -> bool:
    """Whether the server names its own registry (else the bundled fleet is shown)."""
    return bool(os.environ.get(REGISTRY_VARIABLE))


@st.cache_data(show_spinner=False, ttl=3600)
def registry(path: str) -> Registry:
    """The registry, read once an hour."""
    return read_registry(path)


def monitoring_link(model_id: str) -> str:
    """The monitoring page on one model (relative, so it works under any base path)."""
    return f"monitor?{LINK_KEY}={quote(model_id, safe='')}"


def linked_model() -> tuple[ModelEntry | None, str | None]:
    """The fleet model a link names, or None and a note when it names none of them."""
    raw = st.query_params.get(LINK_KEY)
    if raw is None:
        return None, None
    try:
        models = registry(registry_path()).models
    except ValueError as error:
        return None, f"the fleet's registry cannot be read ({error}); the sample is shown"
    for entry in models:
        if entry.id == raw:
            return entry, None
    return None, f"fleet_model '{raw[:60]}' is not a model of the fleet; the sample is shown"


def fleet_caption(entry: ModelEntry) -> str:
    """What the monitoring page takes from the registry for a fleet model (plain text)."""
    tn, fp, fn, tp = (f"{v:g}" for v in entry.value_matrix)
    return (
        f"Model {entry.id} of the fleet ({entry.owner or 'no owner'}): its threshold "
        f"{entry.threshold:g}, {entry.chunk}ly chunks and values per row (TN {tn}, FP {fp}, "
        f"FN {fn}, TP {tp}) are the registry's."
    )


def prefer_linked(entry: ModelEntry | None) -> None:
    """Show the linked model when a link names one the session has not opened yet."""
    if entry is not None and st.session_state.get("monitor_fleet_linked") != entry.id:
        st.session_state["monitor_fleet_linked"] = entry.id
        st.session_state["monitor_source"] = FLEET


@st.cache_resource(show_spinner="Grouping the model's log where it lies…", max_entries=4, ttl=3600)
def fleet_model_monitor(entry: ModelEntry):
    """One fleet model's monitor and drift, from its log with the registry's settings (shared
    by every session that opens it)."""
    return monitor_big_log(
        entry.log,
        columns_of(entry),
        model_value(entry),
        threshold=entry.threshold,
        period=entry.chunk,
    )
