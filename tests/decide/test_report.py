"""The decision page's report section states its assumptions and answers."""

from metrics.core.curves import threshold_curve
from metrics.core.format import money
from metrics.core.value import class_amounts
from metrics.decide.data import PRESETS, decision_data, load_sample
from metrics.decide.model import decide
from metrics.decide.report import DecisionScenario, decide_report, decide_section
from metrics.decide.segments import by_segment, segment_curves
from metrics.decide.three_way import three_way
from metrics.decide.uncertain import basis, entries, uncertain_value


def test_the_section_has_every_assumption_and_answer():
    frame = load_sample("Breast-cancer screening")
    data = decision_data(frame, label="malignant", score="score_forest", segment="tumour_size")
    curve = threshold_curve(data.y, data.score)
    preset = PRESETS["Screening"]
    decision = decide(curve, class_amounts(data.y, data.amount), preset.model())
    central = entries(preset.model())
    low, high = central.copy(), central.copy()
    low[2], high[2] = -80_000.0, -30_000.0
    scenario = DecisionScenario(
        decision=decision,
        threshold=0.3,
        names=list(preset.outcomes),
        preset="Screening",
        central=central,
        band=three_way(decision, 300.0),
        review_cost=300.0,
        uncertainty=uncertain_value(basis(curve), central, low, high, draws=100),
        days=None,
        segments=by_segment(
            segment_curves(data.y, data.score, data.amount, data.segment), preset.model(), decision
        ),
    )
    section = decide_section(scenario, source="sample", fingerprint="x")
    names = [a.name for a in section.assumptions]
    assert names[:4] == [
        f"{o}: {n}" for o, n in zip(("TN", "FP", "FN", "TP"), preset.outcomes, strict=True)
    ]
    assert section.tiles[1].value == money(decision.best_value)
    per_segment = "On these rows, a threshold per segment adds"
    assert any(s.startswith(per_segment) for s in section.sentences)
    assert len(section.figures) == 3  # value, decision curve, tornado
    html = decide_report(scenario, source="sample", fingerprint="x")
    assert "Cancer missed" in html and "Download" not in html


def test_uncertain_values_are_named_with_the_users_outcome_names():
    from metrics.decide.uncertain_view import entry_label

    names = ["Fine", "Annoyed customer", "Lost money", "Stopped"]
    assert entry_label("FP fixed", names) == "Annoyed customer: value per row"
    assert entry_label("TP rate", names) == "Stopped: share of the amount"
