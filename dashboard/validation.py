"""Validation of the curated tables against data/datapackage.json and the article texts.

Structure (encoding, delimiter, columns) is checked while reading; types, enumerations, ranges,
unique and foreign keys by the Frictionless data-package validator; then what a schema cannot
say: end dates after start dates, date precision and basis present with a date, ids that point
to people or organizations by type, article files that exist, and every quote verbatim in its
article. Each problem names the file, the line and the column.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from dashboard import schema
from dashboard.problems import Problem
from dashboard.seeds import read_text
from dashboard.tables import RawTable, read_table

_FK_NOTE = re.compile(r'for "([^"]+)"')
_FOUR_DECIMALS = re.compile(r"^-?\d{1,3}\.\d{4}$")


def read_tables(folder: Path) -> dict[str, RawTable]:
    """Every curated table of a data folder, read as text."""
    return {name: read_table(folder / f"{name}.csv", name) for name in schema.TABLES}


def _frictionless_problems(folder: Path, tables: dict[str, RawTable]) -> list[Problem]:
    """Types, constraints and keys; foreign keys only when every table could be read."""
    from frictionless import Package, Resource  # imported when needed: it is slow to import

    descriptor = copy.deepcopy(schema.descriptor())
    readable = {name for name, t in tables.items() if t.ok}
    all_ok = readable == set(schema.TABLES)
    problems: list[Problem] = []
    resources = [r for r in descriptor["resources"] if r["name"] in readable]
    for res in resources:
        res["encoding"] = "utf-8-sig"  # a byte-order mark is accepted
        res.setdefault("dialect", {})["header"] = True
        if not all_ok:
            res["schema"]["foreignKeys"] = []
    if all_ok:
        package = Package({**descriptor, "resources": resources}, basepath=str(folder))
        reports = [(t.name, t.errors) for t in package.validate().tasks]
    else:
        reports = []
        for res in resources:
            report = Resource(res, basepath=str(folder)).validate()
            reports.extend((t.name, t.errors) for t in report.tasks)
    for name, errors in reports:
        table = tables[name]
        for error in errors:
            row = getattr(error, "row_number", None)
            line = table.lines[row - 2] if row and 2 <= row < len(table.lines) + 2 else row
            column = getattr(error, "field_name", None) or ""
            note = error.note
            if error.type == "primary-key":
                column = ",".join(schema.primary_key(name))
                note = "duplicate id: " + note
            elif error.type == "foreign-key":
                match = _FK_NOTE.search(note)
                column = match.group(1) if match else column
                note = "unknown id: " + note
            elif error.type in {"type-error", "constraint-error"}:
                note = f"value {getattr(error, 'cell', '')!r}: {_explain(error.type, note)}"
            if error.type in {"extra-label", "missing-label", "incorrect-label", "blank-header"}:
                continue  # already reported, more precisely, by read_table
            problems.append(Problem(f"{name}.csv", line, column, note))
    return problems


_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"$')
_TYPES = {"date": "not a date (expected YYYY-MM-DD)", "number": "not a number"}


def _explain(kind: str, note: str) -> str:
    """Frictionless's note in plain words."""
    if kind == "type-error":
        for name, text in _TYPES.items():
            if f'"{name}' in note:
                return text
        return note
    match = _CONSTRAINT.search(note)
    if not match:
        return note
    name, value = match.groups()
    return {
        "required": "required, but empty",
        "enum": f"not one of the allowed values {value}",
        "minimum": f"below the minimum {value}",
        "maximum": f"above the maximum {value}",
        "pattern": f"does not match the pattern {value}",
        "minLength": f"shorter than {value} characters",
    }.get(name, note)


def _line(table: RawTable, index: int) -> int:
    return table.lines[index]


def _date_problems(table: RawTable, start: str, end: str | None) -> list[Problem]:
    """Precision and basis go with a date; the end is not before the start."""
    problems: list[Problem] = []
    file = f"{table.name}.csv"
    for i, row in table.frame.iterrows():
        line = _line(table, int(i))
        has_date = bool(row[start])
        for col in ("date_precision", "date_basis"):
            if has_date and not row[col]:
                problems.append(Problem(file, line, col, f"missing: {start} is given"))
            if not has_date and row[col]:
                problems.append(Problem(file, line, col, f"set although {start} is empty"))
        if end is None:
            continue
        if bool(row[end]) != has_date:
            problems.append(Problem(file, line, end, f"{start} and {end} go together"))
        elif has_date and row[end] < row[start]:
            msg = f"end date {row[end]} is before start date {row[start]}"
            problems.append(Problem(file, line, end, msg))
    return problems


def _typed_reference_problems(
    table: RawTable, id_col: str, type_col: str, people: set[str], orgs: set[str]
) -> list[Problem]:
    """An id column that points to people or organizations according to a type column."""
    problems: list[Problem] = []
    for i, row in table.frame.iterrows():
        known = people if row[type_col] == "person" else orgs
        kind = "people.csv" if row[type_col] == "person" else "organizations.csv"
        if row[type_col] in {"person", "organization"} and row[id_col] not in known:
            msg = f"unknown id {row[id_col]!r}: not in {kind}"
            problems.append(Problem(f"{table.name}.csv", _line(table, int(i)), id_col, msg))
    return problems


UNKNOWN_SPEAKER = "unknown-speaker"


def _unknown_speaker_problems(claims: RawTable) -> list[Problem]:
    """A claim whose speaker the text does not name has type unknown and id unknown-speaker."""
    problems: list[Problem] = []
    for i, row in claims.frame.iterrows():
        unknown_type = row["speaker_type"] == "unknown"
        if unknown_type != (row["speaker_id"] == UNKNOWN_SPEAKER):
            column = "speaker_id" if unknown_type else "speaker_type"
            msg = f"speaker_type 'unknown' goes with speaker_id {UNKNOWN_SPEAKER!r}, only with it"
            problems.append(Problem("claims.csv", _line(claims, int(i)), column, msg))
    return problems


def _evidence_problems(
    tables: dict[str, RawTable], seeds: Path, texts: dict[str, str]
) -> list[Problem]:
    """Article files exist and are readable; every quote occurs verbatim in its article. The
    texts read are put into `texts` (article_id -> text); an article already there (read by
    the caller from its file in `seeds`) is not read again."""
    problems: list[Problem] = []
    articles = tables["articles"]
    for i, row in articles.frame.iterrows():
        if row["article_id"] in texts:
            continue
        text, why = read_text(seeds / row["file"])
        if text is None:
            msg = f"article file seeds/{row['file']} {why or 'is missing'}"
            if not (seeds / row["file"]).is_file():
                msg = f"article file not found: {seeds.name}/{row['file']}"
            problems.append(Problem("articles.csv", _line(articles, int(i)), "file", msg))
        else:
            texts[row["article_id"]] = text
    for name in schema.EVIDENCE_TABLES:
        table = tables[name]
        if not table.ok:
            continue
        for i, row in table.frame.iterrows():
            text = texts.get(row["article_id"])
            if text is not None and row["quote"] and row["quote"] not in text:
                msg = f"quote not found verbatim in article {row['article_id']!r}: {row['quote']!r}"
                problems.append(Problem(f"{name}.csv", _line(table, int(i)), "quote", msg))
    return problems


def _coordinate_problems(table: RawTable) -> list[Problem]:
    problems = []
    for i, row in table.frame.iterrows():
        for col in ("latitude", "longitude"):
            if row[col] and not _FOUR_DECIMALS.match(row[col]):
                msg = f"value {row[col]!r}: expected degrees with 4 decimals"
                problems.append(Problem("locations.csv", _line(table, int(i)), col, msg))
    return problems


def validate_tables(
    tables: dict[str, RawTable], seeds: Path, folder: Path, texts: dict[str, str] | None = None
) -> list[Problem]:
    """Every problem in tables already read from `folder`, sorted by file and line. The curated
    articles' texts, read to check the quotes, are put into `texts` when it is given."""
    problems = [p for t in tables.values() for p in t.problems]
    problems += _frictionless_problems(folder, tables)
    ok = {name for name, t in tables.items() if t.ok}
    if "events" in ok:
        problems += _date_problems(tables["events"], "start_date", "end_date")
    if "articles" in ok:
        problems += _date_problems(tables["articles"], "published", None)
        problems += _evidence_problems(tables, seeds, {} if texts is None else texts)
    if "locations" in ok:
        problems += _coordinate_problems(tables["locations"])
    if {"people", "organizations"} <= ok:
        people = set(tables["people"].frame["person_id"])
        orgs = set(tables["organizations"].frame["org_id"])
        if "participants" in ok:
            args = ("entity_id", "entity_type", people, orgs)
            problems += _typed_reference_problems(tables["participants"], *args)
        if "claims" in ok:
            args = ("speaker_id", "speaker_type", people, orgs)
            problems += _typed_reference_problems(tables["claims"], *args)
    if "claims" in ok:
        problems += _unknown_speaker_problems(tables["claims"])
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column, p.message))


def validate(data: Path | None = None, seeds: Path | None = None) -> list[Problem]:
    """Validate a data folder and a seeds folder (defaults: the environment, then the repo)."""
    folder, seed_folder = schema.data_dir(data), schema.seeds_dir(seeds)
    return validate_tables(read_tables(folder), seed_folder, folder)
