"""A scenario as a small versioned JSON file: a page's inputs, the data it was computed on
(with a fingerprint of its contents) and the ValueLens version, so it can be attached to the
meeting notes, reopened next quarter or rebuilt as a report from the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from metrics.core.params import shown
from metrics.core.scenario_inputs import ScenarioInputs

MAX_SCENARIO_BYTES = 1_000_000
"""A scenario file is a page's inputs and a value matrix: a few kilobytes. Anything larger
is refused before it is parsed."""
FORMAT = 1
"""Bumped when the file's layout changes; older files are read while the layout allows."""


def valuelens_version() -> str:
    """The installed ValueLens version ("unknown" from a bare checkout).

    Returns
    -------
    str
    """
    try:
        return metadata.version("valuelens")
    except metadata.PackageNotFoundError:
        return "unknown"


def fingerprint(content: bytes) -> str:
    """``sha256:`` and the first 16 hex digits of the content's SHA-256.

    Parameters
    ----------
    content : bytes

    Returns
    -------
    str
    """
    return "sha256:" + hashlib.sha256(content).hexdigest()[:16]


def file_fingerprint(path: str | Path) -> str:
    """The fingerprint of a file's bytes (a folder: of its Parquet files' names, sizes and
    contents, in name order).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
    """
    target = Path(path)
    digest = hashlib.sha256()
    files = sorted(target.rglob("*.parquet")) if target.is_dir() else [target]
    for file in files:
        digest.update(file.name.encode())
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()[:16]


@dataclass(frozen=True)
class Scenario:
    """A page's inputs and the data they were chosen on.

    Attributes
    ----------
    page : str
        The page's URL path (``fraud``, ``decide``, ...).
    inputs : dict
        Widget key to value, as in the page's URL.
    source : str
        What the data was, in words (a sample's name, a file's name).
    data_fingerprint : str
    version : str
        The ValueLens version that saved it.
    saved : str
        When, as an ISO date and time (UTC).
    """

    page: str
    inputs: dict
    source: str
    data_fingerprint: str
    version: str
    saved: str

    def to_json(self) -> str:
        """The file's text."""
        return json.dumps(
            {
                "valuelens_scenario": FORMAT,
                "page": self.page,
                "inputs": self.inputs,
                "data": {"source": self.source, "fingerprint": self.data_fingerprint},
                "valuelens_version": self.version,
                "saved": self.saved,
            },
            indent=2,
            default=str,
        )


def new_scenario(page: str, inputs: dict, source: str, data_fingerprint: str) -> Scenario:
    """A scenario of the current inputs, stamped with the version and the time.

    Parameters
    ----------
    page : str
    inputs : dict
    source : str
    data_fingerprint : str

    Returns
    -------
    Scenario
    """
    saved = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return Scenario(
        page, ScenarioInputs(inputs), source, data_fingerprint, valuelens_version(), saved
    )


def read_scenario(text: str | bytes, *, source: str = "the scenario") -> Scenario:
    """A scenario file, checked; a ValueError says what is wrong with it.

    Parameters
    ----------
    text : str or bytes
    source : str
        The file's name, for messages about its inputs.

    Returns
    -------
    Scenario
    """
    named = "this scenario" if source == "the scenario" else f"scenario {shown(source, limit=200)}"
    if len(text) > MAX_SCENARIO_BYTES:
        raise ValueError(
            f"{named} is larger than {MAX_SCENARIO_BYTES:,} bytes, "
            "the most a scenario file holds (a page's inputs take a few kilobytes); save one "
            "from a page"
        )
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ValueError(
            f"{named} is not a scenario file (not JSON); save one from a page"
        ) from None
    except RecursionError:
        raise ValueError(f"{named}'s JSON is nested too deeply; save one from a page") from None
    if not isinstance(raw, dict) or "valuelens_scenario" not in raw:
        raise ValueError(f"{named} is JSON but not a ValueLens scenario; save one from a page")
    found = raw["valuelens_scenario"]
    if isinstance(found, bool) or not isinstance(found, int) or found < 1:
        raise ValueError(
            f"{named}'s format is {shown(json.dumps(found))}, not a whole number from 1; save it "
            "again from a page"
        )
    if found > FORMAT:
        raise ValueError(
            f"{named} has format {found!r}; this ValueLens reads up "
            f"to {FORMAT}: upgrade ValueLens to open it"
        )
    data = raw.get("data") or {}
    if not isinstance(raw.get("inputs"), dict) or not isinstance(raw.get("page"), str):
        raise ValueError(f"{named} has no page or no inputs; save it again from a page")
    if not isinstance(data, dict):
        raise ValueError(
            f"{named}'s data is {shown(data)}, not an object with its source and "
            "fingerprint; save it again from a page"
        )
    return Scenario(
        raw["page"],
        ScenarioInputs(raw["inputs"], source),
        str(data.get("source", "")),
        str(data.get("fingerprint", "")),
        str(raw.get("valuelens_version", "unknown")),
        str(raw.get("saved", "")),
    )
