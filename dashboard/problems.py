"""Problems found in the data: one line each, naming the file, the row and the column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell, row or file. `row` is the line number in the file (1 = header)."""

    file: str
    row: int | None
    column: str
    message: str
    severity: str = "error"  # "error" stops loading; "warning" is reported and loading goes on

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = f" column {self.column!r}:" if self.column else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{where}:{column} {self.message}"


class DataError(Exception):
    """Raised when the data cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the data:\n" + "\n".join(map(str, errors)))
