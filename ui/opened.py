"""The file ``valuelens dashboard --data`` was started with, offered by every page that takes
a scored file as if it had been uploaded (UI only; ``metrics.core.opened`` reads it)."""

from __future__ import annotations

import os

import streamlit as st

from metrics.core.opened import Opened, OpenedFile, opened

UPLOAD_LIMIT_MB = 100
"""Above this (the server's upload limit), a Parquet file is summed where it lies."""


def started_with() -> Opened:
    """What the dashboard was started with (nothing when started another way)."""
    return opened()


def prefer_own_data(source_key: str, own: str, which: str = "data") -> None:
    """Open the page's data choice on "your own file" when the dashboard was started with
    one (``which``: data, or reference for the monitoring pair), unless this session already
    chose."""
    if getattr(started_with(), which) is not None:
        st.session_state.setdefault(source_key, own)
        st.session_state.setdefault(f"kept_{source_key}", own)


def or_started_file(upload, which: str = "data"):
    """The uploaded file, else the file the dashboard was started with (``which``: data,
    reference or analysis), said in a caption; None when there is neither."""
    if upload is not None:
        return upload
    file = getattr(started_with(), which)
    if file is None or summed_where_it_lies(file):
        return None  # a log: the pages that sum logs where they lie take it their own way
    st.caption(f"Showing {file.name}, the file ValueLens was started with; upload another.")
    return file


def summed_where_it_lies(file: OpenedFile | None) -> bool:
    """Whether a started file is a log for the engine: a folder, a glob, or a Parquet file
    above the upload limit (never read whole into the page)."""
    if file is None:
        return False
    if file.is_log:
        return True
    big = os.path.getsize(file.path) > UPLOAD_LIMIT_MB * 1024 * 1024
    return big and file.path.lower().endswith((".parquet", ".pq"))


def preset_columns(prefix: str, roles: dict[str, str], columns: list[str]) -> None:
    """Hand each column picker the column a ``--<role>-column`` option named, before it is
    drawn; ``roles`` maps the option's role to the picker's role name."""
    chosen = started_with()
    for role, picker in roles.items():
        column = chosen.column(role)
        if column is not None and column in columns:
            st.session_state.setdefault(f"{prefix}_{picker}", column)
