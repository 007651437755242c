import datetime as dt

import pytest

from metrics.monitor.data import load_monitor_sample, monitor_log
from metrics.monitor.drift import drift_table
from metrics.monitor.model import build_monitor
from metrics.monitor.replay import as_of
from metrics.monitor.values import fraud_monitoring_model


@pytest.fixture(scope="module")
def monitor():
    reference, analysis = load_monitor_sample()
    log = monitor_log(
        reference,
        analysis,
        label="is_fraud",
        score="score",
        timestamp="timestamp",
        amount="amount",
        threshold=0.3,
        label_date="label_date",
    )
    return build_monitor(log, fraud_monitoring_model(5.0, 15.0, 0.1), period="week")


def test_drift_points_at_the_frozen_feature_and_the_merchant_mix(monitor):
    drift = drift_table(monitor.log.features, monitor.log.reference, monitor.chunks)
    week = drift["start"].astype(str)
    frozen = drift[(drift["feature"] == "card_age_days")]
    assert frozen[week.loc[frozen.index] >= "2026-07-27"]["alert"].all()
    assert frozen[week.loc[frozen.index] >= "2026-08-03"]["constant"].all()
    assert not frozen[week.loc[frozen.index] < "2026-07-27"]["alert"].any()
    mix = drift[drift["feature"] == "merchant_category"]
    assert mix[week.loc[mix.index] >= "2026-06-29"]["alert"].all()
    assert not mix[week.loc[mix.index] < "2026-06-29"]["alert"].any()
    quiet = drift[drift["feature"].isin(["hour", "velocity_24h", "country_mismatch"])]
    assert not quiet["alert"].any()


def test_the_fraud_ring_shows_only_in_labels_and_the_estimate_catches_the_frozen_feature(monitor):
    ring, frozen = as_of(monitor, "2026-10-31").failures
    assert ring.start == dt.date(2026, 6, 1) and ring.estimated_alert is None
    assert ring.realised_alert is not None and ring.loss > 0
    assert frozen.start == dt.date(2026, 7, 27)
    assert frozen.estimated_alert == dt.date(2026, 8, 2)
    assert (frozen.labels_due - frozen.estimated_alert).days >= 30
    assert frozen.loss_until_estimated < frozen.loss_until_realised
    # on the last day of the log the labels of the frozen weeks have not arrived yet
    (_, seen_then) = as_of(monitor, "2026-08-27").failures
    assert seen_then.realised_alert is None and seen_then.estimated_alert is not None


def test_amount_weighted_calibration_gets_the_money_right_where_counts_alone_do_not(monitor):
    from metrics.monitor.values import row_values

    log, ref = monitor.log, monitor.log.reference
    values = row_values(fraud_monitoring_model(5.0, 15.0, 0.1), log.flagged[ref], log.amount[ref])
    realised = values.realised(log.y[ref]).sum()
    p = monitor.calibration.probabilities(log.score[ref])
    by_count = values.expected(p).sum()
    by_money = values.expected(p, monitor.calibration.amount_probabilities(log.score[ref])).sum()
    assert by_money == pytest.approx(realised, rel=0.05)
    assert by_count / realised < 0.6
