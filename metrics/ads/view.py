"""What the ads page shows for one model and auction setting: tables, sentences, references.

One revenue figure is used throughout: expected revenue (true click probabilities) where the
data has them, which is steadier than realised clicks; realised revenue otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.ads.auction import AuctionCurve, AuctionOutcome, Pricing, auction_at
from metrics.ads.ctr import CtrQuality
from metrics.ads.model import (
    CALIBRATION_FACTORS,
    AdsData,
    QualitySweep,
    auc_needed,
    calibration_sweep,
    sweep_rpm,
    yearly_value,
)
from metrics.ads.references import NO_CLICK, ORACLE, ImbalanceRow, References, accuracy_at_half
from metrics.core.format import csv_text, money

AUC_STEP = 0.01
"""The step of ROC AUC whose worth a year the page quotes: "+0.01 AUC is worth"."""


def rpm_of(outcome: AuctionOutcome) -> float:
    """Expected RPM where true probabilities are known, realised RPM otherwise.

    Parameters
    ----------
    outcome : AuctionOutcome
        One auction setting's result.

    Returns
    -------
    float
        USD per 1,000 queries.
    """
    expected = outcome.expected_rpm
    return outcome.rpm if expected is None else expected


@dataclass(frozen=True)
class WhatIf:
    """The current model against the same model moved along the quality knob."""

    auc_from: float
    auc_to: float
    log_loss_from: float
    log_loss_to: float
    rpm_from: float
    rpm_to: float
    yearly_value: float

    def sentence(self, daily_queries: float) -> str:
        if self.auc_to == self.auc_from:
            return (
                f"At 0 the slider is this model (AUC {self.auc_from:.3f}, log loss "
                f"{self.log_loss_from:.4f}, {money(self.rpm_from, decimals=2)} per 1,000 "
                "queries): move it to see what a better or worse model would earn."
            )
        direction = "more" if self.yearly_value >= 0 else "less"
        return (
            f"If AUC went from {self.auc_from:.3f} to {self.auc_to:.3f} (log loss "
            f"{self.log_loss_from:.4f} to {self.log_loss_to:.4f}), revenue per 1,000 queries "
            f"would go from {money(self.rpm_from, decimals=2)} to "
            f"{money(self.rpm_to, decimals=2)}: "
            f"{money(abs(self.yearly_value))} a year {direction} at {daily_queries:,.0f} "
            "queries a day. (No interval: the better model is these scores moved toward the "
            "true click probabilities on these queries, a what-if rather than a measurement.)"
        )


@dataclass(frozen=True, eq=False)
class AdsView:
    """Everything the page draws for one model, slots, pricing rule and reserve."""

    outcome: AuctionOutcome
    quality: CtrQuality
    oracle_rpm: float | None
    references: pd.DataFrame
    reserve_table: pd.DataFrame
    calibration_table: pd.DataFrame
    quality_table: pd.DataFrame
    imbalance: list[ImbalanceRow]
    current_knob: int

    @property
    def rpm(self) -> float:
        return rpm_of(self.outcome)

    @property
    def oracle_share(self) -> float | None:
        return None if not self.oracle_rpm else self.rpm / self.oracle_rpm

    def whatif(self, knob_index: int, *, daily_queries: float) -> WhatIf:
        now, then = self.quality_table.iloc[self.current_knob], self.quality_table.iloc[knob_index]
        return WhatIf(
            now.auc,
            then.auc,
            now.log_loss,
            then.log_loss,
            now.rpm,
            then.rpm,
            yearly_value(then.rpm - now.rpm, daily_queries=daily_queries),
        )

    def auc_step_value(self, *, daily_queries: float, step: float = AUC_STEP) -> float | None:
        """USD a year that a model ``step`` of ROC AUC better would add: the revenue on the
        quality sweep at this AUC + ``step`` (linearly interpolated) minus today's, times
        queries a day / 1,000 x 365. None when no model on the sweep is that good.

        Parameters
        ----------
        daily_queries : float
        step : float

        Returns
        -------
        float or None
        """
        table = self.quality_table.sort_values("auc")
        now = self.quality_table.iloc[self.current_knob]
        target = now.auc + step
        if target > table["auc"].max():
            return None
        rpm = float(np.interp(target, table["auc"], table["rpm"]))
        return yearly_value(rpm - now.rpm, daily_queries=daily_queries)

    def auc_for(self, target_rpm: float) -> float | None:
        table = self.quality_table
        return auc_needed(table["auc"].to_numpy(), table["rpm"].to_numpy(), target_rpm)

    def csv(self) -> str:
        """The three curves in one long table."""
        parts = [
            self.quality_table.assign(curve="model quality", x=self.quality_table["knob"]),
            self.reserve_table.assign(
                curve="reserve (USD per 1,000 impressions)", x=self.reserve_table["reserve"]
            ),
            self.calibration_table.assign(
                curve="calibration factor", x=self.calibration_table["factor"]
            ),
        ]
        columns = ["curve", "x", "rpm", "coverage", "ctr", "auc", "log_loss"]
        table = pd.concat(parts, ignore_index=True).reindex(columns=columns)
        return csv_text(table, money_columns=("rpm",))


def _outcome_rows(outcomes: dict[str, AuctionOutcome], x: np.ndarray, name: str) -> pd.DataFrame:
    rows = list(outcomes.values())
    return pd.DataFrame(
        {
            name: x,
            "rpm": [rpm_of(o) for o in rows],
            "coverage": [o.coverage for o in rows],
            "ctr": [o.ctr for o in rows],
        }
    )


def _reference_table(
    ranked: dict[str, AuctionOutcome], model: str, oracle_rpm: float | None
) -> pd.DataFrame:
    """RPM of each reference ranking beside the model, with its share of the oracle's."""
    order = [NO_CLICK, "Random order", "Highest bid", f"This model: {model}", ORACLE]
    table = pd.DataFrame(
        {
            "ranking": [k for k in order if k in ranked],
            "rpm": [rpm_of(ranked[k]) for k in order if k in ranked],
        }
    )
    table["share_of_oracle"] = table["rpm"] / (oracle_rpm or np.nan)
    return table


def _imbalance_rows(
    data: AdsData,
    refs: References,
    *,
    model: str,
    quality: CtrQuality,
    model_rpm: float,
    no_click_rpm: float,
) -> list[ImbalanceRow]:
    """The model beside 'predict no click': accuracy at 0.5 against AUC, log loss and money."""
    return [
        ImbalanceRow(
            model,
            accuracy_at_half(data.clicked, data.score),
            quality.auc,
            quality.log_loss,
            model_rpm,
        ),
        ImbalanceRow(
            NO_CLICK,
            accuracy_at_half(data.clicked, np.zeros(len(data.score))),
            refs.no_click_quality.auc,
            refs.no_click_quality.log_loss,
            no_click_rpm,
        ),
    ]


def revenue_best_reserve(
    model_curve: AuctionCurve, reserves: np.ndarray, pricing: Pricing
) -> float:
    """The reserve on the grid where revenue per 1,000 queries is highest (the lowest such).

    Parameters
    ----------
    model_curve : AuctionCurve
    reserves : ndarray
        The reserve grid, USD per 1,000 impressions.
    pricing : {'first', 'second'}

    Returns
    -------
    float
    """
    rpm = [rpm_of(auction_at(model_curve, reserve=float(r), pricing=pricing)) for r in reserves]
    return float(reserves[int(np.argmax(rpm))])


def ads_view(
    data: AdsData,
    sweep: QualitySweep,
    model_curve: AuctionCurve,
    refs: References,
    *,
    model: str,
    pricing: Pricing,
    reserve: float,
) -> AdsView:
    """Look everything up for one setting; ``reserve`` must lie on the sweep's grid.

    Parameters
    ----------
    data : AdsData
        Validated auction candidates.
    sweep : QualitySweep
        Outcomes per knob and reserve.
    model_curve : AuctionCurve
        The model's auction curve.
    refs : References
        Reference rankings' curves.
    model : str
        Display name of the model.
    pricing : {'first', 'second'}
        First price (pay the bid) or generalised second price.
    reserve : float
        Minimum eCPM to show an ad, USD per 1,000 impressions.

    Returns
    -------
    AdsView
    """
    j = int(np.argmin(np.abs(sweep.reserves - reserve)))
    if not np.isclose(sweep.reserves[j], reserve):
        raise ValueError(f"reserve {reserve} is not on the grid of the quality sweep")
    outcome = auction_at(model_curve, reserve=reserve, pricing=pricing)
    quality = sweep.quality[int(np.flatnonzero(sweep.knobs == 0)[0])]
    ref = {name: auction_at(c, reserve=reserve, pricing=pricing) for name, c in refs.curves.items()}
    oracle_rpm = rpm_of(ref[ORACLE]) if ORACLE in ref else None
    reference_table = _reference_table({**ref, f"This model: {model}": outcome}, model, oracle_rpm)
    imbalance = _imbalance_rows(
        data,
        refs,
        model=model,
        quality=quality,
        model_rpm=rpm_of(outcome),
        no_click_rpm=rpm_of(ref[NO_CLICK]),
    )
    by_reserve = {
        r: auction_at(model_curve, reserve=float(r), pricing=pricing) for r in sweep.reserves
    }
    by_factor = dict(
        zip(
            CALIBRATION_FACTORS,
            calibration_sweep(model_curve, reserve=reserve, pricing=pricing),
            strict=True,
        )
    )
    quality_table = pd.DataFrame(
        {
            "knob": sweep.knobs,
            "auc": sweep.auc,
            "log_loss": sweep.log_loss,
            "rpm": sweep_rpm(sweep, data.n_queries, reserve_index=j, pricing=pricing),
        }
    )
    return AdsView(
        outcome=outcome,
        quality=quality,
        oracle_rpm=oracle_rpm,
        references=reference_table,
        reserve_table=_outcome_rows(by_reserve, sweep.reserves, "reserve"),
        calibration_table=_outcome_rows(by_factor, CALIBRATION_FACTORS, "factor"),
        quality_table=quality_table,
        imbalance=imbalance,
        current_knob=int(np.flatnonzero(sweep.knobs == 0)[0]),
    )
