"""A multiclass model's decisions in money: a value matrix of true classes by actions, the
decision ``predict`` makes (the most probable class), the Bayes decision (the action of highest
expected value under the matrix), the perfect decision, and the ML metrics beside the money.

A ticket router sends each ticket to a team; a misrouted outage costs more than a misrouted
billing question, so the most probable team is not always the best place to send a ticket.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from metrics.framing.assign import choose_from
from metrics.framing.checks import class_indices, class_probabilities
from metrics.framing.class_metrics import log_loss, macro_f1
from metrics.framing.totals import Total, total


@dataclass(frozen=True)
class ActionMatrix:
    """The value of each action on a row of each true class.

    Attributes
    ----------
    classes : tuple of str
        The true classes: the matrix's rows, in the order of the probability columns.
    actions : tuple of str
        The actions: the first ``len(classes)`` act on a class (same order); more may follow
        (for example ``review``).
    fixed : ndarray of shape (K, A)
        Value of one row per (true class, action), currency units.
    rates : ndarray of shape (K, A)
        Share of the row's amount added per (true class, action).
    limited : str or None
        An action with a capacity (for example ``review``), or None.
    capacity : int or None
        The most rows ``limited`` may take.
    """

    classes: tuple[str, ...]
    actions: tuple[str, ...]
    fixed: np.ndarray
    rates: np.ndarray
    limited: str | None = None
    capacity: int | None = None

    def __post_init__(self) -> None:
        k, a = len(self.classes), len(self.actions)
        for name in ("fixed", "rates"):
            values = np.array(getattr(self, name), dtype=float)
            if values.shape != (k, a) or not np.all(np.isfinite(values)):
                raise ValueError(
                    f"the value matrix's {name} must be {k} rows (true classes) by {a} columns "
                    f"(actions) of finite numbers; got shape {values.shape}"
                )
            values.setflags(write=False)
            object.__setattr__(self, name, values)
        if a < k or tuple(self.actions[:k]) != tuple(self.classes):
            raise ValueError(
                "the matrix's first columns must act on the classes, in the order of its rows "
                f"({', '.join(self.classes)}); extra actions such as 'review' come after them"
            )
        if self.limited is not None and self.limited not in self.actions[k:]:
            raise ValueError(
                f"the capacity is for an action '{self.limited}' that is not an extra column "
                "of the matrix; add its column or drop the capacity"
            )

    def expected(self, rows: MulticlassRows, action: int) -> np.ndarray:
        """Each row's expected value of ``action``, ``Σ_k p_k·(V[k, a] + R[k, a]·amount)``."""
        out = self.fixed[:, action] @ rows.proba_by_class
        if rows.amount is not None:
            out += (self.rates[:, action] @ rows.proba_by_class) * rows.amount
        return out

    def realised(self, rows: MulticlassRows, action: int) -> np.ndarray:
        """Each row's value of ``action`` given its true class, ``V[y, a] + R[y, a]·amount``."""
        out = np.take(self.fixed[:, action], rows.y)
        if rows.amount is not None:
            out += np.take(self.rates[:, action], rows.y) * rows.amount
        return out

    def taken(self, rows: MulticlassRows, action: np.ndarray) -> np.ndarray:
        """Each row's value of the action it was given."""
        cell = rows.y * len(self.actions) + action
        out = np.take(self.fixed.ravel(), cell)
        if rows.amount is not None:
            out += np.take(self.rates.ravel(), cell) * rows.amount
        return out


@dataclass(frozen=True)
class Decided:
    """One decision rule's outcome over the rows."""

    value: Total
    action: np.ndarray
    per_row: np.ndarray


@dataclass(frozen=True)
class MulticlassValuation:
    """A multiclass model's decisions under an action matrix, over the rows given.

    Attributes
    ----------
    matrix : ActionMatrix
    n : int
    y : ndarray of int
        Each row's true class (index into ``matrix.classes``).
    argmax : Decided
        Acting on the most probable class (what ``predict`` does).
    best_decision : Decided
        The action of highest expected value under the matrix (the Bayes decision).
    perfect : Decided
        The best action knowing each row's class.
    difference : Total
        ``best_decision - argmax``, with a paired 95% interval.
    accuracy, macro_f1, log_loss : float
        Of the most probable class, and of the probabilities.
    """

    matrix: ActionMatrix
    n: int
    y: np.ndarray
    argmax: Decided
    best_decision: Decided
    perfect: Decided
    difference: Total
    accuracy: float
    macro_f1: float
    log_loss: float

    def confusion(self, rule: str = "argmax") -> np.ndarray:
        """Counts of (true class, action taken) under ``rule``, shape (K, A)."""
        decided: Decided = getattr(self, rule)
        k, a = len(self.matrix.classes), len(self.matrix.actions)
        cells = self.y * a + decided.action
        return np.bincount(cells, minlength=k * a).reshape(k, a)

    def money(self, rule: str = "argmax") -> np.ndarray:
        """Value of (true class, action taken) under ``rule``, summed over rows, shape (K, A)."""
        decided: Decided = getattr(self, rule)
        k, a = len(self.matrix.classes), len(self.matrix.actions)
        cells = self.y * a + decided.action
        return np.bincount(cells, weights=decided.per_row, minlength=k * a).reshape(k, a)

    def value_per_class(self, rule: str = "argmax") -> np.ndarray:
        """Value of the rows of each true class under ``rule``, shape (K,)."""
        return self.money(rule).sum(axis=1)


@dataclass(frozen=True)
class MulticlassRows:
    """Checked rows, prepared once per file: a matrix edit then only re-decides."""

    classes: tuple[str, ...]
    y: np.ndarray
    proba: np.ndarray
    amount: np.ndarray | None
    proba_by_class: np.ndarray
    predicted: np.ndarray
    accuracy: float
    log_loss: float

    @property
    def n(self) -> int:
        return int(self.y.size)


def multiclass_rows(
    y_true: Sequence[str] | np.ndarray,
    y_proba: np.ndarray,
    *,
    classes: Sequence[str],
    amount: np.ndarray | None = None,
    label_column: str = "label",
    proba_columns: Sequence[str] | None = None,
) -> MulticlassRows:
    """Check the labels, the probabilities (columns in the order of ``classes``) and the
    amounts once; raise ValueError naming the column, the value, its row and the fix.

    Parameters
    ----------
    y_true : Sequence[str] | np.ndarray
    y_proba : np.ndarray
    classes : Sequence[str]
    amount : np.ndarray | None
    label_column, proba_columns : the file's column names, for messages

    Returns
    -------
    MulticlassRows
    """
    from metrics.core.validation import check_amounts, check_same_length

    names = tuple(str(c) for c in classes)
    y = class_indices(y_true, names, name=label_column)
    proba = class_probabilities(y_proba, names, proba_columns)
    weight = None if amount is None else check_amounts(amount)
    lengths = {"label": y, "probabilities": proba}
    if weight is not None:
        lengths["amount"] = weight
    check_same_length(**lengths)
    predicted = np.argmax(proba, axis=1)
    return MulticlassRows(
        names,
        y,
        proba,
        weight,
        proba_by_class=np.ascontiguousarray(proba.T),
        predicted=predicted,
        accuracy=float(np.mean(predicted == y)),
        log_loss=log_loss(y, proba),
    )


def value_multiclass(
    y_true: Sequence[str] | np.ndarray,
    y_proba: np.ndarray,
    *,
    matrix: ActionMatrix,
    amount: np.ndarray | None = None,
) -> MulticlassValuation:
    """What acting on a multiclass model's probabilities is worth under ``matrix``.

    Parameters
    ----------
    y_true : array-like of shape (n,)
        Each row's class name (one of ``matrix.classes``).
    y_proba : array-like of shape (n, K)
        Probability of each class, columns in the order of ``matrix.classes``.
    matrix : ActionMatrix
    amount : array-like of shape (n,), optional
        Per-row amount for the matrix's rates.

    Returns
    -------
    MulticlassValuation

    Notes
    -----
    A row of true class ``k`` given action ``a`` is worth ``V[k, a] + R[k, a]·amount``.
    ``predict`` takes ``argmax_k p_k``; the Bayes decision takes
    ``argmax_a Σ_k p_k·(V[k, a] + R[k, a]·amount)``, which is the best rule only when the
    probabilities are calibrated; the perfect decision takes ``argmax_a V[y, a]``.
    """
    rows = multiclass_rows(y_true, y_proba, classes=matrix.classes, amount=amount)
    return value_rows(rows, matrix)


def _decided(matrix: ActionMatrix, rows: MulticlassRows, action: np.ndarray) -> Decided:
    per_row = matrix.taken(rows, action)
    return Decided(total(per_row), action, per_row)


def value_rows(rows: MulticlassRows, matrix: ActionMatrix) -> MulticlassValuation:
    """``value_multiclass`` on rows checked once (the page's what-if on a matrix cell).

    Parameters
    ----------
    rows : MulticlassRows
    matrix : ActionMatrix
        Its classes must be ``rows.classes``.

    Returns
    -------
    MulticlassValuation
    """
    if tuple(matrix.classes) != rows.classes:
        raise ValueError(
            f"the matrix's classes ({', '.join(matrix.classes)}) differ from the data's "
            f"({', '.join(rows.classes)}); give one matrix row per class, in order"
        )
    limited = None if matrix.limited is None else matrix.actions.index(matrix.limited)
    n_actions = len(matrix.actions)
    argmax = _decided(matrix, rows, rows.predicted)
    best_actions = choose_from(
        lambda a: matrix.expected(rows, a), n_actions, limited, matrix.capacity
    )
    best = _decided(matrix, rows, best_actions)
    perfect_actions = choose_from(
        lambda a: matrix.realised(rows, a), n_actions, limited, matrix.capacity
    )
    return MulticlassValuation(
        matrix=matrix,
        n=rows.n,
        y=rows.y,
        argmax=argmax,
        best_decision=best,
        perfect=_decided(matrix, rows, perfect_actions),
        difference=total(best.per_row - argmax.per_row),
        accuracy=rows.accuracy,
        macro_f1=macro_f1(rows.y, rows.predicted, len(matrix.classes)),
        log_loss=rows.log_loss,
    )
