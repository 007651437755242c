#!/usr/bin/env bash
# Prove the dependency floors in pyproject.toml: install exactly the declared minimum
# versions with a plain (not editable) `pip install .` into a fresh venv, run the installed
# `valuelens` command on a file from another folder, then run the unit tests against it.
# Slow (a few minutes, new wheels): not part of every CI run. Usage:
#   bash scripts/check_minimum_versions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$VENV")"' EXIT
# Work on a copy of the committed tree, so edits made while this runs cannot mix in.
copy="$(dirname "$VENV")/checkout"
mkdir -p "$copy"
git archive HEAD | tar -x -C "$copy"
cd "$copy"

"$PYTHON" -m venv "$VENV"
pins="$(dirname "$VENV")/minimum.txt"
"$PYTHON" - > "$pins" <<'PY'
import re, tomllib
with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
    name, floor = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", spec).groups()
    # Test tools stay at their floors too, except where a floor cannot run the others.
    print(f"{name}=={floor}")
PY
echo "Installing the declared minimum versions:"; sed 's/^/  /' "$pins"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r "$pins" .

work="$(dirname "$VENV")/elsewhere"
mkdir -p "$work"
"$VENV/bin/python" - "$work/scored.csv" <<'PY'
import sys

import pandas as pd

frame = pd.read_csv("sample_data/fraud_transactions.csv.gz")
frame = frame[frame["split"] == "test"].head(5000)
frame = frame.rename(columns={"is_fraud": "label", "score_gbm": "score"})
frame[["timestamp", "amount", "label", "score"]].to_csv(sys.argv[1], index=False)
PY
(cd "$work" && "$VENV/bin/valuelens" evaluate --data scored.csv --threshold 0.3 --json \
  > report.json && grep -q '"net_savings"' report.json)
echo "The installed valuelens command ran from another folder."

# The unit tests against the installed package (the browser and page tests need the
# dashboard's checkout and are covered by the normal test command). Regenerating the samples
# byte for byte is checked with the versions the samples were made with, not the floors:
# model fits and CSV float formatting differ between releases.
# pytest (not python -m pytest) keeps the checkout off sys.path: the installed package is tested.
"$VENV/bin/pytest" -q -p no:cacheprovider --ignore=tests/app \
  -o addopts="--import-mode=importlib" -k "not regenerating" tests
