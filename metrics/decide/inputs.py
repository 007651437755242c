"""The your-model page's inputs that a link or a scenario file can set
(``metrics.core.params``); its value matrix travels in a scenario's ``_extra``."""

from dataclasses import dataclass

from metrics.core.params import Param
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.core.validation import MAX_AMOUNT
from metrics.core.value import MAX_RATE
from metrics.decide.data import PRESETS, SAMPLES
from metrics.decide.view import outcome_names

PARAMS = [
    Param("decide_sample", "choice", options=tuple(SAMPLES)),
    Param("decide_preset", "choice", options=tuple(PRESETS)),
    Param("decide_threshold", low=0.0, high=1.0),
    Param("decide_min_precision", low=0.0, high=1.0),
    Param("decide_min_recall", low=0.0, high=1.0),
    Param("decide_max_rate", low=0.0, high=1.0),
    Param("decide_per_day", "int", low=0, high=10**9),
    Param("decide_review_cost", low=0.0, high=1e7),
    Param("decide_capacity", "int", low=0, high=10**9),
]


@dataclass(frozen=True)
class SavedMatrix:
    """A scenario's value matrix, checked: its preset, the outcomes' names and, per outcome
    (TN, FP, FN, TP), the value per row with its low and high guesses and the share of the
    row's amount."""

    preset: str
    names: tuple[str, ...]
    fixed: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    rates: tuple[float, ...]


def saved_matrix(inputs: ScenarioInputs, preset_name: str) -> SavedMatrix:
    """The value matrix a scenario's ``_extra`` holds, each part checked where it is read
    (the page's loader and ``valuelens report`` say the same words).

    Parameters
    ----------
    inputs : ScenarioInputs
        The scenario's inputs.
    preset_name : str
        The preset when the scenario names none (its sample's).

    Returns
    -------
    SavedMatrix
    """
    matrix = inputs.extra()
    name = matrix.text("preset", preset_name)
    if name not in PRESETS:
        raise matrix.unknown("preset", name, PRESETS)
    preset = PRESETS[name]
    fixed = matrix.numbers("fixed", preset.fixed, most=MAX_AMOUNT)
    low = matrix.numbers("low", fixed, most=MAX_AMOUNT)
    high = matrix.numbers("high", fixed, most=MAX_AMOUNT)
    return SavedMatrix(
        preset=name,
        names=tuple(outcome_names(matrix.texts("names", preset.outcomes), preset.outcomes)),
        fixed=tuple(fixed),
        low=tuple(min(v, f) for v, f in zip(low, fixed, strict=True)),
        high=tuple(max(v, f) for v, f in zip(high, fixed, strict=True)),
        rates=tuple(matrix.numbers("rates", preset.rates, most=MAX_RATE)),
    )
