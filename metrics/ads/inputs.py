"""The search-ads page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.ads.data import ADS_SAMPLE_MODELS
from metrics.ads.model import RESERVE_GRID
from metrics.core.params import Param

PRICING = {
    "First price: the winner pays its bid": "first",
    "Second price: the winner pays what it needed to win": "second",
}
"""The pricing rule as the page offers it -> as the auction takes it."""
PARAMS = [
    Param("ads_model", "choice", options=tuple(ADS_SAMPLE_MODELS)),
    Param("ads_slots", "choice", options=(1, 2, 3)),
    Param("ads_pricing", "choice", options=tuple(PRICING)),
    Param("ads_daily_queries", "int", low=0, high=10**13),
    Param("ads_reserve", "grid", options=tuple(float(r) for r in RESERVE_GRID)),
    Param("ads_quality", low=-1.0, high=1.0),
    Param("ads_target_rpm", low=0.0, high=1e9),
]
