"""Numbers written as text: whether a value reads as one, and how to write one that does not
(a currency sign, thousands separators, a decimal comma)."""

from __future__ import annotations

import re

import numpy as np

DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
"""A number written with a decimal comma (``0,9``, ``-12,5``, ``,5``)."""
DOTTED_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
"""Thousands marked with points and decimals after a comma (``1.234,50``)."""
PERCENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)\s*%$")
"""A share written as a percentage (``49.5%``)."""


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
    if PERCENT.match(text):
        share = float(text.rstrip("% ")) / 100
        return f"write shares as decimals, without '%' (e.g. {share:g} for {text!r})"
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


def label_text_hint(values: object, name: str) -> str | None:
    """How to fix labels written as two words (``yes``/``no``, ``fraud``/``legit``); None when
    the column holds something else.

    Parameters
    ----------
    values : array-like
        The label column's values.
    name : str
        Its column.
    """
    words = {str(v).strip() for v in np.asarray(values, dtype=object).ravel() if _filled(v)}
    texts = sorted(w for w in words if not is_number(w))
    if not texts or len(words) > 2:
        return None
    shown = " and ".join(repr(t) for t in sorted(words))
    return (
        f"column '{name}' holds its labels as words ({shown}); write 1 for the class acted on "
        "(e.g. fraud, churned, clicked) and 0 for the other"
    )


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and value != value)
