"""Dates and their precision: the one reading of a stored date used by filters, charts, the map,
labels and exports.

Dates are stored as ISO `YYYY-MM-DD` with a precision (`day`, `window`, `month`, `year`). A month
or year date stands for the whole month or year, wherever in it the stored day falls: `interval`
widens the start to the first day and the end (or the start, when there is no end) to the last
day of its month or year. A `window` is an event on a day the texts do not give, somewhere
between the start and the end: its interval is exactly those days, and it is never "precise".
Month names are a fixed English table, never the locale's.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

PRECISIONS: tuple[str, ...] = ("day", "window", "month", "year")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(value: str) -> date | None:
    """The first day of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" value; None if empty or malformed."""
    if not isinstance(value, str) or not value.strip():
        return None
    if _ISO_DAY.fullmatch(value):  # the stored form: no strptime
        try:
            return date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return None
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except (ValueError, AttributeError):
            continue
    return None


def precision_of(value: str, precision: str) -> str:
    """The precision of a stored date: the one given, else what a partial date implies."""
    if precision in PRECISIONS:
        return precision
    return {4: "year", 7: "month"}.get(len(value.strip()), "day")


def _widen(first: date, last: date, precision: str) -> tuple[date, date]:
    if precision == "month":
        first = first.replace(day=1)
        last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    elif precision == "year":
        first, last = first.replace(month=1, day=1), last.replace(month=12, day=31)
    return first, last


def interval(start: str, end: str, precision: str) -> tuple[date, date] | None:
    """(first_day, last_day) that a stored date range stands for at its precision; None when
    the start is empty or malformed. An end before the start counts as the start."""
    first = parse_date(start)
    if first is None:
        return None
    last = max(parse_date(end) or first, first)
    return _widen(first, last, precision_of(start, precision))


def overlaps(span: tuple[date, date] | None, lo: date | None, hi: date | None) -> bool:
    """True when a (first_day, last_day) interval meets [lo, hi] (None: open); never for None."""
    if span is None:
        return False
    return (hi is None or span[0] <= hi) and (lo is None or span[1] >= lo)


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _month(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def format_date_range(start: str, end: str, precision: str, basis: str = "") -> str:
    """Human text for a date range at its precision: "2–6 Sep 2024", "Nov 2023", "unknown"."""
    span = interval(start, end, precision)
    if span is None:
        return start.strip() or "unknown"
    first, last = span
    precision = precision_of(start, precision)
    if precision == "year":
        text = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    elif precision == "month":
        if (first.year, first.month) == (last.year, last.month):
            text = _month(first)
        elif first.year == last.year:
            text = f"{MONTHS[first.month - 1]}–{MONTHS[last.month - 1]} {last.year}"
        else:
            text = f"{_month(first)} – {_month(last)}"
    elif first == last:
        text = _day(first)
    elif (first.year, first.month) == (last.year, last.month):
        text = f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    elif first.year == last.year:
        text = f"{first.day} {MONTHS[first.month - 1]} – {_day(last)}"
    else:
        text = f"{_day(first)} – {_day(last)}"
    return f"{text} (inferred)" if basis == "inferred" else text


def short_date(value: str, precision: str) -> str:
    """One date at its precision: "17 Nov 2023", "Nov 2023", "2023"; "" when unknown."""
    return format_date_range(value, "", precision) if parse_date(value) else ""


def overall_span(dated: Iterable[tuple[str, str, str]]) -> tuple[date, date] | None:
    """The first and last day that any of the (start, end, precision) dates stands for (see
    `interval`); None when none of them is a date."""
    spans = [s for s in (interval(start, end, precision) for start, end, precision in dated) if s]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


PERIOD_UNITS: tuple[str, ...] = ("month", "week")


def periods(first: date, last: date, unit: str = "month") -> list[tuple[date, date]]:
    """The calendar months (or ISO weeks, Monday to Sunday) from the one holding `first` to the
    one holding `last`, each as (first_day, last_day); [] when last < first."""
    if unit not in PERIOD_UNITS:
        raise ValueError(f"unknown period {unit!r}; choose one of {', '.join(PERIOD_UNITS)}")
    spans: list[tuple[date, date]] = []
    if unit == "week":
        start = first - timedelta(days=first.weekday())
        while start <= last:
            spans.append((start, start + timedelta(days=6)))
            start += timedelta(days=7)
        return spans
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        spans.append((date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return spans


def period_label(span: tuple[date, date], unit: str = "month") -> str:
    """ "Nov 2023" for a month, "13–19 Nov 2023" (or across months) for a week."""
    first, last = span
    if unit == "month":
        return _month(first)
    return format_date_range(first.isoformat(), last.isoformat(), "day")


def period_key(span: tuple[date, date], unit: str = "month") -> str:
    """How a period travels in a link: "2023-11" for a month, "2023-W46" for an ISO week."""
    if unit == "week":
        year, week, _ = span[0].isocalendar()
        return f"{year}-W{week:02d}"
    return f"{span[0].year}-{span[0].month:02d}"


_PERIOD = re.compile(r"(\d{4})-(?:(\d{2})|W(\d{2}))", re.ASCII)


def parse_period(text: str) -> tuple[date, date] | None:
    """(first_day, last_day) of "YYYY-MM", "YYYY-Www", or a range of them "A..B"; None when the
    text is none of these (or the range runs backwards)."""
    parts = text.split("..")
    if not 1 <= len(parts) <= 2:
        return None
    spans = []
    for part in parts:
        match = _PERIOD.fullmatch(part.strip())
        if match is None:
            return None
        year, month, week = match.groups()
        try:
            if month:
                first = date(int(year), int(month), 1)
                spans.append(
                    (first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))
                )
            else:
                first = date.fromisocalendar(int(year), int(week), 1)
                spans.append((first, first + timedelta(days=6)))
        except ValueError:
            return None
    if spans[-1][1] < spans[0][0]:
        return None
    return spans[0][0], spans[-1][1]
