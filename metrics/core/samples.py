"""Where the bundled sample files are: a light lookup (no pandas) for every reader."""

from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path

SAMPLE_DIR_VARIABLE = "VALUELENS_SAMPLE_DIR"
"""Environment variable naming a folder of sample files; it wins over the built-in places."""

_CHECKOUT_SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
_INSTALLED_SAMPLES = "valuelens_samples"  # sample_data/ as installed by ``pip install .``


def sample_path(file_name: str) -> Path:
    """Path of a bundled sample file, from a checkout or an installed package.

    Parameters
    ----------
    file_name : str
        File name inside ``sample_data/``, e.g. ``"fraud_transactions.csv.gz"``.

    Returns
    -------
    Path
        The first existing file among ``$VALUELENS_SAMPLE_DIR``, the checkout's
        ``sample_data/`` and the installed package data.

    Raises
    ------
    ValueError
        When no place holds the file, naming the places looked in and the fix.
    """
    places: list[Path] = []
    if os.environ.get(SAMPLE_DIR_VARIABLE):
        places.append(Path(os.environ[SAMPLE_DIR_VARIABLE]))
    places.append(_CHECKOUT_SAMPLES)
    with contextlib.suppress(ModuleNotFoundError):
        places.append(Path(str(resources.files(_INSTALLED_SAMPLES))))
    for place in places:
        if (place / file_name).is_file():
            return place / file_name
    looked = ", ".join(str(p) for p in places)
    raise ValueError(
        f"sample file '{file_name}' was not found (looked in {looked}); run ValueLens from "
        f"its checkout, reinstall it with 'pip install .', or set {SAMPLE_DIR_VARIABLE} to a "
        "folder holding the sample files"
    )
