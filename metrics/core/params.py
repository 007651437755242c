"""A page's inputs, described once: what each may hold (a number in a range, a whole number,
one of some choices, a point of a grid, a date). A link's values and a scenario file's values
are both checked against that one description, before anything is computed.

A link is forgiving (it was typed or cut by someone; a value out of range is clamped and
said, one that cannot be used is ignored and said); a scenario file is not (it is refused
whole, with one error naming the file, the key, the value and what is allowed). Either way a
value from outside is only ever quoted through ``shown``: one line, cut short.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from dataclasses import dataclass

SHOWN_CHARACTERS = 60
"""A value from a link or a file is quoted cut to this many characters."""
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A number as people write it: no underscores, no hex, no ``nan`` or ``inf``."""


@dataclass(frozen=True)
class Param:
    """One input of a page that a link or a scenario file can set.

    Attributes
    ----------
    key : str
        The widget's key, the URL parameter's name and the scenario file's key.
    kind : {'float', 'int', 'choice', 'grid', 'date'}
        A grid is a number that must be one of ``options`` (a link gets the nearest).
    low, high : float, optional
        The range of a number.
    options : tuple, optional
        The values a choice, a grid or a date may take (a date: any, when empty).
    """

    key: str
    kind: str = "float"
    low: float | None = None
    high: float | None = None
    options: tuple = ()

    @property
    def allowed(self) -> str:
        """What this input may hold, in words."""
        if self.kind in ("choice", "grid"):
            quoted = [_quoted(o) for o in self.options]
            if len(quoted) > 8:  # a long grid: its start, its end and how many
                return f"one of the {len(quoted)} values {', '.join(quoted[:3])}, …, {quoted[-1]}"
            return "one of " + ", ".join(quoted)
        if self.kind == "date":
            return "a date written YYYY-MM-DD"
        kind = "a whole number" if self.kind == "int" else "a number"
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        return f"{kind} from {low:g} to {high:g}"


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """A value from outside, quoted as code: one line of at most ``limit`` characters
    between backticks (text as it is, anything else as JSON writes it), cut with an
    ellipsis. A backtick inside becomes an apostrophe, so the quote cannot be closed early; the
    dashboard shows the quote as code and every character in it literally.

    Parameters
    ----------
    value : object
    limit : int

    Returns
    -------
    str
    """
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = " ".join(text.split()).replace("`", "'")  # one line; no closing quote inside
    return "`" + (text if len(text) <= limit else text[: limit - 1] + "…") + "`"


def as_html(text: str) -> str:
    """Text for an HTML page with every character escaped, and each value ``shown`` quoted
    as a ``<code>`` element.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(text))


def parse_number(text: str) -> float | None:
    """A finite number written in plain decimal or exponent form, else None.

    Python's ``float`` also reads ``1_000``, ``nan``, ``inf`` and ``١٢``; a link's value is
    held to what a person means by a number.

    Parameters
    ----------
    text : str

    Returns
    -------
    float or None
    """
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def read_link(param: Param, raw: str) -> tuple[object | None, str | None]:
    """The value a link asks for, checked: (value or None, note or None).

    Parameters
    ----------
    param : Param
    raw : str
        The URL parameter as text.

    Returns
    -------
    value : object or None
        None when the text cannot be used.
    note : str or None
        What was done about a bad value (the value quoted through ``shown``).
    """
    said = f"{param.key}={shown(raw)}"
    if param.kind == "choice":
        for option in param.options:
            if str(option) == raw:
                return option, None
        return None, f"{said} is not one of the choices and was ignored"
    if param.kind == "date":
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            return None, f"{said} is not a date (YYYY-MM-DD) and was ignored"
        if param.options and day not in param.options:
            near = min(param.options, key=lambda d: abs((d - day).days))
            return near, f"{said} is outside the data; {near} is shown"
        return day, None
    number = parse_number(raw)
    if number is None:
        return None, f"{said} is not a number and was ignored"
    if param.kind == "grid":
        near = min(param.options, key=lambda option: abs(option - number))
        return near, None if near == number else f"{said} is not offered; {near:g} is used"
    if param.kind == "int" and not number.is_integer():
        return None, f"{said} is not a whole number and was ignored"
    low = -math.inf if param.low is None else param.low
    high = math.inf if param.high is None else param.high
    clamped = min(max(number, low), high)
    value = int(clamped) if param.kind == "int" else clamped
    if clamped != number:
        return value, f"{said} is outside {low:g} to {high:g}; {value:g} is used"
    return value, None


def check_value(param: Param, value: object, *, source: str) -> object:
    """A scenario file's value for ``param``, as the page uses it.

    Parameters
    ----------
    param : Param
    value : object
        As JSON gave it.
    source : str
        The scenario file's name, for the message.

    Returns
    -------
    object
        The value (a date for a date, an int for a whole number).

    Raises
    ------
    ValueError
        Naming the file, the key, the value and what is allowed.
    """
    checked = _checked(param, value)
    if checked is None:
        raise ValueError(
            f"scenario {shown(source, limit=200)}: {param.key} is {shown(value)}; it must be "
            f"{param.allowed}. Correct it, or save the scenario again from its page"
        )
    return checked


def check_inputs(params: list[Param], inputs: dict, *, page: str, source: str) -> None:
    """Check every input of a scenario file against its page's description, once.

    Parameters
    ----------
    params : list of Param
        The page's inputs.
    inputs : dict
        The scenario's inputs; ``_extra`` is the page's own block, checked where it is read.
    page : str
    source : str
        The scenario file's name.

    Raises
    ------
    ValueError
        For the first input that is unknown to the page or holds what it may not.
    """
    by_key = {p.key: p for p in params}
    for key, value in inputs.items():
        if key == "_extra":
            continue
        if key not in by_key:
            raise ValueError(
                f"scenario {shown(source, limit=200)}: {shown(key)} is not an input of the "
                f"{page} page; its inputs are {', '.join(by_key)}"
            )
        check_value(by_key[key], value, source=source)


def _checked(param: Param, value: object) -> object | None:
    """``value`` as ``param`` holds it, or None when it may not hold it."""
    if param.kind == "date":
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None
    if param.kind == "choice":
        return next((o for o in param.options if _same(o, value)), None)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if param.kind == "grid":
        return next((o for o in param.options if math.isclose(o, value, abs_tol=1e-12)), None)
    if param.kind == "int" and not float(value).is_integer():
        return None
    low = -math.inf if param.low is None else param.low
    high = math.inf if param.high is None else param.high
    if not low <= value <= high:
        return None
    return int(value) if param.kind == "int" else float(value)


def _same(option: object, value: object) -> bool:
    """A choice matches when it is the same text, or the same number (not a bool)."""
    if isinstance(option, str) or isinstance(value, str | bool):
        return type(option) is type(value) and option == value
    return isinstance(value, int | float) and option == value


def _quoted(option: object) -> str:
    return f"{option:g}" if isinstance(option, int | float) else repr(option)
