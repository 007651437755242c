"""The JSON of ``valuelens fleet`` (described in ``metrics/fleet/schema.py``)."""

from __future__ import annotations

import datetime as dt

from metrics.fleet.model import ModelStatus


def fleet_json(statuses: list[ModelStatus], as_of: dt.date | None) -> dict:
    """One object per model, sorted by money lost since its alert.

    Parameters
    ----------
    statuses : list of ModelStatus
    as_of : date or None

    Returns
    -------
    dict
    """
    models = []
    for s in statuses:
        if s.error:
            models.append({"id": s.id, "owner": s.owner, "error": s.error})
            continue
        models.append(
            {
                "id": s.id,
                "owner": s.owner,
                "chunk_start": s.chunk_start,
                "value_latest": s.value_latest,
                "value_latest_source": s.value_latest_source,
                "normal_low": s.normal_low,
                "normal_high": s.normal_high,
                "alert": s.alert,
                "alert_since": s.alert_since,
                "lost_since_alert": s.lost_since_alert,
                "days_since_training": s.days_since_training,
                "retrain_due": s.retrain_due,
            }
        )
    return {"as_of": None if as_of is None else as_of.isoformat(), "models": models}
