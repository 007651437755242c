"""What the realistic-returns page shows: the home page's headline, break-even and ROI tiles,
and what the value's interval does to the ROI."""

from __future__ import annotations

from metrics.core.format import Headline, Tile, money
from metrics.roi.model import Projection


def roi_headline(chosen: Projection, value_per_year: float) -> Headline:
    """Net cash at the end of the projection (USD), for the home page.

    Parameters
    ----------
    chosen : Projection
    value_per_year : float
        Value a year at full maturity, USD.

    Returns
    -------
    Headline
    """
    return Headline(
        float(chosen.cumulative[-1]),
        f"net cash after {len(chosen.cumulative) // 12} years",
        f"{chosen.stage.name}, {money(value_per_year)} of value a year at full maturity",
    )


def roi_tiles(chosen: Projection) -> list[Tile]:
    """Break-even month and ROI after one to three years.

    Parameters
    ----------
    chosen : Projection

    Returns
    -------
    list of Tile
    """
    month = chosen.break_even_month
    tiles = [
        Tile(
            "Break-even month",
            "not within 3 years" if month is None else f"{month}",
            "The first month the cumulative cash flow is at or above zero.",
        )
    ]
    return tiles + [
        Tile(
            f"ROI after {years} year{'s' * (years > 1)}",
            f"{chosen.roi_after(years):.0%}",
            "Cumulative value over cumulative cost, minus one.",
        )
        for years in (1, 2, 3)
    ]


def roi_range_sentence(
    chosen: Projection, low: Projection, high: Projection, interval: tuple[float, float]
) -> str:
    """What the value's 95% interval does to the ROI.

    Parameters
    ----------
    chosen, low, high : Projection
        At the value, and at the interval's ends.
    interval : tuple of float
        The value a year's 95% interval.

    Returns
    -------
    str
    """
    return (
        f"The value a year comes from the fraud page, whose 95% interval is "
        f"{money(interval[0])} to {money(interval[1])}: the ROI after 3 years is then "
        f"{low.roi_after(3):.0%} to {high.roi_after(3):.0%} (at the value, "
        f"{chosen.roi_after(3):.0%})."
    )


NO_RANGE = (
    "No interval: this value a year was typed in, not measured; open the fraud page to take "
    "its value and interval from the data."
)
