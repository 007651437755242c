"""The monitoring page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.core.params import Param
from metrics.fraud.inputs import FRAUD_COSTS
from metrics.monitor import CHUNKS

SETTINGS = [
    Param("monitor_chunk", "choice", options=tuple(CHUNKS)),
    Param("monitor_threshold", low=0.0, high=1.0),
    *FRAUD_COSTS,
]
"""Everything but the day: read from a link before the data (and so its days) is known."""
AS_OF = Param("monitor_as_of", "date")
"""The day the page is seen as of (a link's day is moved to the nearest day of the data)."""
PARAMS = [*SETTINGS, AS_OF]
