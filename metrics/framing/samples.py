"""The bundled samples of the other output types: which file, which columns, which models."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.framing.presets import TICKET_TEAMS
from metrics.framing.reframe import APP_REVENUE

TAGS = ("sports", "politics", "music", "tech")


@dataclass(frozen=True)
class TaskSample:
    """A sample file and, per model, the columns it scores the rows with."""

    title: str
    file: str
    truth: tuple[str, ...]
    models: dict[str, tuple[str, ...]]
    amount: str | None = None


MULTICLASS = TaskSample(
    "Support tickets (3,000)",
    "tickets_multiclass.csv.gz",
    ("team",),
    {
        "Gradient boosting": tuple(f"boost_{t}" for t in TICKET_TEAMS),
        "Balanced logistic regression": tuple(f"logreg_{t}" for t in TICKET_TEAMS),
    },
    amount="contract_value",
)
REGRESSION = TaskSample(
    "Store demand (2,500 days)",
    "demand_regression.csv.gz",
    ("units_sold",),
    {"Least squares (the mean)": ("pred_mean",), "80th percentile": ("pred_q80",)},
    amount="price",
)
MULTILABEL = TaskSample(
    "Post topics (3,000 posts)",
    "tags_multilabel.csv.gz",
    tuple(f"is_{t}" for t in TAGS),
    {"One logistic regression per topic": tuple(f"score_{t}" for t in TAGS)},
)
FRAMING = TaskSample(
    "Which app next (4,000 choices)",
    "next_app_framing.csv.gz",
    ("opened",),
    {
        "A multiclass model over the apps": tuple(f"multiclass_{a}" for a in APP_REVENUE),
        "A score per (user, app) pair": tuple(f"per_app_{a}" for a in APP_REVENUE),
    },
)
SAMPLES = {"multiclass": MULTICLASS, "regression": REGRESSION, "multilabel": MULTILABEL}
