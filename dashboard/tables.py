"""Reading the curated CSV tables exactly, with the line number of every row."""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import schema
from dashboard.problems import Problem


@dataclass(frozen=True)
class RawTable:
    """A CSV file read as text: `frame` holds the public columns as strings, `lines` the line
    number in the file where each row starts, `problems` what stopped or troubled the reading."""

    name: str
    frame: pd.DataFrame
    lines: list[int]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when no error stopped the reading (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


def _decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file (a byte-order mark is accepted and dropped), or the problem."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        return None, Problem(
            path.name, line, "", f"not UTF-8 text (byte 0x{byte} at offset {exc.start})"
        )


def read_table(path: Path, name: str) -> RawTable:
    """Read one curated table; never raises for a broken file, it reports problems instead."""
    expected = schema.columns(name)
    empty = pd.DataFrame(columns=expected, dtype=str)
    problems: list[Problem] = []
    if not path.is_file():
        return RawTable(name, empty, [], [Problem(path.name, None, "", "file not found")])
    text, problem = _decode(path, path.read_bytes())
    if problem or text is None:
        return RawTable(name, empty, [], [problem] if problem else [])
    if not text.strip():
        return RawTable(name, empty, [], [Problem(path.name, None, "", "file is empty")])
    if "\x00" in text:
        return RawTable(name, empty, [], [Problem(path.name, None, "", "not a CSV text file")])

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        records: list[list[str]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for record in reader:
            if record:  # blank lines carry no row
                records.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        return RawTable(
            name, empty, [], [Problem(path.name, reader.line_num, "", f"not CSV: {exc}")]
        )

    header = [h.strip() for h in header]
    if len(header) == 1 and len(expected) > 1:
        for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header[0]:
                msg = f"wrong delimiter: columns are separated by {label}, expected commas"
                return RawTable(name, empty, [], [Problem(path.name, 1, "", msg)])
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for col in missing:
        close = difflib.get_close_matches(col, extra, n=1)
        hint = f" (found {close[0]!r}: misspelt?)" if close else ""
        problems.append(Problem(path.name, 1, col, f"missing column{hint}"))
    for col in extra:
        if not difflib.get_close_matches(col, missing, n=1):
            problems.append(Problem(path.name, 1, col, "unknown column, ignored", "warning"))
    dupes = sorted({c for c in header if header.count(c) > 1})
    for col in dupes:
        problems.append(Problem(path.name, 1, col, "column appears more than once"))
    if not records and not any(p.severity == "error" for p in problems):
        problems.append(Problem(path.name, 2, "", "no rows: the file has a header only"))
    for record, line in zip(records, lines, strict=True):
        if len(record) != len(header):
            msg = f"has {len(record)} fields, the header has {len(header)}"
            problems.append(Problem(path.name, line, "", msg))
    if any(p.severity == "error" for p in problems):
        return RawTable(name, empty, lines, problems)

    # Cells are kept exactly as written: nothing is stripped or converted.
    frame = pd.DataFrame(records, columns=header, dtype=str)[expected].reset_index(drop=True)
    return RawTable(name, frame, lines, problems)
