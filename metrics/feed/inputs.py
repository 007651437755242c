"""The newsfeed page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.core.params import Param

PARAMS = [
    Param("feed_alpha", low=0.0, high=1.0),
    Param("feed_beta", low=0.0, high=1.0),
    Param("feed_k", "int", low=1, high=50),
    Param("feed_user", "int", low=0, high=19),
    Param("feed_rev_click", low=0.0, high=1e4),
    Param("feed_rev_view", low=0.0, high=1e3),
    Param("feed_daily_feeds", "int", low=0, high=10**12),
    *(Param(f"feed_filter_{harm}", low=0.05, high=1.0) for harm in ("spam", "nsfw", "misinfo")),
]
