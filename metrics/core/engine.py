"""Big prediction logs: the work goes to DuckDB where the data lives, and only sufficient
statistics come back.

Every threshold metric and value curve is a function of a small table: per distinct score
and label, the rows and their amount sums. DuckDB (embedded: no server) builds that table
from Parquet files, a glob or a folder of them, in one pass and in little memory. When a log
has more distinct scores than ``max_distinct``, scores are grouped on a fine grid instead,
and the grid's resolution is reported; a threshold on the grid is still exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from metrics.core.bootstrap import Buckets, small_buckets
from metrics.core.curves import ThresholdCurve, threshold_curve
from metrics.core.format import count
from metrics.core.value import ValueModel

MAX_DISTINCT = 1_000_000
"""Above this many distinct scores, scores are grouped on a grid of 1 / GRID_STEPS."""
GRID_STEPS = 1_000_000


@dataclass(frozen=True, eq=False)
class LogSummary:
    """What an engine hands back for one log: the exact curve on its distinct scores (or on
    the grid), the days it spans and how it was grouped.

    Attributes
    ----------
    curve : ThresholdCurve
        Confusion counts and amounts at every distinct score (or grid point).
    rows : int
        Rows scanned after any filter.
    days : float or None
        Calendar days from the first to the last timestamp, both included.
    resolution : float or None
        None when every distinct score is kept (exact); else the grid step.
    """

    curve: ThresholdCurve
    rows: int
    days: float | None
    resolution: float | None


def parquet_source(path: str) -> str:
    """The DuckDB scan of a Parquet file, a glob or a folder of Parquet files.

    Parameters
    ----------
    path : str
        ``logs/day1.parquet``, ``logs/*.parquet`` or ``logs/``.

    Returns
    -------
    str
        A ``read_parquet`` expression with each row's file and row number.
    """
    target = Path(path)
    if target.is_dir():
        pattern = str(target / "**" / "*.parquet")
        if not any(target.rglob("*.parquet")):
            raise ValueError(
                f"folder '{path}' holds no .parquet files; give a file, a glob or "
                "a folder of Parquet files"
            )
    elif any(c in path for c in "*?["):
        pattern = path
    elif target.is_file():
        pattern = str(target)
    else:
        raise ValueError(f"file '{path}' was not found; check the path")
    quoted = pattern.replace("'", "''")
    return f"read_parquet('{quoted}', file_row_number = true, filename = true)"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, eq=False)
class ParquetLog:
    """An open, validated log in DuckDB: every question about it is one aggregate query.

    Attributes
    ----------
    con : duckdb.DuckDBPyConnection
        The embedded database holding the view ``log`` over the files.
    label, score, amount : str
        Quoted column expressions.
    rows : int
        Rows after any filter.
    distinct_scores : int
        Approximate number of distinct scores.
    days : float or None
        Calendar days from the first to the last timestamp, both included.
    """

    con: object
    label: str
    score: str
    amount: str
    rows: int
    distinct_scores: int
    days: float | None

    def summary(self, *, max_distinct: int = MAX_DISTINCT) -> LogSummary:
        """Group by score and label (or on the 1e-6 grid above ``max_distinct`` scores).

        Parameters
        ----------
        max_distinct : int
            Keep every distinct score up to this many.

        Returns
        -------
        LogSummary
        """
        y, s, a = self.label, self.score, self.amount
        exact = self.distinct_scores <= max_distinct
        key = s if exact else f"floor({s} * {GRID_STEPS}) / {GRID_STEPS}"
        grouped = self.con.execute(
            f"SELECT {key} AS s, {y}::INTEGER AS y, count(*) AS n, sum({a}) AS a "
            "FROM log GROUP BY ALL"
        ).fetchnumpy()
        n = grouped["n"].astype(np.float64)
        curve = threshold_curve(
            grouped["y"], grouped["s"], amount=grouped["a"] / n, sample_weight=n
        )
        return LogSummary(curve, int(n.sum()), self.days, None if exact else 1 / GRID_STEPS)

    def perfect_value(self, model: ValueModel) -> float:
        """The perfect decision's value, row by row in the engine (see ``perfect_value``).

        Parameters
        ----------
        model : ValueModel
            What each confusion-matrix cell is worth (currency units).

        Returns
        -------
        float
        """
        y, a = self.label, self.amount
        gain_pos = f"{model.tp.fixed - model.fn.fixed} + {model.tp.rate - model.fn.rate} * {a}"
        gain_neg = f"{model.fp.fixed - model.tn.fixed} + {model.fp.rate - model.tn.rate} * {a}"
        total = self.con.execute(
            f"SELECT coalesce(sum(greatest(0, CASE WHEN {y} = 1 THEN {gain_pos} "
            f"ELSE {gain_neg} END)), 0) FROM log"
        ).fetchone()[0]
        return float(total)

    def buckets(self, grid: np.ndarray) -> tuple[Buckets, tuple[np.ndarray, ...]]:
        """Bootstrap statistics per bucket, and the rows of the small buckets in file order.

        Parameters
        ----------
        grid : ndarray of shape (g,)
            Ascending thresholds.

        Returns
        -------
        buckets : Buckets
        small_rows : tuple of three ndarrays
            Bucket key, weight (1) and amount of each row in a small bucket.
        """
        cleared = " + ".join(f"({self.score} >= {float(g)!r})::INTEGER" for g in grid)
        key = f"2 * ({cleared}) + {self.label}::INTEGER"
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW keyed AS SELECT {key} AS k, "
            f"{self.amount}::DOUBLE AS a, filename, file_row_number FROM log"
        )
        stats = self.con.execute(
            "SELECT k, count(*) AS n, sum(a) AS a, sum(a * a) AS a2 FROM keyed GROUP BY k"
        ).fetchnumpy()
        size = 2 * (len(grid) + 1)
        k = stats["k"].astype(np.int64)

        def spread(values: np.ndarray) -> np.ndarray:
            out = np.zeros(size)
            out[k] = values
            return out

        rows, amounts = spread(stats["n"].astype(np.float64)), spread(stats["a"])
        buckets = Buckets(rows, rows, amounts, rows, spread(stats["a2"]), amounts)
        small = np.flatnonzero(small_buckets(buckets))
        picked = self.con.execute(
            f"SELECT k, a FROM keyed WHERE k IN ({', '.join(map(str, small)) or '-1'}) "
            "ORDER BY filename, file_row_number"
        ).fetchnumpy()
        keys = picked["k"].astype(np.int64)
        return buckets, (keys, np.ones(len(keys)), picked["a"].astype(np.float64))


def open_log(
    path: str,
    *,
    label: str = "label",
    score: str = "score",
    amount: str = "amount",
    timestamp: str | None = "timestamp",
    where: str | None = None,
) -> ParquetLog:
    """Open a Parquet log in DuckDB, keep the ``--where`` rows, and validate it in the engine.

    Parameters
    ----------
    path : str
        A Parquet file, a glob or a folder of Parquet files.
    label, score, amount : str
        Column names: 0/1 label, probability in [0, 1], amount in the currency unit (>= 0).
    timestamp : str or None
        Column of dates; used for days when the log has it.
    where : str or None
        ``COLUMN=VALUE``: keep only those rows.

    Returns
    -------
    ParquetLog
    """
    import duckdb  # imported here: the in-memory path does not need it

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # the CLI's stdout is JSON only
    con.execute(f"CREATE VIEW scanned AS SELECT * FROM {parquet_source(path)}")
    columns = [r[0] for r in con.execute("DESCRIBE scanned").fetchall()]
    shown = ", ".join(c for c in columns if c not in ("file_row_number", "filename"))
    for role, name in (("label", label), ("score", score), ("amount", amount)):
        if name not in columns:
            raise ValueError(
                f"column '{name}' ({role}) is missing; the file has columns: {shown}; rename a "
                f"column to '{name}' or name the {role} column (--{role}-column)"
            )
    filter_sql = "TRUE"
    if where is not None:
        name, sep, value = where.partition("=")
        if not sep or name not in columns:
            raise ValueError(
                f"--where {where!r} must be COLUMN=VALUE with a column of the file, "
                f"e.g. split=test; the file has: {shown}"
            )
        filter_sql = f"{_ident(name)}::VARCHAR = '{value.replace(chr(39), chr(39) * 2)}'"
    con.execute(f"CREATE VIEW log AS SELECT * FROM scanned WHERE {filter_sql}")
    y, s, a = _ident(label), _ident(score), _ident(amount)
    stamp = _ident(timestamp) if timestamp is not None and timestamp in columns else None
    profile = _profile(con, y, s, a, stamp)
    if profile["rows"] == 0:
        raise ValueError(f"'{path}' has no rows" + (f" where {where}" if where else ""))
    names = {"label": label, "score": score, "amount": amount}
    for role, condition, noun, fix in _CHECKS:
        if profile[role]:
            bad = condition.format(y=y, s=s, a=a)
            first = con.execute(
                f"SELECT {_ident(names[role])}, file_row_number, filename FROM log WHERE {bad} "
                "ORDER BY filename, file_row_number LIMIT 1"
            ).fetchone()
            raise ValueError(
                f"column '{names[role]}' has {count(profile[role], noun)}, e.g. {first[0]!r} in "
                f"row {first[1]} of {Path(first[2]).name}; {fix}"
            )
    return ParquetLog(con, y, s, a, profile["rows"], profile["distinct"], profile["days"])


def _profile(con, y: str, s: str, a: str, stamp: str | None) -> dict:
    """One pass: rows, bad values per role, distinct scores and the days covered."""
    bad = {role: condition.format(y=y, s=s, a=a) for role, condition, _, _ in _CHECKS}
    days = f"date_diff('day', min({stamp})::DATE, max({stamp})::DATE) + 1" if stamp else "NULL"
    row = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {bad['label']}), "
        f"count(*) FILTER (WHERE {bad['score']}), count(*) FILTER (WHERE {bad['amount']}), "
        f"approx_count_distinct({s}), {days} FROM log"
    ).fetchone()
    return {
        "rows": row[0],
        "label": row[1],
        "score": row[2],
        "amount": row[3],
        "distinct": row[4],
        "days": None if row[5] is None else float(row[5]),
    }


_CHECKS = (
    (
        "label",
        "{y} IS NULL OR {y} NOT IN (0, 1)",
        "value other than 0 or 1",
        "labels must be binary (1 = positive, e.g. fraud)",
    ),
    (
        "score",
        "{s} IS NULL OR isnan({s}::DOUBLE) OR {s} < 0 OR {s} > 1",
        "missing value or value outside [0, 1]",
        "scores must be probabilities",
    ),
    (
        "amount",
        "{a} IS NULL OR isnan({a}::DOUBLE) OR isinf({a}::DOUBLE) OR {a} < 0 OR {a} > 1e15",
        "missing, negative or above 1e15 amount",
        "amounts must be zero or positive (refunds excluded)",
    ),
)
