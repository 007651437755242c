"""What the ads page says in words and tiles: the headline, the reserve and imbalance
stories, and the money tiles, from an AdsView."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.ads.model import (
    yearly_value,
)
from metrics.ads.view import AUC_STEP, AdsView
from metrics.core.format import Headline, Tile, money, percent, short_money, signed_money


def ads_headline(view: AdsView, daily_queries: float) -> Headline:
    """Ad revenue a year: RPM x queries a day / 1,000 x 365 (USD), for the home page.

    Parameters
    ----------
    view : AdsView
    daily_queries : float

    Returns
    -------
    Headline
    """
    return Headline(
        view.rpm * daily_queries / 1000 * 365,
        "ad revenue a year",
        f"RPM x {daily_queries:,.0f} queries a day",
    )


def headline(view: AdsView, *, reserve: float, daily_queries: float) -> str:
    """One plain sentence about the current setting.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.
    reserve : float
        Minimum eCPM to show an ad, USD per 1,000 impressions.
    daily_queries : float
        Queries a day.

    Returns
    -------
    str
    """
    out = view.outcome
    kind = "expected" if out.expected_revenue is not None else "realised"
    share = view.oracle_share
    versus = ""
    if share is not None:
        versus = f", {percent(share)} of what ranking by the true click probabilities earns"
        if share > 1:
            versus += (
                " (a ranking can earn more than that under second price: prices follow the "
                "runner-up's bid, and better predictions can lower it)"
            )
    return (
        f"With a {money(reserve)} reserve, {percent(out.fill_rate)} of queries show an ad "
        f"({out.coverage:.2f} ads per query on average). They earn "
        f"{money(view.rpm, decimals=2)} per 1,000 queries ({kind}){versus}: "
        f"{money(yearly_value(view.rpm, daily_queries=daily_queries))} a year at "
        f"{daily_queries:,.0f} queries a day."
    )


def money_tiles(view: AdsView, daily_queries: float) -> list[Tile]:
    """The auction's headline figures at the current setting, each with its unit: money a
    year first, then what a better model is worth a year.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.
    daily_queries : float
        Queries a day, to turn revenue per 1,000 queries into money a year.

    Returns
    -------
    list of Tile
    """
    out, share = view.outcome, view.oracle_share
    kind = (
        "Expected, from the true click probabilities (free of click noise)."
        if out.expected_revenue is not None
        else "Realised, from the clicks in the data."
    )
    better = view.auc_step_value(daily_queries=daily_queries)
    yearly = yearly_value(view.rpm, daily_queries=daily_queries)
    return [
        Tile(
            "Ad revenue a year",
            short_money(yearly),
            f"Revenue per 1,000 queries x {daily_queries:,.0f} queries a day / 1,000 x 365 "
            f"(USD). {kind}",
            note=f"{money(yearly)}: {money(view.rpm, decimals=2)} per 1,000 queries",
        ),
        Tile(
            f"A model {AUC_STEP:g} AUC better",
            "n/a" if better is None else short_money(better, signed=True),
            f"Revenue a year of this model moved {AUC_STEP:g} of ROC AUC toward the true click "
            "probabilities, minus today's (from the what-if curve below).",
            note=None if better is None else f"{signed_money(better)} a year",
        ),
        Tile(
            "Queries with an ad",
            percent(out.fill_rate),
            f"Share of queries showing at least one ad; {out.coverage:.2f} ads per query "
            "on average.",
        ),
        Tile(
            "CTR of shown ads",
            percent(out.ctr, decimals=2),
            f"{out.clicks:,.0f} clicks on {out.impressions:,.0f} ads shown.",
        ),
        Tile(
            "Share of oracle revenue",
            "n/a" if share is None else percent(share),
            "Against ranking by the true click probabilities under the same rules. Under "
            "second price it can exceed 100%: prices follow the runner-up's bid.",
        ),
    ]


def peak(table: pd.DataFrame, column: str, x: str = "reserve") -> float:
    """Where ``column`` is highest (the first such x).

    Parameters
    ----------
    table : DataFrame
        A sweep table.
    column : str
        Column to maximise.
    x : str
        Column holding the swept input.

    Returns
    -------
    float
        The x where ``column`` is highest.
    """
    return float(table[x].iloc[int(np.nanargmax(table[column].to_numpy()))])


def reserve_story(view: AdsView) -> str:
    """What the reserve sweep says: where each objective peaks and what chasing it costs.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.

    Returns
    -------
    str
    """
    table = view.reserve_table.set_index("reserve")
    richest, shown, ctr = (peak(view.reserve_table, c) for c in ("rpm", "coverage", "ctr"))
    best = table["rpm"][richest]

    def cost(reserve: float) -> str:
        return f"{1 - table['rpm'][reserve] / best:.0%} less" if best > 0 else "no more"

    text = (
        f"Raising the reserve shows fewer ads, and the ones shown are clicked more often. "
        f"Revenue peaks at a {money(richest)} reserve. Chasing click-through rate (highest at "
        f"{money(ctr)}) earns {cost(ctr)}"
    )
    if shown == richest:
        return text + (
            ". With first price a reserve only removes ads, so impressions and revenue peak "
            "together; under second price a reserve also raises what winners pay."
        )
    return text + f"; chasing impressions (highest at {money(shown)}) earns {cost(shown)}."


def calibration_story(view: AdsView) -> str:
    """What scaling every predicted CTR does to revenue at this setting, in words.

    Parameters
    ----------
    view : AdsView

    Returns
    -------
    str
    """
    rpm = view.calibration_table["rpm"]
    text = (
        f"Multiplying every predicted CTR by the same factor keeps the ranking, so AUC stays "
        f"{view.quality.auc:.3f}; but under a reserve the eCPMs move and so does revenue. This "
        f"model predicts {view.quality.calibration_ratio:.2f} times the clicks that happen."
    )
    if rpm.max() - rpm.min() <= 0.005 * max(abs(rpm.max()), 1e-9):
        text += (
            " At this reserve every ranked ad is shown whatever the factor, so the curve is "
            "flat: raise the reserve to see calibration move the money."
        )
    return text


def imbalance_story(view: AdsView) -> str:
    """Why accuracy is useless here, from the imbalance rows.

    Parameters
    ----------
    view : AdsView
        Everything the page shows for one setting.

    Returns
    -------
    str
    """
    model, nothing = view.imbalance
    digits = _distinct_digits(model.accuracy, nothing.accuracy)
    if round(model.accuracy, digits + 2) == round(nothing.accuracy, digits + 2):
        compared = "as accurate as"
    elif nothing.accuracy > model.accuracy:
        compared = "more accurate than"
    else:
        compared = "nearly as accurate as"
    return (
        f"Only {1 - nothing.accuracy:.1%} of candidate ads are clicked, so predicting that "
        f"nobody ever clicks is {nothing.accuracy:.{digits}%} accurate, {compared} the model "
        f"({model.accuracy:.{digits}%}), and earns {money(nothing.rpm, decimals=2)} per 1,000 "
        f"queries against {money(model.rpm, decimals=2)}."
    )


def _distinct_digits(a: float, b: float, *, least: int = 2, most: int = 4) -> int:
    """Decimals of a percentage that tell ``a`` and ``b`` apart (from ``least`` to ``most``):
    two shares never read alike while one is called more than the other."""
    for digits in range(least, most + 1):
        if round(a, digits + 2) != round(b, digits + 2):
            return digits
    return most
