"""The best action for each row under a value table, with one action limited in capacity
(a review desk): exact, one pass per action."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


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
