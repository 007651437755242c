from __future__ import annotations

from pathlib import Path

import pytest

from metrics.fleet.sample import model_log, registry_text


def small_fleet(folder: Path, numbers: tuple[int, ...], extra: str = "") -> Path:
    """A registry over a few of the sample's models (healthy ones unless 7, 23 or 42)."""
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        model_log(number).to_parquet(logs / f"fraud-{number:03d}.parquet", index=False)
    head, *models = registry_text().split("[[model]]")
    kept = [m for m in models if any(f'"fraud-{n:03d}"' in m for n in numbers)]
    path = folder / "fleet.toml"
    path.write_text(head + "".join("[[model]]" + m for m in kept) + extra, encoding="utf-8")
    return path


@pytest.fixture
def fleet_of(tmp_path):
    return lambda numbers, extra="": small_fleet(tmp_path, numbers, extra)


@pytest.fixture(autouse=True)
def kept_in_tmp(tmp_path, monkeypatch):
    """The command and the page keep reference groups in the test's folder, not the user's
    cache."""
    from metrics.fleet import reference_store

    monkeypatch.setattr(
        reference_store,
        "default_store",
        lambda fresh=False: reference_store.ReferenceStore(tmp_path / "kept", read=not fresh),
    )
