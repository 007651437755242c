"""What the decision page says and tabulates: sentences, tiles and tables from the decision
analysis (the page only draws them)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.core.crossfit import CrossFitted
from metrics.core.format import (
    Headline,
    Tile,
    money,
    percent,
    period_text,
    threshold_text,
    year_scale,
)
from metrics.core.params import shown
from metrics.core.rates import point_at
from metrics.decide.compare import Difference
from metrics.decide.model import Decision, TopShare
from metrics.decide.segments import Segments
from metrics.decide.three_way import ThreeWay


def decide_headline(
    decision: Decision, days: float | None, honest: CrossFitted | None = None
) -> Headline:
    """What the model adds over the better baseline, as the home page quotes it: as earned
    (cross-fitted) when the rows allow, a year when the data has dates.

    Parameters
    ----------
    decision : Decision
    days : float or None
    honest : CrossFitted, optional

    Returns
    -------
    Headline
    """
    factor, how = year_scale(days)
    baseline = max(decision.none, decision.everyone)
    best = decision.best_value if honest is None else decision.none + honest.value
    label = (
        "what the model adds over the better baseline"
        + (" a year" if how else "")
        + (", as earned" if honest is not None else "")
    )
    measured = "chosen and valued on different rows" if honest else "in-sample"
    return Headline((best - baseline) * factor, label, f"{how or 'over the data'}, {measured}")


def headline_tiles(
    decision: Decision, days: float | None, honest: CrossFitted | None = None
) -> list[Tile]:
    """What the model adds over the better baseline (as earned, when rows are held out), the
    best value itself, and its share of the perfect decision.

    Parameters
    ----------
    decision : Decision
    days : float or None
    honest : CrossFitted, optional
        The best threshold's value over acting on nobody, chosen and valued on different rows.

    Returns
    -------
    list of Tile
    """
    factor, how = year_scale(days)
    best = decision.best_value
    baseline = max(decision.none, decision.everyone)
    which = "acting on nobody" if decision.none >= decision.everyone else "acting on everybody"
    gap = decision.perfect - decision.none
    share = (best - decision.none) / gap if gap > 0 else np.nan
    a_year = " a year" if how else ""
    if honest is None:
        added = Tile(
            f"Adds over {which}{a_year}",
            money((best - baseline) * factor),
            "What acting at the best threshold adds over the better of acting on nobody and "
            "acting on everybody. Chosen and valued on the same rows: a little optimistic.",
            note=f"Scaled from {how}" if how else None,
        )
    else:
        earned = decision.none + honest.value - baseline
        low, high = (decision.none + x - baseline for x in (honest.low, honest.high))
        added = Tile(
            f"Adds over {which}{a_year}, as earned",
            money(earned * factor),
            "What acting at the best threshold adds over the better of acting on nobody and "
            f"acting on everybody, on rows the threshold was not chosen on: it is chosen on "
            f"{honest.n_splits - 1} of {honest.n_splits} parts of the rows and valued on the "
            "part left out, for each part in turn.",
            note=f"95% interval: {money(low * factor)} to {money(high * factor)}; valued on "
            f"the rows it was chosen on: {money((best - baseline) * factor)}",
        )
    return [
        added,
        Tile(
            f"Best value{a_year}",
            money(best * factor),
            "Value of acting on every row at or above the best threshold, under the value "
            "matrix: the sum over rows of their outcome's value (every outcome counted, so "
            "it is negative when every outcome is a cost, even when the model helps). "
            "In-sample: the threshold is chosen on the rows it is valued on.",
            note=f"{money(best)} over the {days:,.0f} days of data ({how})" if how else None,
        ),
        Tile(
            "Share of the perfect decision",
            percent(share),
            "How much of the gap between acting on nobody and acting exactly where it pays "
            "(knowing each row's class) the model closes, at the best threshold on these "
            "rows (in-sample).",
        ),
    ]


def baseline_sentence(decision: Decision, days: float | None = None) -> str:
    """Where the model beats both baselines, in one sentence; the best threshold is the best
    on these rows (in-sample), its worth over the data's period.

    Parameters
    ----------
    decision : Decision
    days : float, optional
        The data's days, when it has dates.

    Returns
    -------
    str
    """
    beats = np.flatnonzero(decision.beats_baselines)
    if beats.size == 0:
        better = "acting on nobody" if decision.none >= decision.everyone else "acting on everybody"
        return (
            f"At no threshold is the model worth more than {better}: under these values, "
            "it does not pay to use it."
        )
    t = decision.curve.thresholds
    high, low = t[beats.min()], t[beats.max()]
    whole = beats.size == beats.max() - beats.min() + 1
    span = f"from {threshold_text(low)} to {threshold_text(high)}"
    return (
        f"The model beats both acting on nobody and acting on everybody for thresholds {span}"
        + ("" if whole else " (with gaps)")
        + f"; the best on these rows is {threshold_text(decision.best_threshold)}, worth "
        f"{money(decision.best_value - max(decision.none, decision.everyone))} more than the "
        f"better baseline{period_text(days) or ' over them'}."
    )


def top_share_table(tops: list[TopShare]) -> pd.DataFrame:
    """Gains, lift and value when acting on the top 1 to 20% of scores.

    Parameters
    ----------
    tops : list of TopShare

    Returns
    -------
    DataFrame
    """
    return pd.DataFrame(
        {
            "Act on the top": [percent(t.share) for t in tops],
            "Rows acted on": [f"{t.acted:,.0f}" for t in tops],
            "Share of positives caught": [percent(t.gain) for t in tops],
            "Positives against acting at random": [f"{t.lift:.1f} times" for t in tops],
            "Value": [money(t.value) for t in tops],
        }
    )


def three_way_sentence(band: ThreeWay) -> str:
    """The best pair of thresholds and what the review band adds.

    Parameters
    ----------
    band : ThreeWay

    Returns
    -------
    str
    """
    if band.high == band.low:
        return (
            "A review band does not pay at this review cost: the best decision is a single "
            "threshold."
        )
    high = (
        "nothing"
        if np.isinf(band.high_threshold)
        else f"scores of {threshold_text(band.high_threshold)} and above"
    )
    return (
        f"Act automatically on {high}, send scores from {threshold_text(band.low_threshold)} up "
        f"to it to review ({band.reviewed:,.0f} rows), pass the rest: worth "
        f"{money(band.value)}, {money(band.gain)} more than the best single threshold."
    )


def segment_table(segments: Segments) -> pd.DataFrame:
    """Per segment: rows, best threshold, best value (in-sample and as earned), value at the
    one overall threshold.

    Parameters
    ----------
    segments : Segments

    Returns
    -------
    DataFrame
    """
    return pd.DataFrame(
        {
            "Segment": segments.names,
            "Rows": [f"{d.curve.n:,.0f}" for d in segments.decisions],
            "Own best threshold": [threshold_text(d.best_threshold) for d in segments.decisions],
            "Value at its own best (in-sample)": [money(d.best_value) for d in segments.decisions],
            "Its own best, as earned": [money(v) for v in segments.earned],
            "Value at the overall best": [money(v) for v in segments.at_overall],
        }
    )


def segment_sentence(segments: Segments) -> str:
    """What per-segment thresholds add and what fairness constraints cost, said to be
    in-sample (each threshold chosen on the rows it is valued on).

    Parameters
    ----------
    segments : Segments

    Returns
    -------
    str
    """
    earned = segments.gain_earned
    as_earned = ""
    if earned is not None:
        more = f"{money(earned)} more" if earned >= 0 else f"{money(-earned)} less"
        as_earned = (
            f"Chosen on other rows than they are valued on, thresholds per segment earn {more} "
            "than one threshold for all" + ("" if earned > 0 else ": they do not pay here") + ". "
        )
    return (
        f"On these rows, a threshold per segment adds {money(segments.gain)} over one threshold "
        "for all; each is chosen on the rows it is valued on, so this runs high, the more so "
        f"the smaller the segments. {as_earned}Against the per-segment best on these rows, "
        f"asking every segment for the same recall costs {money(segments.price_of_equal_recall)}"
        f", and acting on the same share of every segment costs "
        f"{money(segments.price_of_equal_flag_rate)}."
    )


def comparison_sentence(difference: Difference, how: str, name: str = "the second model") -> str:
    """The second model's worth over the first, with its interval, each model at its best
    threshold on these rows (said to be in-sample).

    Parameters
    ----------
    difference : Difference
    how : str
        How the figures were scaled to a year (empty: over the data's rows).
    name : str
        The other model (its score column).

    Returns
    -------
    str
    """
    period = f"a year ({how})" if how else "over these rows"

    def more(value: float) -> str:
        return f"{money(abs(value))} {period} {'more' if value >= 0 else 'less'}"

    earned = difference.earned
    as_earned = (
        ""
        if earned is None
        else f" With each threshold chosen on other rows than it is valued on, {shown(name)} "
        f"earns {more(earned)}."
    )
    return (
        f"At each model's own best threshold on these rows (chosen on them), {shown(name)} is "
        f"worth {more(difference.value)} than this model; the difference's 95% interval is "
        f"{money(difference.lower)} to {money(difference.upper)} (a paired bootstrap over the "
        f"{difference.differing_rows:,} rows where they decide differently).{as_earned}"
    )


NAME_CHARACTERS = 40
"""An outcome's name is cut to this many characters."""


def outcome_names(names: list[object], defaults: tuple[str, ...]) -> list[str]:
    """The user's names for TN, FP, FN, TP as the page, its sentences and its report show
    them: letters, digits, spaces and plain punctuation (no characters Markdown, HTML or
    LaTeX act on, and no dots, so a name cannot become a link, a bare web address, an image
    or a formula), at most
    ``NAME_CHARACTERS`` long; an empty name is the preset's.

    Parameters
    ----------
    names : list
        Four names, as typed or as a scenario file holds them.
    defaults : tuple of str
        The preset's names.

    Returns
    -------
    list of str
    """
    kept = ("".join(c for c in str(name) if c.isalnum() or c in " -',&()%+") for name in names)
    cleaned = (" ".join(name.split())[:NAME_CHARACTERS] for name in kept)
    return [name or default for name, default in zip(cleaned, defaults, strict=True)]


def operating_sentence(
    decision: Decision, threshold: float, names: list[str], days: float | None = None
) -> str:
    """Value (over the data's period), outcomes (in the user's names for TN, FP, FN, TP),
    precision and recall at one threshold.

    Parameters
    ----------
    decision : Decision
    threshold : float
    names : list of str
        The outcomes' names in TN, FP, FN, TP order.
    days : float, optional
        The data's days, when it has dates.

    Returns
    -------
    str
    """
    point = point_at(decision.curve, threshold)
    value = float(decision.value[decision.curve.index(threshold)])
    counts = (point.tn, point.fp, point.fn, point.tp)
    outcomes = ", ".join(f"{c:,.0f} {n}" for c, n in zip(counts, names, strict=True))
    return (
        f"At {threshold_text(threshold)}: worth {money(value)}{period_text(days)}; acts on "
        f"{point.flagged:,.0f} "
        f"rows ({outcomes}); precision {percent(point.precision)}, recall "
        f"{percent(point.recall)}."
    )
