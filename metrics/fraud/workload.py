"""The fraud page's workload positions: the operating points with the best thresholds
among them."""

from __future__ import annotations

from metrics.core.operating import OperatingPoints, operating_points
from metrics.fraud.model import FraudAnalysis


def page_points(analysis: FraudAnalysis) -> OperatingPoints:
    """The fraud page's workload positions, the best thresholds among them: a jump to a best
    threshold lands on a position, so the slider reads the workload the tiles show.

    Parameters
    ----------
    analysis : FraudAnalysis

    Returns
    -------
    OperatingPoints
    """
    best = analysis.best
    marked = [p.index for p in (best.savings, best.f1, best.accuracy) if not p.flags_nothing]
    if best.savings_within_capacity is not None:
        marked.append(best.savings_within_capacity.index)
    return operating_points(analysis.curve, days=analysis.days, keep=marked)
