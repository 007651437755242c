"""A total over rows with its 95% interval: the building block of every figure of the
multiclass, multilabel and regression valuations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Total:
    """A sum over rows and its 95% interval.

    Attributes
    ----------
    value : float
        The sum of the per-row values, currency units.
    low, high : float
        The 95% interval: ``value ± 1.96·√n·sd`` of the per-row values.
    """

    value: float
    low: float
    high: float

    def as_json(self, name: str) -> dict[str, float]:
        """``{name: value, name_low: low, name_high: high}``."""
        return {name: self.value, f"{name}_low": self.low, f"{name}_high": self.high}


def total(per_row: np.ndarray) -> Total:
    """The sum of ``per_row`` with a 95% normal interval.

    Parameters
    ----------
    per_row : ndarray of shape (n,)
        Each row's value, currency units.

    Returns
    -------
    Total

    Notes
    -----
    ``total = Σ v_i``, interval ``total ± 1.96·√n·s`` with ``s`` the rows' sample standard
    deviation. It covers ``n·E[v]``: the total the same decisions would earn on another ``n``
    rows drawn like these (rows independent; the model and the decision rule held fixed). With
    fewer than two rows the interval is the total itself.
    """
    values = np.asarray(per_row, dtype=float)
    value = float(values.sum())
    if values.size < 2:
        return Total(value, value, value)
    half = Z95 * np.sqrt(values.size) * float(values.std(ddof=1))
    return Total(value, float(value - half), float(value + half))
