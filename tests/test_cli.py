"""`python -m dashboard export`: every table with its columns, a valid data package, filters."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from frictionless import Package
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import schema
from dashboard.cli import main
from dashboard.schema import DEFAULT_DATA_DIR

EXPORTED = {f"{t}.csv" for t in schema.TABLES} | {
    "mentions.csv", "cooccurrence.csv", "nodes.csv", "edge_evidence.csv", "network.graphml",
    "network.gexf", "datapackage.json", "README.md",
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
    assert (
        "The command line's from date is not a date written YYYY-MM-DD" in capsys.readouterr().err
    )


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
        # The two paths used to disagree here: "-1" followed by a line break is a number.
        ("-1\n", "-1\n"),
        ("-1\n=cmd", "-1\n'=cmd"),
        # A spreadsheet that splits on ";" (European locales), a tab or a line break would
        # open a new cell at each of them.
        ("Report;=cmd|' /C calc'!A0", "Report;'=cmd|' /C calc'!A0"),
        ("Report,@SUM(A1)", "Report,'@SUM(A1)"),
        ("a\t+1 555", "a\t'+1 555"),
        ("a\n-cmd", "a\n'-cmd"),
        ("a\r\n=1+1", "a\r\n'=1+1"),
        ("a\t\t=x", "a\t'\t'=x"),
        ("lat;-99.1332", "lat;-99.1332"),
        ("a; =b", "a; =b"),
    ],
)
def test_formula_like_cells_are_neutralised_and_numbers_kept(cell, written):
    import pandas as pd

    from dashboard.export import csv_bytes

    data = csv_bytes(pd.DataFrame({"value": [cell]})).decode("utf-8-sig")
    assert data == '"value"\n"' + written.replace('"', '""') + '"\n'
    assert next(csv.reader(io.StringIO(data[len('"value"\n') :]))) == [written]


def test_text_cells_are_quoted_and_integers_bare():
    import pandas as pd

    from dashboard.export import csv_bytes

    frame = pd.DataFrame({"id": ["a;b"], "n": [3], "ok": [True], "lat": ["-99.1"]})
    data = csv_bytes(frame).decode("utf-8-sig")
    assert data == '"id","n","ok","lat"\n"a;b",3,"true","-99.1"\n'


# --- csv_bytes against a cell-by-cell reference ------------------------------------------------
# Written independently of dashboard.export: a character scan, not its regular expression.

_FORMULA = "=+-@\t\r"
_SEPARATORS = ",;\t\r\n"
_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _is_number(segment: str) -> bool:
    return _NUMBER_TEXT.fullmatch(segment) is not None


def _reference_neutralise(text: str) -> str:
    out = []
    at_start = True
    for i, char in enumerate(text):
        if at_start and char in _FORMULA:
            end = i
            while end < len(text) and text[end] not in _SEPARATORS:
                end += 1
            # A tab or CR that starts a segment is itself a separator: the segment is empty.
            if not _is_number(text[i:end]) or char in "\t\r":
                out.append("'")
        out.append(char)
        at_start = char in _SEPARATORS
    return "".join(out)


def reference_csv(frame) -> bytes:
    """The documented format written the slow, obvious way, one cell at a time."""
    import math

    import pandas as pd

    def quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    def cell(value, integer: bool) -> str:
        if integer:
            return str(int(value))
        if isinstance(value, bool):
            return quoted("true" if value else "false")
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return quoted("")
        return quoted(_reference_neutralise(str(value)))

    integer = [
        pd.api.types.is_integer_dtype(frame[c].dtype) and not frame[c].isna().any()
        for c in frame.columns
    ]
    lines = [",".join(quoted(str(c)) for c in frame.columns)]
    for row in frame.astype(object).itertuples(index=False, name=None):
        lines.append(",".join(cell(v, i) for v, i in zip(row, integer, strict=True)))
    return ("\ufeff" + "".join(line + "\n" for line in lines)).encode("utf-8")


_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from(list("=+-@\t\r\n\",'. 1e9aé")), max_size=6),
    # Numbers as text, as latitude and longitude are in locations.csv: never neutralised.
    st.from_regex(_NUMBER_TEXT, fullmatch=True),
    st.floats(allow_nan=False).map(str),
)
_COLUMNS = st.sampled_from(["text", "int", "float", "bool", "mixed"])


@st.composite
def frames(draw):
    import pandas as pd

    rows = draw(st.integers(0, 6))
    columns = {}
    for i, kind in enumerate(draw(st.lists(_COLUMNS, min_size=1, max_size=4))):
        if kind == "text":
            values = draw(st.lists(_TEXT, min_size=rows, max_size=rows))
        elif kind == "int":
            values = draw(st.lists(st.integers(-(10**12), 10**12), min_size=rows, max_size=rows))
        elif kind == "float":
            values = draw(st.lists(st.floats(allow_infinity=False), min_size=rows, max_size=rows))
        elif kind == "bool":
            values = draw(st.lists(st.booleans(), min_size=rows, max_size=rows))
        else:
            scalar = st.one_of(st.none(), _TEXT, st.integers(-5, 5), st.floats(), st.booleans())
            values = draw(st.lists(scalar, min_size=rows, max_size=rows))
        columns[f"{kind}_{i}"] = pd.Series(values, dtype=object if kind == "mixed" else None)
    # A filtered table keeps the index of the rows it kept.
    index = draw(st.lists(st.integers(0, 3), min_size=rows, max_size=rows))
    return pd.DataFrame(columns).set_axis(index) if rows else pd.DataFrame(columns)


@settings(max_examples=300, deadline=None)
@given(frames())
def test_csv_bytes_equal_a_cell_by_cell_writer(frame):
    from dashboard.export import csv_bytes

    assert csv_bytes(frame) == reference_csv(frame)


def test_csv_bytes_of_the_real_tables_equal_a_cell_by_cell_writer(dataset):
    from dashboard.export import csv_bytes

    for name in ("articles", "events", "locations", "claims", "mentions"):
        assert csv_bytes(dataset.table(name)) == reference_csv(dataset.table(name)), name


# --- the ZIP -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({}, "precursor-diplomacy.zip"),
        (
            {"person": "lopez-obrador,xi-jinping", "from": "2023-11-01"},
            "precursor-diplomacy_person-lopez-obrador+xi-jinping_from-2023-11-01.zip",
        ),
        ({"article": "a/../b c"}, "precursor-diplomacy_article-a-..-b-c.zip"),
    ],
)
def test_zip_is_named_after_the_filters(query, name):
    from dashboard.export import zip_name

    assert zip_name(query) == name


def test_a_long_zip_name_is_cut_and_stays_distinct():
    from dashboard.export import zip_name

    first = zip_name({"article": "x" * 300 + "1"})
    second = zip_name({"article": "x" * 300 + "2"})
    assert len(first) == 120 + len(".zip")
    assert first != second
    assert first.startswith("precursor-diplomacy_article-xxx")


def test_zip_members_are_readable_by_everyone_and_dated_by_the_data(dataset):
    import zipfile

    from dashboard.export import data_date, zip_bytes

    # The newest publication date among the five seeds: SRE Press Release 341 of 2024-09-06
    # (articles.csv, hand-checked).
    assert data_date(dataset) == date(2024, 9, 6)
    data = zip_bytes({"a.csv": b"x", "b/c.csv": b"y"}, data_date(dataset))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == ["a.csv", "b/c.csv"]
    for info in infos:
        assert (info.external_attr >> 16) & 0o777 == 0o644
        assert info.date_time == (2024, 9, 6, 0, 0, 0)
    assert zip_bytes({"a.csv": b"x"}, data_date(dataset)) == zip_bytes(
        {"a.csv": b"x"}, data_date(dataset)
    )


def test_unzip_extracts_files_readable_by_everyone(tmp_path):
    import shutil
    import zipfile

    from dashboard.export import zip_bytes

    archive = tmp_path / "x.zip"
    archive.write_bytes(zip_bytes({"a.csv": b"x"}, date(2024, 9, 8)))
    out = tmp_path / "out"
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-q", str(archive), "-d", str(out)], check=True)
    else:
        with zipfile.ZipFile(archive) as opened:
            for info in opened.infolist():
                path = Path(opened.extract(info, out))
                path.chmod((info.external_attr >> 16) & 0o777)
    assert (out / "a.csv").stat().st_mode & 0o777 == 0o644


def test_the_export_readme_writes_out_the_filters_and_is_the_apps(tmp_path, dataset):
    from dashboard.export import export_files
    from dashboard.filters import Filters

    args = ["--person", "xi-jinping,ken-salazar", "--country", "MEX", "--from", "2023-11-01"]
    assert main(["export", "--out", str(tmp_path), *args, "--exported", "2025-01-31"]) == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Precursor Diplomacy: Mexico, China and the United States")
    for line in (
        "- Person (`person`): `xi-jinping` (Xi Jinping), `ken-salazar` (Ken Salazar)",
        "- Country (`country`): `MEX` (Mexico)",
        "- From (`from`): 2023-11-01",
        "Network: window=article.",
        "Exported on 2025-01-31, dataset version 0.1.0.",
        "- `events.csv`: Every meeting, visit, communication and other event the texts describe."
        " start_date..end_date is the interval known to contain the event.",
        "- `README.md`: This file.",
        "## How to cite",
        "## Licence",
    ):
        assert line in readme.splitlines(), line
    # One line per exported file, each file once.
    listed = [line.split("`")[1] for line in readme.splitlines() if line.startswith("- `")]
    assert sorted(listed) == sorted(EXPORTED)
    # The app's ZIP carries the same bytes (export_files is what the Data view zips).
    filters = Filters(
        person=("xi-jinping", "ken-salazar"), country=("MEX",), date_from=date(2023, 11, 1)
    )
    files = export_files(dataset, filters, exported=date(2025, 1, 31))
    assert files["README.md"] == (tmp_path / "README.md").read_bytes()


def test_an_unfiltered_export_readme_says_so(tmp_path):
    assert main(["export", "--out", str(tmp_path), "--exported", "2025-01-31"]) == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "Not filtered: the whole dataset." in readme.splitlines()
    assert main(["export", "--out", str(tmp_path), "--exported", "31/01/2025"]) == 2


def test_network_downloads_are_built_from_the_dataset_and_filters(dataset):
    # The Network view's buttons hold only the dataset (shared) and the filters; each file is
    # the one network_files gives for the cut, and GraphML and nodes.csv follow the ego view.
    import networkx as nx

    from dashboard.export import network_download, network_files
    from dashboard.filters import Filters, filter_dataset

    chosen = Filters(person=("xi-jinping",))
    whole = network_files(filter_dataset(dataset, chosen), "article", False)
    for name in ("network.gexf", "cooccurrence.csv", "nodes.csv", "edge_evidence.csv"):
        assert network_download(dataset, chosen, "article", False, name) == whole[name], name
    graphml = network_download(
        dataset, chosen, "article", False, "network.graphml", ("xi-jinping",)
    )
    ego = nx.read_graphml(io.BytesIO(graphml))
    # By hand (tests/test_network.py's docstring): Xi is named in 000 with López Obrador,
    # Bárcena, Biden, Nichols, Trudeau, Kishida, Boluarte, Castillo and Boric, in 002 also with
    # Trump and Maduro, in 004 with López Obrador: eleven people, and Xi.
    assert ego.number_of_nodes() == 12
    assert all("xi-jinping" in edge for edge in ego.edges)
    with pytest.raises(ValueError):
        network_download(dataset, chosen, "article", False, "network.png")
