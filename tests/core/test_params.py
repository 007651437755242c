"""A page's inputs described once: links are read forgivingly, scenario files strictly, and
a value from outside is only ever quoted one line long, cut, as code."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.core.params import (
    SHOWN_CHARACTERS,
    Param,
    check_inputs,
    check_value,
    parse_number,
    read_link,
    shown,
)
from metrics.pack.sections import SECTIONS

WHOLE = Param("k", "int", low=1, high=50)
SHARE = Param("t", low=0.0, high=1.0)
SLOTS = Param("slots", "choice", options=(1, 2, 3))
NOISE = Param("noise", "grid", options=(0.0, 0.01, 0.05))
DAY = Param("day", "date")


@pytest.mark.parametrize(
    ("text", "number"),
    [("2", 2.0), ("-0.5", -0.5), (".5", 0.5), ("1e3", 1000.0), (" 7 ", 7.0), ("1E-2", 0.01)],
)
def test_numbers_as_people_write_them_are_read(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["1_000", "nan", "inf", "-inf", "0x10", "1e999", "", "1,5", "١٢"])
def test_what_python_float_also_reads_is_not_a_number_here(text):
    assert parse_number(text) is None


def test_a_link_gets_a_note_for_a_fraction_where_a_whole_number_belongs_and_for_underscores():
    assert read_link(WHOLE, "2.5") == (None, "k=`2.5` is not a whole number and was ignored")
    assert read_link(WHOLE, "7") == (7, None)
    assert read_link(SHARE, "1_000") == (None, "t=`1_000` is not a number and was ignored")
    assert read_link(SHARE, "7") == (1.0, "t=`7` is outside 0 to 1; 1 is used")
    assert read_link(NOISE, "0.02") == (0.01, "noise=`0.02` is not offered; 0.01 is used")


def test_a_link_value_is_quoted_one_line_cut_and_unable_to_close_its_quote():
    hostile = "[click me](https://evil.example/phish) `x` ![t](http://127.0.0.9/t.png)\n$x^2$"
    _, note = read_link(SHARE, hostile * 2000)
    quoted = note.split("=", 1)[1].split(" is not a number")[0]
    assert quoted.startswith("`") and quoted.endswith("…`")
    assert len(quoted) == SHOWN_CHARACTERS + 2 and quoted.count("`") == 2
    assert "\n" not in note
    assert shown(None) == "`null`" and shown([1, "a"]) == '`[1, "a"]`'


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        (WHOLE, 3, 3),
        (WHOLE, 3.0, 3),
        (SHARE, 1, 1.0),
        (SLOTS, 2, 2),
        (NOISE, 0.05, 0.05),
        (DAY, "2026-03-01", dt.date(2026, 3, 1)),
    ],
)
def test_a_scenario_value_the_page_could_have_saved_is_taken(param, value, expected):
    assert check_value(param, value, source="s.json") == expected


@pytest.mark.parametrize(
    ("param", "value", "allowed"),
    [
        (WHOLE, 2.5, "a whole number from 1 to 50"),
        (WHOLE, 99, "a whole number from 1 to 50"),
        (SHARE, True, "a number from 0 to 1"),
        (SHARE, "0.5", "a number from 0 to 1"),
        (SHARE, None, "a number from 0 to 1"),
        (SHARE, [0.5], "a number from 0 to 1"),
        (SLOTS, 99, "one of 1, 2, 3"),
        (SLOTS, "2", "one of 1, 2, 3"),
        (NOISE, 0.5, "one of 0, 0.01, 0.05"),
        (DAY, "yesterday", "a date written YYYY-MM-DD"),
        (DAY, 20260301, "a date written YYYY-MM-DD"),
    ],
)
def test_a_scenario_value_the_page_could_not_hold_is_one_error_naming_file_key_and_rule(
    param, value, allowed
):
    with pytest.raises(ValueError) as raised:
        check_value(param, value, source="edited.json")
    message = str(raised.value)
    assert message.startswith(f"scenario `edited.json`: {param.key} is {shown(value)}; ")
    assert f"it must be {allowed}." in message


def page_params(page: str) -> list[Param]:
    return importlib.import_module(f"{SECTIONS[page]}.inputs").PARAMS


JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(page=st.sampled_from(list(SECTIONS)), data=st.data())
def test_random_json_is_either_taken_as_the_table_allows_or_refused_with_one_line(page, data):
    params = page_params(page)
    keys = st.sampled_from([p.key for p in params]) | st.text(max_size=12)
    inputs = data.draw(st.dictionaries(keys, JSON, max_size=4))
    try:
        check_inputs(params, inputs, page=page, source="random.json")
    except ValueError as error:
        message = str(error)
        assert message.startswith("scenario `random.json`: ") and "\n" not in message
        assert len(message) < 700
        return
    by_key = {p.key: p for p in params}
    for key, value in inputs.items():  # everything taken is what the page could hold
        if key != "_extra":
            assert check_value(by_key[key], value, source="random.json") is not None
            json.dumps(value)


def test_every_page_describes_its_inputs_once_with_unique_keys():
    for page in SECTIONS:
        keys = [p.key for p in page_params(page)]
        assert len(keys) == len(set(keys)), page
        assert all(p.kind in ("float", "int", "choice", "grid", "date") for p in page_params(page))


def test_chart_labels_from_outside_are_cut_and_hold_no_markup():
    from metrics.style import chart_text

    label = chart_text("<a href='http://127.0.0.9/p'>amount</a> & " + "x" * 200)
    assert "<" not in label and "&lt;a href=" in label and "&amp;" in label
    assert label.endswith("…") and len(label) < 90
