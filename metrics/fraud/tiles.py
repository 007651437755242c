"""The fraud page's KPI tiles: money first, then the ML metrics, each with its unit."""

from __future__ import annotations

import math

from metrics.core.format import Headline, Tile, money, percent, year_scale
from metrics.core.operating import workload_figure
from metrics.fraud.model import FraudAnalysis, FraudSnapshot
from metrics.glossary import explain


def _alerts_tile(snap: FraudSnapshot) -> Tile:
    if snap.alerts_per_day is None:
        return Tile(
            "Alerts",
            f"{snap.point.flagged:,.0f}",
            "Transactions flagged for review. Add a timestamp column to see them per day.",
        )
    if snap.capacity_per_day is None:
        return Tile(
            "Alerts a day", workload_figure(snap.alerts_per_day), "Flagged for review a day."
        )
    over = snap.alerts_per_day - snap.capacity_per_day
    side = "over" if over > 0 else "within"
    return Tile(
        "Alerts a day",
        workload_figure(snap.alerts_per_day),
        "Flagged for review a day, against what the reviewers can check.",
        f"{workload_figure(abs(over))} {'above' if over > 0 else 'below'} the capacity of "
        f"{workload_figure(snap.capacity_per_day)}",
        better="lower" if side == "over" else "higher",
        arrow=False,
    )


def _share_text(share: float) -> str:
    """A share of the best possible; far below zero it says so instead of "-1029%"."""
    if not math.isfinite(share):
        return "n/a"
    return "below -100%" if share < -1 else percent(share)


def fraud_headline(snap: FraudSnapshot, analysis: FraudAnalysis) -> Headline:
    """The figure the home page quotes, a year where the data has dates: the most-money
    threshold's net savings as earned (chosen on other transactions than it is valued on),
    the page's first tile, with its interval; net savings at the chosen threshold when no
    transactions were held out.

    Parameters
    ----------
    snap : FraudSnapshot
    analysis : FraudAnalysis

    Returns
    -------
    Headline
    """
    factor, how = year_scale(analysis.days)
    scaled = how or "not scaled: no dates"
    label = "net savings a year" if how else "net savings over the data"
    honest = analysis.honest
    if honest is not None:
        bounds = None if math.isnan(honest.low) else (honest.low * factor, honest.high * factor)
        earned = f"{label} at the best threshold, as earned"
        return Headline(honest.value * factor, earned, scaled, bounds)
    interval = None
    if snap.interval is not None:
        interval = (snap.interval[0] * factor, snap.interval[1] * factor)
    return Headline(snap.net_savings * factor, label, scaled, interval)


def earned_tile(analysis: FraudAnalysis) -> Tile | None:
    """The most-money threshold's savings as the model earns them: chosen on other
    transactions than it is valued on (cross-fitted), with its 95% interval.

    Parameters
    ----------
    analysis : FraudAnalysis

    Returns
    -------
    Tile or None
        None for a big log (its rows are only summed, so there is nothing to hold out).
    """
    honest = analysis.honest
    if honest is None:
        return None
    factor, how = year_scale(analysis.days)
    period = f" a year ({how})" if how else ""
    return Tile(
        "Best threshold, as earned" + (" a year" if how else ""),
        money(honest.value * factor),
        "What the most-money threshold saves on transactions it was not chosen on: it is "
        f"chosen on {honest.n_splits - 1} of {honest.n_splits} parts of the data and valued on "
        "the part left out, for each part in turn (compared with approving everything).",
        note=f"95% interval: {money(honest.low * factor)} to {money(honest.high * factor)}{period}",
    )


def earned_sentence(analysis: FraudAnalysis) -> str | None:
    """Why the best threshold's earned savings are below its in-sample savings, in one line.

    Parameters
    ----------
    analysis : FraudAnalysis

    Returns
    -------
    str or None
    """
    honest = analysis.honest
    if honest is None:
        return None
    factor, _ = year_scale(analysis.days)
    return (
        f"Valued on the same transactions it was chosen on, the best threshold would show "
        f"{money(honest.in_sample * factor)}: that figure fits this data's chance ups and downs, "
        f"which new transactions will not repeat, so quote {money(honest.value * factor)}."
    )


def money_tiles(snap: FraudSnapshot, analysis: FraudAnalysis) -> list[Tile]:
    """Net savings with its interval, the share of the perfect decision, alerts a day.

    Parameters
    ----------
    snap : FraudSnapshot
        The business view at one threshold.
    analysis : FraudAnalysis
        The threshold-independent analysis for one cost setting.

    Returns
    -------
    list of Tile
    """
    factor, how = year_scale(analysis.days)
    a_year = " a year" if how else ""
    notes = []
    if snap.interval is not None:
        low, high = (money(v * factor) for v in snap.interval)
        notes.append(f"95% interval: {low} to {high}{a_year}")
    if how:
        notes.append(f"{money(snap.net_savings)} over the {analysis.days:,.0f} days of data")
    return [
        Tile(
            "Net savings" + a_year,
            money(snap.net_savings * factor),
            "Fraud stopped plus chargeback fees, minus review costs and friction on good sales "
            "held, compared with approving everything (USD"
            + (f"; the data's {how}" if how else "")
            + "). Valued on the transactions the threshold is set on: at a threshold picked "
            "on them, such as the one the page opens at, it runs high: quote the best "
            "threshold as earned instead.",
            note="; ".join(notes) or None,
        ),
        Tile(
            "Share of the best possible",
            _share_text(snap.share_of_perfect),
            "Net savings over what a perfect decision would save: one that knows which "
            "transactions are fraud and flags each one that is worth its review.",
            note=f"The best possible saves {money(analysis.perfect_savings * factor)}{a_year}",
        ),
        _alerts_tile(snap),
    ]


def ml_tiles(snap: FraudSnapshot) -> list[Tile]:
    """Precision, recall, F1 and accuracy at the threshold, said plainly when undefined.

    Parameters
    ----------
    snap : FraudSnapshot
        The business view at one threshold.

    Returns
    -------
    list of Tile
    """
    p = snap.point
    no_fraud = p.tp + p.fn == 0
    return [
        Tile(
            "Precision",
            "n/a: nothing flagged" if p.flagged == 0 else percent(p.precision, decimals=1),
            explain("precision"),
        ),
        Tile(
            "Recall",
            "n/a: no fraud" if no_fraud else percent(p.recall, decimals=1),
            explain("recall"),
        ),
        Tile(
            "F1",
            "n/a: no fraud" if no_fraud and p.flagged == 0 else f"{p.f1:.3f}",
            explain("F1"),
        ),
        Tile("Accuracy", percent(p.accuracy, decimals=2), explain("accuracy")),
    ]


def quality_line(roc_auc: float, pr_auc: float) -> str:
    """The threshold-free metrics in one line; undefined ones say why.

    Parameters
    ----------
    roc_auc, pr_auc : float
        NaN when the data has one class only.

    Returns
    -------
    str
    """
    if math.isnan(roc_auc) and math.isnan(pr_auc):
        return (
            "ROC AUC and PR AUC are undefined: the file has only one class (no fraud or no "
            "legitimate transactions)."
        )
    roc = "undefined (one class only)" if math.isnan(roc_auc) else f"{roc_auc:.3f}"
    pr = "undefined: no fraud in this file" if math.isnan(pr_auc) else f"{pr_auc:.3f}"
    return f"Threshold-free model quality: ROC AUC {roc} · PR AUC {pr}"
