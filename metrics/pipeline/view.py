"""What the security pipeline page shows: the day's tiles, where the experts become the
bottleneck, and threats stopped against recall beside two ways to raise it."""

from __future__ import annotations

import dataclasses

import numpy as np

from metrics.core.format import Tile
from metrics.pipeline.charts import stopped_figure
from metrics.pipeline.model import Funnel, Pipeline, stopped_curve


def security_tiles(day: Funnel) -> list[Tile]:
    """A day of the pipeline, stage by stage.

    Parameters
    ----------
    day : Funnel

    Returns
    -------
    list of Tile
    """
    return [
        Tile("Real threats", f"{day.threats:,.0f}", "Real threats among the day's events."),
        Tile("Alerts", f"{day.alerts:,.0f}", "Events the model flags."),
        Tile("Passed to experts", f"{day.passed:,.0f}", "Alerts the rules let through."),
        Tile("Reviewed", f"{day.reviewed:,.0f}", "Alerts the experts can review a day."),
        Tile("Threats stopped", f"{day.stopped:,.1f}", "Reviewed threats stopped."),
    ]


def bottleneck_sentence(knee: float | None, stopped_at_knee: float, reviews: int) -> str:
    """Where more recall stops paying, in one paragraph.

    Parameters
    ----------
    knee : float or None
        The recall above which the experts are the bottleneck.
    stopped_at_knee : float
        Threats stopped a day there.
    reviews : int
        Alerts the experts can review a day.

    Returns
    -------
    str
    """
    if knee is None:
        return (
            "The experts can review every alert the rules pass, even at 100% recall: a "
            "better model stops more threats all the way."
        )
    return (
        f"Above a recall of {knee:.0%} the rules pass more alerts than the experts can "
        f"review ({reviews:,} a day). From there a model that flags more stops no more "
        f"threats: {stopped_at_knee:.1f} a day whether recall is {knee:.0%} or 99%; the extra "
        "alerts wait unreviewed. More reviewers, or fewer false alarms (a better model or "
        "better rules), raise the limit; more recall does not."
    )


def stopped_comparison(pipeline: Pipeline, recall: float, knee: float | None):
    """Threats stopped against recall: this pipeline, with 50% more reviews, and with a model
    0.02 better in AUC.

    Parameters
    ----------
    pipeline : Pipeline
    recall : float
        The chosen recall, marked.
    knee : float or None
        Where the experts become the bottleneck.

    Returns
    -------
    plotly Figure
    """
    recalls = np.linspace(0.01, 0.99, 99)
    more = dataclasses.replace(pipeline, reviews_per_day=pipeline.reviews_per_day * 1.5)
    better_auc = min(pipeline.model_auc + 0.02, 0.999)
    better = dataclasses.replace(pipeline, model_auc=better_auc)
    curves = {
        "this pipeline": stopped_curve(pipeline, recalls),
        f"{more.reviews_per_day:,.0f} reviews a day": stopped_curve(more, recalls),
        f"a better model (AUC {better_auc:.3f})": stopped_curve(better, recalls),
    }
    return stopped_figure(recalls, curves, recall, knee)
