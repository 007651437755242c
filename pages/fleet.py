"""A fleet of models in one view: which are earning less than usual, what that has cost, and
which are due for retraining (the bundled fleet of 100, or the registry the server names)."""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

from metrics.fleet.charts import lost_figure
from metrics.fleet.model import fleet_status
from metrics.fleet.reference_store import default_store
from metrics.fleet.view import WORDS, fleet_sentence, fleet_table, fleet_tiles
from ui.common import error_box, framing_strip, plain, route_through_app, tile_row, words_box
from ui.fleet import monitoring_link, registry, registry_path, served_by_server

route_through_app()
st.title("The fleet: which models are losing money, and which are due for retraining?")
framing_strip(
    "Keep every model earning",
    "Each model's scores and, later, labels",
    "Each model's own",
    "Value per chunk, realised or estimated",
    "Money lost since a model fell below its normal range",
)
words_box(WORDS)


@st.cache_data(show_spinner="Reading every model's log...", ttl=3600)
def _fleet(path: str, as_of: dt.date | None):
    return fleet_status(registry(path), as_of=as_of, store=default_store())


path = registry_path()
st.caption(
    plain(
        f"The registry {os.path.basename(path)}, named by the server."
        if served_by_server()
        else "The bundled fleet of 100 fraud models (four fail on purpose)."
    )
)
try:
    statuses, day = _fleet(path, None)
except ValueError as error:
    error_box("The registry cannot be read:", f"{error}.")
    st.stop()
tile_row(fleet_tiles(statuses))
st.info(plain(fleet_sentence(statuses) + (f" As of {day}." if day else "")))
if any(s.alert for s in statuses):
    st.plotly_chart(lost_figure(statuses), width="stretch")
owners = sorted({s.owner for s in statuses if s.owner})
left, right = st.columns([3, 1])
picked = left.multiselect("Owners", owners, key="fleet_owners")
only_alerts = right.toggle("Only models that alert", key="fleet_alerts")
shown = [s for s in statuses if (not picked or s.owner in picked) and (s.alert or not only_alerts)]
table = fleet_table(shown)
table.insert(1, "Monitoring", [monitoring_link(model) for model in table["Model"]])
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "Model": st.column_config.TextColumn(width=80),
        "Monitoring": st.column_config.LinkColumn(
            "Monitoring", display_text="Open", help="The monitoring page on this model", width=85
        ),
        "Value by chunk": st.column_config.LineChartColumn("Value by chunk", width=105),
        "Latest chunk": st.column_config.NumberColumn(format="dollar", width=95),
        "Measured": st.column_config.TextColumn(width=80),
        "Normal range": st.column_config.TextColumn(width=150),
        "Alert since": st.column_config.TextColumn(width=90),
        "Lost since alert": st.column_config.NumberColumn(format="dollar", width=115),
        "Owner": st.column_config.TextColumn(width=100),
        "Last trained": st.column_config.TextColumn(
            width=130, help="Days since the model was last trained; due: retraining is due"
        ),
    },
)
st.caption(
    "Each model's chunks are valued through the monitoring page's queries: realised where "
    "labels have arrived, estimated from calibrated scores before; the normal range is the "
    "reference chunks' mean ± 3 sd. The same figures: valuelens fleet --json."
)
