"""Everything the monitoring page draws for one as-of date, from a built monitor and its
drift table (both independent of the date, so a slider move only replays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from metrics.core.format import Tile, csv_text
from metrics.monitor.charts import drift_figure, rates_figure, value_figure
from metrics.monitor.model import Monitor
from metrics.monitor.rates import normal_ranges
from metrics.monitor.replay import Snapshot, as_of
from metrics.monitor.story import (
    drift_sentence,
    failure_sentence,
    monitor_tiles,
    outside_estimate_sentences,
)


@dataclass(frozen=True, eq=False)
class MonitorView:
    """One as-of date on the page."""

    snapshot: Snapshot
    tiles: list[Tile]
    sentences: list[str]
    value: go.Figure
    rates: go.Figure
    drift: go.Figure | None
    moved: str | None
    csv: str


def as_of_days(monitor: Monitor) -> list[dt.date]:
    """The dates the replay offers: from the end of the first analysis chunk to the day the
    last label arrives (or the log's last day).

    Parameters
    ----------
    monitor : Monitor

    Returns
    -------
    list of date
    """
    ch = monitor.chunks
    first = ch.end[~ch.reference].min() if (~ch.reference).any() else ch.end.max()
    last = max(ch.end.max(), np.nanmax(monitor.log.label_day.astype("datetime64[D]")))
    return list(pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="D").date)


def monitor_view(monitor: Monitor, drift: pd.DataFrame, day: dt.date, unit: str) -> MonitorView:
    """Replay the log as of ``day``: tiles, sentences, charts, inputs that moved, the CSV.

    Parameters
    ----------
    monitor : Monitor
    drift : DataFrame
        ``drift_table`` for the monitor's chunks.
    day : date
    unit : str
        What a chunk is ("week"), for titles.

    Returns
    -------
    MonitorView
    """
    snap = as_of(monitor, day)
    shown = drift[drift["chunk"].isin(np.flatnonzero(monitor.chunks.end <= np.datetime64(day)))]
    return MonitorView(
        snapshot=snap,
        tiles=monitor_tiles(snap, monitor),
        sentences=[failure_sentence(f, day) for f in snap.failures]
        + outside_estimate_sentences(snap.table, unit),
        value=value_figure(snap.table, monitor.band, snap.failures, day, unit=unit),
        rates=rates_figure(snap.table, normal_ranges(monitor)),
        drift=drift_figure(shown) if len(shown) else None,
        moved=drift_sentence(shown),
        csv=csv_text(snap.table, money_columns=_money_columns()),
    )


def _money_columns() -> tuple[str, ...]:
    return ("realized_value", "estimated_value", "estimated_lower", "estimated_upper")
