"""`python -m dashboard export`: every table with its columns, a valid data package, filters."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import Package

from dashboard import schema
from dashboard.cli import main
from dashboard.schema import DEFAULT_DATA_DIR

EXPORTED = {f"{t}.csv" for t in schema.TABLES} | {
    "mentions.csv", "cooccurrence.csv", "nodes.csv", "network.graphml", "network.gexf",
    "datapackage.json",
}  # fmt: skip


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def full_export(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    assert main(["export", "--out", str(out)]) == 0
    return out


def test_export_writes_every_file(full_export):
    assert {p.name for p in full_export.iterdir()} == EXPORTED


@pytest.mark.parametrize("table", schema.TABLES)
def test_unfiltered_export_keeps_every_row_and_column(full_export, table):
    source = _read(DEFAULT_DATA_DIR / f"{table}.csv")
    exported = _read(full_export / f"{table}.csv")
    if table == "articles":
        assert all(row.pop("curated") == "true" for row in exported)
    assert exported == source
    header = next(csv.reader(io.StringIO((full_export / f"{table}.csv").read_text("utf-8-sig"))))
    extra = ["curated"] if table == "articles" else []
    assert header == schema.columns(table) + extra


def test_the_export_is_a_valid_data_package(full_export):
    report = Package(str(full_export / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_filtered_export_keeps_only_what_the_filters_select(tmp_path, dataset):
    out = tmp_path / "xi"
    assert main(["export", "--out", str(out), "--person", "xi-jinping", "--to", "2023-12-31"]) == 0
    mentioning_xi = set(dataset.mentions.query("entity_id == 'xi-jinping'")["article_id"])
    articles = {r["article_id"] for r in _read(out / "articles.csv")}
    assert articles and articles <= mentioning_xi
    assert "sre-press-release-341" not in articles
    assert {r["article_id"] for r in _read(out / "mentions.csv")} == articles


def test_comma_separated_and_repeated_flags_agree(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["export", "--out", str(a), "--person", "xi-jinping,joe-biden"]) == 0
    assert main(["export", "--out", str(b), "--person", "xi-jinping", "--person", "joe-biden"]) == 0
    for name in ("articles.csv", "events.csv", "mentions.csv", "cooccurrence.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_an_unknown_id_is_an_error_listing_the_valid_ones(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "x"), "--person", "nobody"]) == 2
    err = capsys.readouterr().err
    assert "unknown person nobody" in err
    assert "xi-jinping" in err and "lopez-obrador" in err
    assert not (tmp_path / "x").exists()


def test_a_malformed_date_is_an_error(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "x"), "--from", "2023-13-01"]) == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_broken_data_makes_export_fail_cleanly(tmp_path, data_copy, capsys):
    (data_copy / "people.csv").write_text("", encoding="utf-8")
    assert main(["export", "--out", str(tmp_path / "x"), "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "people.csv: file is empty" in err and "Traceback" not in err


def test_environment_variables_choose_the_folders(tmp_path, data_copy):
    (data_copy / "topics.csv").write_text("", encoding="utf-8")
    env = {"DASHBOARD_DATA_DIR": str(data_copy), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 1
    assert "topics.csv: file is empty" in result.stderr


def test_exported_csv_opens_in_a_spreadsheet(full_export):
    data = (full_export / "people.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark tells spreadsheets it is UTF-8"
    assert "Andrés Manuel López Obrador".encode() in data


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("-99.1332", "-99.1332"),
        ("+19.4326", "+19.4326"),
        ("1e-3", "1e-3"),
        ("López", "López"),
        ("a=b", "a=b"),
    ],
)
def test_formula_like_cells_are_neutralised_and_numbers_kept(cell, written):
    import pandas as pd

    from dashboard.export import csv_bytes

    data = csv_bytes(pd.DataFrame({"value": [cell]})).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(data[len("value\n") :]))) == [written]
