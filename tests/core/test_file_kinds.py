"""Files that are not tables ValueLens reads, values written as words or percentages, scores
that are not probabilities and value matrices of another shape: one line that says what the
file or value is and how to write it, the same from the in-memory reader, the engine, the
Python API and every command."""

from __future__ import annotations

import gzip
import io
import pickle
import zipfile

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pytest

from metrics.cli import main
from metrics.core.backends import DuckDBBackend
from metrics.core.engine import open_log
from metrics.core.file_kinds import check_kinds, other_kind
from metrics.core.format import count
from metrics.core.io import read_table
from metrics.core.validation import check_labels, check_scores

TABLE = b"label,score,amount\n1,0.9,100\n0,0.2,20\n0,0.4,35\n1,0.7,12\n"


def _zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, TABLE)
    return out.getvalue()


def _feather() -> bytes:
    out = io.BytesIO()
    feather.write_feather(pa.table({"label": [1, 0], "score": [0.9, 0.2]}), out)
    return out.getvalue()


KINDS = [
    ("book.xlsx", _zip("xl/workbook.xml"), "an Excel workbook"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an Excel 97-2003 workbook"),
    ("sheet.ods", _zip("content.xml"), "an OpenDocument spreadsheet"),
    ("scores.zip", _zip("scores.csv"), "a zip archive"),
    ("scores.csv", _zip("scores.csv"), "a zip archive"),
    ("scores.feather", _feather(), r"an Arrow \(Feather\) file"),
    ("scores.pkl", pickle.dumps({"label": [1]}, protocol=4), "a Python pickle"),
    ("scores.csv.bz2", b"BZh91AY&SY" + bytes(40), "a bzip2 archive"),
    ("scores.jsonl", b'{"label": 1, "score": 0.9}\n{"label": 0, "score": 0.2}\n', "JSON"),
    ("scores.json", b'[{"label": 1, "score": 0.9}]', "JSON"),
    ("scores.csv", b"<!DOCTYPE html>\n<html><body>Sign in</body></html>", "a web page"),
    ("report.pdf", b"%PDF-1.7\n" + bytes(40), "a PDF document"),
]


@pytest.mark.parametrize(("name", "content", "kind"), KINDS)
def test_a_file_of_another_kind_is_named_with_how_to_save_it(name, content, kind, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    said = rf"file '.*{name}' is {kind}.*, which ValueLens does not read; "
    with pytest.raises(ValueError, match=said):
        read_table(path)
    with pytest.raises(ValueError, match=said):
        read_table(content, name=name)  # an upload
    with pytest.raises(ValueError, match=said):
        open_log(str(path))


def test_json_lines_gzipped_are_named_by_what_is_inside(tmp_path):
    path = tmp_path / "scores.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"label": 1, "score": 0.9}\n'))
    with pytest.raises(ValueError, match="is JSON, which ValueLens does not read"):
        read_table(path)
    with pytest.raises(ValueError, match="is JSON, which ValueLens does not read"):
        open_log(str(path))


def test_the_file_a_glob_failed_on_is_named(tmp_path):
    pd.DataFrame({"label": [1, 0], "score": [0.9, 0.2]}).to_parquet(tmp_path / "a.parquet")
    (tmp_path / "b.parquet").write_bytes(_zip("b.csv"))
    with pytest.raises(ValueError, match=r"'.*b\.parquet' is a zip archive"):
        DuckDBBackend().open(str(tmp_path))
    check_kinds(str(tmp_path / "a.parquet"))  # Parquet: nothing to say


@pytest.mark.parametrize("content", [b"", b"  \n\r\n", b"\xef\xbb\xbf\n"])
def test_an_empty_file_says_it_is_empty(content, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=r"file '.*empty\.csv' is empty; it needs a header row"):
        read_table(path)
    with pytest.raises(ValueError, match=r"file '.*empty\.csv' is empty; it needs a header row"):
        DuckDBBackend().open(str(path))


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (TABLE, "scores.csv"),
        (b"\xef\xbb\xbflabel;score\n1;0,9\n", "scores.txt"),
        (b"PAR1" + bytes(60), "scores.parquet"),
        (b"[label],score\n1,0.9\n", "scores.csv"),  # a bracket only means JSON in a .json
        (b"\x1f\x8b\x08\x00" + bytes(60), "scores.csv.gz"),
    ],
)
def test_tables_are_not_mistaken_for_other_kinds(head, name):
    assert other_kind(head, name) is None


@pytest.mark.parametrize(
    ("words", "shown"),
    [(["no", "yes"], None), (["fraud", "legit"], "'fraud' and 'legit'"), (["f", "t"], None)],
)
def test_labels_written_as_words_are_read_alike_by_both_readers(words, shown, tmp_path):
    """yes/no and t/f are read as booleans (1 = yes) by DuckDB's CSV reader and by the
    in-memory reader alike; other words are one error that says to write 1 and 0."""
    rng = np.random.default_rng(3)
    y = rng.random(400) < 0.2
    score = np.clip(rng.normal(np.where(y, 0.7, 0.3), 0.2), 0, 1).round(3)
    frame = pd.DataFrame({"label": np.where(y, words[1], words[0]), "score": score})
    frame["amount"] = 10.0
    path = tmp_path / "worded.csv"
    frame.to_csv(path, index=False)
    if shown is not None:
        said = f"column 'label' holds its labels as words \\({shown}\\); write 1 for the class"
        with pytest.raises(ValueError, match=said):
            check_labels(read_table(path)["label"])
        with pytest.raises(ValueError, match=said):
            open_log(str(path))
        return
    read = read_table(path)["label"]
    assert check_labels(read).tolist() == y.astype(int).tolist()
    log = open_log(str(path))
    assert log.groups["n"][log.groups["y"] == 1].sum() == y.sum()


@pytest.mark.parametrize("engine", ["memory", "duckdb"])
def test_scores_as_percentages_say_to_divide_by_100(engine, tmp_path, capsys):
    rng = np.random.default_rng(4)
    path = tmp_path / "percent.csv"
    frame = pd.DataFrame(
        {"label": (rng.random(300) < 0.2).astype(int), "score": (rng.random(300) * 100).round(1)}
    )
    frame["amount"] = 5.0
    frame.to_csv(path, index=False)
    args = ["evaluate", "--data", str(path), "--threshold", "0.5", "--json"]
    assert main([*args, *(["--engine", "duckdb"] if engine == "duckdb" else [])]) == 2
    err = capsys.readouterr().err
    assert "these look like percentages: divide them by 100" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_percentages_written_with_a_sign_are_named_by_both_readers(tmp_path):
    path = tmp_path / "percent.csv"
    path.write_text("label,score,amount\n1,49.5%,10\n0,12%,5\n")
    said = r"write shares as decimals, without '%' \(e.g. 0.495 for '49.5%'\)"
    with pytest.raises(ValueError, match=said):
        check_scores(read_table(path)["score"])
    with pytest.raises(ValueError, match=r"holds text, e.g. '49.5%' in row 0 of percent.csv; "):
        open_log(str(path))


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (1, "value{s} outside [0, 1]", "1 value outside [0, 1]"),
        (3, "value{s} outside [0, 1]", "3 values outside [0, 1]"),
        (2_500, "row", "2,500 rows"),
        (1, "row", "1 row"),
    ],
)
def test_count_puts_the_plural_where_the_noun_says(n, noun, said):
    assert count(n, noun) == said


@pytest.mark.parametrize(
    ("y_score", "said"),
    [
        (np.array([[0.9, 0.1], [0.2, 0.8]]), r"got shape \(2, 2\); pass the second column, "
         r"predict_proba\(X\)\[:, 1\]"),
        ([-2.1, 3.0], r"negative scores look like decision_function or log-odds: pass "
         r"predict_proba\(X\)\[:, 1\]"),
        ([12.0, 80.0], "these look like percentages: divide them by 100"),
    ],
)  # fmt: skip
def test_scores_that_are_not_probabilities_say_what_they_look_like(y_score, said):
    with pytest.raises(ValueError, match=said):
        check_scores(y_score)


@pytest.mark.parametrize(
    "matrix", [{"tn": 0, "fp": -5, "fn": -100, "tp": 50}, "0,-5,-100,50", [0, -5, -100]]
)
def test_a_value_matrix_of_another_shape_is_one_value_error(matrix):
    import metrics

    with pytest.raises(ValueError, match=r"value_matrix must be four finite numbers .* got "):
        metrics.value_decisions([0, 1, 0], [0.1, 0.9, 0.4], value_matrix=matrix)


def test_the_engine_names_the_first_text_value_however_far_into_the_log(tmp_path):
    rng = np.random.default_rng(6)
    amounts = [f"{v:.2f}" for v in rng.lognormal(3, 1, 5000)]
    amounts[4321] = "€1.234,50"
    frame = pd.DataFrame(
        {"label": (rng.random(5000) < 0.1).astype(int), "score": rng.random(5000)}
    ).assign(amount=amounts)
    frame.to_parquet(tmp_path / "late.parquet")
    said = r"'amount' \(amount\) holds text, e.g. '€1.234,50' in row 4321 of late.parquet; write"
    with pytest.raises(ValueError, match=said):
        open_log(str(tmp_path / "late.parquet"))
