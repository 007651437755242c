"""Which input moved: per feature (and the score) and per chunk, the population stability
index against the reference, the Jensen-Shannon distance (scipy) on the same bins, the share
of missing values, and whether the column went constant (a frozen upstream feature)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.spatial.distance import jensenshannon

from metrics.monitor.chunks import Chunks

BINS = 10
PSI_ALERT = 0.2
"""A PSI above this is the usual sign of a shift worth a look."""
EPSILON = 1e-4


def population_stability_index(expected: np.ndarray, actual: np.ndarray) -> float:
    """``sum over bins of (actual - expected) x ln(actual / expected)`` on shares, each share
    floored at 1e-4 so an empty bin stays finite.

    Parameters
    ----------
    expected, actual : ndarray
        Counts per bin (reference, chunk).

    Returns
    -------
    float
    """
    e = np.maximum(expected / max(expected.sum(), 1), EPSILON)
    a = np.maximum(actual / max(actual.sum(), 1), EPSILON)
    return float(np.sum((a - e) * np.log(a / e)))


def _binned(values: pd.Series, reference: np.ndarray) -> np.ndarray:
    """Bin of each row: reference deciles for numbers, categories otherwise; missing last."""
    missing = values.isna().to_numpy()
    numeric = pd.api.types.is_numeric_dtype(values) and values.nunique() > BINS
    if numeric:
        x = values.to_numpy(dtype=np.float64)
        edges = np.unique(np.nanquantile(x[reference], np.linspace(0, 1, BINS + 1)[1:-1]))
        bins = np.searchsorted(edges, x, side="right")
        top = len(edges) + 1
    else:
        codes, uniques = pd.factorize(values.astype(str))
        bins, top = codes, len(uniques)
    return np.where(missing, top, bins)


def _identifier(values: pd.Series) -> bool:
    """Every reference value distinct and not a measured number: an id, not an input."""
    return values.dtype.kind != "f" and len(values) > 1 and values.nunique() == len(values)


def _distinct_per_chunk(values: pd.Series, chunks: Chunks) -> np.ndarray:
    """Per chunk, 1 when every non-missing value is the same (else 2): a min and a max."""
    codes = pd.factorize(values)[0].astype(np.float64)
    codes[codes < 0] = np.nan
    grouped = pd.Series(codes).groupby(chunks.of_row)
    return np.where(grouped.min().to_numpy() == grouped.max().to_numpy(), 1, 2)


def drift_table(features: pd.DataFrame, reference: np.ndarray, chunks: Chunks) -> pd.DataFrame:
    """One row per feature and chunk: psi, js (Jensen-Shannon distance), missing share,
    constant (one value in the chunk where the reference had several) and alert.

    Parameters
    ----------
    features : DataFrame
        Model inputs (and the score), one row per log row.
    reference : ndarray of bool
        Rows of the reference period.
    chunks : Chunks

    Returns
    -------
    DataFrame
        Columns feature, chunk, start, psi, js, missing, constant, alert.
    """
    rows = []
    for name in features.columns:
        values = features[name]
        if _identifier(values[reference]):
            continue
        bins = _binned(values, reference)
        size = int(bins.max()) + 1
        table = np.bincount(chunks.of_row * size + bins, minlength=len(chunks) * size)
        counts = FeatureCounts(
            table=table.reshape(len(chunks), size).astype(np.float64),
            expected=np.bincount(bins[reference], minlength=size).astype(np.float64),
            missing=chunks.sums(values.isna().to_numpy().astype(np.float64)) / chunks.rows,
            constant=(_distinct_per_chunk(values, chunks) == 1)
            & (values[reference].nunique(dropna=True) > 1),
        )
        rows += drift_rows(str(name), counts, chunks.start)
    return pd.DataFrame(rows)


@dataclass(frozen=True, eq=False)
class FeatureCounts:
    """One input's histogram per chunk and in the reference, from rows or from an engine.

    Attributes
    ----------
    table : ndarray of shape (chunks, bins)
        Rows per chunk and bin (missing values in the last bin).
    expected : ndarray of shape (bins,)
        Reference rows per bin.
    missing : ndarray of shape (chunks,)
        Share of each chunk's rows without a value.
    constant : ndarray of bool, shape (chunks,)
        One value on every row of the chunk, where the reference had several.
    """

    table: np.ndarray
    expected: np.ndarray
    missing: np.ndarray
    constant: np.ndarray


def drift_rows(name: str, counts: FeatureCounts, starts: np.ndarray) -> list[dict]:
    """The drift table's rows for one input: PSI, Jensen-Shannon distance, missing share,
    constant and alert per chunk.

    Parameters
    ----------
    name : str
        The input's name.
    counts : FeatureCounts
    starts : ndarray of datetime64[D]
        Each chunk's first day.

    Returns
    -------
    list of dict
    """
    rows = []
    for c in range(len(counts.table)):
        psi = population_stability_index(counts.expected, counts.table[c])
        constant = bool(counts.constant[c])
        rows.append(
            {
                "feature": name,
                "chunk": c,
                "start": starts[c],
                "psi": psi,
                "js": float(jensenshannon(counts.expected + EPSILON, counts.table[c] + EPSILON)),
                "missing": float(counts.missing[c]),
                "constant": constant,
                "alert": bool(psi > PSI_ALERT or constant),
            }
        )
    return rows
