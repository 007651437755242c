"""One glossary: every jargon word a page shows, said in plain words, for tooltips and for
each page's "words on this page" box (no Streamlit)."""

from __future__ import annotations

import re

GLOSSARY: dict[str, str] = {
    "precision": "Of the rows the model flags, the share that really are positive (fraud, a "
    "click).",
    "recall": "Of all the positives (all the fraud), the share the model flags.",
    "F1": "One number for precision and recall together (their harmonic mean), from 0 to 1. "
    "It counts no money: a model with a better F1 can save less.",
    "accuracy": "The share of all decisions that are right. With rare positives, doing nothing "
    "is already very accurate, so it says little.",
    "ROC AUC": "How well the scores rank positives above negatives: 0.5 is a coin flip, 1 is "
    "perfect. It does not depend on a threshold, nor on money.",
    "PR AUC": "Precision averaged over every recall (average precision): how clean the flags "
    "are at every workload. Low when positives are rare, even for a good model.",
    "log loss": "How far the predicted probabilities are from what happened; lower is better. "
    "The loss most models are trained on.",
    "normalized entropy": "Log loss divided by the log loss of predicting the average click "
    "rate for everyone; below 1 beats that guess. Also called NE.",
    "calibration": "Whether predicted probabilities match how often things happen: of the "
    "ads predicted at 5%, are 5% clicked?",
    "RPM": "Revenue per 1,000 queries (searches), in USD.",
    "eCPM": "Expected revenue per 1,000 impressions of one ad: its bid x predicted click "
    "rate x 1,000. Ads are ranked by it.",
    "pCTR": "Predicted click-through rate: the model's probability that an ad shown is clicked.",
    "CTR": "Click-through rate: the share of shown ads that are clicked.",
    "reserve": "The lowest eCPM at which an ad is shown at all.",
    "NDCG": "Ranking quality from 0 to 1: 1 when the best posts are at the top, in order; "
    "posts further down count less.",
    "PSI": "Population stability index: how far an input's distribution moved from the "
    "reference period. Below 0.1 little, above 0.25 a large shift.",
    "chunk": "A slice of the log (a day, a week or a month) whose value is measured on its own.",
    "reference": "The period when the model was known to work; its chunks set the normal range.",
    "mean ± 3 sd": "The normal range: the reference chunks' average value, plus or minus three "
    "standard deviations. A chunk outside it is an alert.",
    "cadence": "How often the model is retrained: every day, every week, every month, or never.",
    "lift": "How many times more positives the model finds in the rows it acts on than "
    "acting on rows at random would.",
    "net benefit": "Positives caught per row, minus false alarms per row weighted by the "
    "threshold's odds: a decision curve's measure when there is no money to count.",
    "threshold": "The score at or above which the model acts (flags, shows, routes).",
    "Spearman correlation": "Whether two lists put things in the same order: 1 the same order, "
    "0 unrelated, -1 reversed.",
    "ROI": "Return on investment: what the project returned above its cost, as a share of "
    "the cost.",
    "RMSE": "Root mean squared error: the typical size of a forecast's error, with big misses "
    "counting most. A model is trained to lower it when it predicts the mean.",
    "MAE": "Mean absolute error: the average size of a forecast's error, in its units.",
    "MAPE": "Mean absolute percentage error: the average error as a share of the truth.",
    "quantile": "The value below which a given share of outcomes falls: the 80% quantile of "
    "demand is met on 8 days out of 10.",
    "macro-F1": "F1 computed for each class and averaged, so a rare class counts as much as a "
    "common one.",
}
"""Term to plain words. Keys are written as the pages write them."""


def explain(term: str) -> str:
    """The plain words for one glossary term.

    Parameters
    ----------
    term : str
        A key of ``GLOSSARY``.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        When the term is not in the glossary (a page names a term it does not define).
    """
    return GLOSSARY[term]


def terms_in(text: str) -> list[str]:
    """The glossary terms a text uses, in glossary order (whole words; the short upper-case
    terms must match their case, the others match any case).

    Parameters
    ----------
    text : str

    Returns
    -------
    list of str
    """
    found = []
    for term in GLOSSARY:
        flags = 0 if term.isupper() else re.IGNORECASE
        if re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", text, flags):
            found.append(term)
    return found
