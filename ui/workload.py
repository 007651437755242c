"""A workload slider and an exact threshold slider kept in step (UI only): people decide in
rows a day (or the share of rows acted on), spread on a log scale so that a best threshold
near 0 is not squeezed against the edge; the threshold slider takes any exact value."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from metrics.core.curves import ThresholdCurve
from metrics.core.operating import OperatingPoints
from ui.common import remember, restore, set_kept


@dataclass(frozen=True)
class WorkloadLabels:
    """What the two sliders say: the workload with and without dates, the threshold, help."""

    per_day: str
    share: str
    threshold: str
    help: str = (
        "Each position is an exact threshold of this model: pick the workload, the threshold "
        "follows."
    )


def workload_controls(
    points: OperatingPoints,
    curve: ThresholdCurve,
    *,
    key: str,
    opening: float,
    labels: WorkloadLabels,
    data: object = None,
) -> float:
    """The workload select slider above the exact threshold slider, kept in step and kept
    across pages; returns the threshold.

    ``key`` is the threshold's session key (a link's parameter); the workload's key adds the
    positions' hash, since they differ from one data set to the next. ``data`` names the data
    shown: when it changes (another model, an upload), the threshold opens again at
    ``opening``, since one data set's threshold means nothing for another; the session's
    first data keeps what a link asked for.
    """
    workload = _workload_key(key, points)
    seen = st.session_state.get(f"{key}_data")
    if seen is not None and seen != data:
        set_kept(key, opening)
    st.session_state[f"{key}_data"] = data
    restore(key, opening)
    threshold = float(st.session_state[key])
    level = st.session_state.get(workload)
    # Handed over on every run, not only when it changes: a browser that had not yet taken
    # the value when the next run came (a loaded machine) otherwise falls back to the
    # widget's default and sends that back as a move.
    st.session_state[workload] = (
        level if level in points.levels else points.level_for(curve, threshold)
    )
    st.select_slider(
        labels.per_day if points.per_day else labels.share,
        options=points.levels,
        format_func=points.label,
        key=workload,
        on_change=_workload_moved,
        args=(key, points),
        help=labels.help,
    )
    st.slider(
        labels.threshold,
        0.0,
        1.0,
        step=0.0001,
        format="%.4f",
        key=key,
        on_change=threshold_moved,
        args=(key, points, curve),
    )
    return float(st.session_state[key])


def _workload_key(key: str, points: OperatingPoints) -> str:
    return f"{key}_workload_{hash(points.levels) % 10**10}"


def _workload_moved(key: str, points: OperatingPoints) -> None:
    threshold = points.threshold_for(st.session_state[_workload_key(key, points)])
    set_kept(key, min(max(threshold, 0.0), 1.0))


def threshold_moved(key: str, points: OperatingPoints, curve: ThresholdCurve) -> None:
    """``on_change`` of the threshold: keep it, and move the workload to its position."""
    remember(key)
    level = points.level_for(curve, st.session_state[key])
    st.session_state[_workload_key(key, points)] = level


def set_kept_threshold(
    key: str, value: float, points: OperatingPoints, curve: ThresholdCurve
) -> None:
    """Set the exact threshold (a best point), not the nearest slider step."""
    set_kept(key, min(max(value, 0.0), 1.0))
    threshold_moved(key, points, curve)
