"""Where a big log is summed: DuckDB embedded (the default, nothing to start) or Apache Spark
(for logs that live on a cluster). ValueLens asks both the same few aggregate queries in
standard SQL; the only differences, how a scan is opened and named, sit here."""

from __future__ import annotations

import itertools
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from metrics.core.file_kinds import check_kinds
from metrics.core.read_limits import first_line
from metrics.core.validation import check_unique_names

if TYPE_CHECKING:  # frames are only handed through
    import pandas as pd

ENGINES = ("duckdb", "spark")
_views = itertools.count()


def parquet_pattern(path: str) -> str:
    """A Parquet file, a glob, or a folder of Parquet files, as a pattern both engines read.

    Parameters
    ----------
    path : str
        ``logs/day1.parquet``, ``logs/*.parquet`` or ``logs/``.

    Returns
    -------
    str
    """
    target = Path(path)
    if target.is_dir():
        if not any(target.rglob("*.parquet")):
            raise ValueError(
                f"folder '{path}' holds no .parquet files; give a file, a glob or a folder of "
                f"Parquet files, or a glob of CSV files such as '{target / '*.csv'}'"
            )
        return str(target / "**" / "*.parquet")
    if any(c in path for c in "*?["):
        return path
    if target.is_file():
        return str(target)
    raise ValueError(f"file '{path}' was not found; check the path")


@dataclass(eq=False)
class DuckDBBackend:
    """DuckDB, embedded: the log's files are scanned where they lie."""

    connection: object = field(default=None)
    name: str = "duckdb"

    def __post_init__(self) -> None:
        if self.connection is None:
            import duckdb  # imported here: the in-memory path does not need it

            self.connection = duckdb.connect()
            self.connection.execute("SET enable_progress_bar = false")  # stdout is JSON only

    def open(self, path: str) -> str:
        """Create a view of the files with each row's file and row number; return its name.
        Every file's footer is read first: a file that is not complete Parquet, or that has
        a column name twice, is one error naming it. CSV files are read into a table."""
        import duckdb

        from metrics.core.csv_logs import is_csv, load_csv

        view = f"scan_{next(_views)}"
        if is_csv(path):
            load_csv(self.connection, path, view)
            return view
        quoted = parquet_pattern(path).replace("'", "''")
        try:
            schema = self.query_raw(
                f"SELECT file_name, name, num_children FROM parquet_schema('{quoted}')"
            )
            self.create_view(
                view,
                f"SELECT * FROM read_parquet('{quoted}', file_row_number = true, filename = true)",
            )
        except duckdb.Error as error:
            check_kinds(parquet_pattern(path))  # a spreadsheet or JSON: say what it is
            raise ValueError(
                f"'{path}' could not be read as Parquet ({first_line(error)}); a file may be "
                "incomplete or not Parquet: copy or write it again"
            ) from None
        for file_name, names in top_level_names(schema).items():
            check_unique_names(names, file_name)
        return view

    def query_raw(self, sql: str) -> list[tuple]:
        return self.connection.cursor().execute(sql).fetchall()

    def query(self, sql: str) -> list[tuple]:
        return _duckdb_call(lambda: self.connection.cursor().execute(sql).fetchall())

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        return _duckdb_call(lambda: self.connection.cursor().execute(sql).fetchnumpy())

    def create_view(self, view: str, select: str) -> None:
        # A view in the database (not TEMP): the cursors that run the queries see it.
        self.connection.execute(f"CREATE OR REPLACE VIEW {view} AS {select}")

    def register(self, view: str, frame: pd.DataFrame) -> None:
        self.connection.register(f"{view}_frame", frame)
        self.connection.execute(f"CREATE OR REPLACE TABLE {view} AS SELECT * FROM {view}_frame")
        self.connection.unregister(f"{view}_frame")

    def types(self, view: str) -> dict[str, str]:
        return {r[0]: r[1] for r in self.connection.execute(f"DESCRIBE {view}").fetchall()}

    @staticmethod
    def quote(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    @staticmethod
    def quantile(value: str, q: float) -> str:
        return f"approx_quantile({value}, {q!r})"

    @staticmethod
    def not_finite(value: str) -> str:
        # isfinite, not isnan: DuckDB folds isnan(column) to false from Parquet statistics,
        # which leave NaN out, so a NaN in a Parquet file would go unseen
        return f"NOT isfinite(CAST({value} AS DOUBLE))"

    @staticmethod
    def timestamp(stamp: str, stamp_type: str = "") -> str:
        return stamp

    @staticmethod
    def days(stamp: str, stamp_type: str = "") -> str:
        return f"date_diff('day', CAST(min({stamp}) AS DATE), CAST(max({stamp}) AS DATE)) + 1"

    @staticmethod
    def fold(n_splits: int) -> str:
        """Each row's cross-fitting fold, from a hash of its file and row number."""
        return f"CAST(hash(filename, file_row_number) % {n_splits} AS BIGINT)"


@dataclass(eq=False)
class SparkBackend:
    """Apache Spark through PySpark: a cluster (``--spark-master`` or Spark Connect's
    ``SPARK_REMOTE``) or local mode. Only the aggregates come back to this process."""

    master: str | None = None
    name: str = "spark"
    session: object = field(default=None)

    def __post_init__(self) -> None:
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.appName("ValueLens")
        if os.environ.get("SPARK_REMOTE") and self.master is None:
            builder = builder.remote(os.environ["SPARK_REMOTE"])
        else:
            builder = builder.master(self.master or "local[2]").config("spark.ui.enabled", "false")
        self.session = builder.getOrCreate()
        # pandas writes nanosecond timestamps, which Spark refuses unless read as numbers;
        # days() turns them back into dates. Set on the session: it may already exist.
        self.session.conf.set("spark.sql.legacy.parquet.nanosAsLong", "true")

    def open(self, path: str) -> str:
        from pyspark.sql import functions as F

        from metrics.core.csv_logs import is_csv

        if is_csv(path):
            raise ValueError(
                f"'{path}' is CSV, and the Spark engine reads Parquet logs; write it as "
                "Parquet, or use the DuckDB engine, which reads CSV too"
            )
        view = f"scan_{next(_views)}"
        pattern = parquet_pattern(path)  # checks the path, as for DuckDB
        reader = self.session.read
        if Path(path).is_dir():  # Spark reads a folder itself; its globs have no "**"
            reader, pattern = reader.option("recursiveFileLookup", "true"), path
        frame = _spark_call(reader.parquet, pattern)
        frame.select(
            "*",
            F.col("_metadata.file_path").alias("filename"),
            F.col("_metadata.row_index").alias("file_row_number"),
        ).createOrReplaceTempView(view)
        return view

    def query(self, sql: str) -> list[tuple]:
        return [tuple(r) for r in _spark_call(lambda: self.session.sql(sql).collect())]

    def arrays(self, sql: str) -> dict[str, np.ndarray]:
        with warnings.catch_warnings():  # PySpark's notice about pandas 3: sums are plain
            warnings.simplefilter("ignore", UserWarning)
            frame = _spark_call(lambda: self.session.sql(sql).toPandas())
        return {c: frame[c].to_numpy() for c in frame.columns}

    def create_view(self, view: str, select: str) -> None:
        self.session.sql(f"CREATE OR REPLACE TEMP VIEW {view} AS {select}")

    def register(self, view: str, frame: pd.DataFrame) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            self.session.createDataFrame(frame).createOrReplaceTempView(view)

    def types(self, view: str) -> dict[str, str]:
        return {f.name: f.dataType.simpleString() for f in self.session.table(view).schema}

    @staticmethod
    def quote(name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    @staticmethod
    def quantile(value: str, q: float) -> str:
        return f"percentile_approx({value}, {q!r})"

    @staticmethod
    def not_finite(value: str) -> str:
        return f"(isnan({value}) OR abs({value}) = CAST('Infinity' AS DOUBLE))"

    @staticmethod
    def timestamp(stamp: str, stamp_type: str = "") -> str:
        if stamp_type == "bigint":  # a nanosecond timestamp, read as a number (see above)
            return f"timestamp_micros(div({stamp}, 1000))"
        return stamp

    @classmethod
    def days(cls, stamp: str, stamp_type: str = "") -> str:
        stamp = cls.timestamp(stamp, stamp_type)
        return f"datediff(CAST(max({stamp}) AS DATE), CAST(min({stamp}) AS DATE)) + 1"

    @staticmethod
    def fold(n_splits: int) -> str:
        """Each row's cross-fitting fold, from a hash of its file and row number."""
        return f"CAST(pmod(hash(filename, file_row_number), {n_splits}) AS BIGINT)"


def top_level_names(schema: list[tuple[str, str, int | None]]) -> dict[str, list[str]]:
    """Each file's top-level column names from its Parquet schema, as DuckDB's
    ``parquet_schema`` lists it: per file, the root, then every element depth first with its
    number of children.

    Parameters
    ----------
    schema : list of (file name, element name, number of children)

    Returns
    -------
    dict of str to list of str
    """
    names: dict[str, list[str]] = {}
    left: dict[str, list[int]] = {}  # per file, the children still to visit at each depth
    for file_name, name, children in schema:
        stack = left.setdefault(file_name, [])
        if not stack:  # the root of this file's schema
            stack.append(children or 0)
            names[file_name] = []
            continue
        if len(stack) == 1:
            names[file_name].append(name)
        stack[-1] -= 1
        if children:
            stack.append(children)
        while len(stack) > 1 and stack[-1] == 0:
            stack.pop()
    return names


def _duckdb_call(call, *args):
    """Run a DuckDB call; its errors (a file that is not Parquet, a bad value) become one
    ValueError."""
    import duckdb

    try:
        return call(*args)
    except duckdb.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"DuckDB could not read it: {first}") from None


def _spark_call(call, *args):
    """Run a Spark call; its errors (a missing path, a bad column) become one ValueError."""
    from pyspark.errors import PySparkException

    try:
        return call(*args)
    except PySparkException as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"Spark could not run it: {first}") from None


def backend(engine: str, *, spark_master: str | None = None) -> DuckDBBackend | SparkBackend:
    """The engine by name.

    Parameters
    ----------
    engine : {'duckdb', 'spark'}
    spark_master : str, optional
        Spark master URL, e.g. ``spark://host:7077``; local mode when None (or Spark Connect
        when ``SPARK_REMOTE`` is set).

    Returns
    -------
    DuckDBBackend or SparkBackend
    """
    if engine == "duckdb":
        return DuckDBBackend()
    if engine == "spark":
        try:
            return SparkBackend(spark_master)
        except ImportError:
            raise ValueError(
                "--engine spark needs PySpark: pip install 'valuelens[spark]' (and Java 17)"
            ) from None
    raise ValueError(f"engine {engine!r} is not known; use one of {', '.join(ENGINES)}")
