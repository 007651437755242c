"""The retraining page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.adapt.results import NOISES, STALE_SHARES
from metrics.adapt.view import CADENCES
from metrics.core.params import Param

RETRAIN_COSTS = [
    Param("adapt_hours", low=0.0, high=1e4),
    Param("adapt_rate", low=0.0, high=1e5),
    Param("adapt_compute", low=0.0, high=1e9),
]
"""What one retraining costs: engineer hours, an hour's cost (USD), compute (USD)."""
PARAMS = [
    Param("adapt_cadence", "choice", options=CADENCES),
    Param("adapt_noise", "grid", options=NOISES),
    Param("adapt_stale", "grid", options=STALE_SHARES),
    *RETRAIN_COSTS,
]
