"""Input checks at the edge: each failure is a ValueError that names the column, shows the
offending value and row, and says how to fix it."""

from __future__ import annotations

import warnings

import numpy as np

from metrics.core.format import count
from metrics.core.number_text import is_number, label_text_hint, number_hint


class UndefinedMetricWarning(UserWarning):
    """A metric is undefined for this input (for example only one class is present)."""


MAX_AMOUNT = 1e15
"""Largest plausible amount of one row in any currency; beyond it sums stop being exact."""

Rows = np.ndarray | None
"""File row numbers of the values (data rows from 0), for messages; positions when None."""


def _row(position: int, rows: Rows) -> int:
    return position if rows is None else int(rows[position])


def _first_bad(mask: np.ndarray, values: np.ndarray, rows: Rows = None) -> str:
    position = int(np.flatnonzero(mask)[0])
    return f"e.g. {values[position].item()!r} in row {_row(position, rows)}"


def _as_1d_float(values: object, name: str, rows: Rows = None) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raw = np.asarray(values, dtype=object).ravel()
        bad = [i for i, v in enumerate(raw) if not is_number(v)]
        first = raw[bad[0] if bad else 0]
        raise ValueError(
            f"column '{name}' has {count(len(bad), 'non-numeric value')}, "
            f"e.g. {first!r} in row {_row(bad[0] if bad else 0, rows)}; "
            f"{number_hint(first, name)}"
        ) from None
    if array.ndim != 1:
        two_classes = array.ndim == 2 and array.shape[1] == 2
        raise ValueError(
            f"'{name}' must be one-dimensional, got shape {array.shape}"
            + ("; pass the second column, predict_proba(X)[:, 1]" if two_classes else "")
        )
    return array


def _check_finite(array: np.ndarray, name: str, hint: str, rows: Rows = None) -> None:
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(
            f"column '{name}' has {count(bad.sum(), 'missing or infinite value')}, "
            f"{_first_bad(bad, array, rows)}; {hint}"
        )


def check_labels(y_true: object, *, name: str = "label", rows: Rows = None) -> np.ndarray:
    """Return binary labels as int8, or raise naming the first value that is not 0 or 1.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        1 for a positive (fraud, click), 0 otherwise.
    name : str
        Column or input name used in the error message.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.

    Returns
    -------
    ndarray of int8
    """
    raw = np.asarray(y_true)
    if (
        raw.ndim == 1
        and raw.dtype.kind in "biu"
        and (raw.size == 0 or (raw.min() >= 0 and raw.max() <= 1))
    ):
        return raw.astype(np.int8, copy=False)
    try:
        array = _as_1d_float(raw, name, rows)
    except ValueError:  # only then look at the words: a column of numbers costs nothing more
        words = label_text_hint(raw, name) if raw.dtype.kind in "OUS" else None
        if words is None:
            raise
        raise ValueError(words) from None
    _check_finite(array, name, "drop those rows or fill them with 0 or 1", rows)
    bad = (array != 0) & (array != 1)
    if bad.any():
        raise ValueError(
            f"column '{name}' has {count(bad.sum(), 'value')} other than 0 or 1, "
            f"{_first_bad(bad, array, rows)}; labels must be binary (1 = positive, e.g. fraud)"
        )
    return array.astype(np.int8)


def check_scores(y_score: object, *, name: str = "score", rows: Rows = None) -> np.ndarray:
    """Return scores as float64, or raise if any is non-finite or outside [0, 1].

    Parameters
    ----------
    y_score : array-like of shape (n,)
        Predicted probability of the positive class, in [0, 1].
    name : str
        Column or input name used in the error message.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.

    Returns
    -------
    ndarray of float64
    """
    array = _as_1d_float(y_score, name, rows)
    _check_finite(array, name, "score every row or drop the unscored ones", rows)
    bad = (array < 0) | (array > 1)
    if bad.any():
        raise ValueError(
            f"column '{name}' has {count(bad.sum(), 'value')} outside [0, 1], "
            f"{_first_bad(bad, array, rows)}; scores must be probabilities" + _scale_hint(array)
        )
    return array


def _scale_hint(scores: np.ndarray) -> str:
    """What scores outside [0, 1] look like: percentages, or a decision function's margins."""
    if scores.min() >= 0 and scores.max() <= 100:
        return " (these look like percentages: divide them by 100)"
    if scores.min() < 0:
        return (
            " (negative scores look like decision_function or log-odds: pass "
            "predict_proba(X)[:, 1])"
        )
    return ""


def check_amounts(
    amount: object,
    *,
    name: str = "amount",
    rows: Rows = None,
    meaning: str = "amounts must be zero or positive (refunds excluded)",
) -> np.ndarray:
    """Return amounts as float64, or raise if any is negative or non-finite.

    Parameters
    ----------
    amount : array-like of shape (n,)
        Non-negative money amount of each row, in the currency unit.
    name : str
        Column or input name used in the error message.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.
    meaning : str
        What the values are, said when one is negative.

    Returns
    -------
    ndarray of float64
    """
    array = _as_1d_float(amount, name, rows)
    _check_finite(array, name, "every row needs an amount in the currency unit", rows)
    bad = array < 0
    if bad.any():
        raise ValueError(
            f"column '{name}' has {count(bad.sum(), 'negative value')}, "
            f"{_first_bad(bad, array, rows)}; {meaning}"
        )
    huge = array > MAX_AMOUNT
    if huge.any():
        raise ValueError(
            f"column '{name}' has {count(huge.sum(), 'amount')} above {MAX_AMOUNT:.0e}, "
            f"{_first_bad(huge, array, rows)}; amounts are money per row in the currency "
            "unit: check the column and its unit"
        )
    return array


def check_weights(
    sample_weight: object, *, name: str = "sample_weight", rows: Rows = None
) -> np.ndarray:
    """Return non-negative finite weights as float64.

    Parameters
    ----------
    sample_weight : array-like of shape (n,), optional
        Non-negative row weights.
    name : str
        Column or input name used in the error message.
    rows : ndarray of int, optional
        File row numbers of the values, for messages; positions when omitted.

    Returns
    -------
    ndarray of float64
    """
    array = _as_1d_float(sample_weight, name, rows)
    _check_finite(array, name, "weights must be finite numbers", rows)
    bad = array < 0
    if bad.any():
        raise ValueError(
            f"'{name}' has {count(bad.sum(), 'negative value')}, {_first_bad(bad, array, rows)}; "
            "weights must be zero or positive"
        )
    return array


def check_same_length(**arrays: np.ndarray) -> int:
    """Return the common length, or raise naming each input's length; empty input is an error."""
    lengths = {name: len(array) for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        listed = ", ".join(f"'{name}' has {n}" for name, n in lengths.items())
        raise ValueError(f"inputs differ in length: {listed}; pass one value per row")
    n = next(iter(lengths.values()))
    if n == 0:
        raise ValueError("the input has no rows; pass at least one scored row")
    return n


def check_non_negative(value: float, name: str, unit: str) -> float:
    """Return a cost or rate as float, or raise if it is negative or not finite.

    Parameters
    ----------
    value : float
        The cost or rate to check.
    name : str
        Column or input name used in the error message.
    unit : str
        Unit of the value, shown in the error message.

    Returns
    -------
    float
    """
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"'{name}' is {value!r}; it must be a finite number >= 0 ({unit})")
    return float(value)


def check_share(value: float, name: str, meaning: str) -> float:
    """Return a share in [0, 1], or raise; a percentage typed as a whole number is named.

    Parameters
    ----------
    value : float
        The share, 0.10 for 10%.
    name : str
        Input name used in the error message.
    meaning : str
        What the share is of, shown in the error message.

    Returns
    -------
    float
    """
    check_non_negative(value, name, meaning)
    if value > 1:
        hint = f"; for {value:g}% write {value / 100:g}" if value <= 100 else ""
        raise ValueError(f"'{name}' is {value!r}; it is a share from 0 to 1 ({meaning}){hint}")
    return float(value)


def check_threshold(threshold: float) -> float:
    """Return a decision threshold in [0, 1], or raise.

    Parameters
    ----------
    threshold : float
        Flag a row when ``score >= threshold``, in [0, 1].

    Returns
    -------
    float
    """
    if not np.isfinite(threshold) or not 0 <= threshold <= 1:
        raise ValueError(
            f"threshold is {threshold!r}; it must lie in [0, 1] (a row is flagged when "
            "score >= threshold)"
        )
    return float(threshold)


def warn_undefined(metric: str, reason: str) -> float:
    """Warn that ``metric`` is undefined and return NaN.

    Parameters
    ----------
    metric : str
        Metric name for the warning (or a key of ``METRICS``).
    reason : str
        Why it is undefined.

    Returns
    -------
    float
        NaN.
    """
    warnings.warn(
        f"{metric} is undefined: {reason}; reported as NaN", UndefinedMetricWarning, stacklevel=3
    )
    return float("nan")


def check_unique_names(names: list[str], label: str) -> None:
    """A ValueError naming the first column name a file holds twice, and the fix.

    Parameters
    ----------
    names : list of str
        The file's column names, in order.
    label : str
        The file's name, for the message.

    Returns
    -------
    None
    """
    seen: dict[str, int] = {}
    for position, column_name in enumerate(names, start=1):
        if column_name in seen:
            raise ValueError(
                f"file '{label}' has the column name '{column_name}' twice (columns "
                f"{seen[column_name]} and {position}); rename one so each column has its "
                "own name"
            )
        seen[column_name] = position


def check_numbers(values: object, *, name: str, hint: str) -> np.ndarray:
    """Finite numbers as float64, or a ValueError naming the first bad value and ``hint``.

    Parameters
    ----------
    values, name, hint : the numbers (n,), the column's name, how to fix a missing value
    """
    array = _as_1d_float(values, name)
    _check_finite(array, name, hint)
    return array
