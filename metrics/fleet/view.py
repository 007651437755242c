"""What the fleet page says: tiles for the fleet, one row per model, and one sentence (plain
text; the page escapes it)."""

from __future__ import annotations

import pandas as pd

from metrics.core.format import Tile, count, money
from metrics.fleet.model import ModelStatus

WORDS = ("chunk", "reference", "mean ± 3 sd")


def fleet_tiles(statuses: list[ModelStatus]) -> list[Tile]:
    """Models, models alerting, money lost since their alerts, models due for retraining.

    Parameters
    ----------
    statuses : list of ModelStatus

    Returns
    -------
    list of Tile
    """
    read = [s for s in statuses if not s.error]
    alerts = [s for s in read if s.alert]
    due = [s for s in read if s.retrain_due]
    return [
        Tile(
            "Models",
            f"{len(statuses):,}",
            "Models in the registry.",
            note=f"{len(statuses) - len(read):,} could not be read"
            if len(read) < len(statuses)
            else None,
        ),
        Tile(
            "Earning less than usual",
            f"{len(alerts):,}",
            "Models whose latest chunk is below its normal range.",
            better="lower",
        ),
        Tile(
            "Lost since their alerts",
            money(sum(s.lost_since_alert for s in alerts)),
            "Over the chunks below the range, the usual value minus the value, summed.",
        ),
        Tile(
            "Due for retraining",
            f"{len(due):,}",
            "Models trained longer ago than their retraining interval.",
            better="lower",
        ),
    ]


def fleet_sentence(statuses: list[ModelStatus]) -> str:
    """Which models are losing money, the worst first, and which are due.

    Parameters
    ----------
    statuses : list of ModelStatus

    Returns
    -------
    str
    """
    alerts = [s for s in statuses if s.alert]
    due = [s.id for s in statuses if s.retrain_due]
    if not alerts:
        head = "No model is earning less than usual."
    else:
        worst = ", ".join(
            f"{s.id} ({money(s.lost_since_alert)} since {s.alert_since})" for s in alerts[:3]
        )
        head = f"{count(len(alerts), 'model')} earn less than usual; the most lost: {worst}."
    tail = f" Due for retraining: {', '.join(due[:5])}." if due else ""
    return head + tail


def fleet_table(statuses: list[ModelStatus]) -> pd.DataFrame:
    """One row per model, in the order given (the most money lost first): the figures a
    stakeholder reads first, then training and owner; an error column only when a model has
    one.

    Parameters
    ----------
    statuses : list of ModelStatus

    Returns
    -------
    DataFrame
    """
    rows = []
    for s in statuses:
        rows.append(
            {
                "Model": s.id,
                "Value by chunk": list(s.values),
                "Latest chunk": None if s.value_latest is None else round(s.value_latest),
                "Measured": s.value_latest_source or "",  # realised or estimated
                "Normal range": ""
                if s.normal_low is None
                else f"{money(s.normal_low)} to {money(s.normal_high)}",
                "Alert since": s.alert_since or "",
                "Lost since alert": round(s.lost_since_alert),
                "Last trained": _trained(s),
                "Owner": s.owner,
                "Error": s.error or "",
            }
        )
    table = pd.DataFrame(rows)
    return table if table["Error"].any() else table.drop(columns="Error")


def _trained(status: ModelStatus) -> str:
    """How long ago the model was trained, and whether retraining is due ("" when unknown)."""
    days = status.days_since_training
    if days is None:
        return ""
    return f"{days:,} day{'' if days == 1 else 's'} ago" + (": due" if status.retrain_due else "")
