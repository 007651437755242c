"""The model-value page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.core.params import Param
from metrics.fraud.inputs import FRAUD_COSTS
from metrics.metric_value.data import CANDIDATE_MODELS
from metrics.metric_value.view import TARGETS

PARAMS = [
    Param("value_model", "choice", options=tuple(CANDIDATE_MODELS)),
    Param("value_metric", "choice", options=tuple(TARGETS)),
    Param("value_target", low=0.0, high=1.0),
    Param("value_volume", "int", low=1, high=10**13),
    Param("value_weeks", low=0.0, high=1e5),
    Param("value_week_cost", low=0.0, high=1e9),
    Param("value_compute", low=0.0, high=1e12),
    *FRAUD_COSTS,
]
