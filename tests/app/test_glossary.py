"""Every jargon word a page shows is explained in that page's words box, from one glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.glossary import GLOSSARY, explain, terms_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = (
    "home",
    "fraud",
    "ads",
    "feed",
    "decide",
    "framing",
    "monitor",
    "fleet",
    "adapt",
    "model_value",
    "security",
    "roi",
)
TEXT_ELEMENTS = ("title", "subheader", "markdown", "caption", "info", "warning", "success")
LABELLED = ("metric", "expander", "slider", "select_slider", "number_input", "selectbox", "radio")


def page_face(at: AppTest) -> str:
    """What a page shows: its text, labels, charts' text and the framing strip."""
    parts = [str(e.value) for kind in TEXT_ELEMENTS for e in getattr(at, kind)]
    parts += [str(e.label) for kind in LABELLED for e in getattr(at, kind)]
    parts += [e.proto.spec for e in at.get("plotly_chart")]
    parts += [e.proto.body for e in at.get("html")]
    return "\n".join(parts)


def words_box_text(at: AppTest) -> str:
    box = next(e for e in at.expander if e.label == "What the words on this page mean")
    return "\n".join(str(m.value) for m in box.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_every_term_a_page_shows_is_in_its_words_box(page):
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    explained = words_box_text(at)
    for term in terms_in(page_face(at)):
        assert f"**{term}**: {explain(term)}" in explained, f"{page} shows {term!r} unexplained"


def test_terms_are_found_as_whole_words_and_short_ones_by_their_case():
    assert terms_in("Precision and ROC AUC at a threshold") == ["precision", "ROC AUC", "threshold"]
    assert terms_in("psi and roc auc") == []  # upper-case terms keep their case
    assert terms_in("imprecision, thresholds") == []  # whole words only
    assert terms_in("PSI of 0.3") == ["PSI"]


def test_every_glossary_entry_is_a_plain_sentence():
    for term, words in GLOSSARY.items():
        assert words.endswith((".", "?")) and len(words) < 260, term
        assert words[0].isupper() or words[0].isdigit(), term
