"""Starting value matrices for the your-model page's other output types: each is an editable
default, with its story, for any set of classes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

TICKET_TEAMS = ("billing", "technical", "account", "outage")
REVIEW = "review"


@dataclass(frozen=True)
class MatrixPreset:
    """A value matrix for ``classes`` (and a review column), and shares of the amount."""

    name: str
    story: str
    actions: tuple[str, ...]
    fixed: np.ndarray
    rates: np.ndarray


def same_cost(
    classes: Sequence[str], *, wrong: float = -10.0, review: float = -4.0
) -> MatrixPreset:
    """Every mistake costs the same: the matrix under which accuracy is the money.

    Parameters
    ----------
    classes : Sequence[str]
    wrong : float
    review : float

    Returns
    -------
    MatrixPreset
    """
    k = len(classes)
    fixed = np.full((k, k + 1), wrong)
    np.fill_diagonal(fixed, 0.0)
    fixed[:, k] = review
    return MatrixPreset(
        "Every mistake costs the same",
        f"A wrong class costs ${-wrong:g}; a review ${-review:g} and always gets it right. Under "
        "this matrix the money follows accuracy; edit the cells that cost more.",
        (*classes, REVIEW),
        fixed,
        np.zeros_like(fixed),
    )


def triage(classes: Sequence[str], *, under: float = -60.0, over: float = -8.0) -> MatrixPreset:
    """Ordered classes (least to most severe): under-triage costs far more than over-triage.

    Parameters
    ----------
    classes : Sequence[str]
    under : float
    over : float

    Returns
    -------
    MatrixPreset
    """
    k = len(classes)
    steps = np.arange(k)[:, None] - np.arange(k)[None, :]  # true minus chosen severity
    fixed = np.where(steps > 0, under * steps, over * -steps).astype(float)
    review = np.full((k, 1), -15.0)
    fixed = np.hstack([fixed, review])
    return MatrixPreset(
        "Triage: missing a severe case costs most",
        f"The classes in order of severity. Each level a case is under-triaged costs "
        f"${-under:g}, each level over-triaged ${-over:g}; a second look costs $15.",
        (*classes, REVIEW),
        fixed,
        np.zeros_like(fixed),
    )


def ticket_routing() -> MatrixPreset:
    """The ticket sample's matrix: a misrouted outage costs $200 and a quarter of the
    customer's monthly contract."""
    fixed = np.array(
        [
            [-4, -25, -25, -60, -14],
            [-30, -6, -30, -60, -16],
            [-25, -25, -4, -60, -14],
            [-200, -200, -200, -20, -40],
        ],
        dtype=float,
    )
    rates = np.zeros_like(fixed)
    rates[3, :3] = -0.25
    rates[3, 4] = -0.05
    return MatrixPreset(
        "Ticket routing",
        "Handling a ticket costs $4 to $6 at the right team and $25 to $30 after a wrong one; "
        "paging the on-call outage team costs $60. A misrouted outage costs $200 and a service "
        "credit of 25% of the customer's monthly contract. The triage desk (review) costs $14 "
        "to $40 and always routes right.",
        (*TICKET_TEAMS, REVIEW),
        fixed,
        rates,
    )


def presets_for(classes: Sequence[str]) -> dict[str, MatrixPreset]:
    """The presets that fit ``classes``, by name (ticket routing only for its teams).

    Parameters
    ----------
    classes : Sequence[str]

    Returns
    -------
    dict[str, MatrixPreset]
    """
    out = {p.name: p for p in (same_cost(classes), triage(classes))}
    if sorted(classes) == sorted(TICKET_TEAMS):
        routing = _reordered(ticket_routing(), tuple(classes))
        out = {routing.name: routing, **out}
    return out


def _reordered(preset: MatrixPreset, classes: tuple[str, ...]) -> MatrixPreset:
    """``preset`` with its rows and class columns in the order of ``classes``."""
    rows = [preset.actions.index(c) for c in classes]
    columns = [*rows, *range(len(classes), len(preset.actions))]
    return MatrixPreset(
        preset.name,
        preset.story,
        tuple(preset.actions[c] for c in columns),
        preset.fixed[np.ix_(rows, columns)],
        preset.rates[np.ix_(rows, columns)],
    )
