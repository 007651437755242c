"""SQL the engines share for a big log: the score grid, the bucket key the bootstrap groups
by, the ``--where`` condition, and merging per-score groups onto the grid."""

from __future__ import annotations

import numpy as np

GRID_STEPS = 1_000_000


def _on_grid(grouped: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Exact per-score groups merged into 1e-6 grid cells, as the engine's grid query would
    group them (the same floor of the same product)."""
    cell = np.floor(grouped["s"] * GRID_STEPS).astype(np.int64) * 2 + grouped["y"].astype(np.int64)
    keys, inverse = np.unique(cell, return_inverse=True)
    return {
        "s": (keys // 2) / GRID_STEPS,
        "y": (keys % 2).astype(np.float64),
        "n": np.bincount(inverse, grouped["n"]),
        "a": np.bincount(inverse, grouped["a"]),
    }


def _bucket_sql(score: str, label: str, grid: np.ndarray) -> str:
    """SQL for ``2 x (grid thresholds <= score) + label``, exactly as ``bucket_keys``.

    On the uniform grid k / G the count is ``floor(score x G) + 1``, corrected by one where
    floating point puts the product on the wrong side of a grid value; a short grid is a sum
    of comparisons.
    """
    steps = len(grid) - 1
    if steps >= 1 and np.array_equal(grid, np.arange(steps + 1) / steps):
        c = f"CAST(floor({score} * {steps}) AS BIGINT)"
        cleared = (
            f"({c} + 1 + CASE WHEN ({c} + 1) / {float(steps)} <= {score} THEN 1 ELSE 0 END "
            f"- CASE WHEN {c} / {float(steps)} > {score} THEN 1 ELSE 0 END)"
        )
    elif len(grid) <= 16:
        cleared = " + ".join(f"CASE WHEN {score} >= {float(g)!r} THEN 1 ELSE 0 END" for g in grid)
    else:
        raise ValueError("a bootstrap grid must be short or uniform (0, 1/G, ..., 1)")
    return f"(2 * ({cleared}) + CAST({label} AS INTEGER))"


def _where_sql(where: str | None, columns: list[str], shown: str, quote) -> str:
    """``COLUMN=VALUE`` as a SQL condition on the column's text."""
    if where is None:
        return "TRUE"
    name, sep, value = where.partition("=")
    if not sep or name not in columns:
        raise ValueError(
            f"--where {where!r} must be COLUMN=VALUE with a column of the file, "
            f"e.g. split=test; the file has: {shown}"
        )
    return f"CAST({quote(name)} AS STRING) = '{value.replace(chr(39), chr(39) * 2)}'"


def _near_buckets_sql(score: str, label: str, grid: np.ndarray, keys: np.ndarray) -> str:
    """A condition on the raw score and label that holds for every row of the buckets
    ``keys`` (bucket ``2c + y``: label y, scores from ``grid[c - 1]`` up to ``grid[c]``), with
    a margin; the exact bucket test then runs on those rows only. Plain ranges (adjacent
    buckets merged) let the engine skip computing the bucket of every row of a big log."""
    edges = np.concatenate([[-np.inf], grid, [np.inf]])
    ranges = []
    for y in (0, 1):
        cells = np.sort(np.asarray(keys, dtype=np.int64)[np.asarray(keys) % 2 == y] // 2)
        for run in np.split(cells, np.flatnonzero(np.diff(cells) > 1) + 1):
            if run.size == 0:
                continue
            low, high = edges[run[0]] - 1e-9, edges[run[-1] + 1] + 1e-9
            bounds = [f"{label} = {y}"]
            if np.isfinite(low):
                bounds.append(f"{score} >= {float(low)!r}")
            if np.isfinite(high):
                bounds.append(f"{score} < {float(high)!r}")
            ranges.append("(" + " AND ".join(bounds) + ")")
    return " OR ".join(ranges) or "FALSE"
