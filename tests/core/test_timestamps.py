import pandas as pd
import pytest

from metrics.core.timestamps import parse_timestamps
from metrics.fraud.data import fraud_data

DAYS = pd.to_datetime(["2026-06-01 10:00", "2026-06-03 09:00"])


@pytest.mark.parametrize(
    "values",
    [
        [1780308000, 1780477200],  # epoch seconds
        [1780308000000, 1780477200000],  # milliseconds
        [1780308000000000, 1780477200000000],  # microseconds
        ["2026-06-01T10:00:00", "2026-06-03T09:00:00"],
        ["2026-06-01T12:00:00+02:00", "2026-06-03T04:00:00-05:00"],  # mixed offsets -> UTC
        ["01/06/2026 10:00", "03/06/2026 09:00"],
    ],
)
def test_units_and_formats_give_the_same_days(values):
    kwargs = {"timestamp_format": "%d/%m/%Y %H:%M"} if "/" in str(values[0]) else {}
    parsed = parse_timestamps(pd.Series(values), **kwargs)
    assert parsed.dt.normalize().tolist() == DAYS.normalize().tolist()


def test_epoch_seconds_span_days_not_one_day():
    frame = pd.DataFrame(
        {
            "label": [0, 1],
            "score": [0.1, 0.9],
            "amount": [1.0, 2.0],
            "timestamp": [1780308000, 1780308000 + 29 * 86_400],
        }
    )
    assert fraud_data(frame).days == 30


def test_an_ambiguous_day_first_file_is_never_guessed():
    with pytest.raises(
        ValueError,
        match=r"'03/04/2026' that read differently day-first and "
        r"month-first; say which with a format, e.g. %d/%m/%Y",
    ):
        parse_timestamps(pd.Series(["03/04/2026", "05/04/2026"]))


def test_a_day_above_twelve_settles_day_first():
    parsed = parse_timestamps(pd.Series(["03/04/2026", "25/04/2026"]))
    assert parsed.tolist() == pd.to_datetime(["2026-04-03", "2026-04-25"]).tolist()


def test_numbers_that_are_not_epoch_times_are_rejected():
    with pytest.raises(ValueError, match="not epoch seconds, milliseconds"):
        parse_timestamps(pd.Series([1, 2, 3]))


def test_a_format_that_does_not_match_names_the_row():
    with pytest.raises(ValueError, match=r"e.g. '2026-06-01' in row 0; they do not match"):
        parse_timestamps(pd.Series(["2026-06-01"]), timestamp_format="%d/%m/%Y")
