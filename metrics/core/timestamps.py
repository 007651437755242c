"""Timestamps read as people and systems write them, or rejected with the fix.

Epoch numbers are recognised by their size (seconds, milliseconds, microseconds or
nanoseconds since 1970); text dates are read as ISO 8601 first. A date such as 03/04/2026
that is 3 April day-first and 4 March month-first is never guessed: the reader is asked for
the format. Mixed time-zone offsets are converted to UTC.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

from metrics.core.format import count

_EPOCH_UNITS = (("s", 1e8, 1e11), ("ms", 1e11, 1e14), ("us", 1e14, 1e17), ("ns", 1e17, 1e20))
"""Unit and the range of magnitudes it covers: roughly the years 1973 to 5138."""


def parse_timestamps(
    values: pd.Series,
    *,
    name: str = "timestamp",
    timestamp_format: str | None = None,
    rows: np.ndarray | None = None,
) -> pd.Series:
    """Datetimes from text, epoch numbers or datetimes; a ValueError names what to fix.

    Parameters
    ----------
    values : Series
        The timestamp column as read from the file.
    name : str
        Column name used in the error message.
    timestamp_format : str, optional
        A ``strftime`` format such as ``%d/%m/%Y %H:%M``; guessed when None.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.

    Returns
    -------
    Series of datetime64
        Time-zone-aware values are converted to UTC.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return _naive_utc(values)
    if pd.api.types.is_bool_dtype(values):
        raise ValueError(f"column '{name}' holds true/false values, not dates; pick another column")
    if pd.api.types.is_numeric_dtype(values):
        return _from_epoch(values, name, rows)
    text = values.astype("string").str.strip()
    _reject_mixed_zones(text, name, rows)
    if timestamp_format is not None:
        parsed = _to_datetime(text, format=timestamp_format)
        _reject_unparsed(text, parsed, name, rows, f"they do not match {timestamp_format!r}")
        return _naive_utc(parsed)
    iso = _to_datetime(text, format="ISO8601")
    if iso.notna().all():
        return _naive_utc(iso)
    return _day_or_month_first(text, name, rows)


_ZONE = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$"
"""A time of day followed by a time zone: Z, UTC, GMT or an offset such as +02:00."""


def _reject_mixed_zones(text: pd.Series, name: str, rows: np.ndarray | None) -> None:
    """Times with a zone and times without one cannot be put on one clock: which zone would
    the bare ones be in? Ask instead of guessing UTC."""
    present = text.notna() & (text != "")
    zoned = text.str.contains(_ZONE, case=False, regex=True, na=False)
    if zoned.any() and (present & ~zoned).any():
        with_zone = int(np.flatnonzero(zoned.to_numpy())[0])
        without = int(np.flatnonzero((present & ~zoned).to_numpy())[0])
        raise ValueError(
            f"column '{name}' mixes times with a time zone (e.g. {text.iloc[with_zone]!r} in "
            f"row {_row(with_zone, rows)}) and without one (e.g. {text.iloc[without]!r} in row "
            f"{_row(without, rows)}); write every time with its zone or offset (e.g. +00:00), "
            "or none"
        )


def _to_datetime(text: pd.Series, **options: object) -> pd.Series:
    """``pd.to_datetime`` in UTC; text it cannot read at all (an unknown zone name, a year
    out of range) is NaT, reported with its row like any other unreadable date."""
    try:
        return pd.to_datetime(text, errors="coerce", utc=True, **options)
    except (ValueError, KeyError, OverflowError, TypeError):
        return pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns, UTC]")


def _naive_utc(parsed: pd.Series) -> pd.Series:
    if getattr(parsed.dt, "tz", None) is not None:
        return parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed


def _from_epoch(values: pd.Series, name: str, rows: np.ndarray | None) -> pd.Series:
    numbers = values.to_numpy(dtype=np.float64)
    finite = np.isfinite(numbers)
    if not finite.all():
        position = int(np.flatnonzero(~finite)[0])
        raise ValueError(
            f"column '{name}' has {count((~finite).sum(), 'missing time')}, e.g. in row "
            f"{_row(position, rows)}; fill it in or drop those rows"
        )
    size = float(np.median(np.abs(numbers)))
    for unit, low, high in _EPOCH_UNITS:
        if low <= size < high:
            return pd.Series(pd.to_datetime(numbers, unit=unit), index=values.index)
    raise ValueError(
        f"column '{name}' holds numbers such as {numbers[0]:g} that are not epoch seconds, "
        "milliseconds, microseconds or nanoseconds since 1970; give dates such as "
        "2026-06-01 13:45:00 or epoch times"
    )


def _read_as(text: pd.Series, *, dayfirst: bool) -> pd.Series:
    """Parse with the format the first value suggests (fast), else element by element."""
    first = text.dropna().iloc[0] if text.notna().any() else ""
    with warnings.catch_warnings():  # pandas warns when the guess contradicts dayfirst
        warnings.simplefilter("ignore", UserWarning)
        guessed = guess_datetime_format(str(first), dayfirst=dayfirst)
    if guessed is None:
        return _to_datetime(text, format="mixed", dayfirst=dayfirst)
    return _to_datetime(text, format=guessed)


def _day_or_month_first(text: pd.Series, name: str, rows: np.ndarray | None) -> pd.Series:
    day_first, month_first = _read_as(text, dayfirst=True), _read_as(text, dayfirst=False)
    both = day_first.notna() & month_first.notna()
    if day_first.notna().all() and month_first.notna().all():
        differ = both & (day_first != month_first)
        if differ.any():
            example = text[differ].iloc[0]
            raise ValueError(
                f"column '{name}' has dates such as {example!r} that read differently day-first "
                f"and month-first; say which with a format, e.g. %d/%m/%Y or %m/%d/%Y "
                "(--timestamp-format on the command line, 'Timestamp format' on the page)"
            )
        return _naive_utc(day_first)
    parsed = day_first if day_first.notna().sum() >= month_first.notna().sum() else month_first
    _reject_unparsed(text, parsed, name, rows, "use ISO dates such as 2026-06-01 13:45:00")
    return _naive_utc(parsed)


def _reject_unparsed(
    text: pd.Series, parsed: pd.Series, name: str, rows: np.ndarray | None, fix: str
) -> None:
    bad = parsed.isna().to_numpy()
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"column '{name}' has {count(bad.sum(), 'value')} that cannot be read as a date, "
            f"e.g. {text.iloc[position]!r} in row {_row(position, rows)}; {fix}"
        )


def _row(position: int, rows: np.ndarray | None) -> int:
    return position if rows is None else int(rows[position])


def days_covered(timestamps: pd.Series) -> float:
    """Calendar days from the first to the last timestamp, both included.

    Parameters
    ----------
    timestamps : Series
        Dates or datetimes of the rows.

    Returns
    -------
    float
        Days, at least 1.
    """
    dates = pd.to_datetime(timestamps).dt.normalize()
    return float((dates.max() - dates.min()).days + 1)
