"""`python -m dashboard validate`: the real data passes; each kind of broken file gets one line
naming the file, the line and the column, exit status 1, and never a traceback."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.schema import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR, TABLES
from dashboard.validation import validate


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]], **kw: str) -> None:
    with open(path, "w", encoding=kw.get("encoding", "utf-8"), newline="") as f:
        csv.writer(f, lineterminator="\n", delimiter=kw.get("delimiter", ",")).writerows(rows)


def _set(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell; `line` is the line number in the file (header = 1)."""
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


def _first_line_where(path: Path, column: str, predicate: Callable[[str], bool]) -> int:
    rows = _rows(path)
    i = rows[0].index(column)
    return next(n for n, row in enumerate(rows[1:], start=2) if predicate(row[i]))


def test_the_real_data_is_valid():
    problems = [p for p in validate(DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR) if p.severity == "error"]
    assert problems == []


def test_cli_validate_passes_with_a_one_line_summary(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("valid: 13 tables")


def _empty(d: Path) -> tuple:
    (d / "events.csv").write_text("", encoding="utf-8")
    return "events.csv", None, "", "file is empty"


def _header_only(d: Path) -> tuple:
    rows = _rows(d / "topics.csv")
    _write(d / "topics.csv", rows[:1])
    return "topics.csv", 2, "", "header only"


def _missing_column(d: Path) -> tuple:
    rows = _rows(d / "events.csv")
    i = rows[0].index("summary")
    _write(d / "events.csv", [r[:i] + r[i + 1 :] for r in rows])
    return "events.csv", 1, "summary", "missing column"


def _misspelt_column(d: Path) -> tuple:
    rows = _rows(d / "event_sources.csv")
    rows[0][rows[0].index("event_id")] = "evnt_id"
    _write(d / "event_sources.csv", rows)
    return "event_sources.csv", 1, "event_id", "misspelt"


def _not_utf8(d: Path) -> tuple:
    rows = _rows(d / "people.csv")
    rows[2][rows[0].index("notes")] = "Bárcena"
    _write(d / "people.csv", rows, encoding="latin-1")
    return "people.csv", 3, "", "not UTF-8"


def _wrong_delimiter(d: Path) -> tuple:
    _write(d / "countries.csv", _rows(d / "countries.csv"), delimiter=";")
    return "countries.csv", 1, "", "wrong delimiter"


def _duplicate_id(d: Path) -> tuple:
    rows = _rows(d / "people.csv")
    _write(d / "people.csv", [*rows, rows[1]])
    return "people.csv", len(rows) + 1, "person_id", "duplicate"


def _dangling_foreign_key(d: Path) -> tuple:
    _set(d / "people.csv", 2, "country", "XXX")
    return "people.csv", 2, "country", "unknown id"


def _dangling_typed_reference(d: Path) -> tuple:
    _set(d / "participants.csv", 3, "entity_id", "nobody-at-all")
    return "participants.csv", 3, "entity_id", "unknown id 'nobody-at-all'"


def _impossible_date(d: Path) -> tuple:
    line = _first_line_where(d / "events.csv", "start_date", bool)
    _set(d / "events.csv", line, "start_date", "2023-02-30")
    return "events.csv", line, "start_date", "not a date"


def _end_before_start(d: Path) -> tuple:
    line = _first_line_where(d / "events.csv", "start_date", lambda v: v.startswith("2024"))
    _set(d / "events.csv", line, "end_date", "2020-01-01")
    return "events.csv", line, "end_date", "before start date"


def _latitude_out_of_range(d: Path) -> tuple:
    _set(d / "locations.csv", 2, "latitude", "95.0000")
    return "locations.csv", 2, "latitude", "above the maximum 90"


def _longitude_out_of_range(d: Path) -> tuple:
    _set(d / "locations.csv", 3, "longitude", "-181.5000")
    return "locations.csv", 3, "longitude", "below the minimum -180"


def _bad_enumeration(d: Path) -> tuple:
    _set(d / "events.csv", 2, "kind", "party")
    return "events.csv", 2, "kind", "not one of the allowed values"


def _quote_not_in_article(d: Path) -> tuple:
    _set(d / "event_sources.csv", 2, "quote", "words that no article contains")
    return "event_sources.csv", 2, "quote", "not found verbatim"


def _article_file_missing(d: Path) -> tuple:
    _set(d / "articles.csv", 2, "file", "no-such-article.txt")
    return "articles.csv", 2, "file", "not found"


def _missing_table(d: Path) -> tuple:
    (d / "claims.csv").unlink()
    return "claims.csv", None, "", "file not found"


def _bad_position(d: Path) -> tuple:
    _set(d / "claims.csv", 4, "position", "supports")
    return "claims.csv", 4, "position", "not one of the allowed values"


def _unknown_proposition(d: Path) -> tuple:
    _set(d / "claims.csv", 5, "proposition_id", "the-moon-is-cheese")
    return "claims.csv", 5, "proposition_id", "unknown id"


def _missing_proposition(d: Path) -> tuple:
    _set(d / "claims.csv", 6, "proposition_id", "")
    return "claims.csv", 6, "proposition_id", "required, but empty"


def _named_speaker_typed_unknown(d: Path) -> tuple:
    _set(d / "claims.csv", 2, "speaker_type", "unknown")
    return "claims.csv", 2, "speaker_id", "goes with speaker_id 'unknown-speaker'"


def _side_of_unknown_organization(d: Path) -> tuple:
    line = _first_line_where(d / "event_sides.csv", "organization_id", bool)
    _set(d / "event_sides.csv", line, "organization_id", "ministry-of-magic")
    return "event_sides.csv", line, "organization_id", "unknown id"


def _side_quote_not_in_article(d: Path) -> tuple:
    _set(d / "event_sides.csv", 3, "quote", "a side no article mentions")
    return "event_sides.csv", 3, "quote", "not found verbatim"


def _proposition_of_unknown_topic(d: Path) -> tuple:
    _set(d / "propositions.csv", 2, "topic_id", "astrology")
    return "propositions.csv", 2, "topic_id", "unknown id"


BROKEN = [
    _empty, _header_only, _missing_column, _misspelt_column, _not_utf8, _wrong_delimiter,
    _duplicate_id, _dangling_foreign_key, _dangling_typed_reference, _impossible_date,
    _end_before_start, _latitude_out_of_range, _longitude_out_of_range, _bad_enumeration,
    _quote_not_in_article, _article_file_missing, _missing_table, _bad_position,
    _unknown_proposition, _missing_proposition, _named_speaker_typed_unknown,
    _side_of_unknown_organization, _side_quote_not_in_article, _proposition_of_unknown_topic,
]  # fmt: skip


@pytest.mark.parametrize("breaks", BROKEN, ids=lambda f: f.__name__.strip("_"))
def test_each_broken_copy_gets_one_precise_line(breaks, data_copy, capsys):
    file, row, column, fragment = breaks(data_copy)
    status = main(["validate", "--data", str(data_copy), "--seeds", str(DEFAULT_SEEDS_DIR)])
    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    where = file if row is None else f"{file}:{row}:"
    lines = [line for line in err.splitlines() if line.startswith(where)]
    assert lines, f"no line for {where} in:\n{err}"
    assert any(fragment in line for line in lines), err
    if column:
        assert any(f"column {column!r}" in line and fragment in line for line in lines), err


def test_unknown_extra_column_is_a_warning_only(data_copy, capsys):
    rows = _rows(data_copy / "topics.csv")
    _write(data_copy / "topics.csv", [[*r, "x"] for r in rows[:1]] + [[*r, ""] for r in rows[1:]])
    assert main(["validate", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "warning: topics.csv:1: column 'x': unknown column" in out


def test_a_byte_order_mark_is_accepted(data_copy):
    for name in TABLES:
        path = data_copy / f"{name}.csv"
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [p for p in validate(data_copy, DEFAULT_SEEDS_DIR) if p.severity == "error"] == []


def test_every_problem_is_reported_not_just_the_first(data_copy):
    _dangling_foreign_key(data_copy)
    _quote_not_in_article(data_copy)
    _latitude_out_of_range(data_copy)
    files = {p.file for p in validate(data_copy, DEFAULT_SEEDS_DIR) if p.severity == "error"}
    assert files == {"people.csv", "event_sources.csv", "locations.csv"}


@pytest.mark.parametrize("breaks", BROKEN, ids=lambda f: f.__name__.strip("_"))
def test_the_app_shows_the_same_lines_in_an_error_panel(breaks, data_copy, monkeypatch, capsys):
    from streamlit.testing.v1 import AppTest

    breaks(data_copy)
    main(["validate", "--data", str(data_copy)])
    cli_lines = capsys.readouterr().err.splitlines()[:-1]  # the last line is the count
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    app = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
    at = AppTest.from_file(app, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "The data could not be loaded"
    assert at.code[0].value.splitlines() == cli_lines
    at.switch_page("views/about.py").run()
    assert not at.exception and at.title[0].value == "About this dashboard"
