"""Drift of a big log's inputs, in the engine: per input, a histogram per chunk against the
reference's deciles (numbers) or its values (categories), the missing share, and whether a
chunk holds one value only."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from metrics.core.log_checks import is_numeric
from metrics.monitor.drift import BINS, FeatureCounts, drift_rows


def big_log_drift(
    engine,
    view: str,
    features: dict[str, str],
    info: pd.DataFrame,
    grouped: Callable[[str], dict[str, np.ndarray]],
) -> pd.DataFrame:
    """The drift table of a big log, as ``drift_table`` gives for rows in memory.

    Parameters
    ----------
    engine : DuckDBBackend or SparkBackend
    view : str
        The monitoring view (columns r, c and the inputs).
    features : dict of str to str
        Input column to its engine type; ``s`` is the score.
    info : DataFrame
        Chunks in order: r, c, lo (first day), n (rows).
    grouped : callable
        Runs a query grouped by r and c and adds each group's chunk.

    Returns
    -------
    DataFrame
    """
    starts = np.asarray(info["lo"]).astype("datetime64[D]")
    reference = (info["r"] == 1).to_numpy()
    rows = []
    for name, kind in features.items():
        x = "s" if name == "s" else engine.quote(name)
        distinct = engine.query(f"SELECT approx_count_distinct({x}) FROM {view} WHERE r = 1")[0][0]
        hist = grouped(
            f"SELECT r, c, {_bin_sql(engine, view, x, kind, distinct)} AS b, "
            f"count(*) AS n FROM {view} GROUP BY 1, 2, 3"
        )
        codes = pd.factorize(np.asarray(hist["b"]).astype(str))[0]
        table = np.zeros((len(info), codes.max() + 1))
        np.add.at(table, (hist["chunk"], codes), hist["n"])
        shape = grouped(
            f"SELECT r, c, count({x}) AS present, "
            f"CASE WHEN min({x}) = max({x}) THEN 1 ELSE 0 END AS one FROM {view} GROUP BY 1, 2"
        )
        present, one = np.zeros(len(info)), np.zeros(len(info), dtype=bool)
        present[shape["chunk"]] = np.asarray(shape["present"], dtype=np.float64)
        one[shape["chunk"]] = np.asarray(shape["one"]).astype(int) == 1
        counts = FeatureCounts(
            table=table,
            expected=table[reference].sum(axis=0),
            missing=1 - present / info["n"].to_numpy(),
            constant=one & (present > 0) & (distinct > 1),
        )
        rows += drift_rows("score" if name == "s" else name, counts, starts)
    return pd.DataFrame(rows)


def _bin_sql(engine, view: str, x: str, kind: str, distinct: int) -> str:
    """Deciles of the reference for a number with many values; the value itself otherwise."""
    if not (is_numeric(kind) and distinct > BINS):
        return f"coalesce(CAST({x} AS STRING), '(missing)')"
    edges = engine.query(
        "SELECT "
        + ", ".join(engine.quantile(x, k / BINS) for k in range(1, BINS))
        + f" FROM {view} WHERE r = 1"
    )[0]
    edges = sorted({float(e) for e in edges if e is not None})
    counted = " + ".join(f"CASE WHEN {x} >= {e!r} THEN 1 ELSE 0 END" for e in edges) or "0"
    return f"CASE WHEN {x} IS NULL THEN -1 ELSE {counted} END"
