"""A scenario file's inputs, read with the types the pages wrote them in: a value that
cannot be used is one error naming the file, the key and what to write."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from metrics.core.params import shown


class ScenarioInputs(dict):
    """A scenario's inputs (widget key to value); each typed read names the scenario file
    and the key, and says what to write, when a value cannot be used."""

    def __init__(self, values: dict, source: str = "the scenario", prefix: str = "") -> None:
        super().__init__(values)
        self.source = source
        self.prefix = prefix

    def _bad(self, key: str, value: object, wanted: str, default: object) -> ValueError:
        return ValueError(
            f"scenario {shown(self.source, limit=200)}: {self.prefix}{key} is {shown(value)}, not "
            f"{wanted}; write {wanted} such as {default!r}, or save the scenario again from "
            "its page"
        )

    def number(self, key: str, default: float) -> float:
        """The value of ``key`` as a finite number (``default`` when absent).

        Parameters
        ----------
        key : str
        default : float

        Returns
        -------
        float
        """
        value = self.get(key, default)
        if not _finite_number(value):
            raise self._bad(key, value, "a finite number", default)
        return float(value)

    def whole(self, key: str, default: int) -> int:
        """The value of ``key`` as a whole number (``default`` when absent).

        Parameters
        ----------
        key : str
        default : int

        Returns
        -------
        int
        """
        value = self.number(key, default)
        if not value.is_integer():
            raise self._bad(key, self[key], "a whole number", default)
        return int(value)

    def numbers(
        self, key: str, default: object, count: int = 4, most: float = np.inf
    ) -> list[float]:
        """The value of ``key`` as ``count`` finite numbers (``default`` when absent), each
        between ``-most`` and ``most``.

        Parameters
        ----------
        key : str
        default : sequence of float
        count : int
        most : float
            The largest size a value may have.

        Returns
        -------
        list of float
        """
        values = self.get(key, default)
        if (
            not isinstance(values, list | tuple | np.ndarray)
            or len(values) != count
            or not all(_finite_number(v) and abs(float(v)) <= most for v in values)
        ):
            example = [float(v) for v in np.asarray(default)]
            within = f" between {-most:g} and {most:g}" if np.isfinite(most) else ""
            raise self._bad(key, values, f"{count} numbers{within}", example)
        return [float(v) for v in values]

    def date(self, key: str, default: dt.date) -> dt.date:
        """The value of ``key`` as a date written YYYY-MM-DD (``default`` when absent).

        Parameters
        ----------
        key : str
        default : date

        Returns
        -------
        date
        """
        if key not in self:
            return default
        try:
            return dt.date.fromisoformat(self.text(key, default.isoformat()))
        except ValueError:
            raise self._bad(key, self[key], "a date", default.isoformat()) from None

    def extra(self) -> ScenarioInputs:
        """The page's own block (``_extra``, e.g. an edited value matrix), read the same way.

        Returns
        -------
        ScenarioInputs
        """
        block = self.get("_extra") or {}
        if not isinstance(block, dict):
            raise self._bad("_extra", block, "an object", {})
        return ScenarioInputs(block, self.source, prefix="_extra.")

    def unknown(self, key: str, value: object, offered: object) -> ValueError:
        """The error for a value that is not one of those offered.

        Parameters
        ----------
        key : str
        value : object
        offered : iterable

        Returns
        -------
        ValueError
        """
        return self._bad(key, value, f"one of {', '.join(map(str, offered))}", next(iter(offered)))

    def texts(self, key: str, default: object, count: int = 4) -> list[str]:
        """The value of ``key`` as ``count`` non-empty texts (``default`` when absent).

        Parameters
        ----------
        key : str
        default : sequence of str
        count : int

        Returns
        -------
        list of str
        """
        values = self.get(key, default)
        if (
            not isinstance(values, list | tuple)
            or len(values) != count
            or not all(isinstance(v, str) and v.strip() for v in values)
        ):
            raise self._bad(key, values, f"{count} names", list(default))
        return list(values)

    def text(self, key: str, default: str) -> str:
        """The value of ``key`` as text (``default`` when absent).

        Parameters
        ----------
        key : str
        default : str

        Returns
        -------
        str
        """
        value = self.get(key, default)
        if not isinstance(value, str):
            raise self._bad(key, value, "text", default)
        return value


def _finite_number(value: object) -> bool:
    return (
        isinstance(value, int | float | np.number)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )
