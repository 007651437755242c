"""ValueLens metrics: ML model quality translated into business value (no UI code here).

The public Python API, loaded on first use (so the command line stays quick to start):

- ``value_decisions(y_true, y_score, *, value_matrix, amount_rates=None, amount=None)``:
  what acting on a model's scores is worth, as a ``Valuation`` (shown in Jupyter,
  ``to_html()`` for the review report);
- ``make_value_scorer(value_matrix, amount_rates=None)``: a scikit-learn scorer in money;
- ``ValueCurveDisplay``: value against threshold, scikit-learn's Display API.

Everything else is internal and may change between versions.
"""

from __future__ import annotations

import importlib

__all__ = ["Valuation", "ValueCurveDisplay", "make_value_scorer", "value_decisions"]

_WHERE = {
    "value_decisions": "metrics.valuation",
    "Valuation": "metrics.valuation",
    "make_value_scorer": "metrics.sklearn",
    "ValueCurveDisplay": "metrics.sklearn",
}


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'metrics' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
