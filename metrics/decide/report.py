"""The decision page's scenario as a section of the review report."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from metrics.core.crossfit import CrossFitted, curve_with_cross_fit
from metrics.core.format import money, threshold_text
from metrics.core.html_report import Assumption, ReportSection, render_report
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs
from metrics.core.value import class_amounts
from metrics.decide import charts
from metrics.decide.compare import Difference
from metrics.decide.data import PRESETS, SAMPLES, decision_data, load_sample
from metrics.decide.inputs import saved_matrix
from metrics.decide.model import Decision, decide, earned_best
from metrics.decide.segments import Segments
from metrics.decide.three_way import ThreeWay, three_way
from metrics.decide.uncertain import Uncertainty, basis, from_entries, uncertain_value
from metrics.decide.uncertain_view import uncertainty_sentence
from metrics.decide.view import (
    baseline_sentence,
    comparison_sentence,
    decide_headline,
    headline_tiles,
    operating_sentence,
    segment_sentence,
    three_way_sentence,
)

FRAMING = (
    "Decide whether and where to act on a model's scores",
    "A score per row: the model's probability of the class you act on",
    "Whatever the model was trained with (usually log loss)",
    "Precision, recall and net benefit at a threshold",
    "Value under your value matrix, in your currency",
)
WORDS = (
    "threshold",
    "precision",
    "recall",
    "lift",
    "net benefit",
    "log loss",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""
QUESTION = "Your model: is it worth using, and where do you set it?"


@dataclass(frozen=True, eq=False)
class DecisionScenario:
    """Everything the page computed for one setting."""

    decision: Decision
    threshold: float
    names: list[str]
    preset: str
    central: np.ndarray
    band: ThreeWay
    review_cost: float
    uncertainty: Uncertainty
    days: float | None
    segments: Segments | None = None
    differences: dict[str, Difference] = field(default_factory=dict)
    year_text: str = ""
    honest: CrossFitted | None = None
    """The best threshold's value chosen and valued on different rows (None for a big log)."""


def decide_section(scenario: DecisionScenario, *, source: str, fingerprint: str) -> ReportSection:
    """The page's answers as a report section.

    Parameters
    ----------
    scenario : DecisionScenario
    source, fingerprint : str

    Returns
    -------
    ReportSection
    """
    s = scenario
    preset = PRESETS[s.preset]
    assumptions = [
        Assumption(
            f"{outcome}: {name}",
            f"{money(s.central[k], decimals=2)} + {s.central[k + 4]:g} x amount",
            "per row",
            f"{money(preset.fixed[k], decimals=2)} + {preset.rates[k]:g} x amount ({s.preset})",
        )
        for k, (outcome, name) in enumerate(zip(("TN", "FP", "FN", "TP"), s.names, strict=True))
    ]
    assumptions += [
        Assumption("Threshold", threshold_text(s.threshold), "score", "the best"),
        Assumption("Cost of a review", money(s.review_cost, decimals=2), "per row", "$2.00"),
    ]
    sentences = [
        baseline_sentence(s.decision, s.days),
        operating_sentence(s.decision, s.threshold, s.names, s.days),
        three_way_sentence(s.band),
        uncertainty_sentence(s.uncertainty),
    ]
    if s.segments is not None:
        sentences.append(segment_sentence(s.segments))
    sentences += [comparison_sentence(d, s.year_text, n) for n, d in s.differences.items()]
    figures = [charts.value_figure(s.decision, s.threshold), charts.net_benefit_figure(s.decision)]
    if s.uncertainty.swings:
        figures.append(charts.tornado_figure(s.uncertainty, s.decision.best_value, s.names))
    return ReportSection(
        title="Your model",
        question=QUESTION,
        framing=FRAMING,
        assumptions=assumptions,
        tiles=headline_tiles(s.decision, s.days, s.honest),
        headline=decide_headline(s.decision, s.days, s.honest),
        sentences=sentences,
        figures=figures,
        source=source,
        fingerprint=fingerprint,
    )


def decide_report(scenario: DecisionScenario, *, source: str, fingerprint: str) -> str:
    """The decision page's review report: one self-contained HTML document.

    Parameters
    ----------
    scenario : DecisionScenario
    source, fingerprint : str

    Returns
    -------
    str
    """
    return render_report(
        [decide_section(scenario, source=source, fingerprint=fingerprint)], title=QUESTION
    )


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The your-model page's section from a saved scenario's inputs and value matrix, on
    the bundled sample it names (the fraud sample when none).

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    name = inputs.text("decide_sample", "Card fraud (30 days)")
    if name not in SAMPLES:
        raise ValueError(f"the scenario's sample {name!r} is not bundled; use its page")
    file_name, label, score, preset_name = SAMPLES[name]
    frame = load_sample(name)
    amount = "amount" if "amount" in frame.columns else None
    stamp = "timestamp" if "timestamp" in frame.columns else None
    data = decision_data(frame, label=label, score=score, amount=amount, timestamp=stamp)
    matrix = saved_matrix(inputs, preset_name)
    fixed, rates = np.array(matrix.fixed), np.array(matrix.rates)
    low, high = np.array(matrix.low), np.array(matrix.high)
    central = np.r_[fixed, rates]
    curve, cross_fit = curve_with_cross_fit(data.y, data.score, amount=data.amount)
    decision = decide(curve, class_amounts(data.y, data.amount), from_entries(central))
    review_cost = inputs.number("decide_review_cost", 2.0)
    scenario = DecisionScenario(
        decision=decision,
        threshold=inputs.number("decide_threshold", decision.best_threshold),
        names=list(matrix.names),
        preset=matrix.preset,
        central=central,
        band=three_way(decision, review_cost),
        review_cost=review_cost,
        uncertainty=uncertain_value(basis(curve), central, np.r_[low, rates], np.r_[high, rates]),
        days=data.days,
        honest=earned_best(decision, cross_fit),
    )
    fingerprint = file_fingerprint(sample_path(file_name))
    return decide_section(scenario, source=f"sample {file_name}", fingerprint=fingerprint)
