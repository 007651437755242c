"""ValueLens metrics: ML model quality translated into business value (no UI code here).

The public Python API, loaded on first use (so the command line stays quick to start):

- ``value_decisions(y_true, y_score, *, value_matrix, amount_rates=None, amount=None)``:
  what acting on a model's scores is worth, as a ``Valuation`` (shown in Jupyter,
  ``to_html()`` for the review report);
- ``make_value_scorer(value_matrix, amount_rates=None)``: a scikit-learn scorer in money;
- ``ValueCurveDisplay``: value against threshold, scikit-learn's Display API;
- ``value_multiclass(y_true, y_proba, *, matrix, amount=None)`` with an ``ActionMatrix``:
  a multiclass model's decisions (most probable class, best expected value, perfect);
- ``value_multilabel(y_true, y_score, *, labels, value_matrix, ...)``: one binary decision
  per label, and what one shared threshold costs;
- ``value_regression(y_true, y_pred, *, under_cost, over_cost, ...)``: a forecast's
  asymmetric cost and the exact best shift of its predictions.

Everything else is internal and may change between versions.
"""

from __future__ import annotations

import importlib

__all__ = [
    "ActionMatrix",
    "Valuation",
    "ValueCurveDisplay",
    "make_value_scorer",
    "value_decisions",
    "value_multiclass",
    "value_multilabel",
    "value_regression",
]

_WHERE = {
    "value_decisions": "metrics.valuation",
    "Valuation": "metrics.valuation",
    "make_value_scorer": "metrics.sklearn",
    "ValueCurveDisplay": "metrics.sklearn",
    "ActionMatrix": "metrics.framing.multiclass",
    "value_multiclass": "metrics.framing.multiclass",
    "value_multilabel": "metrics.framing.multilabel",
    "value_regression": "metrics.framing.regression",
}


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'metrics' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
