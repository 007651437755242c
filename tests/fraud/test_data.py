import pandas as pd
import pytest

from metrics.core.io import read_table
from metrics.fraud.data import FRAUD_SAMPLE_MODELS, fraud_data, load_fraud_sample

FRAME = pd.DataFrame(
    {
        "timestamp": ["2026-06-01 10:00:00", "2026-06-02 23:00:00", "2026-06-03 00:10:00"],
        "label": [0, 1, 0],
        "score": [0.1, 0.8, 0.3],
        "amount": [10.0, 200.0, 35.5],
    }
)


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".parquet"])
def test_reads_csv_gzip_and_parquet_from_paths_and_bytes(tmp_path, suffix):
    path = tmp_path / f"scored{suffix}"
    if suffix == ".parquet":
        FRAME.to_parquet(path)
    else:
        FRAME.to_csv(path, index=False)
    for source in (path, path.read_bytes()):
        data = fraud_data(read_table(source))
        assert data.days == 3
        assert data.y_true.tolist() == [0, 1, 0]
        assert data.amount.sum() == pytest.approx(245.5)


def test_timestamp_is_optional():
    assert fraud_data(FRAME.drop(columns="timestamp")).days is None


def test_missing_column_lists_what_the_file_has():
    with pytest.raises(
        ValueError,
        match=r"column 'score' \(score\) is missing; the file has "
        r"columns: timestamp, label, amount",
    ):
        fraud_data(FRAME.drop(columns="score"))


def test_bad_dates_and_unreadable_files_say_how_to_fix(tmp_path):
    bad = FRAME.assign(timestamp=["2026-06-01", "soon", "2026-06-03"])
    with pytest.raises(
        ValueError,
        match=r"column 'timestamp' has 1 value that cannot be read as a date, "
        r"e.g. 'soon' in row 1",
    ):
        fraud_data(bad)
    with pytest.raises(ValueError, match=r"file 'missing.csv' was not found"):
        read_table("missing.csv")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(ValueError, match=r"could not be read as Parquet .*save it as CSV"):
        read_table(broken)
    empty = tmp_path / "empty.csv"
    empty.write_text("label,score,amount\n")
    with pytest.raises(ValueError, match="has no data rows"):
        read_table(empty)


@pytest.mark.parametrize("model", list(FRAUD_SAMPLE_MODELS))
def test_sample_scores_the_last_30_days_with_rare_fraud(model):
    data = load_fraud_sample(model)
    assert data.days == 30
    assert 50_000 < len(data.y_true) < 80_000
    assert 0.001 < data.y_true.mean() < 0.01


def test_unknown_sample_model_is_named():
    with pytest.raises(ValueError, match="model 'Magic' is not in the sample; choose one of"):
        load_fraud_sample("Magic")
