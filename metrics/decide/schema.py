"""The JSON Schema of ``valuelens decide --json`` (a light module: no numpy)."""

from __future__ import annotations

from metrics.core.schema import command_schema, integer, number, record, string

SCHEMA_VERSION = 1

_VALUE = "currency units over the file's rows, every outcome counted (absolute, not relative)"


def _interval(name: str, description: str, *, nullable: bool = False) -> dict[str, dict]:
    """A figure and the ends of its 95% interval (the sum ± 1.96·√n·sd of the rows' values)."""
    return {
        name: number(description, nullable=nullable),
        f"{name}_low": number(f"Lower end of the 95% interval of {name}, currency units."),
        f"{name}_high": number(f"Upper end of the 95% interval of {name}, currency units."),
    }


_CLASS = record(
    "One true class.",
    {
        "rows": integer("Rows of this class, count."),
        "value_argmax": number("Value of these rows when acting on the most probable class."),
        "value_best_decision": number("Value of these rows under the best decision."),
    },
)
_LABEL = record(
    "One label's binary decision.",
    {
        "best_threshold": number(
            "Act on the label when its score >= this; null when never acting is best.",
            nullable=True,
        ),
        "best_value": number(f"Value at best_threshold, {_VALUE}; in-sample."),
        "best_value_cross_fitted": number(
            "The label's best threshold chosen on 4 of 5 folds and valued on the fifth, "
            "currency units."
        ),
        "best_value_cross_fitted_low": number("Lower end of its 95% interval, currency units."),
        "best_value_cross_fitted_high": number("Upper end of its 95% interval, currency units."),
    },
)
BINARY = (
    "positives", "best_threshold", "best_value", "best_value_cross_fitted",
    "best_value_cross_fitted_low", "best_value_cross_fitted_high", "act_on_none_value",
    "act_on_all_value", "perfect_value", "constrained_best_threshold", "constrained_best_value",
)  # fmt: skip
MULTICLASS = (
    "classes", "actions", "value_argmax", "value_argmax_low", "value_argmax_high",
    "value_best_decision", "value_best_decision_low", "value_best_decision_high",
    "value_perfect", "value_perfect_low", "value_perfect_high", "best_decision_gain",
    "best_decision_gain_low", "best_decision_gain_high", "accuracy", "macro_f1", "log_loss",
    "per_class", "actions_taken",
)  # fmt: skip
MULTILABEL = (
    "labels", "best_value", "best_value_cross_fitted", "act_on_none_value", "perfect_value",
    "shared_threshold", "shared_threshold_value", "shared_threshold_cost",
)  # fmt: skip
REGRESSION = (
    "value_at_prediction", "value_at_prediction_low", "value_at_prediction_high", "best_shift",
    "value_at_best_shift", "value_at_best_shift_cross_fitted",
    "value_at_best_shift_cross_fitted_low", "value_at_best_shift_cross_fitted_high", "rmse",
    "mae", "mape",
)  # fmt: skip
TASK_FIELDS = {
    "binary": BINARY,
    "multiclass": MULTICLASS,
    "multilabel": MULTILABEL,
    "regression": REGRESSION,
}

SCHEMA = command_schema(
    "decide",
    SCHEMA_VERSION,
    "A model's value under a value matrix. Binary (the default task): the best and constrained "
    "operating points, the baselines and the perfect decision. Multiclass, multilabel and "
    "regression (--task): the fields listed for that task.",
    {
        "task": string(
            "The model's output type (--task); it says which fields follow.",
            enum=list(TASK_FIELDS),
        ),
        "n": integer("Rows valued (after --where), count."),
        "positives": integer("Rows of the class acted on (label 1), count."),
        "best_threshold": number(
            "The threshold of most value (act when score >= it); null when acting on nobody "
            "is best.",
            nullable=True,
        ),
        "best_value": number(
            f"Value at best_threshold, {_VALUE}; chosen and valued on the same rows, so optimistic."
        ),
        "best_value_cross_fitted": number(
            f"The best threshold's value as earned, {_VALUE}: chosen on 4 of 5 stratified "
            "folds, valued on the fifth, summed over the folds."
        ),
        "best_value_cross_fitted_low": number(
            "Lower end of the 95% interval of best_value_cross_fitted (bootstrap that "
            "re-chooses the threshold in every resample), currency units.",
            nullable=True,
        ),
        "best_value_cross_fitted_high": number(
            "Upper end of that 95% interval, currency units.", nullable=True
        ),
        "value_at_threshold": number(f"Value at --threshold, {_VALUE}."),
        "act_on_none_value": number(f"Value of acting on nobody, {_VALUE}."),
        "act_on_all_value": number(f"Value of acting on everybody, {_VALUE}."),
        "perfect_value": number(f"Value of the perfect decision, {_VALUE}."),
        "constrained_best_threshold": number(
            "The threshold of most value meeting --min-precision, --min-recall and "
            "--max-flag-rate; null when none does (or acting on nobody is best).",
            nullable=True,
        ),
        "constrained_best_value": number(
            f"Value at constrained_best_threshold, {_VALUE}; null when none meets the limits.",
            nullable=True,
        ),
        "per_segment_gain": number(
            "Value gained by a best threshold per segment over one threshold for all, "
            "currency units (with --segment-column); in-sample: each threshold chosen on the "
            "rows it is valued on."
        ),
        "per_segment_gain_cross_fitted": number(
            "The same gain as earned: each segment's threshold, and the one for all, chosen on "
            "other rows than they are valued on (5 stratified folds), currency units (with "
            "--segment-column)."
        ),
        "three_way": record(
            "Act, review or pass (with --review-cost): act at or above high, review between "
            "low and high, pass below low.",
            {
                "low": number("Lowest score reviewed.", nullable=True),
                "high": number("Lowest score acted on.", nullable=True),
                "value": number("Value of the three-way decision, currency units."),
            },
        ),
        "segments": {
            "type": "object",
            "description": "Each segment's own best (with --segment-column), by segment value.",
            "additionalProperties": record(
                "One segment.",
                {
                    "best_threshold": number("The segment's best threshold.", nullable=True),
                    "best_value": number("Value at it over the segment's rows, currency units."),
                },
            ),
        },
        "difference": record(
            "The second model's value minus this one's at their own best thresholds (with "
            "--compare-column), with a paired 95% bootstrap interval, currency units.",
            {
                "value": number("The difference, currency units."),
                "lower": number("Lower end of the interval, currency units."),
                "upper": number("Upper end of the interval, currency units."),
                "value_cross_fitted": number(
                    "The difference as earned: each model's threshold chosen on other rows "
                    "than it is valued on (the same 5 stratified folds for both), currency "
                    "units."
                ),
            },
        ),
        "mlflow_run_id": {
            "type": "string",
            "description": "The MLflow run the figures and the review report were logged to "
            "(with --mlflow).",
        },
        "classes": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Multiclass: the classes, in the order of the matrix's rows.",
        },
        "actions": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Multiclass: the actions, the matrix's columns (the classes, then "
            "extra actions such as review).",
        },
        **_interval(
            "value_argmax",
            "Multiclass: value of acting on the most probable class (what predict does), "
            f"{_VALUE}.",
        ),
        **_interval(
            "value_best_decision",
            "Multiclass: value of the action of highest expected value under the matrix (the "
            f"Bayes decision; right only with calibrated probabilities), {_VALUE}.",
        ),
        **_interval(
            "value_perfect",
            f"Multiclass: value of the best action knowing each row's class, {_VALUE}.",
        ),
        **_interval(
            "best_decision_gain",
            "Multiclass: value_best_decision minus value_argmax (paired interval), currency units.",
        ),
        "accuracy": number("Multiclass: share of rows whose most probable class is right."),
        "macro_f1": number("Multiclass: unweighted mean of each class's F1, 0 to 1."),
        "log_loss": number("Multiclass: mean of -ln p(true class), nats."),
        "per_class": {
            "type": "object",
            "description": "Multiclass: each true class's rows and value.",
            "additionalProperties": _CLASS,
        },
        "actions_taken": {
            "type": "object",
            "description": "Multiclass: rows given each action under the best decision, count.",
            "additionalProperties": {"type": "integer"},
        },
        "labels": {
            "type": "object",
            "description": "Multilabel: each label's best threshold and value, by label column.",
            "additionalProperties": _LABEL,
        },
        "shared_threshold": number(
            "Multilabel: the best single threshold for every label; null when never acting is "
            "best.",
            nullable=True,
        ),
        "shared_threshold_value": number(f"Multilabel: value at shared_threshold, {_VALUE}."),
        "shared_threshold_cost": number(
            "Multilabel: best_value minus shared_threshold_value: what one threshold for all "
            "labels gives up against one per label, currency units (in-sample, >= 0)."
        ),
        **_interval(
            "value_at_prediction",
            "Regression: minus the total cost of acting on the predictions, currency units.",
        ),
        "best_shift": number(
            "Regression: the amount added to every prediction that costs least (exact: a "
            "weighted quantile of the residuals without --miss-cost), units of the target."
        ),
        "value_at_best_shift": number(
            "Regression: minus the total cost at best_shift, currency units; in-sample."
        ),
        **_interval(
            "value_at_best_shift_cross_fitted",
            "Regression: the shift chosen on 4 of 5 folds, valued on the fifth, summed, "
            "currency units.",
        ),
        "rmse": number("Regression: root mean squared error, units of the target."),
        "mae": number("Regression: mean absolute error, units of the target."),
        "mape": number(
            "Regression: mean absolute percentage error as a share; null when a target is 0.",
            nullable=True,
        ),
    },
    optional=(
        "value_at_threshold",
        "three_way",
        "segments",
        "per_segment_gain",
        "per_segment_gain_cross_fitted",
        "difference",
        "mlflow_run_id",
        *(name for fields in TASK_FIELDS.values() for name in fields),
    ),
)
SCHEMA["allOf"] = [
    {
        "if": {"properties": {"task": {"const": task}}},
        "then": {"required": list(fields)},
    }
    for task, fields in TASK_FIELDS.items()
]
