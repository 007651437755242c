"""Deciding in the units people decide in: alerts a day, or the share of transactions
flagged, each position an exact point of the curve (a threshold between two scores moves
nothing, so only real steps are offered)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from metrics.core.curves import ThresholdCurve


@dataclass(frozen=True, eq=False)
class OperatingPoints:
    """Workload levels a slider can stop at, each with its exact threshold.

    Attributes
    ----------
    per_day : bool
        True: ``levels`` are alerts a day; False: shares of transactions flagged.
    levels : tuple of float
        Ascending; the first is 0 (flag nothing).
    thresholds : ndarray of shape (k,)
        The threshold that gives each level (``inf`` for flag nothing).
    flagged : ndarray of shape (k,)
        Transactions flagged at each level.
    """

    per_day: bool
    levels: tuple[float, ...]
    thresholds: np.ndarray
    flagged: np.ndarray

    def threshold_for(self, level: float) -> float:
        """The exact threshold of an offered level (the nearest one otherwise)."""
        i = int(np.argmin(np.abs(np.asarray(self.levels) - level)))
        return float(self.thresholds[i])

    def level_for(self, curve: ThresholdCurve, threshold: float) -> float:
        """The offered level nearest (in ratio) to what ``threshold`` flags."""
        flagged = float(curve.flagged[curve.index(threshold)])
        gaps = np.abs(np.log1p(self.flagged) - np.log1p(flagged))
        return self.levels[int(np.argmin(gaps))]

    def label(self, level: float) -> str:
        """``6.73 a day`` or ``0.0333% flagged``: three significant figures, so that
        neighbouring positions read differently."""
        return level_label(level, per_day=self.per_day)


def level_label(level: float, *, per_day: bool) -> str:
    """A workload level as people say it, to three significant figures.

    Parameters
    ----------
    level : float
        Alerts a day, or the share of transactions flagged (0.012 for 1.2%).
    per_day : bool
        Which of the two ``level`` is.

    Returns
    -------
    str
    """
    if per_day:
        return f"{workload_figure(level)} a day"
    return f"{workload_figure(level * 100)}% flagged"


def workload_figure(x: float) -> str:
    """A workload to three significant figures (thousands whole): the one rounding the
    slider, the tiles and the sentences share.

    Parameters
    ----------
    x : float

    Returns
    -------
    str
    """
    if x == 0:
        return "0"
    return f"{x:,.0f}" if x >= 1000 else f"{x:.3g}"


def operating_points(
    curve: ThresholdCurve,
    *,
    days: float | None,
    positions: int = 301,
    keep: Sequence[int] = (),
) -> OperatingPoints:
    """Exact curve points spread evenly on a log scale of the number flagged.

    Parameters
    ----------
    curve : ThresholdCurve
        Exact confusion counts at every distinct score.
    days : float or None
        Calendar days the data spans: levels are alerts a day; without dates, shares of
        transactions flagged.
    positions : int
        About this many levels, 0 included.
    keep : sequence of int
        Curve indices that are always levels (the thresholds a page jumps to); each wins over
        a spread point with the same label.

    Returns
    -------
    OperatingPoints
    """
    flagged = curve.flagged
    total = float(flagged[-1])
    targets = np.geomspace(max(float(flagged[1]), 1.0), max(total, 1.0), positions - 1)
    index = np.searchsorted(flagged, targets, side="right") - 1
    spread = np.unique(np.concatenate([[0], np.clip(index, 0, len(flagged) - 1)]))
    index = np.concatenate([np.asarray(keep, dtype=np.int64), spread])
    scale = days if days else total
    levels = np.round(flagged[index] / scale, 9)
    labels = [level_label(level, per_day=days is not None) for level in levels]
    # A select slider is answered with its label: keep one position per label (the first,
    # so a kept index wins).
    index = np.unique(index[np.unique(labels, return_index=True)[1]])
    counts = flagged[index]
    levels = tuple(float(x) for x in np.round(counts / scale, 9))
    return OperatingPoints(days is not None, levels, curve.thresholds[index], counts)
