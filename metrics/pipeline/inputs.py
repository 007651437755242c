"""The security pipeline page's inputs that a link or a scenario file can set
(``metrics.core.params``)."""

from metrics.core.params import Param

PARAMS = [
    Param("security_events", "int", low=1_000, high=10**12),
    Param("security_threats", low=0.0, high=1e6),
    Param("security_auc", low=0.80, high=0.995),
    Param("security_pass_threats", low=0.0, high=1.0),
    Param("security_pass_false", low=0.0, high=1.0),
    Param("security_reviews", "int", low=0, high=10**9),
    Param("security_stop", low=0.0, high=1.0),
    Param("security_recall", low=0.05, high=0.99),
]
