import numpy as np
import pandas as pd
import pytest

from metrics.core.bootstrap import bootstrap_curves
from metrics.core.timestamps import days_covered
from metrics.fraud.model import (
    FALLBACK_THRESHOLD,
    FraudCosts,
    FraudData,
    analyse,
    opening_reason,
    opening_threshold,
    snapshot,
)
from metrics.fraud.view import THRESHOLD_GRID, curve_table, headline, policies

DATA = FraudData(
    y_true=np.array([1, 0, 1, 0]),
    y_score=np.array([0.9, 0.8, 0.4, 0.1]),
    amount=np.array([200.0, 50.0, 30.0, 1000.0]),
    days=2.0,
)


def test_snapshot_splits_net_savings_into_caught_fraud_and_false_alarms():
    analysis = analyse(DATA, FraudCosts(), capacity_per_day=1)
    snap = snapshot(analysis, 0.5)
    assert snap.net_savings == pytest.approx(200.0)  # see test_value's hand case
    assert snap.caught_fraud_value == pytest.approx(210.0)
    assert snap.false_alarm_cost == pytest.approx(10.0)
    assert snap.caught_fraud_amount == 200.0 and snap.missed_fraud_amount == 30.0
    assert snap.flagged_legit_amount == 50.0
    assert snap.share_of_perfect == pytest.approx(200 / 250)  # perfect: 230 + 2 x (15 - 5)
    assert snap.alerts_per_day == 1.0 and not snap.over_capacity
    assert snapshot(analysis, 0.3).over_capacity


def test_headline_reads_as_a_sentence():
    analysis = analyse(DATA, FraudCosts(), capacity_per_day=1)
    assert headline(snapshot(analysis, 0.3), days=2) == (
        "At a threshold of 0.30, the model flags 1.5 transactions a day; your reviewers can only "
        "handle 1. It catches 100% of the fraud and saves $43,800 a year ($240 over 2 days) "
        "compared with approving everything."
    )
    no_dates = analyse(FraudData(DATA.y_true, DATA.y_score, DATA.amount), FraudCosts())
    assert headline(snapshot(no_dates, 0.05), days=None) == (
        "At a threshold of 0.05, the model flags 4 transactions. It catches 100% of the fraud "
        "and saves $135 compared with approving everything."
    )
    assert "catches none of the fraud and saves $0" in headline(snapshot(no_dates, 0.95), days=None)


def test_policies_show_the_accuracy_paradox():
    rng = np.random.default_rng(1)
    n = 5000
    y = (rng.random(n) < 0.01).astype(int)
    s = np.clip(0.35 * y + rng.random(n) * 0.65, 0, 1)
    data = FraudData(y, s, rng.lognormal(5, 1, n), days=10)
    rows = {p.name: p for p in policies(analyse(data, FraudCosts(), capacity_per_day=5))}
    everything = rows["Approve everything"]
    assert everything.accuracy > 0.98 and everything.net_savings == 0.0
    assert rows["Most money"].net_savings >= max(p.net_savings for p in rows.values())
    assert rows["Most money within review capacity"].flagged <= 50


def test_curve_table_is_exact_at_grid_points_and_carries_the_band():
    boot = bootstrap_curves(
        DATA.y_true, DATA.y_score, amount=DATA.amount, thresholds=THRESHOLD_GRID, n_resamples=20
    )
    table = curve_table(analyse(DATA, FraudCosts(), boot=boot))
    assert len(table) == len(THRESHOLD_GRID)
    row = table.set_index("threshold").loc[0.5]
    assert row["flagged"] == 2 and row["net_savings_usd"] == pytest.approx(200.0)
    assert row["alerts_per_day"] == 1.0
    assert {"net_savings_low_usd", "net_savings_high_usd"} <= set(table.columns)


def test_days_covered_counts_calendar_days():
    stamps = pd.Series(pd.to_datetime(["2026-06-01 23:59", "2026-06-30 00:01"]))
    assert days_covered(stamps) == 30


def test_a_model_that_only_loses_money_gets_a_readable_chart_and_tiles():
    from metrics.fraud.charts import savings_curve_figure
    from metrics.fraud.tiles import money_tiles
    from metrics.fraud.view import fraud_view, prepare

    y = np.array([0, 0, 0, 1])
    s = np.array([0.9, 0.8, 0.7, 0.1])  # every flag is a false alarm until the last
    data = FraudData(y_true=y, y_score=s, amount=np.array([500.0, 400.0, 300.0, 1.0]))
    view = fraud_view(prepare(data, n_resamples=50), FraudCosts(), capacity_per_day=None)
    low, high = savings_curve_figure(view.table, view.analysis, 0.5).layout.yaxis.range
    assert low < float(view.table["net_savings_usd"].min()) and high > 0
    share = money_tiles(snapshot(view.analysis, 0.0), view.analysis)[1].value
    assert share == "below -100%"


def test_the_page_opens_at_the_most_money_within_capacity():
    within = analyse(DATA, FraudCosts(), capacity_per_day=1)
    assert within.best.savings_within_capacity is not None
    assert opening_threshold(within) == within.best.savings_within_capacity.threshold
    assert "within the review capacity" in opening_reason(within)
    no_dates = analyse(FraudData(DATA.y_true, DATA.y_score, DATA.amount), FraudCosts())
    assert opening_threshold(no_dates) == no_dates.best.savings.threshold
    costly = analyse(DATA, FraudCosts(review_cost=1e6), capacity_per_day=1)
    assert opening_threshold(costly) == FALLBACK_THRESHOLD
    assert "no threshold saves money" in opening_reason(costly)
