"""Big prediction logs: the work goes to the engine where the data lives (DuckDB embedded by
default, Spark for a cluster), and only sufficient statistics come back.

Every threshold metric and value curve is a function of a small table: per distinct score
and label, the rows and their amount sums. DuckDB (embedded: no server) builds that table
from Parquet files, a glob or a folder of them, in one pass and in little memory. When a log
has more distinct scores than ``max_distinct``, scores are grouped on a fine grid instead,
and the grid's resolution is reported; a threshold on the grid is still exact.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from metrics.core.backends import DuckDBBackend, SparkBackend, backend
from metrics.core.bootstrap import BootstrapCurves, resample_buckets
from metrics.core.buckets import Buckets, small_buckets
from metrics.core.curves import threshold_curve
from metrics.core.log_checks import (
    amount_sums_are_finite,
    check_columns,
    check_text_roles,
    is_whole,
    perfect_sql,
    profile_log,
    raise_first_bad,
)
from metrics.core.log_groups import group_log, perfect_from_sums
from metrics.core.log_sql import GRID_STEPS, _bucket_sql, _near_buckets_sql, _where_sql
from metrics.core.log_summary import LogSummary
from metrics.core.value import ValueModel

MAX_DISTINCT = 1_000_000
"""Above this many distinct scores, scores are grouped on a grid of 1 / GRID_STEPS."""


@dataclass(frozen=True, eq=False)
class ParquetLog:
    """An open, validated log in DuckDB: every question about it is one aggregate query.

    Attributes
    ----------
    engine : DuckDBBackend or SparkBackend
        Where the log is summed.
    view : str
        The engine's view of the log's rows after any filter.
    label, score, amount : str
        Quoted column expressions.
    rows : int
        Rows after any filter.
    distinct_scores : int
        Approximate number of distinct scores.
    days : float or None
        Calendar days from the first to the last timestamp, both included.
    groups : dict of str to ndarray
        Per distinct score (or grid cell) ``s`` and label ``y``: rows ``n``, amount sum ``a``.
    exact : bool
        Whether ``groups`` keeps every distinct score (else the 1e-6 grid).
    amount_range : tuple of float
        The smallest and largest amount.
    perfect : float or None
        The perfect decision's value under the model given to ``open_log``.
    timestamp, stamp_value : str or None
        The quoted timestamp column, and the expression that reads it as a timestamp.
    """

    engine: DuckDBBackend | SparkBackend
    view: str
    label: str
    score: str
    amount: str
    rows: int
    distinct_scores: int
    days: float | None
    groups: dict[str, np.ndarray]
    exact: bool
    amount_range: tuple[float, float]
    perfect: float | None = None
    timestamp: str | None = None
    stamp_value: str | None = None

    def summary(self) -> LogSummary:
        """The curve on every distinct score (or on the 1e-6 grid above ``max_distinct``).

        Returns
        -------
        LogSummary
        """
        n = self.groups["n"]
        curve = threshold_curve(
            self.groups["y"].astype(np.int64),
            self.groups["s"],
            amount=self.groups["a"] / n,
            sample_weight=n,
        )
        resolution = None if self.exact else 1 / GRID_STEPS
        return LogSummary(curve, int(n.sum()), self.days, resolution, self.groups, self.perfect)

    def by_group(
        self, *, column: str | None = None, period: str | None = None, steps: int = 10_000
    ) -> dict[str, LogSummary]:
        """One summary per segment (a column's values) or per time window, on a score grid.

        Parameters
        ----------
        column : str, optional
            Group by this column's values (a segment, a model version).
        period : {'day', 'week', 'month'}, optional
            Group by calendar windows of the log's timestamp.
        steps : int
            Score grid of 1 / steps; thresholds on it are exact.

        Returns
        -------
        dict of str to LogSummary
            In the order of the groups (windows in time order).
        """
        if (column is None) == (period is None):
            raise ValueError("group by a column or by a period (day, week or month), not both")
        if period is not None:
            if self.timestamp is None:
                raise ValueError(
                    "grouping by time needs a timestamp column; name it with --timestamp-column"
                )
            if period not in ("day", "week", "month"):
                raise ValueError(f"period is {period!r}; use day, week or month")
            group = f"CAST(date_trunc('{period}', {self.stamp_value}) AS DATE)"
        else:
            group = self.engine.quote(column)
        rows = self.engine.arrays(
            f"SELECT CAST({group} AS STRING) AS g, "
            f"CAST(floor({self.score} * {steps}) AS BIGINT) * 2 + {self.label} AS k, "
            f"count(*) AS n, sum({self.amount}) AS a FROM {self.view} GROUP BY 1, 2"
        )
        groups = np.asarray(rows["g"]).astype(str)
        keys = np.asarray(rows["k"]).astype(np.int64)
        n, a = (np.asarray(rows[c], dtype=np.float64) for c in ("n", "a"))
        out: dict[str, LogSummary] = {}
        for name in sorted(set(groups)):
            mine = groups == name
            score, label = (keys[mine] // 2) / steps, keys[mine] % 2
            curve = threshold_curve(label, score, amount=a[mine] / n[mine], sample_weight=n[mine])
            parts = {"s": score, "y": label.astype(np.float64), "n": n[mine], "a": a[mine]}
            out[name] = LogSummary(curve, int(n[mine].sum()), None, 1 / steps, parts)
        return out

    def perfect_value(self, model: ValueModel) -> float:
        """The perfect decision's value under ``model``, row by row in the engine.

        Parameters
        ----------
        model : ValueModel
            What each confusion-matrix cell is worth (currency units).

        Returns
        -------
        float
        """
        from_sums = perfect_from_sums(model, self.groups, *self.amount_range)
        if from_sums is not None:
            return from_sums
        total = self.engine.query(
            f"SELECT {perfect_sql(model, self.label, self.amount)} FROM {self.view}"
        )[0][0]
        return float(total or 0.0)

    def bootstrap(
        self, grid: np.ndarray, *, n_resamples: int = 400, seed: int = 0
    ) -> BootstrapCurves:
        """The bucket bootstrap: each bucket's moments in one small grouped query (a bucket is
        a label and a position on ``grid``), then only the rows of small buckets are read
        (at most ``EXACT_ROWS`` a bucket).

        Parameters
        ----------
        grid : ndarray of shape (g,)
            Ascending thresholds: a few, or the uniform grid 0, 1/G, ..., 1.
        n_resamples : int
            Number of bootstrap resamples.
        seed : int
            Seed of ``np.random.default_rng``.

        Returns
        -------
        BootstrapCurves
        """
        key = _bucket_sql(self.score, self.label, grid)
        stats = self.engine.arrays(
            f"SELECT {key} AS k, count(*) AS n, sum({self.amount}) AS a, "
            f"sum(CAST({self.amount} AS DOUBLE) * {self.amount}) AS a2 "
            f"FROM {self.view} GROUP BY 1"
        )
        where = np.asarray(stats["k"]).astype(np.int64)
        size = 2 * (len(grid) + 1)

        def spread(column: str) -> np.ndarray:
            out = np.zeros(size)
            out[where] = np.asarray(stats[column], dtype=np.float64)
            return out

        rows, amounts = spread("n"), spread("a")
        buckets = Buckets(rows, rows, amounts, rows, spread("a2"), amounts)
        small = np.flatnonzero(small_buckets(buckets))
        picked = self.engine.arrays(
            f"SELECT {key} AS k, CAST({self.amount} AS DOUBLE) AS a FROM {self.view} "
            f"WHERE ({_near_buckets_sql(self.score, self.label, grid, small)}) "
            f"AND {key} IN ({', '.join(map(str, small)) or '-1'}) "
            "ORDER BY filename, file_row_number"
        )
        keys = np.asarray(picked["k"]).astype(np.int64)
        return resample_buckets(
            grid,
            buckets,
            (keys, np.ones(len(keys)), np.asarray(picked["a"], dtype=np.float64)),
            n_resamples=n_resamples,
            seed=seed,
        )


def open_log(
    path: str,
    *,
    label: str = "label",
    score: str = "score",
    amount: str | None = "amount",
    timestamp: str | None = "timestamp",
    where: str | None = None,
    model: ValueModel | None = None,
    engine_name: str = "duckdb",
    spark_master: str | None = None,
    max_distinct: int = MAX_DISTINCT,
) -> ParquetLog:
    """Open a Parquet log in DuckDB, keep the ``--where`` rows, and validate it in the engine.

    Parameters
    ----------
    path : str
        A Parquet file, a glob or a folder of Parquet files.
    label, score : str
        Column names: 0/1 label, probability in [0, 1].
    amount : str or None
        Amount in the currency unit (>= 0); None when the log has none (all zero).
    timestamp : str or None
        Column of dates; used for days when the log has it.
    where : str or None
        ``COLUMN=VALUE``: keep only those rows.
    model : ValueModel, optional
        Value the perfect decision in the validating pass (``ParquetLog.perfect``).
    engine_name : {'duckdb', 'spark'}
        Where the log is summed.
    spark_master : str, optional
        Spark master URL; local mode (or Spark Connect's ``SPARK_REMOTE``) when None.
    max_distinct : int
        Keep every distinct score up to this many; above it, group on the 1e-6 grid.

    Returns
    -------
    ParquetLog
    """
    engine = backend(engine_name, spark_master=spark_master)
    roles = {"label": label, "score": score} | ({"amount": amount} if amount else {})
    view, types = _filtered_view(engine, path, roles, where)
    q = engine.quote
    y, s = q(label), q(score)
    a = q(amount) if amount else "CAST(0 AS DOUBLE)"  # no amounts: every amount is zero
    stamp_type = types.get(timestamp or "", "")
    stamp = q(timestamp) if timestamp is not None and timestamp in types else None
    names = {"label": label, "score": score, "amount": amount or "amount"}
    profile = profile_log(
        engine, view, y, s, a, stamp, whole_label=is_whole(types[label]), stamp_type=stamp_type
    )
    if profile["rows"] == 0:
        raise ValueError(f"'{path}' has no rows" + (f" where {where}" if where else ""))
    raise_first_bad(engine, view, profile, names)
    groups, exact = _checked_groups(engine, view, (y, s, a), profile, names, max_distinct)
    log = ParquetLog(
        engine,
        view,
        y,
        s,
        a,
        profile["rows"],
        profile["distinct"],
        profile["days"],
        groups,
        exact,
        (profile["low"], profile["high"]),
        None,
        stamp,
        None if stamp is None else engine.timestamp(stamp, stamp_type),
    )
    if model is None:
        return log
    return dataclasses.replace(log, perfect=log.perfect_value(model))


def _filtered_view(
    engine: DuckDBBackend | SparkBackend, path: str, roles: dict[str, str], where: str | None
) -> tuple[str, dict[str, str]]:
    """The log's files opened, its role columns checked, and a view of the ``--where`` rows;
    returns the view and every column's type."""
    scanned = engine.open(path)
    types = engine.types(scanned)
    columns = list(types)
    shown = ", ".join(c for c in columns if c not in ("file_row_number", "filename"))
    check_text_roles(engine, scanned, types, roles)
    check_columns(types, roles, shown)
    view = f"{scanned}_log"
    condition = _where_sql(where, columns, shown, engine.quote)
    engine.create_view(view, f"SELECT * FROM {scanned} WHERE {condition}")
    return view, types


def _checked_groups(
    engine: DuckDBBackend | SparkBackend,
    view: str,
    columns: tuple[str, str, str],
    profile: dict,
    names: dict[str, str],
    max_distinct: int,
) -> tuple[dict[str, np.ndarray], bool]:
    """The grouped pass; a NaN or infinite amount, which shows as a non-finite sum, is then
    found row by row with its file and row number."""
    y, s, a = columns
    groups, exact = group_log(
        engine, view, y, s, a, distinct=profile["distinct"], max_distinct=max_distinct
    )
    if not amount_sums_are_finite(groups):
        raise_first_bad(engine, view, {**profile, "amount": True}, names)
    return groups, exact
