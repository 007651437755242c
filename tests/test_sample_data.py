import gzip
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def test_regenerating_the_fraud_sample_gives_identical_bytes(tmp_path):
    out = tmp_path / "fraud.csv.gz"
    subprocess.run(
        [sys.executable, str(SAMPLE / "make_fraud.py"), "--output", str(out)], check=True
    )
    committed = SAMPLE / "fraud_transactions.csv.gz"
    assert out.read_bytes() == committed.read_bytes(), (
        "sample_data/fraud_transactions.csv.gz differs from what make_fraud.py writes; "
        "rerun the script and commit the result"
    )


def test_every_sample_column_is_documented():
    with gzip.open(SAMPLE / "fraud_transactions.csv.gz", "rt") as handle:
        columns = pd.read_csv(handle, nrows=1).columns
    documented = set(re.findall(r"^\| `(\w+)`", (SAMPLE / "README.md").read_text(), re.M))
    assert set(columns) <= documented, set(columns) - documented
