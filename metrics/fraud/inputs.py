"""The fraud page's inputs that a link or a scenario file can set (``metrics.core.params``)."""

from metrics.core.params import Param
from metrics.fraud.data import FRAUD_SAMPLE_MODELS

FRAUD_COSTS = [
    Param("fraud_review_cost", low=0.0, high=1e6),
    Param("fraud_chargeback_fee", low=0.0, high=1e6),
    Param("fraud_friction_pct", low=0.0, high=100.0),
]
"""The fraud costs, shared by every page that values fraud decisions."""
PARAMS = [
    Param("fraud_threshold", low=0.0, high=1.0),
    *FRAUD_COSTS,
    Param("fraud_capacity", low=0.0, high=1e7),
    Param("fraud_model", "choice", options=tuple(FRAUD_SAMPLE_MODELS)),
]
