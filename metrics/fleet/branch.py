"""One model's part of the fleet's grouped queries: its entry, the monitoring use case's
columns and view of its log, and its place in the reference store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from metrics.fleet.reference_store import KeptReference
from metrics.fleet.registry import ModelEntry
from metrics.monitor.big_log import LogColumns
from metrics.monitor.log_view import LogView, check_view

BRANCH_COLUMNS = "r, c, day, s, y, a, d, f, k"


@dataclass(frozen=True)
class Branch:
    """One model's part of the fleet's query: its position, entry, columns and view, and its
    place in the reference store (None when the store is off or cannot keep its log)."""

    index: int
    entry: ModelEntry
    columns: LogColumns
    view: LogView
    kept: KeptReference | None = None

    @property
    def select(self) -> str:
        return f"SELECT {self.index} AS m, {BRANCH_COLUMNS} FROM ({self.view.select}) AS v"

    def select_within(self, days: tuple[str | None, str | None]) -> str:
        """The branch over the rows scored from the first day to the day before the second."""
        return f"SELECT {self.index} AS m, {BRANCH_COLUMNS} FROM ({self.view.within(days)}) AS v"

    @property
    def select_after_reference(self) -> str:
        """The branch over the rows outside the reference period. The condition on the
        timestamp column (a day's margin at each end, for time zones) lets the engine skip
        the reference's row groups; ``r = 0`` is the exact one."""
        first, last = (dt.date.fromisoformat(str(d)[:10]) for d in self.entry.reference)
        outside = (
            f"({self.view.stamp} < TIMESTAMP '{first + dt.timedelta(days=1)}' "
            f"OR {self.view.stamp} >= TIMESTAMP '{last}')"
        )
        rows = f"{self.view.select} {'AND' if self.view.filtered else 'WHERE'} {outside}"
        return f"SELECT {self.index} AS m, {BRANCH_COLUMNS} FROM ({rows}) AS v WHERE r = 0"

    @property
    def reference_days(self) -> tuple[str | None, str | None]:
        """Days that hold the reference rows, a day wider at each end (time zones); open
        when a period column marks them."""
        if self.entry.reference is None or self.columns.period is not None:
            return None, None
        first, last = (dt.date.fromisoformat(str(d)[:10]) for d in self.entry.reference)
        return str(first - dt.timedelta(days=1)), str(last + dt.timedelta(days=2))


def columns_of(entry: ModelEntry) -> LogColumns:
    """The monitoring use case's columns for a registry entry.

    Parameters
    ----------
    entry : ModelEntry

    Returns
    -------
    LogColumns
    """
    return LogColumns(
        label=entry.label_column,
        score=entry.score_column,
        timestamp=entry.timestamp_column,
        period=None,
        amount=entry.amount_column,
        label_date=entry.label_time_column,
        reference_dates=entry.reference,
        model=(entry.model_column, entry.model_value) if entry.model_column else None,
    )


def check_view_of(engine, branch: Branch) -> None:
    """The monitoring command's checks on one model's log alone: a ValueError naming the first
    bad value's file and row.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    branch : Branch
    """
    view = f"fleet_check_{branch.index}"
    engine.create_view(view, branch.view.select)
    check_view(engine, view, branch.columns)


def error_line(entry: ModelEntry, error: Exception) -> str:
    """What the fleet says of a model it could not read: one line that names it.

    Parameters
    ----------
    entry : ModelEntry
    error : Exception

    Returns
    -------
    str
    """
    return f"model '{entry.id}': {error}"
