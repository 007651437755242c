import pytest

from metrics.metric_value.model import Investment, Reached
from metrics.metric_value.view import TargetScenario, roi_text, target_sentence, target_tiles


@pytest.mark.parametrize(
    ("roi", "text"),
    [
        (float("nan"), "n/a"),
        (-181.95, "below -100%"),
        (-0.5, "-50%"),
        (0.25, "25%"),
        (42.0, "over 1,000%"),
    ],
)
def test_roi_reads_as_a_stakeholder_would_say_it(roi, text):
    assert roi_text(roi) == text


def scenario(gain, within=True):
    reached = Reached(0.1, 0.749, 1000.0, within_tolerance=within, step=0.0025)
    return TargetScenario("GBM", "f1", 0.7, reached, gain, Investment(), 800_000)


def test_a_loss_is_said_as_a_loss_without_a_double_negative():
    text = target_sentence(scenario(-4_704_786.0))
    assert "loses $4,704,786 a year" in text and "never pays back" in text
    assert "$-" not in text and "--" not in text


def test_a_metric_that_moves_in_steps_says_so():
    tiles = target_tiles(scenario(10_000.0, within=False))
    assert "steps of one transaction" in tiles[0].help
    assert tiles[1].value == "+$10,000"
    assert "steps" not in target_tiles(scenario(10_000.0))[0].help


def test_a_metric_and_its_change_are_written_in_the_same_digits():
    from metrics.metric_value.view import change_text, metric_text

    assert metric_text("accuracy", 0.997574) == "99.757%"
    assert change_text("accuracy", 0.997574, 0.9978) == "+0.023 pts"
    assert metric_text("f1", 0.6723) == "0.672"
    assert change_text("f1", 0.6723, 0.682) == "+0.010"
    assert change_text("roc_auc", 0.9917, 0.9917) == "+0.000"
