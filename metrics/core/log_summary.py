"""What an engine hands back for a big log: the curve on its distinct scores (or grid) and
the groups behind it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metrics.core.curves import ThresholdCurve


@dataclass(frozen=True, eq=False)
class LogSummary:
    """What an engine hands back for one log: the exact curve on its distinct scores (or on
    the grid), the days it spans and how it was grouped.

    Attributes
    ----------
    curve : ThresholdCurve
        Confusion counts and amounts at every distinct score (or grid point).
    rows : int
        Rows scanned after any filter.
    days : float or None
        Calendar days from the first to the last timestamp, both included.
    resolution : float or None
        None when every distinct score is kept (exact); else the grid step.
    groups : dict of str to ndarray
        Per group (score or grid point ``s``, label ``y``): rows ``n``, amount sum ``a`` and
        sum of squared amounts ``a2``.
    perfect : float or None
        The perfect decision's value when ``summary`` was given a value model.
    """

    curve: ThresholdCurve
    rows: int
    days: float | None
    resolution: float | None
    groups: dict[str, np.ndarray]
    perfect: float | None = None
