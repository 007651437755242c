"""ValueLens in MLflow (``pip install 'valuelens[mlflow]'``): a model's value logged as run
metrics, with the review report as an artifact.

    >>> import mlflow
    >>> from metrics.mlflow import log_value
    >>> with mlflow.start_run():
    ...     log_value(y_test, model.predict_proba(X_test)[:, 1], value_matrix=(0, -5, -15, -5),
    ...               amount_rates=(0, -0.1, -1, 0), amount=amount_test)

The value matrix has the command line's layout: ``value_matrix`` is the value of one row per
outcome ``(TN, FP, FN, TP)``, ``amount_rates`` the share of the row's amount added to each
outcome ``(TN, FP, FN, TP)``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from metrics.valuation import Valuation, value_decisions

REPORT_NAME = "valuelens_report.html"
"""The review report's file name among the run's artifacts."""
METRIC_KEYS = {
    "best_threshold": "valuelens_best_threshold",
    "best_value": "valuelens_best_value",
    "best_value_cross_fitted": "valuelens_best_value_cross_fitted",
    "best_value_cross_fitted_low": "valuelens_best_value_cross_fitted_low",
    "best_value_cross_fitted_high": "valuelens_best_value_cross_fitted_high",
    "act_on_none_value": "valuelens_act_on_none_value",
    "act_on_all_value": "valuelens_act_on_all_value",
    "perfect_value": "valuelens_perfect_value",
    "value_at_threshold": "valuelens_value_at_threshold",
}
"""The ``valuelens decide`` JSON field each logged metric carries (same number, same unit)."""


def value_figures(valuation: Valuation, threshold: float | None = None) -> dict[str, float]:
    """The figures ``valuelens decide`` prints, under its JSON names.

    Parameters
    ----------
    valuation : Valuation
    threshold : float, optional
        Also value acting on rows scoring at least this.

    Returns
    -------
    dict of str to float
    """
    low, high = valuation.best_value_interval
    figures = {
        "best_threshold": valuation.best_threshold,
        "best_value": valuation.best_value,
        "best_value_cross_fitted": valuation.best_value_cross_fitted,
        "best_value_cross_fitted_low": low,
        "best_value_cross_fitted_high": high,
        "act_on_none_value": valuation.act_on_none,
        "act_on_all_value": valuation.act_on_all,
        "perfect_value": valuation.perfect,
    }
    if threshold is not None:
        figures["value_at_threshold"] = valuation.value_at(threshold)
    return figures


def log_figures(figures: dict[str, object], report_html: str, run_id: str | None = None) -> str:
    """Log figures (under ``METRIC_KEYS``) and the report to a run; the active run, or a new
    one when there is none and no ``run_id``. Returns the run's id.

    Parameters
    ----------
    figures : dict
        ``valuelens decide`` JSON names to numbers; other fields are left out.
    report_html : str
    run_id : str, optional

    Returns
    -------
    str
    """
    import mlflow

    if run_id is None and mlflow.active_run() is None:
        with mlflow.start_run() as run:  # a run of its own, ended once logged
            return log_figures(figures, report_html, run.info.run_id)
    client = mlflow.MlflowClient()
    run_id = run_id or mlflow.active_run().info.run_id
    for name, key in METRIC_KEYS.items():
        value = figures.get(name)
        if isinstance(value, int | float) and value == value and abs(value) != float("inf"):
            client.log_metric(run_id, key, float(value))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / REPORT_NAME
        path.write_text(report_html, encoding="utf-8")
        client.log_artifact(run_id, str(path))
    return run_id


def log_value(
    y_true: Sequence[int],
    y_score: Sequence[float],
    *,
    value_matrix: Sequence[float],
    amount_rates: Sequence[float] | None = None,
    amount: Sequence[float] | None = None,
    threshold: float | None = None,
    run_id: str | None = None,
) -> Valuation:
    """Value a model's scores (``metrics.value_decisions``) and log the figures and the
    review report to the active MLflow run (or ``run_id``).

    Parameters
    ----------
    y_true, y_score : array-like
    value_matrix, amount_rates, amount
        As ``metrics.value_decisions``.
    threshold : float, optional
        The model's own threshold, also valued (``valuelens_value_at_threshold``).
    run_id : str, optional

    Returns
    -------
    Valuation
    """
    valuation = value_decisions(
        y_true, y_score, value_matrix=value_matrix, amount_rates=amount_rates, amount=amount
    )
    log_figures(value_figures(valuation, threshold), valuation.to_html(), run_id)
    return valuation


def value_metric(
    value_matrix: Sequence[float],
    amount_rates: Sequence[float] | None = None,
    amount_column: str | None = None,
    threshold: float = 0.5,
):
    """An MLflow metric for ``mlflow.models.evaluate(..., extra_metrics=[...])`` on scores
    (``predictions`` a column of probabilities): the best value in-sample, the best value
    cross-fitted with its interval, and the value at ``threshold``.

    Parameters
    ----------
    value_matrix : sequence of 4 floats
        TN, FP, FN, TP.
    amount_rates : sequence of 4 floats, optional
        TN, FP, FN, TP; needs ``amount_column``.
    amount_column : str, optional
        The evaluation data's column of per-row amounts.
    threshold : float
        The model's own threshold.

    Returns
    -------
    mlflow EvaluationMetric
        Named ``valuelens_value``; its results are ``valuelens_value/<figure>``.
    """
    import inspect

    from mlflow.metrics import MetricValue
    from mlflow.models import make_metric

    if amount_rates is not None and any(amount_rates) and amount_column is None:
        raise ValueError("amount_rates need each row's amount: give amount_column=")

    def eval_fn(predictions, targets, metrics=None, *columns, **named):
        amount = columns[0] if columns else named.get(amount_column) if amount_column else None
        try:
            valuation = value_decisions(
                targets, predictions, value_matrix=value_matrix, amount_rates=amount_rates,
                amount=amount,
            )  # fmt: skip
        except ValueError:  # MLflow first tries one row: nothing to choose a threshold on
            return MetricValue(aggregate_results={"best_value": float("nan")})
        return MetricValue(aggregate_results=value_figures(valuation, threshold))

    names = ["predictions", "targets", "metrics", *([amount_column] if amount_column else [])]
    eval_fn.__signature__ = inspect.Signature(
        [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names]
    )
    return make_metric(eval_fn=eval_fn, greater_is_better=True, name="valuelens_value")
