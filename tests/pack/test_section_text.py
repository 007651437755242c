"""Every page's report section, rebuilt from a saved scenario on the bundled data, says what
the text stored beside this test says (the date and version lines are not part of a
section). A change in a section's words or numbers shows here as a diff to review; to accept
one, run ``VALUELENS_STORE_SECTIONS=1 pytest tests/pack/test_section_text.py`` and commit the
stored files with the change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from metrics.core.html_report import ReportSection
from metrics.core.scenario import new_scenario
from metrics.pack.sections import section_for

STORED = Path(__file__).parent / "section_text"
CASES = {
    "fraud": {"fraud_threshold": 0.1, "fraud_review_cost": 3.0, "fraud_capacity": 40.0},
    "monitor": {"monitor_chunk": "Month", "monitor_threshold": 0.2, "fraud_chargeback_fee": 20},
    "adapt": {"adapt_cadence": 30, "adapt_noise": 0.1, "adapt_hours": 10},
    "model_value": {"value_metric": "f1", "value_model": "Logistic regression"},
    "ads": {
        "ads_slots": 3,
        "ads_pricing": "Second price: the winner pays what it needed to win",
        "ads_reserve": 0.0,
    },
    "feed": {"feed_alpha": 0.8, "feed_beta": 0.2, "feed_k": 5, "feed_filter_spam": 0.7},
    "security": {"security_recall": 0.9, "security_reviews": 80},
    "roi": {"roi_stage": "Mature ML platform", "roi_value": 500_000.0, "roi_team": 50_000},
    "decide": {"decide_threshold": 0.05, "decide_review_cost": 4.0},
}


def section_text(section: ReportSection) -> str:
    """A section's words and numbers, one per line (and what each chart draws)."""
    lines = [section.title, section.question, *section.framing]
    lines += [f"assumption: {a.name} = {a.value} {a.unit} (default {a.default})".rstrip()
              for a in section.assumptions]  # fmt: skip
    lines += [
        f"tile: {t.label} = {t.value} | {t.delta} | {t.note} | {t.help}" for t in section.tiles
    ]
    lines += [f"sentence: {s}" for s in section.sentences]
    lines += [f"figure: {len(figure.data)} traces, y {figure.layout.yaxis.title.text}"
              for figure in section.figures]  # fmt: skip
    lines += [f"source: {section.source}", f"fingerprint: {section.fingerprint}"]
    if section.headline is not None:
        h = section.headline
        lines.append(f"headline: {h.label} = {h.value!r} {h.interval!r} | {h.how}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("changed", [False, True], ids=["defaults", "changed"])
@pytest.mark.parametrize("page", list(CASES))
def test_each_section_says_what_is_stored(page, changed):
    inputs = CASES[page] if changed else {}
    text = section_text(section_for(new_scenario(page, inputs, "", "")))
    stored = STORED / f"{page}_{'changed' if changed else 'defaults'}.txt"
    if os.environ.get("VALUELENS_STORE_SECTIONS"):
        STORED.mkdir(exist_ok=True)
        stored.write_text(text)
    assert text == stored.read_text()
