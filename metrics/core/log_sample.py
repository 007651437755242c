"""The first rows of a big log, read by DuckDB, for guessing which column is which."""

from __future__ import annotations

import pandas as pd

from metrics.core.backends import DuckDBBackend


def sample_rows(path: str, *, rows: int = 10_000) -> pd.DataFrame:
    """The first rows of a log, for guessing which column plays which role (read by DuckDB).

    Parameters
    ----------
    path : str
        A Parquet file, a glob or a folder of Parquet files, or CSV files.
    rows : int
        How many rows.

    Returns
    -------
    DataFrame

    Raises
    ------
    ValueError
        Naming the file and the fix when it is not complete Parquet (or readable CSV).
    """
    engine = DuckDBBackend()
    view = engine.open(path)  # a file that is not complete Parquet: one error naming it
    return engine.connection.execute(
        f"SELECT * EXCLUDE (filename, file_row_number) FROM {view} LIMIT {int(rows)}"
    ).df()
