"""Which column of a team's file plays which role (label, score, amount, time): guessed from
names and values together, never one column for two roles, and marked unsure when only the
values fit, so the page asks before computing anything."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

_HEAD_ROWS = 10_000


def _numeric(values: pd.Series) -> pd.Series | None:
    if pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    if not pd.api.types.is_numeric_dtype(values):
        return None
    return values.astype(float)


def is_binary(values: pd.Series) -> bool:
    """Only 0 and 1 (or true/false), with both present or at least one row.

    Parameters
    ----------
    values : Series
        A column's values (missing ones are ignored).

    Returns
    -------
    bool
    """
    numbers = _numeric(values.dropna())
    return numbers is not None and len(numbers) > 0 and bool(numbers.isin([0, 1]).all())


def is_probability(values: pd.Series) -> bool:
    """Numbers in [0, 1] that are not only 0 and 1.

    Parameters
    ----------
    values : Series
        A column's values (missing ones are ignored).

    Returns
    -------
    bool
    """
    numbers = _numeric(values.dropna())
    if numbers is None or len(numbers) == 0:
        return False
    inside = bool(((numbers >= 0) & (numbers <= 1)).all())
    return inside and not bool(numbers.isin([0, 1]).all())


def is_amount(values: pd.Series) -> bool:
    """Non-negative numbers that are not only 0 and 1.

    Parameters
    ----------
    values : Series
        A column's values (missing ones are ignored).

    Returns
    -------
    bool
    """
    numbers = _numeric(values.dropna())
    if numbers is None or len(numbers) == 0:
        return False
    return bool((numbers >= 0).all()) and not bool(numbers.isin([0, 1]).all())


def is_time(values: pd.Series) -> bool:
    """Datetimes, text that reads as dates, or epoch-sized numbers.

    Parameters
    ----------
    values : Series
        A column's values (missing ones are ignored).

    Returns
    -------
    bool
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    present = values.dropna()
    if len(present) == 0 or pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        size = float(np.median(np.abs(present.astype(float))))
        return 1e8 <= size < 1e20
    sample = present.astype(str).head(20)
    return bool(pd.to_datetime(sample, format="mixed", errors="coerce").notna().all())


@dataclass(frozen=True)
class Role:
    """A role a column can play: the names that suggest it and the values it must hold."""

    name: str
    names: tuple[str, ...]
    tokens: tuple[str, ...]
    fits: Callable[[pd.Series], bool]
    required: bool = True


@dataclass(frozen=True)
class Guess:
    """Column per role (None when nothing fits) and whether the name said so too."""

    columns: dict[str, str | None]
    sure: dict[str, bool]
    optional: frozenset[str] = frozenset()

    @property
    def all_sure(self) -> bool:
        """Every role is sure, or optional and left empty."""
        return all(
            self.sure[role] or (role in self.optional and self.columns[role] is None)
            for role in self.columns
        )


def _tokens(column: str) -> set[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", column)
    return {t for t in re.split(r"[^a-z0-9]+", spaced.lower()) if t}


def _name_score(role: Role, column: str) -> int:
    if column.lower() in role.names:
        return 3
    return 2 if _tokens(column) & set(role.tokens) else 0


def guess_roles(frame: pd.DataFrame, roles: tuple[Role, ...]) -> Guess:
    """Best column for each role, one column per role.

    Parameters
    ----------
    frame : DataFrame
        The file's rows; the first 10,000 are looked at.
    roles : tuple of Role
        The roles to fill, e.g. label, score, amount and timestamp.

    Returns
    -------
    Guess
        A role is sure when its column's name suggests it and its values fit, or when the
        column has the role's exact name (its values are then checked, and any problem named,
        by validation); a column whose values alone fit is offered only when it is the only
        such column, and is unsure.
    """
    head = frame.head(_HEAD_ROWS)
    columns = [str(c) for c in head.columns]
    fits = {(r.name, c): r.fits(head[c]) for r in roles for c in columns}

    def priority(role: Role, column: str) -> int:
        named, fit = _name_score(role, column), fits[(role.name, column)]
        if named and fit:
            return 2 + named  # the name and the values agree
        if named == 3:
            return 1  # the exact name: validation will say what is wrong with its values
        return 0 if fit else -1  # values only

    options = sorted(
        (
            (priority(r, c), -columns.index(c), r.name, c)
            for r in roles
            for c in columns
            if priority(r, c) >= 0
        ),
        reverse=True,
    )
    chosen: dict[str, str | None] = dict.fromkeys((r.name for r in roles), None)
    sure = dict.fromkeys(chosen, False)
    taken: set[str] = set()
    for rank, _, role, column in options:
        if chosen[role] is not None or column in taken:
            continue
        if rank == 0 and sum(fits[(role, c)] for c in columns if c not in taken) > 1:
            continue  # several columns fit by value only: let the user pick
        chosen[role], sure[role] = column, rank > 0
        taken.add(column)
    return Guess(chosen, sure, frozenset(r.name for r in roles if not r.required))


def check_distinct_roles(picked: dict[str, str]) -> None:
    """Raise when one column is picked for two roles.

    Parameters
    ----------
    picked : dict of str to str
        Role to column name.
    """
    seen: dict[str, str] = {}
    for role, column in picked.items():
        if column in seen:
            raise ValueError(
                f"column '{column}' is picked as both {seen[column]} and {role}; each role "
                "needs its own column"
            )
        seen[column] = role
