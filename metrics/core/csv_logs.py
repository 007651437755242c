"""CSV logs for the DuckDB engine: read once into a table of the connection, with each row's
file and row number, as a Parquet scan has them."""

from __future__ import annotations

import glob
import tempfile
from pathlib import Path

from metrics.core.read_limits import first_line, max_read_bytes

CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt")


def is_csv(path: str) -> bool:
    """Whether a path, file or glob, names CSV text (by its ending), not Parquet.

    Parameters
    ----------
    path : str
    """
    return path.lower().endswith(CSV_SUFFIXES)


def csv_files(path: str) -> list[Path]:
    """The CSV files a path or a glob names, or a ValueError when it names none.

    Parameters
    ----------
    path : str
        ``logs/day1.csv``, ``logs/*.csv.gz``.

    Returns
    -------
    list of Path
    """
    if any(c in path for c in "*?["):
        files = sorted(Path(p) for p in glob.glob(path, recursive=True) if Path(p).is_file())
        if not files:
            raise ValueError(f"no file matches '{path}'; check the path")
        return files
    if not Path(path).is_file():
        raise ValueError(f"file '{path}' was not found; check the path")
    return [Path(path)]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unread_csv(path: str, error: Exception) -> ValueError:
    """What a CSV file DuckDB could not read gets: a gzip file cut short says so."""
    if "GZIP" in str(error):
        return ValueError(
            f"'{path}' holds a gzip file that ends early or is damaged (it was probably cut "
            "short while copying); copy it again, or compress the CSV again"
        )
    return ValueError(
        f"'{path}' could not be read as CSV ({first_line(error)}); check the file where "
        "this points: each file needs a header row, one separator between values and one "
        "kind of value per column"
    )


def load_csv(connection, path: str, view: str) -> None:
    """CSV files (a file or a glob) as table ``view``, each row with its file and its row
    number in that file (from 0, as for Parquet). DuckDB finds the separator and the
    column types; the files' header names and total size are checked first, and a file in
    another encoding than UTF-8 is read from a UTF-8 copy.

    Parameters
    ----------
    connection : duckdb.DuckDBPyConnection
    path : str
        A CSV file or a glob of them, gzipped or not.
    view : str
        The table's name.
    """
    import duckdb

    from metrics.core.csv_text import csv_dialect, utf8_copy  # pandas: only for CSV logs

    files = csv_files(path)
    if sum(file.stat().st_size for file in files) > max_read_bytes():
        raise ValueError(
            f"'{path}' is more CSV than ValueLens reads into memory "
            f"({max_read_bytes() // 2**20:,} MB); write it as Parquet, which is summed "
            "where it lies"
        )
    with tempfile.TemporaryDirectory() as folder:
        read, separators = {}, set()  # what DuckDB reads: the file, or its UTF-8 copy
        for file in files:
            encoding, separator = csv_dialect(file)
            copy = file if encoding == "utf-8" else utf8_copy(file, encoding, folder)
            read[str(copy)] = str(file)
            separators.add(separator)
        listed = ", ".join(_literal(name) for name in read)
        named = " ".join(f"WHEN {_literal(a)} THEN {_literal(b)}" for a, b in read.items())
        try:
            connection.execute(
                f"CREATE OR REPLACE TABLE {view}_rows AS SELECT * REPLACE (CASE filename "
                f"{named} END AS filename) FROM read_csv([{listed}], header = true, "
                "filename = true)"
            )
            numbers = _decimal_commas(connection, f"{view}_rows") if separators == {";"} else ""
            connection.execute(
                f"CREATE OR REPLACE TABLE {view} AS SELECT *{numbers}, CAST(rowid - "
                f"min(rowid) OVER (PARTITION BY filename) AS BIGINT) AS file_row_number "
                f"FROM {view}_rows"
            )
        except duckdb.Error as error:
            raise _unread_csv(path, error) from None
        finally:
            connection.execute(f"DROP TABLE IF EXISTS {view}_rows")


def _decimal_commas(connection, table: str) -> str:
    """A ``REPLACE`` clause turning into numbers the text columns of a ';'-separated file
    whose values are all numbers, some with a decimal comma (as the in-memory reader does);
    empty when there are none."""
    text = [
        name
        for name, kind, *_ in connection.execute(f"DESCRIBE {table}").fetchall()
        if kind == "VARCHAR" and name != "filename"
    ]
    if not text:
        return ""
    quoted = ['"' + name.replace('"', '""') + '"' for name in text]
    number = [f"TRY_CAST(replace(trim({q}), ',', '.') AS DOUBLE)" for q in quoted]
    counts = connection.execute(
        "SELECT "
        + ", ".join(
            f"count(*) FILTER (WHERE {q} IS NOT NULL AND {n} IS NULL), "
            f"count(*) FILTER (WHERE regexp_full_match(trim({q}), '[+-]?[0-9]*,[0-9]+'))"
            for q, n in zip(quoted, number, strict=True)
        )
        + f" FROM {table}"
    ).fetchone()
    kept = [
        f"{n} AS {q}"
        for q, n, bad, commas in zip(quoted, number, counts[::2], counts[1::2], strict=True)
        if not bad and commas
    ]
    return f" REPLACE ({', '.join(kept)})" if kept else ""
