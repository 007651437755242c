"""Numbers written as text: whether a value reads as one, and how to write one that does not
(a currency sign, thousands separators, a decimal comma)."""

from __future__ import annotations

import re

DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
"""A number written with a decimal comma (``0,9``, ``-12,5``, ``,5``)."""
DOTTED_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
"""Thousands marked with points and decimals after a comma (``1.234,50``)."""


def number_hint(value: object, name: str) -> str:
    """How to fix a text value: name the currency sign or separators it carries.

    Parameters
    ----------
    value : object
        The value that is not a number.
    name : str
        Its column.
    """
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null", "na", "n/a"}:
        return f"fill in '{name}' on every row or drop the rows without it"
    if DECIMAL_COMMA.match(text) and len(text.rsplit(",", 1)[1]) != 3:
        return (
            f"write decimals with a point (e.g. {text.replace(',', '.')} for {text!r}); a file "
            "with ';' between values may keep decimal commas"
        )
    if DOTTED_THOUSANDS.match(text):
        plain = text.replace(".", "").replace(",", ".")
        return f"write plain numbers, the decimals after a point (e.g. {plain} for {text!r})"
    signs = [c for c in "$€£¥₹" if c in text]
    cleaned = text.translate({ord(c): None for c in "$€£¥₹, "})
    if is_number(cleaned):
        parts = []
        if signs:
            parts.append(f"the currency sign {signs[0]}")
        if "," in text:
            parts.append("thousands separators")
        return (
            f"write plain numbers without {' or '.join(parts) or 'spaces'} "
            f"(e.g. {cleaned} for {text!r})"
        )
    return f"'{name}' must hold numbers only"


def is_number(value: object) -> bool:
    """Whether ``float(value)`` reads it.

    Parameters
    ----------
    value : object
    """
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True
