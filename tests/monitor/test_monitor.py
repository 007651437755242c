import json
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from metrics.cli import main
from metrics.core.samples import sample_path
from metrics.monitor.chunks import chunk_rows
from metrics.monitor.data import join_labels, monitor_log
from metrics.monitor.model import build_monitor, realised_auc
from metrics.monitor.replay import as_of
from metrics.monitor.values import fraud_monitoring_model, matrix_model

START = pd.Timestamp("2026-01-05")  # a Monday


def synthetic(
    seed: int, *, days: int = 140, per_day: int = 400, warp=lambda p: p, reference_days: int = 56
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Labels drawn from probabilities p; the model reports ``warp(p)`` as its score."""
    rng = np.random.default_rng(seed)
    n = days * per_day
    day = np.repeat(np.arange(days), per_day)
    p = rng.beta(0.6, 6.0, n)
    frame = pd.DataFrame(
        {
            "timestamp": START + pd.to_timedelta(day, unit="D"),
            "score": warp(p),
            "label": (rng.random(n) < p).astype(int),
            "amount": np.round(rng.lognormal(3.5, 1.0, n), 2),
            "x": rng.normal(size=n),
            "label_date": (START + pd.to_timedelta(day + rng.integers(10, 40, n), unit="D")),
        }
    )
    reference = day < reference_days
    return frame[reference].reset_index(drop=True), frame[~reference].reset_index(drop=True)


def built(reference, analysis, *, threshold=0.3, model=None, period="week", **kw):
    log = monitor_log(
        reference,
        analysis,
        label="label",
        score="score",
        timestamp="timestamp",
        amount="amount",
        threshold=threshold,
        label_date="label_date",
    )
    return build_monitor(log, model or fraud_monitoring_model(5.0, 15.0, 0.1), period=period, **kw)


def test_weekly_chunks_split_at_the_end_of_the_reference_and_sizes_fold_their_remainder():
    stamps = (START + pd.to_timedelta(np.arange(20) // 2, unit="D")).to_numpy()
    reference = np.arange(20) < 6  # three days: ends on a Wednesday
    with pytest.raises(ValueError, match="has 6 rows; each needs at least 100"):
        chunk_rows(stamps, reference, period="week")
    stamps = np.repeat(stamps, 50)
    reference = np.repeat(reference, 50)
    chunks = chunk_rows(stamps, reference, period="week")
    assert list(chunks.rows) == [300, 400, 300]  # Mon-Wed reference, Thu-Sun, next week
    assert list(chunks.reference) == [True, False, False]
    by_size = chunk_rows(stamps, reference, size=300)
    assert list(by_size.rows) == [300, 300, 400]  # 700 analysis rows: 300 + (300 + 100)
    with pytest.raises(ValueError, match="at least 100 rows"):
        chunk_rows(stamps, reference, size=50)


def test_realised_value_and_auc_per_chunk_equal_a_loop_and_scikit_learn():
    reference, analysis = synthetic(1)
    monitor = built(reference, analysis)
    snap = as_of(monitor, "2027-01-01")  # every label has arrived
    rows = pd.concat([reference, analysis], ignore_index=True)
    week = rows["timestamp"].dt.to_period("W-SUN")
    model = fraud_monitoring_model(5.0, 15.0, 0.1)
    for i, (period, part) in enumerate(rows.groupby(week, sort=True)):
        flagged = part["score"] >= 0.3
        y, a = part["label"], part["amount"]
        expected = (
            (flagged & (y == 1)) * -5.0
            + (flagged & (y == 0)) * (-5.0 - 0.1 * a)
            + (~flagged & (y == 1)) * (-15.0 - a)
        ).sum()
        assert snap.table["realized_value"][i] == pytest.approx(expected, rel=1e-9)
        assert snap.table["roc_auc"][i] == pytest.approx(roc_auc_score(y, part["score"]))
        assert str(snap.table["start"][i])[:10] == str(period.start_time.date())
    del model


def test_the_estimate_lands_in_its_95_percent_band_in_about_95_percent_of_chunks():
    reference, analysis = synthetic(2, days=420, per_day=300, reference_days=70)
    monitor = built(reference, analysis, period="day", model=matrix_model((0, -5, -60, 40)))
    snap = as_of(monitor, "2028-01-01")
    inside = (snap.table["realized_value"] >= snap.table["estimated_lower"]) & (
        snap.table["realized_value"] <= snap.table["estimated_upper"]
    )
    assert 0.90 <= inside.mean() <= 0.99, inside.mean()
    gap = snap.table["estimated_roc_auc"] - snap.table["roc_auc"]
    assert abs(gap.mean()) < 0.01


def test_miscalibrated_scores_are_calibrated_and_the_estimate_then_matches_on_average():
    raw = built(*synthetic(3, warp=lambda p: p**2))  # scores far below the true rates
    assert raw.calibration.needed
    snap = as_of(raw, "2027-01-01")
    analysis = snap.table[snap.table["period"] == "analysis"]
    ratio = analysis["estimated_value"].sum() / analysis["realized_value"].sum()
    assert ratio == pytest.approx(1.0, abs=0.06)


def test_the_band_is_the_reference_mean_plus_minus_three_deviations_and_alerts_outside():
    monitor = built(*synthetic(4))
    snap = as_of(monitor, "2027-01-01")
    ref = snap.table[snap.table["period"] == "reference"]["realized_value"]
    low, high = ref.mean() - 3 * ref.std(ddof=1), ref.mean() + 3 * ref.std(ddof=1)
    assert monitor.band == pytest.approx((low, high))
    value = snap.table["realized_value"]
    assert list(snap.table["realized_alert"]) == list((value < low) | (value > high))


def test_the_replay_never_uses_a_label_that_had_not_arrived():
    reference, analysis = synthetic(5)
    day = "2026-04-20"
    before = as_of(built(reference, analysis), day)
    arrived = pd.to_datetime(analysis["label_date"]) <= pd.Timestamp(day)
    flipped = analysis.assign(label=np.where(arrived, analysis["label"], 1 - analysis["label"]))
    after = as_of(built(reference, flipped), day)
    pd.testing.assert_frame_equal(before.table, after.table)
    week = analysis["timestamp"].dt.to_period("W-SUN")
    counted = arrived.groupby(week).sum().to_numpy()
    shown = before.table[before.table["period"] == "analysis"]["labelled_rows"].to_numpy()
    np.testing.assert_array_equal(shown, counted[: len(shown)])
    assert before.table["end"].max() <= np.datetime64(day)


def test_bad_inputs_name_the_problem():
    reference, analysis = synthetic(6)
    with pytest.raises(ValueError, match="needs a label on every row and both classes"):
        built(reference.assign(label=0), analysis)
    with pytest.raises(ValueError, match="reference period makes fewer than 2 chunks"):
        built(*synthetic(6, reference_days=20), period="month")
    ids = analysis.assign(id=range(len(analysis))).drop(columns="label")
    labels = pd.DataFrame({"id": [10**9], "label": [1]})
    with pytest.raises(ValueError, match="no id of the labels file is in the analysis file"):
        join_labels(ids, labels, id_column="id", label="label")
    with pytest.raises(ValueError, match="more than once"):
        join_labels(
            ids, pd.DataFrame({"id": [1, 1], "label": [0, 1]}), id_column="id", label="label"
        )


def test_the_monitor_command_prints_the_chunks_and_rejects_bad_input(tmp_path, capsys):
    reference, analysis = synthetic(7)
    reference.to_csv(tmp_path / "ref.csv", index=False)
    ana = analysis.assign(id=range(len(analysis)))
    ana.drop(columns=["label", "label_date"]).to_csv(tmp_path / "ana.csv", index=False)
    ana[["id", "label", "label_date"]].to_csv(tmp_path / "labels.csv", index=False)
    common = ["monitor", "--reference", str(tmp_path / "ref.csv"), "--analysis"]
    args = [*common, str(tmp_path / "ana.csv"), "--labels", str(tmp_path / "labels.csv")]
    args += ["--id-column", "id", "--threshold", "0.3", "--chunk-period", "week"]
    assert main([*args, "--value-matrix", "0,-5,-60,40", "--as-of", "2026-04-01", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {
        "schema_version", "command", "as_of", "band", "normal_ranges", "calibrated", "chunks"
    }  # fmt: skip
    assert set(report["normal_ranges"]) == {"roc_auc", "f1", "precision", "recall"}
    first = report["chunks"][0]
    assert set(first) == {
        "period", "start", "end", "rows", "labelled_rows", "realized_value", "estimated_value",
        "estimated_lower", "estimated_upper", "realized_alert", "estimated_alert", "roc_auc",
        "alerts", *(f"{kind}_{name}" for name in ("roc_auc", "f1", "precision", "recall")
                    for kind in ("estimated", "realized")),
    }  # fmt: skip
    assert all(isinstance(c["alerts"], list) for c in report["chunks"])
    assert first["period"] == "reference" and first["realized_value"] is not None
    assert all(c["end"] <= "2026-04-01" for c in report["chunks"])
    assert main([*args, "--value-matrix", "0,-5,x"]) == 2
    assert "give four numbers TN,FP,FN,TP" in capsys.readouterr().err
    assert main([*args]) == 2
    assert "--amount-column" in capsys.readouterr().err
    no_labels = [*common, str(tmp_path / "ana.csv"), "--threshold", "0.3", "--chunk-size", "5000"]
    assert main([*no_labels, "--value-matrix", "0,-5,-60,40", "--json"]) == 0
    chunks = json.loads(capsys.readouterr().out)["chunks"]
    assert all(c["realized_value"] is None for c in chunks if c["period"] == "analysis")


def test_f1_precision_and_recall_per_chunk_equal_scikit_learn_and_expected_counts():
    from sklearn.metrics import f1_score, precision_score, recall_score

    from metrics.monitor.rates import estimated_rates, realised_rates

    reference, analysis = synthetic(4)
    monitor = built(reference, analysis)
    known = ~np.isnan(monitor.log.y)
    realised, estimated = realised_rates(monitor, known), estimated_rates(monitor)
    p = monitor.calibration.probabilities(monitor.log.score)
    for c, rows in enumerate(monitor.chunks.members):
        y, flagged = monitor.log.y[rows].astype(int), monitor.log.flagged[rows]
        assert realised["f1"][c] == pytest.approx(f1_score(y, flagged))
        assert realised["precision"][c] == pytest.approx(precision_score(y, flagged))
        assert realised["recall"][c] == pytest.approx(recall_score(y, flagged))
        tp, fp = p[rows][flagged].sum(), (1 - p[rows][flagged]).sum()
        fn = p[rows][~flagged].sum()
        assert estimated["f1"][c] == pytest.approx(2 * tp / (2 * tp + fp + fn))
        assert estimated["recall"][c] == pytest.approx(tp / (tp + fn))


def test_realised_auc_is_undefined_with_one_class():
    reference, analysis = synthetic(8)
    monitor = built(reference, analysis)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        aucs = realised_auc(monitor, np.zeros(len(monitor.log.y), dtype=bool))
    assert np.isnan(aucs).all()


def test_normal_ranges_of_the_ml_metrics_stay_within_0_and_1(tmp_path, capsys):
    """The sample's reference AUCs lie close to 1: mean + 3 sd passes 1, which no AUC does."""
    frame = pd.read_csv(sample_path("fraud_monitoring.csv.gz")).iloc[::10]
    for period in ("reference", "analysis"):
        frame[frame["period"] == period].to_csv(tmp_path / f"{period}.csv", index=False)
    args = ["monitor", "--reference", str(tmp_path / "reference.csv"), "--analysis"]
    args += [str(tmp_path / "analysis.csv"), "--label-column", "is_fraud", "--threshold", "0.5"]
    assert main([*args, "--chunk-period", "week", "--amount-column", "amount", "--json"]) == 0
    ranges = json.loads(capsys.readouterr().out)["normal_ranges"]
    assert all(0 <= r["lower"] <= r["upper"] <= 1 for r in ranges.values())
    assert ranges["roc_auc"]["upper"] == 1.0  # clipped: the raw mean + 3 sd is above 1


def test_without_amounts_the_command_names_the_files_amount_column(tmp_path, capsys):
    reference, analysis = synthetic(3)
    reference.assign(amount=10.0).to_csv(tmp_path / "ref.csv", index=False)
    analysis.assign(amount=10.0).to_csv(tmp_path / "ana.csv", index=False)
    args = ["monitor", "--reference", str(tmp_path / "ref.csv"), "--analysis"]
    args += [str(tmp_path / "ana.csv"), "--threshold", "0.3", "--chunk-period", "week"]
    assert main(args) == 2
    assert "(this file has 'amount': --amount-column amount)" in capsys.readouterr().err


def test_periods_that_overlap_are_refused_and_the_wrong_way_round_is_said(tmp_path, capsys):
    from metrics.monitor.data import period_note

    reference, analysis = synthetic(5, days=70, per_day=50)
    log = monitor_log(reference, analysis, label="label", score="score", timestamp="timestamp",
                      threshold=0.3)  # fmt: skip
    assert period_note(log) is None
    mixed = pd.concat([reference.iloc[-100:], analysis])  # two days of the reference again
    said = r"the analysis period starts on 2026-02-28, before the reference \(2026-01-05 to "
    with pytest.raises(ValueError, match=said):
        monitor_log(reference, mixed, label="label", score="score", timestamp="timestamp",
                    threshold=0.3)  # fmt: skip
    swapped = monitor_log(analysis.dropna(), reference, label="label", score="score",
                          timestamp="timestamp", threshold=0.3)  # fmt: skip
    assert period_note(swapped).startswith(
        "The analysis period (2026-01-05 to 2026-03-01) ends before the reference starts "
        "(2026-03-02 to 2026-03-15): are the two files the wrong way round?"
    )
    reference.to_csv(tmp_path / "ref.csv", index=False)
    mixed.to_csv(tmp_path / "ana.csv", index=False)
    args = ["monitor", "--reference", str(tmp_path / "ref.csv"), "--analysis"]
    args += [str(tmp_path / "ana.csv"), "--threshold", "0.3", "--chunk-period", "week"]
    assert main([*args, "--value-matrix", "0,-5,-60,40", "--json"]) == 2
    assert "error: the analysis period starts on 2026-02-28" in capsys.readouterr().err
    reference.to_csv(tmp_path / "ana.csv", index=False)
    analysis.to_csv(tmp_path / "ref.csv", index=False)
    with pytest.warns(UserWarning, match="are the two files the wrong way round"):
        assert main([*args, "--value-matrix", "0,-5,-60,40", "--json"]) == 0


def test_the_drift_chart_draws_a_reference_and_an_analysis_chunk_that_start_on_one_day():
    """The reference ends at noon and the analysis starts after it, the same day: with daily
    chunks both start that day, and the heat map keeps them apart instead of failing."""
    from metrics.monitor.charts import drift_figure
    from metrics.monitor.drift import drift_table

    reference, analysis = synthetic(9, days=6, per_day=200, reference_days=3)
    noon = pd.Timestamp("2026-01-08 12:00")
    reference = pd.concat([reference, analysis.iloc[:100].assign(timestamp=noon)])
    analysis = analysis.iloc[100:].assign(
        timestamp=lambda f: f["timestamp"].where(f.index >= 200, noon + pd.Timedelta(hours=2))
    )
    monitor = built(reference, analysis, period="day", model=matrix_model((0, -5, -60, 40)))
    log = monitor.log
    table = drift_table(log.features, log.reference, monitor.chunks)
    starts = table.drop_duplicates("chunk")["start"]
    assert starts.duplicated().any()  # two chunks start on Jan 8
    figure = drift_figure(table)
    assert len(figure.data[0].x) == table["chunk"].nunique()
