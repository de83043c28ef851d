"""A figure of the benchmark table (a value, the baseline it is compared with and the target),
repeated timings, and the one table that `python -m benchmarks` prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One row of the table. `baseline` is measured in the same run; `limit` is the target as a
    number in the unit of `compared` ("ratio" or "value"), or None when the figure is reported
    only."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    limit: float | None = None
    compared: str = "ratio"  # which number the limit applies to: "ratio" or "value"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """value / baseline, when there is a baseline."""
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None: no target)."""
        if self.limit is None:
            return None
        number = self.ratio if self.compared == "ratio" else self.value
        return number is not None and number <= self.limit


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")


def timed(action: Callable[[], object]) -> float:
    """Seconds that action takes (perf_counter)."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _number(value: float, unit: str) -> str:
    if value != value:  # NaN: not measured
        return "—"
    if value == float("inf"):
        return "timed out"
    if unit == "s" and value < 1:
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB/s":
        return f"{value:.1f} MB/s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3g} {unit}".strip()


def _target(figure: Figure) -> str:
    if figure.limit is None:
        return "reported"
    if figure.compared == "ratio":
        return f"≤ {figure.limit:g}×"
    return f"≤ {_number(figure.limit, figure.unit)}"


def table(figures: Iterable[Figure]) -> str:
    """The figures as one Markdown table."""
    header = ("figure", "value", "baseline (same run)", "ratio", "target", "met")
    rows = [header, tuple("---" for _ in header)]
    for f in figures:
        baseline = f"{f.baseline_name} {_number(f.baseline, f.unit)}" if f.baseline else ""
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        met = {None: "", True: "yes", False: "**no**"}[f.met]
        name = f"{f.name} ({f.note})" if f.note else f.name
        rows.append((name, _number(f.value, f.unit), baseline, ratio, _target(f), met))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)
