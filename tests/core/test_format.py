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


def test_short_money_keeps_every_dollar_below_a_million_and_rounds_above():
    from metrics.core.format import short_money

    assert short_money(41_420.4) == "$41,420"
    assert short_money(130_858_059) == "$130.9M"
    assert short_money(-4_142_671) == "-$4.1M"
    assert short_money(4_142_671, signed=True) == "+$4.1M"
    assert short_money(2.31e9) == "$2.3B"
    assert short_money(float("nan")) == "n/a"


def test_period_text_says_what_a_figure_is_over():
    from metrics.core.format import period_text

    assert period_text(30.0) == " over the 30 days of data"
    assert period_text(None) == ""
