"""What a binary classifier's decisions are worth under a value matrix, from a notebook: the
same numbers as the your-model page and ``valuelens decide``, as one frozen result that shows
itself in Jupyter and writes the review report.

    >>> from metrics import value_decisions
    >>> result = value_decisions(y_test, model.predict_proba(X_test)[:, 1],
    ...                          value_matrix=(0, -5, -15, -5), amount_rates=(0, -0.1, -1, 0),
    ...                          amount=amount_test)
    >>> result.best_value_cross_fitted      # what the best threshold earns on other rows

The value matrix has the command line's layout everywhere: ``value_matrix`` is the value of
one row per outcome ``(TN, FP, FN, TP)``, ``amount_rates`` the share of the row's amount added
to each outcome ``(TN, FP, FN, TP)``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from metrics.core.crossfit import CrossFitted, curve_with_cross_fit
from metrics.core.validation import check_amounts, check_labels, check_scores
from metrics.core.value import ValueModel, class_amounts
from metrics.decide.model import Decision, decide, earned_best, value_matrix

OUTCOMES = ("TN", "FP", "FN", "TP")


def as_value_model(
    value_matrix_: Sequence[float], amount_rates: Sequence[float] | None = None
) -> ValueModel:
    """The value matrix from its four values and four amount rates, checked.

    Parameters
    ----------
    value_matrix_ : sequence of 4 floats
        Value of one row per outcome, TN, FP, FN, TP (currency units).
    amount_rates : sequence of 4 floats, optional
        Share of the row's amount added per outcome, TN, FP, FN, TP.

    Returns
    -------
    ValueModel

    Raises
    ------
    ValueError
        When either is not four finite numbers.
    """
    fixed = _four(value_matrix_, "value_matrix")
    rates = _four((0.0,) * 4 if amount_rates is None else amount_rates, "amount_rates")
    return value_matrix(fixed, rates)


def _four(values: Sequence[float], name: str) -> tuple[float, float, float, float]:
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):  # a dict, text, a ragged list
        array = np.full(0, np.nan)
    if array.shape != (4,) or not np.all(np.isfinite(array)):
        given = repr(values) if len(repr(values)) <= 80 else f"{repr(values)[:77]}..."
        raise ValueError(
            f"{name} must be four finite numbers in the order TN, FP, FN, TP, e.g. "
            f"(0, -5, -100, 80) or [[0, -5], [-100, 80]]; got {given}"
        )
    return tuple(float(v) for v in array)  # type: ignore[return-value]


@dataclass(frozen=True, eq=False)
class Valuation:
    """A model's decisions under a value matrix, over the rows given.

    Attributes
    ----------
    decision : Decision
        The exact value at every distinct score, the baselines and the perfect decision.
    honest : CrossFitted
        The best threshold chosen on other rows than it is valued on, with its interval.
    """

    decision: Decision
    honest: CrossFitted

    @property
    def best_threshold(self) -> float:
        """Act on rows scoring at least this (exact, over every distinct score)."""
        return self.decision.best_threshold

    @property
    def best_value(self) -> float:
        """Value at the best threshold, chosen and valued on the same rows (in-sample)."""
        return self.decision.best_value

    @property
    def best_value_cross_fitted(self) -> float:
        """Value of the best threshold chosen on other rows (5-fold cross-fitting): the
        figure to quote."""
        return self.decision.none + self.honest.value

    @property
    def best_value_interval(self) -> tuple[float, float]:
        """95% interval of ``best_value_cross_fitted``, the choice of threshold included."""
        return self.decision.none + self.honest.low, self.decision.none + self.honest.high

    @property
    def act_on_none(self) -> float:
        return self.decision.none

    @property
    def act_on_all(self) -> float:
        return self.decision.everyone

    @property
    def perfect(self) -> float:
        """Acting exactly on the rows where acting pays, knowing each row's class."""
        return self.decision.perfect

    def value_at(self, threshold: float) -> float:
        """Value of acting on every row scoring at least ``threshold`` (in-sample)."""
        return float(self.decision.value[self.decision.curve.index(threshold)])

    def figure(self, threshold: float | None = None):
        """The page's chart: value against threshold, with both baselines and the perfect
        decision; ``threshold`` (the best by default) marked."""
        from metrics.decide.charts import value_figure

        return value_figure(self.decision, self.best_threshold if threshold is None else threshold)

    def _section(self):
        from metrics.core.html_report import ReportSection
        from metrics.decide.report import FRAMING, QUESTION
        from metrics.decide.view import baseline_sentence, headline_tiles

        return ReportSection(
            title="Your model",
            question=QUESTION,
            framing=FRAMING,
            assumptions=[],
            tiles=headline_tiles(self.decision, None, self.honest),
            sentences=[baseline_sentence(self.decision)],
            figures=[self.figure()],
            source="rows given in Python",
        )

    def to_html(self) -> str:
        """The review report: one self-contained HTML document (no network needed)."""
        from metrics.core.html_report import render_report
        from metrics.decide.report import QUESTION

        return render_report([self._section()], title=QUESTION)

    def _repr_html_(self) -> str:
        """Tiles, the sentence and the chart, for a Jupyter notebook."""
        section = self._section()
        tiles = "".join(
            "<div style='margin-right:2.5rem'>"
            f"<div style='color:#5b6770;font-size:.9rem'>{html.escape(t.label)}</div>"
            f"<div style='font-size:1.8rem'>{html.escape(t.value)}</div>"
            + (
                f"<div style='color:#5b6770;font-size:.8rem'>{html.escape(t.note)}</div>"
                if t.note
                else ""
            )
            + "</div>"
            for t in section.tiles
        )
        chart = self.figure().to_html(full_html=False, include_plotlyjs="cdn")
        sentence = html.escape(section.sentences[0])
        return (
            f"<div><div style='display:flex;flex-wrap:wrap'>{tiles}</div>"
            f"<p style='background:#eef5fc;padding:.6rem 1rem'>{sentence}</p>{chart}</div>"
        )


def value_decisions(
    y_true: Sequence[int],
    y_score: Sequence[float],
    *,
    value_matrix: Sequence[float],
    amount_rates: Sequence[float] | None = None,
    amount: Sequence[float] | None = None,
    pos_label: object = None,
) -> Valuation:
    """What acting on a model's scores is worth: exact over every distinct score, the best
    threshold cross-fitted, the baselines and the perfect decision.

    Business formula: acting on the rows scoring at least ``t`` is worth the sum over rows of
    their outcome's value, ``value_matrix[outcome] + amount_rates[outcome] x amount``.

    Parameters
    ----------
    y_true : array-like of 0/1
    y_score : array-like of probabilities in [0, 1]
    value_matrix : sequence of 4 floats
        Value of one row per outcome, TN, FP, FN, TP.
    amount_rates : sequence of 4 floats, optional
        Share of the row's amount added per outcome, TN, FP, FN, TP; needs ``amount``.
    amount : array-like, optional
        Each row's amount (>= 0).
    pos_label : optional
        The class acted on, when ``y_true`` holds other classes than 0 and 1 (``"fraud"``):
        its rows count as 1, the others as 0.

    Returns
    -------
    Valuation

    Raises
    ------
    ValueError
        Naming the input, the bad value and the fix.
    """
    model = as_value_model(value_matrix, amount_rates)
    labels = np.asarray(y_true)
    y = check_labels(
        labels if pos_label is None else (labels == pos_label).astype(np.int8), name="y_true"
    )
    score = check_scores(np.asarray(y_score, dtype=float), name="y_score")
    if len(y) != len(score):
        raise ValueError(f"y_true has {len(y)} rows and y_score {len(score)}; give one per row")
    if amount_rates is not None and any(amount_rates) and amount is None:
        raise ValueError("amount_rates need each row's amount: pass amount=")
    amounts = None if amount is None else check_amounts(np.asarray(amount, dtype=float))
    if amounts is not None and len(amounts) != len(y):
        raise ValueError(f"amount has {len(amounts)} rows and y_true {len(y)}; give one per row")
    curve, inputs = curve_with_cross_fit(y, score, amount=amounts)
    decision = decide(
        curve, class_amounts(y, np.zeros(len(y)) if amounts is None else amounts), model
    )
    return Valuation(decision, earned_best(decision, inputs))
