"""``valuelens fleet``: the sample's failures found, exit codes for a scheduler, replay as of
a date, bad entries reported beside the good ones, and the JSON against its schema."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pandas as pd
import pytest

from metrics.cli import main
from metrics.core.schema import schema_of


def run(capsys, *argv):
    code = main(["fleet", *argv, "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out) if out else None
    if report is not None:
        jsonschema.validate(report, schema_of("fleet"), cls=jsonschema.Draft202012Validator)
    return code, report, err


def test_the_failing_models_alert_and_the_scheduler_sees_exit_1(fleet_of, capsys):
    code, report, err = run(capsys, "--registry", str(fleet_of((1, 7, 23, 42, 77))))
    assert code == 1
    assert err.startswith("alert: 3 of 5 models below their normal range")
    by_id = {m["id"]: m for m in report["models"]}
    assert {i for i, m in by_id.items() if m["alert"]} == {"fraud-007", "fraud-023", "fraud-042"}
    assert by_id["fraud-023"]["alert_since"] == "2026-05-04"
    assert by_id["fraud-077"]["retrain_due"] is True and not by_id["fraud-077"]["alert"]
    assert report["models"][0]["lost_since_alert"] >= report["models"][1]["lost_since_alert"]
    assert by_id["fraud-001"]["value_latest_source"] == "estimated"


def test_replaying_before_the_failures_finds_none(fleet_of, capsys):
    code, report, _ = run(capsys, "--registry", str(fleet_of((1, 7))), "--as-of", "2026-05-01")
    assert code == 0
    assert report["as_of"] == "2026-05-01"
    assert not any(m["alert"] for m in report["models"])


def test_a_bad_entry_exits_2_and_the_other_models_still_report(fleet_of, capsys):
    extra = '\n[[model]]\nid = "typo"\nlog = "logs/fraud-001.parquet"\ntreshold = 0.2\n'
    code, report, err = run(capsys, "--registry", str(fleet_of((1,), extra)))
    assert code == 2
    assert err.startswith("error: model 'typo': unknown key 'treshold'")
    assert [m["id"] for m in report["models"]] == ["typo", "fraud-001"]
    assert "value_latest" in report["models"][1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--registry", "nowhere.toml"], "error: the registry 'nowhere.toml' is not a file"),
        (["--as-of", "soon"], "error: --as-of is 'soon'; give a date such as 2026-07-01"),
    ],
)
def test_bad_options_are_one_line(capsys, argv, message):
    assert main(["fleet", *argv]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_spark_gives_the_same_figures_as_duckdb(fleet_of, engine):
    """A small fleet through each engine: the same alerts and values (Spark skips, with its
    reason, where it is not installed)."""
    from metrics.fleet.model import fleet_status
    from metrics.fleet.registry import read_registry

    registry = read_registry(fleet_of((1, 23)))
    duckdb, _ = fleet_status(registry, engine="duckdb")
    other, _ = fleet_status(registry, engine=engine)
    for a, b in zip(duckdb, other, strict=True):
        assert (a.id, a.alert, a.alert_since, a.value_latest_source) == (
            b.id, b.alert, b.alert_since, b.value_latest_source,
        )  # fmt: skip
        assert b.value_latest == pytest.approx(a.value_latest, rel=1e-6)
        assert b.lost_since_alert == pytest.approx(a.lost_since_alert, rel=1e-6)


def test_one_log_of_many_models_and_a_crafted_model_value(tmp_path):
    """Models picked from one log by a column; a value that tries SQL matches no row."""
    from metrics.fleet.model import fleet_status
    from metrics.fleet.registry import read_registry
    from metrics.fleet.sample import model_log, registry_text

    logs = [model_log(n).assign(model=f"m{n}") for n in (1, 2)]
    pd.concat(logs).to_parquet(tmp_path / "all.parquet", index=False)
    head = registry_text().split("[[model]]")[0]
    entries = "".join(
        f'[[model]]\nid = "{name}"\nlog = "all.parquet"\nmodel_column = "model"\n'
        f"model_value = {value}\n\n"
        for name, value in (("m1", '"m1"'), ("m2", '"m2"'), ("crafted", "\"x' OR '1'='1\""))
    )
    path = tmp_path / "fleet.toml"
    path.write_text(head + entries)
    statuses, _ = fleet_status(read_registry(path))
    by_id = {s.id: s for s in statuses}
    assert by_id["m1"].error is None and by_id["m2"].error is None
    assert by_id["m1"].value_latest != by_id["m2"].value_latest
    assert by_id["crafted"].error == (
        "model 'crafted': no row of column 'model' is \"x' OR '1'='1\"; check model_value"
    )


def test_the_command_loads_neither_scikit_learn_nor_scipy(fleet_of):
    """Their start-up would cost a morning's run more than all its calibrations: the command
    fits them in NumPy (``metrics/monitor/isotonic.py``)."""
    registry = fleet_of((3, 7))
    code = (
        "import sys, contextlib, io\n"
        "from metrics.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['fleet', '--registry', {str(registry)!r}, '--json'])\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "duckdb" in loaded  # the command ran
    assert loaded & {"sklearn", "scipy", "streamlit", "plotly"} == set()


def test_csv_logs_give_the_figures_of_the_same_logs_in_parquet(fleet_of, tmp_path):
    """A registry's ``log`` may be a CSV file (gzipped or not) or a glob of them: the same
    figures as Parquet, to the cent."""
    from metrics.fleet.model import fleet_status
    from metrics.fleet.registry import read_registry

    path = fleet_of((7, 23))
    for number, name in ((7, "logs/fraud-007.csv"), (23, "logs/fraud-023-weekly/*.csv.gz")):
        log = pd.read_parquet(path.parent / f"logs/fraud-{number:03d}.parquet")
        if "*" in name:
            (path.parent / name).parent.mkdir()
            halves = (log.iloc[: len(log) // 2], log.iloc[len(log) // 2 :])
            for part, rows in enumerate(halves):
                rows.to_csv(path.parent / name.replace("*", f"part-{part}"), index=False)
        else:
            log.to_csv(path.parent / name, index=False)
    parquet, _ = fleet_status(read_registry(path))
    text = path.read_text(encoding="utf-8")
    text = text.replace("logs/fraud-007.parquet", "logs/fraud-007.csv")
    text = text.replace("logs/fraud-023.parquet", "logs/fraud-023-weekly/*.csv.gz")
    path.write_text(text, encoding="utf-8")
    assert [m.log.rsplit("/", 1)[-1] for m in read_registry(path).models] == [
        "fraud-007.csv",
        "*.csv.gz",
    ]
    csv, _ = fleet_status(read_registry(path))
    for a, b in zip(parquet, csv, strict=True):
        assert b.error is None
        assert (a.id, a.alert, a.alert_since, a.chunk_start) == (
            b.id, b.alert, b.alert_since, b.chunk_start,
        )  # fmt: skip
        assert b.value_latest == pytest.approx(a.value_latest, abs=1e-6)
        assert b.normal_low == pytest.approx(a.normal_low, abs=1e-6)


def test_a_bad_csv_log_is_one_line_naming_it(fleet_of, capsys):
    path = fleet_of((1,))
    (path.parent / "logs/twice.csv").write_text("timestamp,score,score,label\n", "utf-8")
    text = path.read_text(encoding="utf-8").replace("fraud-001.parquet", "twice.csv")
    path.write_text(text, encoding="utf-8")
    code, report, err = run(capsys, "--registry", str(path))
    assert code == 2 and err.startswith("error: model 'fraud-001': file '")
    assert "twice.csv' has the column name 'score' twice" in report["models"][0]["error"]


def test_each_engine_reads_a_csv_log_or_says_why(fleet_of, engine):
    from metrics.fleet.model import fleet_status
    from metrics.fleet.registry import read_registry

    path = fleet_of((1,))
    log = pd.read_parquet(path.parent / "logs/fraud-001.parquet")
    log.to_csv(path.parent / "logs/fraud-001.csv", index=False)
    text = path.read_text(encoding="utf-8").replace("fraud-001.parquet", "fraud-001.csv")
    path.write_text(text, encoding="utf-8")
    (status,), _ = fleet_status(read_registry(path), engine=engine)
    if engine == "duckdb":
        assert status.error is None and status.value_latest is not None
    else:
        assert "is CSV, and the Spark engine reads Parquet logs" in status.error
