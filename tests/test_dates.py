"""Dates at their precision: one interval for filters, timeline and labels."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.dataset import Dataset
from dashboard.dates import format_date_range, interval, overlaps, short_date
from dashboard.filters import Filters, select
from dashboard.vegalite import timeline_rows

# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "basis", "expected"),
    [
        ("2023-11-16", "", "day", "stated", "16 Nov 2023"),
        ("2023-11-16", "2023-11-16", "day", "stated", "16 Nov 2023"),
        ("2024-09-02", "2024-09-06", "day", "stated", "2–6 Sep 2024"),
        ("2024-09-30", "2024-10-02", "day", "stated", "30 Sep – 2 Oct 2024"),
        ("2023-12-30", "2024-01-02", "day", "", "30 Dec 2023 – 2 Jan 2024"),
        ("2023-11-01", "", "month", "stated", "Nov 2023"),
        ("2023-11-01", "2023-12-01", "month", "stated", "Nov–Dec 2023"),
        ("2023-12-01", "2024-01-31", "month", "stated", "Dec 2023 – Jan 2024"),
        ("2022-01-01", "", "year", "stated", "2022"),
        ("2022-01-01", "2023-12-31", "year", "stated", "2022–2023"),
        ("2023-11", "", "", "", "Nov 2023"),
        ("2022", "", "", "", "2022"),
        ("2023-11-16", "", "day", "inferred", "16 Nov 2023 (inferred)"),
        ("2023-11-01", "", "month", "inferred", "Nov 2023 (inferred)"),
        ("", "", "", "", "unknown"),
        ("", "2024-01-01", "day", "inferred", "unknown"),
        ("2024-09-06", "2024-09-02", "day", "stated", "6 Sep 2024"),
    ],
)
def test_format_date_range(start: str, end: str, precision: str, basis: str, expected: str) -> None:
    assert format_date_range(start, end, precision, basis) == expected


# --- one interval for every precision ---------------------------------------------------------

# (event_id, start, end, precision): stored days inside the month or year, as a curator or an
# import might leave them; each stands for the whole month or year.
MID_PERIOD = [
    ("ev-day", "2023-11-17", "2023-11-18", "day"),  # 17–18 Nov 2023
    ("ev-month", "2023-11-17", "2023-11-17", "month"),  # 1–30 Nov 2023
    ("ev-months", "2023-11-17", "2023-12-05", "month"),  # 1 Nov – 31 Dec 2023
    ("ev-leap", "2024-02-10", "2024-02-10", "month"),  # 1–29 Feb 2024
    ("ev-year", "2022-06-15", "2022-06-15", "year"),  # 1 Jan – 31 Dec 2022
    # A day the texts do not give, between the meeting and the article: never widened.
    ("ev-window", "2023-11-16", "2023-11-17", "window"),  # 16–17 Nov 2023
]
INTERVALS = {
    "ev-day": (date(2023, 11, 17), date(2023, 11, 18)),
    "ev-month": (date(2023, 11, 1), date(2023, 11, 30)),
    "ev-months": (date(2023, 11, 1), date(2023, 12, 31)),
    "ev-leap": (date(2024, 2, 1), date(2024, 2, 29)),
    "ev-year": (date(2022, 1, 1), date(2022, 12, 31)),
    "ev-window": (date(2023, 11, 16), date(2023, 11, 17)),
}
LABELS = {
    "ev-day": "17–18 Nov 2023",
    "ev-month": "Nov 2023",
    "ev-months": "Nov–Dec 2023",
    "ev-leap": "Feb 2024",
    "ev-year": "2022",
    "ev-window": "16–17 Nov 2023",
}


@pytest.mark.parametrize(("event_id", "start", "end", "precision"), MID_PERIOD)
def test_interval_widens_to_the_whole_month_or_year(event_id, start, end, precision) -> None:
    assert interval(start, end, precision) == INTERVALS[event_id]
    assert format_date_range(start, end, precision, "stated") == LABELS[event_id]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2023-11-17", "day", "17 Nov 2023"),
        ("2023-11-17", "month", "Nov 2023"),
        ("2023-11-17", "year", "2023"),
        ("", "day", ""),
        ("17/11/2023", "day", ""),
    ],
)
def test_short_date(value: str, precision: str, expected: str) -> None:
    assert short_date(value, precision) == expected


def test_interval_of_nothing_is_none() -> None:
    assert interval("", "", "") is None
    assert interval("not a date", "2023-01-01", "day") is None
    assert not overlaps(None, None, None)


@pytest.fixture
def mid_period(dataset: Dataset) -> Dataset:
    columns = list(dataset.events.columns)
    events = pd.DataFrame(
        [
            dict.fromkeys(columns, "")
            | {"event_id": e, "title": e, "start_date": s, "end_date": t, "date_precision": p}
            | {"date_basis": "stated"}  # a dated row has a basis (validation)
            for e, s, t, p in MID_PERIOD
        ],
        columns=columns,
    )
    return dataset.replace_tables(events=events, event_sources=dataset.event_sources.iloc[0:0])


@pytest.mark.parametrize(
    ("date_from", "date_to", "events"),
    [
        # 20–25 Nov: inside November, after the stored day 17 (the old filter missed these).
        (date(2023, 11, 20), date(2023, 11, 25), {"ev-month", "ev-months"}),
        (date(2023, 11, 1), date(2023, 11, 1), {"ev-month", "ev-months"}),
        (date(2023, 12, 31), None, {"ev-months", "ev-leap"}),
        (date(2024, 2, 29), date(2024, 2, 29), {"ev-leap"}),
        (date(2022, 12, 31), date(2022, 12, 31), {"ev-year"}),
        (None, date(2022, 1, 1), {"ev-year"}),
        (date(2023, 11, 18), date(2023, 11, 18), {"ev-day", "ev-month", "ev-months"}),
        (date(2023, 11, 16), date(2023, 11, 16), {"ev-month", "ev-months", "ev-window"}),
        (date(2023, 1, 1), date(2023, 10, 31), set()),
    ],
)
def test_filters_select_by_the_same_interval(mid_period, date_from, date_to, events) -> None:
    _, chosen = select(mid_period, Filters(date_from=date_from, date_to=date_to))
    assert chosen == events


def test_timeline_bars_and_labels_use_the_same_interval(mid_period) -> None:
    rows = timeline_rows(
        mid_period.events, mid_period.locations, mid_period.event_sources, mid_period.articles
    ).set_index("event_id")
    # A bar runs from its first day's midnight to the midnight after its last day (UTC).
    assert rows.loc["ev-month", ["start", "end"]].tolist() == [
        "2023-11-01T00:00:00Z",
        "2023-12-01T00:00:00Z",
    ]
    assert rows.loc["ev-months", ["start", "end"]].tolist() == [
        "2023-11-01T00:00:00Z",
        "2024-01-01T00:00:00Z",
    ]
    assert rows.loc["ev-year", ["start", "end"]].tolist() == [
        "2022-01-01T00:00:00Z",
        "2023-01-01T00:00:00Z",
    ]
    assert rows.loc["ev-day", ["start", "end"]].tolist() == [
        "2023-11-17T00:00:00Z",
        "2023-11-19T00:00:00Z",
    ]
    assert rows.loc["ev-window", ["start", "end"]].tolist() == [
        "2023-11-16T00:00:00Z",
        "2023-11-18T00:00:00Z",
    ]
    # Only a day-precision date is drawn as a precise one.
    assert not rows.loc["ev-window", "precise"] and rows.loc["ev-day", "precise"]
    assert rows["dates"].to_dict() == LABELS
