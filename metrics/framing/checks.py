"""Input checks of the multiclass, multilabel and regression valuations: each error names the
column, the first bad value, its row and the fix (the house standard of core/validation)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.core.format import count
from metrics.core.validation import (
    check_amounts,
    check_labels,
    check_numbers,
    check_same_length,
    check_scores,
)

ROW_SUM_TOLERANCE = 1e-3


def regression_inputs(
    y_true: object, y_pred: object, amount: object | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The target, the prediction and the optional amount as float64, checked.

    Parameters
    ----------
    y_true : object
    y_pred : object
    amount : object | None

    Returns
    -------
    tuple[np.ndarray, np.ndarray, np.ndarray | None]
    """
    truth = check_numbers(y_true, name="target", hint="drop the rows without a known target")
    pred = check_numbers(y_pred, name="prediction", hint="predict every row or drop the others")
    weight = None if amount is None else check_amounts(amount)
    arrays = {"target": truth, "prediction": pred}
    if weight is not None:
        arrays["amount"] = weight
    check_same_length(**arrays)
    return truth, pred, weight


def numeric_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A file's column as finite numbers, its own name in any error.

    Parameters
    ----------
    frame : DataFrame
    column : str

    Returns
    -------
    ndarray of float64
    """
    return check_numbers(
        frame[column].to_numpy(), name=column, hint="fill it in on every row or drop those rows"
    )


def class_indices(y_true: object, classes: Sequence[str], *, name: str = "label") -> np.ndarray:
    """Each row's class as its position in ``classes``; raise naming a label not among them.

    Parameters
    ----------
    y_true : object
    classes : Sequence[str]
    name : str

    Returns
    -------
    np.ndarray
    """
    labels = np.asarray(y_true).astype(str)
    known = np.asarray([str(c) for c in classes])
    if len(set(known)) != len(known):
        raise ValueError(f"the classes {list(known)} repeat a name; give each class once")
    order = np.argsort(known, kind="stable")
    place = np.searchsorted(known[order], labels)
    place = np.minimum(place, len(known) - 1)
    found = known[order][place] == labels
    if not found.all():
        first = int(np.flatnonzero(~found)[0])
        raise ValueError(
            f"column '{name}' has {count(int((~found).sum()), 'label')} that is not a class of "
            f"the value matrix, e.g. {str(labels[first])!r} in row {first}; the classes are "
            f"{', '.join(known[:8])}: add a row for it to the matrix or drop those rows"
        )
    return order[place]


def class_columns(
    labels: Sequence[str], columns: Sequence[str]
) -> tuple[tuple[str, ...], list[str]]:
    """The classes and their probability columns, matched by name where each column ends
    with one class's name (``boost_outage`` for ``outage``); otherwise the columns in the
    order given, each class named after its column.

    Parameters
    ----------
    labels : sequence of str
        The label column's distinct values.
    columns : sequence of str
        The probability columns picked.

    Returns
    -------
    classes : tuple of str
    ordered : list of str
        The columns in the order of ``classes``.
    """
    classes = tuple(sorted({str(label) for label in labels}))
    ordered = [next((c for c in columns if c == k or c.endswith(f"_{k}")), None) for k in classes]
    if None in ordered or len(set(ordered)) != len(columns) or len(columns) != len(classes):
        return tuple(str(c) for c in columns), list(columns)
    return classes, ordered  # type: ignore[return-value]


def class_probabilities(
    proba: object, names: Sequence[str], columns: Sequence[str] | None = None
) -> np.ndarray:
    """The (n, K) probabilities, each column in [0, 1] and each row summing to 1.

    Parameters
    ----------
    proba : object
    names : Sequence[str]
        The classes.
    columns : Sequence[str], optional
        The file's column of each class, for messages (the class names when None).

    Returns
    -------
    np.ndarray
    """
    array = np.asarray(proba)
    if array.ndim != 2 or array.shape[1] != len(names):
        raise ValueError(
            f"the probabilities have shape {array.shape}, but the value matrix has "
            f"{len(names)} classes; give one probability column per class, in the order of "
            "the matrix's rows"
        )
    shown = list(names if columns is None else columns)
    out = np.column_stack(
        [check_scores(array[:, k], name=str(shown[k])) for k in range(len(names))]
    )
    total = out.sum(axis=1)
    bad = np.abs(total - 1) > ROW_SUM_TOLERANCE
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"the probabilities of {count(int(bad.sum()), 'row')} do not sum to 1, e.g. "
            f"{total[first]:.4g} in row {first}; give every class's column (the output of "
            "predict_proba), in the order of the matrix's rows"
        )
    return out


def label_matrix(y_true: object, names: Sequence[str]) -> np.ndarray:
    """The (n, L) 0/1 labels of a multilabel model, checked per label column.

    Parameters
    ----------
    y_true : object
    names : Sequence[str]

    Returns
    -------
    np.ndarray
    """
    array = np.asarray(y_true)
    if array.ndim != 2 or array.shape[1] != len(names):
        raise ValueError(
            f"the labels have shape {array.shape}; give one 0/1 column per label "
            f"({len(names)}: {', '.join(map(str, names))})"
        )
    return np.column_stack([check_labels(array[:, k], name=str(n)) for k, n in enumerate(names)])


def score_matrix(y_score: object, names: Sequence[str]) -> np.ndarray:
    """The (n, L) scores of a multilabel model, each in [0, 1].

    Parameters
    ----------
    y_score : object
    names : Sequence[str]

    Returns
    -------
    np.ndarray
    """
    array = np.asarray(y_score)
    if array.ndim != 2 or array.shape[1] != len(names):
        raise ValueError(
            f"the scores have shape {array.shape}; give one score column per label "
            f"({len(names)}: {', '.join(map(str, names))})"
        )
    return np.column_stack([check_scores(array[:, k], name=str(n)) for k, n in enumerate(names)])
