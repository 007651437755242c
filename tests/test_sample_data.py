import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLES = [
    ("make_fraud.py", "fraud_transactions.csv.gz"),
    ("make_ads.py", "ads_auctions.csv.gz"),
    ("make_fraud_models.py", "fraud_candidates.csv.gz"),
    ("make_monitor.py", "fraud_monitoring.csv.gz"),
    ("make_screening.py", "screening_breast_cancer.csv"),
]
FEED_FILES = ["feed_users.csv", "feed_posts.csv.gz", "feed_engagement_model.json"]
FRAMING_FILES = [
    "tickets_multiclass.csv.gz",
    "demand_regression.csv.gz",
    "tags_multilabel.csv.gz",
    "next_app_framing.csv.gz",
]


@pytest.mark.parametrize(("script", "name"), SAMPLES)
def test_regenerating_a_sample_gives_identical_bytes(tmp_path, script, name):
    out = tmp_path / name
    subprocess.run([sys.executable, str(SAMPLE / script), "--output", str(out)], check=True)
    assert out.read_bytes() == (SAMPLE / name).read_bytes(), (
        f"sample_data/{name} differs from what {script} writes; rerun the script and commit "
        "the result"
    )


def test_regenerating_the_feed_sample_gives_identical_bytes(tmp_path):
    subprocess.run(
        [sys.executable, str(SAMPLE / "make_feed.py"), "--output-dir", str(tmp_path)], check=True
    )
    for name in FEED_FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_regenerating_the_framing_samples_gives_identical_bytes(tmp_path):
    subprocess.run(
        [sys.executable, str(SAMPLE / "make_framing.py"), "--output-dir", str(tmp_path)],
        check=True,
    )
    for name in FRAMING_FILES:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


@pytest.mark.parametrize(
    ("script", "name"),
    [
        *SAMPLES,
        ("make_feed.py", "feed_users.csv"),
        ("make_feed.py", "feed_posts.csv.gz"),
        *(("make_framing.py", name) for name in FRAMING_FILES),
    ],
)
def test_every_sample_column_is_documented(script, name):
    columns = pd.read_csv(SAMPLE / name, nrows=1).columns
    readme = (SAMPLE / "README.md").read_text()
    section = readme[readme.index(f"`{name}`") :]
    documented = set(re.findall(r"^\| `(\w+)`", section, re.M))
    assert set(columns) <= documented, set(columns) - documented
