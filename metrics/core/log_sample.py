"""The first rows of a big log, read by DuckDB, for guessing which column is which."""

from __future__ import annotations

import pandas as pd

from metrics.core.backends import DuckDBBackend, parquet_pattern


def sample_rows(path: str, *, rows: int = 10_000) -> pd.DataFrame:
    """The first rows of a log, for guessing which column plays which role (read by DuckDB).

    Parameters
    ----------
    path : str
        A Parquet file, a glob or a folder of Parquet files.
    rows : int
        How many rows.

    Returns
    -------
    DataFrame
    """
    engine = DuckDBBackend()
    quoted = parquet_pattern(path).replace("'", "''")
    frame = engine.connection.execute(
        f"SELECT * FROM read_parquet('{quoted}') LIMIT {int(rows)}"
    ).df()
    return frame
