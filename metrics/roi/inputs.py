"""The realistic-returns page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.core.params import Param
from metrics.roi.model import STAGES

PARAMS = [
    Param("roi_value", low=0.0, high=1e15),
    Param("roi_team", low=0.0, high=1e12),
    Param("roi_stage", "choice", options=tuple(s.name for s in STAGES)),
]
