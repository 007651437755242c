"""The command line's JSON is a contract: every command's output on every sample it reads
validates against its published schema, every field is described with its unit, and the
command that runs imports only what it uses."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from metrics.cli import COMMANDS, main
from metrics.core.scenario import new_scenario
from metrics.core.schema import SCHEMA_MODULES, schema_of, schema_version

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_data"
FRAUD = str(SAMPLES / "fraud_transactions.csv.gz")
ADS = str(SAMPLES / "ads_auctions.csv.gz")
SCREENING = str(SAMPLES / "screening_breast_cancer.csv")
MATRICES = ROOT / "examples" / "matrices"
TEAMS = ",".join(f"boost_{team}" for team in ("billing", "technical", "account", "outage"))
TAGS = ("sports", "politics", "music", "tech")


@pytest.fixture(scope="module")
def monitoring_files(tmp_path_factory) -> tuple[str, str]:
    """The monitoring sample's reference and analysis periods (every 25th row)."""
    folder = tmp_path_factory.mktemp("monitoring")
    rows = pd.read_csv(SAMPLES / "fraud_monitoring.csv.gz").iloc[::25]
    paths = []
    for period in ("reference", "analysis"):
        path = folder / f"{period}.csv"
        rows[rows["period"] == period].to_csv(path, index=False)
        paths.append(str(path))
    return paths[0], paths[1]


def _one_model_fleet(folder: Path) -> Path:
    """A registry of one healthy model of the bundled fleet (fleet exits 0)."""
    from metrics.fleet.sample import model_log, registry_text

    (folder / "logs").mkdir(exist_ok=True)
    model_log(1).to_parquet(folder / "logs" / "fraud-001.parquet", index=False)
    head, first, *_ = registry_text().split("[[model]]")
    path = folder / "fleet.toml"
    path.write_text(head + "[[model]]" + first)
    return path


def invocations(monitoring: tuple[str, str], folder: Path) -> list[list[str]]:
    """Each command on each sample it reads, with the options that add optional fields."""
    fraud_cols = ["--label-column", "is_fraud", "--where", "split=test"]
    scenario = folder / "fraud.json"
    scenario.write_text(new_scenario("fraud", {"fraud_threshold": 0.3}, "s", "x").to_json())
    no_truth = folder / "ads_without_p_true.csv"
    pd.read_csv(ADS).drop(columns="p_true").to_csv(no_truth, index=False)
    reference, analysis = monitoring
    return [
        ["evaluate", "--data", FRAUD, *fraud_cols, "--score-column", "score_gbm",
         "--threshold", "0.03", "--capacity-per-day", "25", "--interval"],
        ["evaluate", "--data", FRAUD, *fraud_cols, "--score-column", "score_logreg",
         "--threshold", "0.5"],
        ["ads", "--data", ADS, "--score-column", "score_gbm", "--reserve", "20"],
        ["ads", "--data", str(no_truth), "--score-column", "score_gbm", "--rank-by", "bid",
         "--slots", "3", "--pricing", "second"],
        ["feed"],
        ["feed", "--alpha", "0", "--beta", "1", "--k", "5"],
        ["decide", "--data", SCREENING, "--label-column", "malignant", "--score-column",
         "score_forest", "--value-matrix", "0,-1000,-50000,-1000", "--min-recall", "0.95",
         "--review-cost", "300", "--segment-column", "tumour_size", "--compare-column",
         "score_logreg", "--threshold", "0.5"],
        ["decide", "--data", FRAUD, "--where", "split=test", "--label-column", "is_fraud",
         "--score-column",
         "score_gbm", "--amount-column", "amount", "--timestamp-column", "timestamp",
         "--value-matrix", "0,-5,0,10", "--amount-rates", "0,-0.1,0,1"],
        ["decide", "--task", "multiclass", "--data", str(SAMPLES / "tickets_multiclass.csv.gz"),
         "--label-column", "team", "--score-columns", TEAMS, "--value-matrix-file",
         str(MATRICES / "ticket_routing.csv"), "--amount-rates-file",
         str(MATRICES / "ticket_routing_rates.csv"), "--amount-column", "contract_value",
         "--review-capacity", "90"],
        ["decide", "--task", "multilabel", "--data", str(SAMPLES / "tags_multilabel.csv.gz"),
         "--label-columns", ",".join(f"is_{t}" for t in TAGS), "--score-columns",
         ",".join(f"score_{t}" for t in TAGS), "--value-matrix-file",
         str(MATRICES / "tagging.csv")],
        ["decide", "--task", "regression", "--data", str(SAMPLES / "demand_regression.csv.gz"),
         "--target-column", "units_sold", "--prediction-column", "pred_q80", "--under-cost",
         "0.4", "--over-cost", "0.1", "--amount-column", "price"],
        ["monitor", "--reference", reference, "--analysis", analysis, "--label-column",
         "is_fraud", "--amount-column", "amount", "--threshold", "0.3", "--chunk-period",
         "month", "--label-date-column", "label_date", "--as-of", "2026-08-01"],
        ["monitor", "--reference", reference, "--analysis", analysis, "--label-column",
         "is_fraud", "--value-matrix", "0,-5,-60,40", "--threshold", "0.3", "--chunk-size",
         "1000"],
        ["fleet", "--registry", str(_one_model_fleet(folder))],
        ["adapt"],
        ["adapt", "--cadence", "never", "--noise", "0.05", "--stale", "0.5"],
        ["report", "--scenario", str(scenario), "--out", str(folder / "r.html")],
    ]  # fmt: skip


def test_every_command_on_every_sample_validates_against_its_schema(
    monitoring_files, tmp_path, capsys, monkeypatch
):
    seen: dict[str, set[str]] = {}
    runs = invocations(monitoring_files, tmp_path)
    if importlib.util.find_spec("mlflow") is not None:  # --mlflow adds mlflow_run_id
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")
        runs.append(
            ["decide", "--data", SCREENING, "--label-column", "malignant", "--score-column",
             "score_forest", "--value-matrix", "0,-1000,-50000,-1000", "--mlflow"]
        )  # fmt: skip
    for argv in runs:
        code = main([*argv, "--json"])
        out, err = capsys.readouterr()
        assert code == 0, err
        report = json.loads(out)
        assert report["schema_version"] == schema_version(argv[0])
        assert report["command"] == argv[0]
        jsonschema.validate(report, schema_of(argv[0]), cls=jsonschema.Draft202012Validator)
        seen.setdefault(argv[0], set()).update(report)
    for command in SCHEMA_MODULES:
        # every field the schema lists was written by some invocation above
        assert set(schema_of(command)["properties"]) <= seen[command], command


def test_a_task_output_without_its_fields_fails_validation():
    report = {"schema_version": schema_version("decide"), "command": "decide",
              "task": "multiclass", "n": 3}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError, match="'classes' is a required property"):
        jsonschema.validate(report, schema_of("decide"), cls=jsonschema.Draft202012Validator)


def test_a_renamed_field_fails_validation():
    report = {"schema_version": 1, "command": "report", "out": "r.html", "sections": 1}
    report["size"] = 10  # "bytes" renamed
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema_of("report"), cls=jsonschema.Draft202012Validator)


def _described(schema: dict, where: str) -> list[str]:
    """Places in a schema whose fields lack a description."""
    missing = [] if "description" in schema else [where]
    for name, field in schema.get("properties", {}).items():
        missing += _described(field, f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict) and schema[key].get("type") == "object":
            missing += _described(schema[key], f"{where}[{key}]")
    return missing


@pytest.mark.parametrize("command", list(SCHEMA_MODULES))
def test_each_schema_is_draft_2020_12_and_describes_every_field(command):
    schema = schema_of(command)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert _described(schema, command) == []
    assert schema["additionalProperties"] is False
    assert isinstance(schema_version(command), int)


@pytest.mark.parametrize("command", list(SCHEMA_MODULES))
def test_the_schema_command_prints_the_schema(command, capsys):
    assert main(["schema", command]) == 0
    assert json.loads(capsys.readouterr().out) == schema_of(command)


def test_the_schema_command_names_the_commands_it_knows(capsys):
    assert main(["schema", "dashboard"]) == 2
    assert "invalid choice: 'dashboard'" in capsys.readouterr().err


def _imported(argv: list[str]) -> set[str]:
    """Top-level packages a command's process imported, in a fresh interpreter."""
    code = (
        "import sys, contextlib, io\n"
        "from metrics.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try: main({argv!r})\n"
        "    except SystemExit: pass\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


HEAVY = {"pandas", "sklearn", "scipy", "plotly", "streamlit", "duckdb", "pyarrow", "pyspark"}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_loads_no_heavy_library(command):
    argv = ["--help"] if command is None else [command, "--help"]
    assert _imported(argv) & HEAVY == set()


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["evaluate", "--data", FRAUD, "--label-column", "is_fraud", "--score-column",
          "score_gbm", "--threshold", "0.03", "--json"], {"pandas", "pyarrow"}),
        (["decide", "--data", SCREENING, "--label-column", "malignant", "--score-column",
          "score_forest", "--value-matrix", "0,-1000,-50000,-1000", "--json"],
         {"pandas", "pyarrow"}),
        (["feed", "--json"], {"pandas", "pyarrow"}),
        (["adapt", "--json"], set()),
    ],
)  # fmt: skip
def test_a_json_command_loads_no_ui_and_only_the_libraries_it_uses(argv, allowed):
    assert _imported(argv) & HEAVY <= allowed


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (RuntimeError("a bug\nsecond line"), 3, "error: ValueLens stopped on a problem of its own "
         "(RuntimeError: a bug), not one in your input; please report it"),
        (KeyError("column"), 3, "(KeyError: 'column')"),
        (KeyboardInterrupt(), 130, "stopped"),
    ],
)  # fmt: skip
def test_a_problem_in_valuelens_itself_is_one_line_not_a_traceback(
    monkeypatch, capsys, raised, code, said
):
    import metrics.adapt.cli

    def broken(_args):
        raise raised

    monkeypatch.delenv("VALUELENS_DEBUG", raising=False)
    monkeypatch.setattr(metrics.adapt.cli, "run", broken)
    assert main(["adapt", "--json"]) == code
    out, err = capsys.readouterr()
    assert out == "" and said in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    monkeypatch.setenv("VALUELENS_DEBUG", "1")  # the details, for the one who reports it
    if code == 3:
        with pytest.raises(type(raised)):
            main(["adapt", "--json"])


def test_a_figure_that_is_not_finite_is_never_printed_as_json(monkeypatch, capsys):
    import metrics.adapt.cli

    monkeypatch.setattr(metrics.adapt.cli, "run", lambda _args: {"net_a_year": float("inf")})
    assert main(["adapt", "--json"]) == 3
    out, err = capsys.readouterr()
    assert out == "" and "a figure came out infinite or undefined" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["adapt", "--engineer-hours", "1e308"], "--engineer-hours is 1e+308; give a cost from 0"),
        (["decide", "--data", SCREENING, "--label-column", "malignant", "--score-column",
          "score_forest", "--value-matrix", "0,-1e308,-5,5"],
         "a value per row of -1e+308 is beyond any plausible one"),
        (["decide", "--data", FRAUD, "--label-column", "is_fraud", "--score-column",
          "score_gbm", "--where", "split=test", "--amount-column", "amount", "--value-matrix",
          "0,-5,-100,5",
          "--amount-rates", "0,0,-1e9,0"],
         "a share of the amount of -1e+09 is beyond any plausible one"),
    ],
)  # fmt: skip
def test_extreme_costs_and_values_are_refused_before_sums_overflow(capsys, argv, said):
    assert main([*argv, "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and said in err and len(err.strip().splitlines()) == 1
