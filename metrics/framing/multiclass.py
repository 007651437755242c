"""A multiclass model's decisions in money: a value matrix of true classes by actions, the
decision ``predict`` makes (the most probable class), the Bayes decision (the action of highest
expected value under the matrix), the perfect decision, and the ML metrics beside the money.

A ticket router sends each ticket to a team; a misrouted outage costs more than a misrouted
billing question, so the most probable team is not always the best place to send a ticket.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from metrics.framing.checks import class_indices, class_probabilities
from metrics.framing.totals import Total, total

LOG_LOSS_EPS = np.finfo(float).eps


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


def choose(gains: np.ndarray, limited: int | None, capacity: int | None) -> np.ndarray:
    """Each row's action from a table of values: see ``choose_from``.

    Parameters
    ----------
    gains : ndarray of shape (n, A)
        The value (expected or realised) of each action on each row.
    limited : int or None
    capacity : int or None

    Returns
    -------
    ndarray of int, shape (n,)
    """
    return choose_from(lambda a: gains[:, a], gains.shape[1], limited, capacity)


def choose_from(
    value_of: Callable[[int], np.ndarray], n_actions: int, limited: int | None, capacity: int | None
) -> np.ndarray:
    """Each row's action: the best, with at most ``capacity`` rows on the ``limited`` one.

    Parameters
    ----------
    value_of : callable
        ``value_of(a)`` is every row's value of action ``a``, shape (n,).
    n_actions : int
    limited : int or None
        Index of the action with a capacity (after the others; ties go to the others).
    capacity : int or None

    Returns
    -------
    ndarray of int, shape (n,)
        Ties go to the first action, as ``np.argmax``.

    Notes
    -----
    One pass per action, no (n, A) table. With one limited action the best assignment is
    exact by exchange: rows take their best other action, and the ``capacity`` rows that gain
    most (and gain) by the limited one switch to it (which of tied rows switch does not change
    the total).
    """
    best: np.ndarray | None = None
    chosen: np.ndarray | None = None
    for action in range(n_actions):
        if action == limited:
            continue
        value = value_of(action)
        if best is None:
            best, chosen = value.copy(), np.full(value.size, action, dtype=np.intp)
            continue
        np.copyto(chosen, action, where=value > best)
        np.maximum(best, value, out=best)
    if limited is None:
        return chosen
    gain = value_of(limited) - best
    wants = np.flatnonzero(gain > 0)
    if capacity is not None and wants.size > capacity:
        keep = max(int(capacity), 0)
        wants = wants[np.argpartition(-gain[wants], keep - 1)[:keep]] if keep else wants[:0]
    chosen[wants] = limited
    return chosen


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


def macro_f1(y: np.ndarray, predicted: np.ndarray, k: int) -> float:
    """Unweighted mean over the ``k`` classes of each class's F1 (0 where undefined)."""
    cells = np.bincount(y * k + predicted, minlength=k * k).reshape(k, k)
    tp = np.diag(cells).astype(float)
    denominator = cells.sum(axis=0) + cells.sum(axis=1)
    f1 = np.divide(2 * tp, denominator, out=np.zeros(k), where=denominator > 0)
    return float(f1.mean())


def log_loss(y: np.ndarray, proba: np.ndarray) -> float:
    """Mean of ``-log p(true class)``, probabilities clipped to [eps, 1 - eps]."""
    picked = np.clip(proba[np.arange(len(y)), y], LOG_LOSS_EPS, 1 - LOG_LOSS_EPS)
    return float(-np.mean(np.log(picked)))


def _decided(matrix: ActionMatrix, rows: MulticlassRows, action: np.ndarray) -> Decided:
    per_row = matrix.taken(rows, action)
    return Decided(total(per_row), action, per_row)


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
) -> MulticlassRows:
    """Check the labels, the probabilities (columns in the order of ``classes``) and the
    amounts once; raise ValueError naming the column, the value, its row and the fix."""
    from metrics.core.validation import check_amounts, check_same_length

    names = tuple(str(c) for c in classes)
    y = class_indices(y_true, names)
    proba = class_probabilities(y_proba, names)
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


@dataclass(frozen=True)
class Calibration:
    """Mean predicted probability against the observed share, per class and bin."""

    cls: str
    predicted: np.ndarray
    observed: np.ndarray
    rows: np.ndarray


def calibration_per_class(
    valuation: MulticlassValuation, y_proba: np.ndarray, *, bins: int = 10
) -> list[Calibration]:
    """Each class's reliability curve on equal-width bins (empty bins left out), as
    scikit-learn's ``calibration_curve(strategy="uniform")`` for that class against the rest."""
    proba = np.asarray(y_proba, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = []
    for k, name in enumerate(valuation.matrix.classes):
        p = proba[:, k]
        hit = (valuation.y == k).astype(float)
        which = np.searchsorted(edges[1:-1], p)
        rows = np.bincount(which, minlength=bins)
        sum_p = np.bincount(which, weights=p, minlength=bins)
        sum_hit = np.bincount(which, weights=hit, minlength=bins)
        kept = rows > 0
        out.append(
            Calibration(name, sum_p[kept] / rows[kept], sum_hit[kept] / rows[kept], rows[kept])
        )
    return out
