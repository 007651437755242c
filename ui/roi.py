"""The realistic-returns page's inputs in links and scenario files."""

from metrics.roi.model import STAGES
from ui.scenario import Param

ROI_PARAMS = [
    Param("roi_value", low=0.0, high=1e15),
    Param("roi_team", low=0.0, high=1e12),
    Param("roi_stage", "choice", options=tuple(s.name for s in STAGES)),
]
"""What a link or a scenario file can set on this page."""
