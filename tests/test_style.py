"""The shared chart style: ordered colours that never repeat, one money tick format."""

import pytest

from metrics.style import MODEL_COLOURS, MODEL_SYMBOLS, MONEY_TICKS, ORDERED, ordered_colours


@pytest.mark.parametrize("n", range(1, len(ORDERED) + 1))
def test_ordered_colours_are_distinct_and_keep_both_ends(n):
    colours = ordered_colours(n)
    assert len(colours) == n == len(set(colours))
    assert colours[0] == ORDERED[0]
    if n > 1:
        assert colours[-1] == ORDERED[-1]


def test_more_ordered_lines_than_colours_is_refused():
    with pytest.raises(ValueError, match="at most 8"):
        ordered_colours(len(ORDERED) + 1)


def test_models_differ_in_colour_and_in_shape_and_money_ticks_carry_the_dollar():
    assert len(set(MODEL_COLOURS)) == len(MODEL_COLOURS) == len(set(MODEL_SYMBOLS))
    assert MONEY_TICKS.startswith("$")
