import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.core.format import count, money, percent, signed_money, threshold_text


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234.4, "$1,234"), (-4704786.0, "-$4,704,786"), (-0.4, "$0"), (math.nan, "n/a")],
)
def test_money_puts_the_sign_before_the_symbol(value, text):
    assert money(value) == text


@given(st.floats(-1e12, 1e12, allow_nan=False))
def test_money_never_writes_dollar_minus(value):
    assert "$-" not in money(value) and "$-" not in signed_money(value)
    assert signed_money(value)[0] in "+-"


def test_percent_threshold_and_count():
    assert percent(0.123) == "12%" and percent(math.nan) == "n/a"
    assert [threshold_text(t) for t in (0.5, 0.05, 0.0238, 1.0)] == [
        "0.50",
        "0.05",
        "0.0238",
        "1.00",
    ]
    assert threshold_text(math.inf) == "above every score"
    assert count(1, "row") == "1 row" and count(12_000, "row") == "12,000 rows"
