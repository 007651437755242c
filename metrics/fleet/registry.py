"""The fleet's registry: a TOML file that lists the models, read once, capped in size and
checked key by key. ``[defaults]`` holds what models share; each ``[[model]]`` overrides.

A mistake in one model's entry (an unknown key, a missing log, two models with one id) is one
line naming the model, the key and the fix, and the other models still report.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

from metrics.core.number_text import is_number
from metrics.core.validation import MAX_AMOUNT
from metrics.core.value import MAX_RATE

MAX_REGISTRY_BYTES = 1_000_000
MAX_MODELS = 10_000
CHUNKS = ("day", "week", "month")
KEYS = {
    "id": "a unique name",
    "log": "a Parquet file, folder or glob, or a CSV file or glob, relative to the registry",
    "model_column": "the column naming the model, when one log holds several",
    "model_value": "this model's value in model_column",
    "label_column": "0/1 label, empty until known (default label)",
    "score_column": "probability (default score)",
    "amount_column": "per-row amount for amount_rates",
    "timestamp_column": "when the row was scored (default timestamp)",
    "label_time_column": "when its label arrived (for --as-of)",
    "threshold": "act when score >= threshold (default 0.5)",
    "value_matrix": "value of one row per outcome [TN, FP, FN, TP]",
    "amount_rates": "share of the amount added per outcome [TN, FP, FN, TP]",
    "reference": 'the reference period ["2026-01-01", "2026-03-31"]',
    "chunk": "day, week or month (default week)",
    "trained_at": "the day the model was last trained",
    "retrain_every_days": "days after training when retraining is due",
    "owner": "who answers for the model",
}
"""Every key a model may have, with what it holds (the documentation's table)."""
REQUIRED = ("id", "log", "value_matrix", "reference")


@dataclass(frozen=True)
class ModelEntry:
    """One model as the registry describes it, checked."""

    id: str
    log: str
    value_matrix: tuple[float, float, float, float]
    reference: tuple[str, str]
    amount_rates: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    model_column: str | None = None
    model_value: str | None = None
    label_column: str = "label"
    score_column: str = "score"
    amount_column: str | None = None
    timestamp_column: str = "timestamp"
    label_time_column: str | None = None
    threshold: float = 0.5
    chunk: str = "week"
    trained_at: str | None = None
    retrain_every_days: int | None = None
    owner: str = ""


@dataclass(frozen=True)
class Registry:
    """The models that could be read, and one error line per model that could not."""

    models: tuple[ModelEntry, ...]
    errors: dict[str, str]


def read_registry(path: str | Path) -> Registry:
    """Read and check a registry file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Registry

    Raises
    ------
    ValueError
        When the file itself cannot be used (missing, too large, not TOML, no models).
    """
    where = Path(path)
    if not where.is_file():
        raise ValueError(f"the registry '{where}' is not a file; give the path of a TOML file")
    if where.stat().st_size > MAX_REGISTRY_BYTES:
        raise ValueError(f"the registry '{where.name}' is larger than 1 MB; split the fleet")
    try:
        table = tomllib.loads(where.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"the registry '{where.name}' is not valid TOML: {error}") from None
    defaults = table.get("defaults", {})
    models = table.get("model", [])
    unknown = sorted(set(table) - {"defaults", "model"})
    if unknown:
        raise ValueError(
            f"the registry has a section [{unknown[0][:40]}]; only [defaults] and [[model]] exist"
        )
    if not isinstance(models, list) or not models:
        raise ValueError("the registry lists no model; add one [[model]] table per model")
    if len(models) > MAX_MODELS:
        raise ValueError(f"the registry lists {len(models):,} models; the limit is {MAX_MODELS:,}")
    problem = _unknown_key(defaults, "[defaults]")
    if problem:
        raise ValueError(problem)
    entries, errors, seen = [], {}, set()
    for number, raw in enumerate(models, start=1):
        name = (
            str(raw.get("id", f"model {number}"))[:60]
            if isinstance(raw, dict)
            else f"model {number}"
        )
        try:
            entry = _entry({**defaults, **raw}, name, where.parent)
            if entry.id in seen:
                raise ValueError(f"model '{name}': id is used twice; give each model its own id")
            seen.add(entry.id)
            entries.append(entry)
        except ValueError as error:
            errors[name if name not in errors else f"{name} ({number})"] = str(error)
    return Registry(tuple(entries), errors)


def _unknown_key(values: dict, where: str) -> str | None:
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        return f"{where}: unknown key '{unknown[0][:40]}'; the keys are {', '.join(KEYS)}"
    return None


def _entry(values: dict, name: str, folder: Path) -> ModelEntry:
    problem = _unknown_key(values, f"model '{name}'")
    if problem:
        raise ValueError(problem)
    missing = [key for key in REQUIRED if key not in values]
    if missing:
        raise ValueError(f"model '{name}': {missing[0]} is missing; give {KEYS[missing[0]]}")
    log = str(values["log"])
    if not any(ch in log for ch in "*?[") and not (folder / log).exists():
        raise ValueError(f"model '{name}': log '{log[:80]}' does not exist; check the path")
    chunk = str(values.get("chunk", "week"))
    if chunk not in CHUNKS:
        raise ValueError(f"model '{name}': chunk is {chunk[:20]!r}; use day, week or month")
    if ("model_column" in values) != ("model_value" in values):
        raise ValueError(f"model '{name}': model_column and model_value go together; give both")
    out = {key: values[key] for key in values if key in KEYS}
    out["id"] = str(values["id"])
    out["log"] = str(folder / log)
    out["value_matrix"] = _four(values["value_matrix"], name, "value_matrix", MAX_AMOUNT)
    rates = values.get("amount_rates", [0, 0, 0, 0])
    out["amount_rates"] = _four(rates, name, "amount_rates", MAX_RATE)
    out["reference"] = _dates(values["reference"], name)
    out["threshold"] = _number(values.get("threshold", 0.5), name, "threshold", 0, 1)
    if "trained_at" in values:
        out["trained_at"] = _dates([values["trained_at"]] * 2, name, "trained_at")[0]
    if "retrain_every_days" in values:
        out["retrain_every_days"] = int(
            _number(values["retrain_every_days"], name, "retrain_every_days", 1, 36_500)
        )
    for key in ("model_value", "owner", "model_column"):
        if key in out:
            out[key] = str(out[key])[:200]
    return ModelEntry(**out)


def _four(values: object, name: str, key: str, most: float) -> tuple[float, float, float, float]:
    try:
        numbers = tuple(float(v) for v in values)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        numbers = ()
    if len(numbers) != 4 or not all(math.isfinite(v) and abs(v) <= most for v in numbers):
        raise ValueError(
            f"model '{name}': {key} must be four numbers [TN, FP, FN, TP], each between "
            f"{-most:g} and {most:g}"
        )
    return numbers  # type: ignore[return-value]


def _number(value: object, name: str, key: str, low: float, high: float) -> float:
    if isinstance(value, str) and is_number(value):
        raise ValueError(
            f"model '{name}': {key} is the text {value[:20]!r}; write it as a number, without "
            f"quotes ({key} = {value.strip()[:20]})"
        )
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(
            f"model '{name}': {key} is {str(value)[:20]!r}; give a number from {low} to {high}"
        )
    return float(value)


def _dates(values: object, name: str, key: str = "reference") -> tuple[str, str]:
    try:
        first, last = (dt.date.fromisoformat(str(v)[:10]) for v in values)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        given = values[0] if key == "trained_at" else values  # type: ignore[index]
        raise ValueError(
            f"model '{name}': {key} is {str(given)[:60]!r}; write "
            + (
                'two dates as year-month-day, such as ["2026-01-01", "2026-03-31"]'
                if key == "reference"
                else "a date as year-month-day, such as '2026-03-15'"
            )
        ) from None
    if last < first:
        raise ValueError(f"model '{name}': {key} ends before it starts; swap the dates")
    return first.isoformat(), last.isoformat()
