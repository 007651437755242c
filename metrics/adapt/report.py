"""The adaptation page's words, tiles and report section."""

from __future__ import annotations

import datetime as dt

import numpy as np

from metrics.adapt.charts import age_figure, cadence_figure, learning_figure
from metrics.adapt.results import RESULTS_FILE, AdaptResults, load_results
from metrics.adapt.view import (
    CADENCES,
    CadenceRow,
    RetrainCost,
    Staleness,
    best,
    cadence_rows,
    cadence_text,
    cost_sentence,
    curve,
    matrix_for,
    mind_versus_data,
    staleness,
)
from metrics.core.format import Headline, Tile, money, signed_money
from metrics.core.html_report import Assumption, ReportSection
from metrics.core.samples import sample_path
from metrics.core.scenario import file_fingerprint
from metrics.core.scenario_inputs import ScenarioInputs

QUESTION = "Models go stale: how often to retrain, and is more data always better?"
FRAMING = (
    "Keep the fraud model's savings as fraud patterns and customers change",
    "A fraud probability per transaction, from a model retrained on a schedule",
    "Log loss on the transactions whose chargebacks had arrived by the training day",
    "Value per day by model age; learning curves against data size and label noise",
    "Net savings a year minus retraining cost a year (USD)",
)
WORDS = (
    "cadence",
    "ROC AUC",
    "log loss",
    "threshold",
)
"""The jargon this page shows, explained in its words box (``metrics.glossary``)."""


def adapt_tiles(rows: list[CadenceRow], chosen: int) -> list[Tile]:
    """Value, retraining cost and net a year of the chosen cadence, and the best one.

    Parameters
    ----------
    rows : list of CadenceRow
    chosen : int
        The cadence shown.

    Returns
    -------
    list of Tile
    """
    row = next(r for r in rows if r.cadence == chosen)
    top = best(rows)
    return [
        Tile(
            "Value a year",
            signed_money(row.value_a_year),
            "Net savings a year of the fraud decisions, retraining " + cadence_text(chosen)
            + ": mean daily savings over May to August x 365.",
        ),
        Tile(
            "Retraining cost a year",
            money(row.retrain_cost_a_year),
            "365 / days between retrains x cost per retrain.",
        ),
        Tile("Net a year", signed_money(row.net_a_year), "Value a year - retraining cost a year."),
        Tile(
            "Best cadence",
            cadence_text(top.cadence),
            f"Highest net a year at this cost per retrain: {signed_money(top.net_a_year)}.",
        ),
    ]  # fmt: skip


def adapt_headline(rows: list[CadenceRow], chosen: int) -> Headline:
    """The chosen cadence's net a year (value minus retraining cost, USD), for the home page.

    Parameters
    ----------
    rows : list of CadenceRow
    chosen : int
        The chosen cadence in days (``NEVER``: never).

    Returns
    -------
    Headline
    """
    row = next(r for r in rows if r.cadence == chosen)
    return Headline(
        row.net_a_year, f"net a year, retraining {cadence_text(chosen)}", "May-Aug x 365"
    )


def cadence_sentence(rows: list[CadenceRow], chosen: int) -> str:
    """The chosen cadence against the best and against never retraining.

    Parameters
    ----------
    rows : list of CadenceRow
    chosen : int

    Returns
    -------
    str
    """
    row = next(r for r in rows if r.cadence == chosen)
    top, never = best(rows), rows[-1]
    gap = top.net_a_year - row.net_a_year
    versus = (
        "This is the best cadence at this cost."
        if gap <= 0
        else f"Retraining {cadence_text(top.cadence)} would net {money(gap)} a year more."
    )
    return (
        f"Retraining {cadence_text(chosen)} nets {signed_money(row.net_a_year)} a year, "
        f"{signed_money(row.net_a_year - never.net_a_year)} against never retraining. {versus}"
    )


def staleness_sentence(stale: Staleness, age: int) -> str:
    """The seed's point in dollars: an old model on recent data.

    Parameters
    ----------
    stale : Staleness
    age : int
        The old model's age in days.

    Returns
    -------
    str
    """
    return (
        f"Over the last 30 days, a model trained {age} days earlier earned "
        f"{signed_money(stale.old)} a year; one retrained the same day earned "
        f"{signed_money(stale.fresh)}: staleness cost {money(max(stale.fresh - stale.old, 0))} "
        "a year."
    )


def adapt_section(
    results: AdaptResults,
    matrix: np.ndarray,
    rows: list[CadenceRow],
    stale: Staleness,
    *,
    cadence: int,
    noise: float,
    stale_share: float,
    cost: RetrainCost,
    fingerprint: str,
) -> ReportSection:
    """The page's scenario as a report section.

    Parameters
    ----------
    results : AdaptResults
    matrix : ndarray
        The value matrix at the chosen label noise.
    rows : list of CadenceRow
    stale : Staleness
    cadence : int
    noise, stale_share : float
    cost : RetrainCost
    fingerprint : str

    Returns
    -------
    ReportSection
    """
    default = RetrainCost()
    dates = as_dates(results, len(rows[0].cumulative))
    grid = results.grid
    return ReportSection(
        title="Retraining and data quality",
        question=QUESTION,
        framing=FRAMING,
        assumptions=[
            Assumption("Retrain", cadence_text(cadence), "", "every 7 days"),
            Assumption("Training labels flipped", f"{noise:.0%}", "share", "0%"),
            Assumption("Training rows from March-April", f"{stale_share:.0%}", "share", "0%"),
            Assumption(
                "Engineer hours per retrain",
                f"{cost.engineer_hours:g}",
                "hours",
                f"{default.engineer_hours:g}",
            ),
            Assumption(
                "Cost of an engineer hour",
                money(cost.hourly_rate),
                "USD",
                money(default.hourly_rate),
            ),
            Assumption("Compute per retrain", money(cost.compute), "USD", money(default.compute)),
        ],
        tiles=adapt_tiles(rows, cadence),
        sentences=[
            cadence_sentence(rows, cadence),
            cost_sentence(matrix, results.first_day, cost),
            staleness_sentence(stale, len(stale.by_age) - 1),
            mind_versus_data(grid, noise, stale_share),
        ],
        figures=[
            cadence_figure(rows, cadence, dates),
            age_figure(stale),
            learning_figure(
                learning_curves(grid, "noise"), f"{noise:.0%} flipped", title=NOISE_TITLE
            ),
        ],
        source=f"sample {RESULTS_FILE} (models trained on fraud_monitoring.csv.gz)",
        fingerprint=fingerprint,
        headline=adapt_headline(rows, cadence),
    )


NOISE_TITLE = "Flipped labels: net savings a year by training rows"
STALE_TITLE = "Older rows: net savings a year by training rows"


def learning_curves(grid: list, by: str) -> dict[str, list]:
    """One learning curve per data quality: per share of labels flipped (``by="noise"``,
    recent rows) or per share of rows from March-April (``by="stale"``, clean labels).

    Parameters
    ----------
    grid : list of GridCell
    by : {"noise", "stale"}

    Returns
    -------
    dict of str to list of GridCell
        Line name to its cells, by size.
    """
    levels = sorted({getattr(c, by) for c in grid})
    return {curve_name(by, q): curve(grid, **{by: q}) for q in levels}


def curve_name(by: str, level: float) -> str:
    """``5% flipped`` or ``50% from March-April``: a learning curve's legend entry.

    Parameters
    ----------
    by : {"noise", "stale"}
    level : float

    Returns
    -------
    str
    """
    return f"{level:.0%} flipped" if by == "noise" else f"{level:.0%} from March-April"


def as_dates(results: AdaptResults, n: int) -> list[dt.date]:
    """The ``n`` scored days as dates.

    Parameters
    ----------
    results : AdaptResults
    n : int

    Returns
    -------
    list of date
    """
    return [results.date(results.first_day + i) for i in range(n)]


def section_from(inputs: ScenarioInputs, data: None = None) -> ReportSection:
    """The retraining page's section from a saved scenario's inputs, on the stored study.

    Parameters
    ----------
    inputs, data
        As ``metrics.pack.sections.section_for`` hands them: the page's saved inputs, and no
        data (this page is rebuilt on its bundled sample).

    Returns
    -------
    ReportSection
    """
    results = load_results()
    cadence = inputs.whole("adapt_cadence", 7)
    if cadence not in CADENCES:
        raise ValueError(f"retraining every {cadence} days is not offered; use {CADENCES}")
    default = RetrainCost()
    cost = RetrainCost(
        inputs.number("adapt_hours", default.engineer_hours),
        inputs.number("adapt_rate", default.hourly_rate),
        inputs.number("adapt_compute", default.compute),
    )
    noise = inputs.number("adapt_noise", 0.0)
    matrix = matrix_for(results, noise)
    return adapt_section(
        results,
        matrix,
        cadence_rows(matrix, results.first_day, cost),
        staleness(matrix),
        cadence=cadence,
        noise=noise,
        stale_share=inputs.number("adapt_stale", 0.0),
        cost=cost,
        fingerprint=file_fingerprint(sample_path(RESULTS_FILE)),
    )
