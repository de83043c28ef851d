"""Vega-Lite specs of the Overview, on small hand-made tables and on the real data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pandas as pd
import pytest
from builders import HOSTILE, article, mentions_frame, strings, table

from dashboard import present, vegalite
from dashboard.colours import (
    BACKGROUNDS,
    COUNTRY_COLORS,
    EVENT_KIND_COLORS,
    MUTED_TEXT,
    TEXT,
    contrast,
)
from dashboard.vegalite import (
    EMPTY_TIMELINE,
    MAX_ARTICLE_ROWS,
    NOT_REPORTED,
    REPORTED,
    SHORT_TITLE_LENGTH,
    Spec,
    coverage_rows,
    coverage_spec,
    ordered_articles,
    shorten,
    timeline_rows,
    timeline_spec,
    top_mentions_spec,
    top_mentions_table,
    topic_heatmap_spec,
    topic_rows,
    unique_labels,
)

HOSTILE_PARTS = ("<img", "src=x", "onerror", "alert(1)", "<script>", "alert(2)", "</script>")


def event(event_id: str, start: str = "", end: str = "", **fields: str) -> dict[str, str]:
    """An events row; a bilateral meeting of day precision unless told."""
    defaults = {"title": f"Event {event_id}", "kind": "bilateral meeting", "date_precision": "day"}
    return {**defaults, "event_id": event_id, "start_date": start, "end_date": end, **fields}


def values(spec: Spec) -> list[dict[str, Any]]:
    """The data rows of a spec."""
    return spec["data"]["values"]


def row_of(spec: Spec, **match: Any) -> dict[str, Any]:
    """The one data row whose fields have the given values."""
    (row,) = [r for r in values(spec) if all(r[k] == v for k, v in match.items())]
    return row


def subtitle(spec: Spec) -> str:
    """The subtitle of a spec (its lines joined), "" when it has none."""
    text = spec["title"].get("subtitle", "")
    return " ".join(text) if isinstance(text, list) else text


def expressions(value: Any) -> Iterator[str]:
    """Every Vega expression string in a spec: the values of "filter", "test", "expr" and
    "labelExpr"."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("filter", "test", "expr", "labelExpr"):
                yield from strings(item)
            yield from expressions(item)
    elif isinstance(value, list):
        for item in value:
            yield from expressions(item)


def encodings(spec: Spec) -> list[dict[str, Any]]:
    """The encoding of the spec and of each of its layers."""
    return [e for part in [spec, *spec.get("layer", [])] if (e := part.get("encoding"))]


def fields(value: Any) -> Iterator[str]:
    """Every field named anywhere in an encoding (channels, conditions, tooltips)."""
    if isinstance(value, dict):
        if isinstance(value.get("field"), str):
            yield value["field"]
        for item in value.values():
            yield from fields(item)
    elif isinstance(value, list):
        for item in value:
            yield from fields(item)


def color_of(spec: Spec, value: str) -> str:
    """The colour the spec's colour scale gives value."""
    scale = spec["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))[value]


def assert_well_formed(spec: Spec) -> None:
    """A spec Vega-Lite draws as meant: JSON, full width, inline rows, every encoded field in
    every row, position sorts listing each value once, colour domains covering the data."""
    assert json.loads(json.dumps(spec)) == spec
    assert spec["width"] == "container"
    rows = values(spec)
    assert isinstance(rows, list) and rows
    for encoding in encodings(spec):
        for field in fields(encoding):
            assert all(field in row for row in rows), field
        for channel in ("x", "y"):
            sort = encoding.get(channel, {}).get("sort")
            if isinstance(sort, list):
                assert len(sort) == len(set(sort))
                assert set(sort) == {row[encoding[channel]["field"]] for row in rows}
        for channel in ("color", "stroke"):
            domain = encoding.get(channel, {}).get("scale", {}).get("domain")
            if domain is not None:
                assert {row[encoding[channel]["field"]] for row in rows} <= set(domain)
                assert len(domain) == len(encoding[channel]["scale"]["range"])


# --- labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "length", "expected"),
    [
        ("Short", 40, "Short"),
        ("  Spaced\n  out   title ", 40, "Spaced out title"),
        ("x" * 40, 40, "x" * 40),
        ("x" * 41, 40, "x" * 39 + "…"),
        ("A very long headline about precursor chemicals", 20, "A very long headlin…"),
        ("Cut after a space", 5, "Cut…"),
        ("Exactly ten", 11, "Exactly ten"),
    ],
)
def test_shorten(text: str, length: int, expected: str) -> None:
    assert shorten(text, length) == expected
    assert len(shorten(text, length)) <= length


@pytest.mark.parametrize(
    ("labels", "ids", "expected"),
    [
        ([], [], []),
        (["A", "B"], ["1", "2"], ["A", "B"]),
        (["A", "B", "A"], ["1", "2", "3"], ["A [1]", "B", "A [3]"]),
        (["Meeting"] * 3, ["e1", "e2", "e3"], ["Meeting [e1]", "Meeting [e2]", "Meeting [e3]"]),
        # A title that already reads like a suffixed label still gives distinct rows.
        (["A [x]", "A", "A"], ["y", "x", "z"], ["A [x]", "A [x] (2)", "A [z]"]),
    ],
)
def test_unique_labels(labels: list[str], ids: list[str], expected: list[str]) -> None:
    assert unique_labels(labels, ids) == expected
    assert len(set(expected)) == len(expected)


def test_ordered_articles_by_date_undated_then_unknown_last() -> None:
    articles = table(
        "articles",
        article("a-undated"),
        article("b-late", published="2024-02-01"),
        article("c-early", published="2023-01-01"),
        article("d-unwanted", published="2020-01-01"),
    )
    wanted = ["zz-unknown", "a-undated", "b-late", "c-early", "aa-unknown"]
    assert ordered_articles(articles, wanted) == [
        "c-early",
        "b-late",
        "a-undated",
        "aa-unknown",
        "zz-unknown",
    ]


# --- timeline ---------------------------------------------------------------------------------


@pytest.fixture
def timeline_tables() -> dict[str, pd.DataFrame]:
    """Three dated events (a five-day visit, a one-day letter, a month) and two undated."""
    return {
        "events": table(
            "events",
            event(
                "e-visit", "2024-09-02", "2024-09-06", kind="delegation visit", location_id="cdmx"
            ),
            event("e-letter", "2024-09-04", kind="letter"),
            event("e-month", "2023-11-01", date_precision="month", kind="statement"),
            event("e-undated-1"),
            event("e-undated-2", kind="summit"),
        ),
        "locations": table("locations", {"location_id": "cdmx", "name": "Ciudad de México"}),
        "event_sources": table(
            "event_sources",
            {"event_id": "e-visit", "article_id": "a1"},
            {"event_id": "e-visit", "article_id": "a2"},
        ),
        "articles": table("articles", article("a1", "Visit report"), article("a2", "")),
    }


def build_timeline(t: dict[str, pd.DataFrame]) -> Spec:
    return timeline_spec(t["events"], t["locations"], t["event_sources"], t["articles"])


def test_timeline_draws_each_dated_event_once(timeline_tables: dict[str, pd.DataFrame]) -> None:
    spec = build_timeline(timeline_tables)
    assert sorted(r["event_id"] for r in values(spec)) == ["e-letter", "e-month", "e-visit"]
    assert subtitle(spec).startswith("2 undated events not shown. ")
    assert_well_formed(spec)


def test_timeline_one_undated_event_is_singular(timeline_tables: dict[str, pd.DataFrame]) -> None:
    t = timeline_tables
    events = t["events"][t["events"]["event_id"] != "e-undated-2"]
    spec = timeline_spec(events, t["locations"], t["event_sources"], t["articles"])
    assert subtitle(spec).startswith("1 undated event not shown. ")
    everything = t["events"][t["events"]["start_date"] != ""]
    spec = timeline_spec(everything, t["locations"], t["event_sources"], t["articles"])
    assert "undated" not in subtitle(spec)


def test_timeline_bars_span_whole_days(timeline_tables: dict[str, pd.DataFrame]) -> None:
    spec = build_timeline(timeline_tables)
    visit = row_of(spec, event_id="e-visit")
    assert (visit["start"], visit["end"]) == ("2024-09-02T00:00:00Z", "2024-09-07T00:00:00Z")
    assert visit["one_day"] is False and visit["precise"] is True
    letter = row_of(spec, event_id="e-letter")
    assert (letter["start"], letter["end"]) == ("2024-09-04T12:00:00Z", "2024-09-04T12:00:00Z")
    assert letter["one_day"] is True and letter["precise"] is True
    # A month-precision event covers its whole month, drawn fainter: uncertainty, not duration.
    month = row_of(spec, event_id="e-month")
    assert (month["start"], month["end"]) == ("2023-11-01T00:00:00Z", "2023-12-01T00:00:00Z")
    assert month["one_day"] is False and month["precise"] is False


DAY, NOON = "T00:00:00Z", "T12:00:00Z"


@pytest.mark.parametrize(
    ("start", "end", "precision", "first", "last", "one_day", "precise"),
    [
        ("2024-09-04", "", "day", "2024-09-04" + NOON, "2024-09-04" + NOON, True, True),
        ("2024-09-04", "2024-09-04", "day", "2024-09-04" + NOON, "2024-09-04" + NOON, True, True),
        # An end before the start is ignored: one day.
        ("2024-09-06", "2024-09-02", "day", "2024-09-06" + NOON, "2024-09-06" + NOON, True, True),
        ("2024-09-30", "2024-10-02", "day", "2024-09-30" + DAY, "2024-10-03" + DAY, False, True),
        ("2023-12-31", "2024-01-01", "day", "2023-12-31" + DAY, "2024-01-02" + DAY, False, True),
        ("2023-12-01", "", "month", "2023-12-01" + DAY, "2024-01-01" + DAY, False, False),
        ("2024-02", "", "", "2024-02-01" + DAY, "2024-03-01" + DAY, False, False),
        ("2023-11-01", "2024-01-01", "month", "2023-11-01" + DAY, "2024-02-01" + DAY, False, False),
        ("2022-01-01", "", "year", "2022-01-01" + DAY, "2023-01-01" + DAY, False, False),
        ("2022", "2023", "", "2022-01-01" + DAY, "2024-01-01" + DAY, False, False),
    ],
)
def test_timeline_extent_by_precision(
    start: str, end: str, precision: str, first: str, last: str, one_day: bool, precise: bool
) -> None:
    events = table("events", event("e", start, end, date_precision=precision))
    rows = timeline_rows(events, table("locations"), table("event_sources"), table("articles"))
    (row,) = rows.to_dict("records")
    assert (row["start"], row["end"], row["one_day"], row["precise"]) == (
        first,
        last,
        one_day,
        precise,
    )


def test_timeline_bars_and_points_are_separate_layers(
    timeline_tables: dict[str, pd.DataFrame],
) -> None:
    bars, dots = build_timeline(timeline_tables)["layer"]
    assert bars["mark"]["type"] == "bar" and bars["transform"] == [{"filter": "!datum.one_day"}]
    assert bars["encoding"]["x2"] == {"field": "end"}
    assert bars["encoding"]["fillOpacity"]["condition"]["test"] == "datum.precise"
    assert dots["mark"]["type"] == "point" and dots["transform"] == [{"filter": "datum.one_day"}]


def test_timeline_colours_by_kind(timeline_tables: dict[str, pd.DataFrame]) -> None:
    spec = build_timeline(timeline_tables)
    kinds = ["delegation visit", "letter", "statement"]  # in the palette's order
    # On white, the orange and the sand are too faint (2.25 and 1.62 to 1): their darker
    # shades (3:1) stand in; the green (3.42) is kept.
    assert [EVENT_KIND_COLORS[k] for k in kinds] == ["#009E73", "#E69F00", "#DDCC77"]
    expected = {"domain": kinds, "range": ["#009E73", "#C68900", "#A19557"]}
    assert spec["encoding"]["color"]["field"] == "kind"
    assert spec["encoding"]["color"]["scale"] == expected
    bars = spec["layer"][0]
    # Outlined a shade darker still.
    outlines = ["#006F50", "#8B6000", "#71683D"]  # 0.7 of #009E73, #C68900, #A19557
    assert bars["encoding"]["stroke"]["scale"] == {"domain": kinds, "range": outlines}
    assert bars["encoding"]["stroke"]["legend"] is None


def test_timeline_unknown_and_missing_kinds_after_the_palette() -> None:
    events = table(
        "events",
        event("e1", "2024-01-01", kind="press conference"),
        event("e2", "2024-01-02", kind=""),
        event("e3", "2024-01-03", kind="summit"),
    )
    spec = timeline_spec(events, table("locations"), table("event_sources"), table("articles"))
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["summit", "press conference", "unspecified"]
    assert scale["range"][0] == EVENT_KIND_COLORS["summit"]
    assert row_of(spec, event_id="e2")["kind"] == "unspecified"
    assert_well_formed(spec)


def test_timeline_tooltip_has_dates_place_and_sources(
    timeline_tables: dict[str, pd.DataFrame],
) -> None:
    spec = build_timeline(timeline_tables)
    assert [(t["field"], t["title"]) for t in spec["encoding"]["tooltip"]] == [
        ("title", "Event"),
        ("kind", "Kind"),
        ("dates", "Dates"),
        ("place", "Place"),
        ("sources", "Sources"),
    ]
    visit = row_of(spec, event_id="e-visit")
    assert visit["dates"] == "2–6 Sep 2024"
    assert visit["place"] == "Ciudad de México"
    assert visit["sources"] == "Visit report; Untitled (a2.txt)"
    letter = row_of(spec, event_id="e-letter")
    assert (letter["dates"], letter["place"], letter["sources"]) == (
        "4 Sep 2024",
        "unknown",
        "none",
    )
    assert row_of(spec, event_id="e-month")["dates"] == "Nov 2023"


def test_timeline_tooltip_sources_are_summarised_after_eight() -> None:
    events = table("events", event("e1", "2024-01-01"))
    ids = [f"a{i}" for i in range(10)]
    sources = table("event_sources", *[{"event_id": "e1", "article_id": a} for a in ids])
    articles = table("articles", *[article(a, f"Source {a}") for a in ids])
    spec = timeline_spec(events, table("locations"), sources, articles)
    shown = "; ".join(f"Source a{i}" for i in range(8))
    assert row_of(spec, event_id="e1")["sources"] == f"{shown}; … and 2 more"


def test_timeline_rows_in_date_order(timeline_tables: dict[str, pd.DataFrame]) -> None:
    spec = build_timeline(timeline_tables)
    assert [r["event_id"] for r in values(spec)] == ["e-month", "e-visit", "e-letter"]
    labels = ["Event e-month", "Event e-visit", "Event e-letter"]
    assert [r["label"] for r in values(spec)] == labels
    assert spec["encoding"]["y"]["field"] == "label"
    assert spec["encoding"]["y"]["sort"] == labels


def test_timeline_same_titles_stay_separate_rows() -> None:
    long = "A very long title about a meeting on precursor chemicals and their control at ports"
    events = table(
        "events",
        event("e2", "2024-01-02", title="Meeting"),
        event("e1", "2024-01-01", title="Meeting"),
        # Different titles that are the same once shortened.
        event("e3", "2024-01-03", title=long + " one"),
        event("e4", "2024-01-04", title=long + " two"),
        event("e5", "2024-01-05", title="Other"),
    )
    spec = timeline_spec(events, table("locations"), table("event_sources"), table("articles"))
    short = shorten(long, vegalite.EVENT_LABEL_LENGTH)
    labels = ["Meeting [e1]", "Meeting [e2]", f"{short} [e3]", f"{short} [e4]", "Other"]
    assert [r["label"] for r in values(spec)] == labels
    assert spec["encoding"]["y"]["sort"] == labels
    assert [r["title"] for r in values(spec)][:2] == ["Meeting", "Meeting"]
    assert_well_formed(spec)


def test_timeline_without_dated_events(timeline_tables: dict[str, pd.DataFrame]) -> None:
    t = timeline_tables
    undated = t["events"][t["events"]["start_date"] == ""]
    spec = timeline_spec(undated, t["locations"], t["event_sources"], t["articles"])
    assert values(spec) == [{"message": EMPTY_TIMELINE}]
    assert spec["mark"]["type"] == "text"
    assert spec["title"] == {
        "text": "Timeline of events",
        "anchor": "start",
        "subtitle": "2 undated events not shown",
    }
    empty = timeline_spec(t["events"].iloc[0:0], t["locations"], t["event_sources"], t["articles"])
    assert values(empty) == [{"message": EMPTY_TIMELINE}]
    assert "subtitle" not in empty["title"]
    assert_well_formed(spec)
    assert_well_formed(empty)


def test_timeline_malformed_date_counts_as_undated() -> None:
    events = table("events", event("e1", "2024-01-01"), event("e2", "sometime in 2024"))
    spec = timeline_spec(events, table("locations"), table("event_sources"), table("articles"))
    assert [r["event_id"] for r in values(spec)] == ["e1"]
    assert subtitle(spec).startswith("1 undated event not shown")


# --- topics -----------------------------------------------------------------------------------


def test_topic_heatmap_counts_events_per_article_and_topic() -> None:
    long_title = "A very long headline about precursor chemicals and cooperation"
    spec = topic_heatmap_spec(
        table(
            "event_topics",
            {"event_id": "e1", "topic_id": "t1", "article_id": "a1", "quote": "x"},
            # The same assignment with a second quote is still one event.
            {"event_id": "e1", "topic_id": "t1", "article_id": "a1", "quote": "y"},
            {"event_id": "e2", "topic_id": "t1", "article_id": "a1"},
            {"event_id": "e2", "topic_id": "t2", "article_id": "a2"},
        ),
        table(
            "topics",
            {"topic_id": "t1", "label": "Precursors"},
            {"topic_id": "t2", "label": "Extradition"},
        ),
        table("articles", article("a1", long_title, "2024-09-01"), article("a2", "", "2023-01-01")),
    )
    short = shorten(long_title)
    assert short.endswith("…") and len(short) <= SHORT_TITLE_LENGTH
    assert short.startswith("A very long headline")
    # Rows: a2 (published earlier) then a1; columns t1, t2; every cell, zeros included.
    assert [(r["source"], r["topic"], r["events"], r["count"]) for r in values(spec)] == [
        ("Untitled (a2.txt)", "Precursors", 0, ""),
        ("Untitled (a2.txt)", "Extradition", 1, "1"),
        (short, "Precursors", 2, "2"),
        (short, "Extradition", 0, ""),
    ]
    assert spec["encoding"]["y"]["sort"] == ["Untitled (a2.txt)", short]
    assert spec["encoding"]["x"]["sort"] == ["Precursors", "Extradition"]
    # The tooltip names the source and the topic in full.
    assert [(t["field"], t["title"]) for t in spec["encoding"]["tooltip"]] == [
        ("article", "Source"),
        ("topic_label", "Topic"),
        ("events", "Events"),
    ]
    assert {r["article"] for r in values(spec)} == {"Untitled (a2.txt)", long_title}
    rect, text = spec["layer"]
    assert rect["encoding"]["color"]["field"] == "events"
    assert text["encoding"]["text"]["field"] == "count"
    # Numbers above half the largest count are white on the dark cells.
    assert text["encoding"]["color"]["condition"]["test"] == "datum.events > 1"
    assert subtitle(spec) == ""
    assert_well_formed(spec)


def test_topic_rows_unknown_topic_and_article_are_shown_by_id() -> None:
    rows, note = topic_rows(
        table(
            "event_topics",
            {"event_id": "e1", "topic_id": "t9", "article_id": "gone"},
            {"event_id": "e1", "topic_id": "t1", "article_id": "a1"},
        ),
        table("topics", {"topic_id": "t1", "label": ""}),
        table("articles", article("a1", "One")),
    )
    assert note == ""
    assert list(rows.itertuples(index=False, name=None)) == [
        ("a1", "t1", "One", "t1", "One", "t1", 1),
        ("a1", "t9", "One", "t9", "One", "t9", 0),
        ("gone", "t1", "Untitled (gone)", "t1", "Untitled (gone)", "t1", 0),
        ("gone", "t9", "Untitled (gone)", "t9", "Untitled (gone)", "t9", 1),
    ]


def test_topic_heatmap_same_titles_stay_separate_rows() -> None:
    spec = topic_heatmap_spec(
        table(
            "event_topics",
            {"event_id": "e1", "topic_id": "t1", "article_id": "a1"},
            {"event_id": "e1", "topic_id": "t1", "article_id": "a2"},
        ),
        table("topics", {"topic_id": "t1", "label": "Precursors"}),
        table("articles", article("a1", "Same"), article("a2", "Same")),
    )
    assert spec["encoding"]["y"]["sort"] == ["Same [a1]", "Same [a2]"]
    assert_well_formed(spec)


# --- coverage ---------------------------------------------------------------------------------


@pytest.fixture
def coverage() -> Spec:
    """Three events (one undated) by two sources."""
    return coverage_spec(
        table(
            "event_sources",
            {"event_id": "late", "article_id": "a1"},
            {"event_id": "early", "article_id": "a2"},
            {"event_id": "early", "article_id": "a1"},
        ),
        table(
            "events",
            event("undated", title="No date"),
            event("late", "2024-09-05"),
            event("early", "2023-11-16", title="First"),
        ),
        table("articles", article("a1", "One", "2024-01-01"), article("a2", "Two", "2024-02-01")),
    )


def test_coverage_rows_by_date_and_cells(coverage: Spec) -> None:
    assert coverage["encoding"]["y"]["sort"] == ["First", "Event late", "No date"]
    assert coverage["encoding"]["x"]["sort"] == ["One", "Two"]
    assert [(r["event"], r["source"], r["reported"]) for r in values(coverage)] == [
        ("First", "One", REPORTED),
        ("First", "Two", REPORTED),
        ("Event late", "One", REPORTED),
        ("Event late", "Two", NOT_REPORTED),
        ("No date", "One", NOT_REPORTED),
        ("No date", "Two", NOT_REPORTED),
    ]
    color = coverage["encoding"]["color"]
    assert color["field"] == "reported"
    assert color["scale"]["domain"] == [REPORTED, NOT_REPORTED]
    assert_well_formed(coverage)


def test_coverage_tooltip(coverage: Spec) -> None:
    assert [(t["field"], t["title"]) for t in coverage["encoding"]["tooltip"]] == [
        ("title", "Event"),
        ("dates", "Dates"),
        ("article", "Source"),
        ("reported", "In this source"),
    ]
    first = row_of(coverage, event_id="early", article_id="a1")
    assert (first["title"], first["dates"], first["article"]) == ("First", "16 Nov 2023", "One")
    late = row_of(coverage, event_id="late", article_id="a2")
    assert (late["title"], late["dates"], late["article"], late["reported"]) == (
        "Event late",
        "5 Sep 2024",
        "Two",
        NOT_REPORTED,
    )
    assert row_of(coverage, event_id="undated", article_id="a1")["dates"] == "unknown"


def test_coverage_same_titles_stay_separate_rows() -> None:
    rows, note = coverage_rows(
        table(
            "event_sources",
            {"event_id": "e1", "article_id": "a1"},
            {"event_id": "e2", "article_id": "a2"},
        ),
        table("events", event("e1", "2024-01-01", title="Meeting"), event("e2", title="Meeting")),
        table("articles", article("a1", "Same"), article("a2", "Same")),
    )
    assert note == ""
    assert sorted(set(rows["event"])) == ["Meeting [e1]", "Meeting [e2]"]
    assert sorted(set(rows["source"])) == ["Same [a1]", "Same [a2]"]
    assert set(rows["title"]) == {"Meeting"} and set(rows["article"]) == {"Same"}
    assert len(rows) == 4


# --- mentions ---------------------------------------------------------------------------------


@pytest.fixture
def people() -> pd.DataFrame:
    return table(
        "people",
        {"person_id": "ebrard", "name": "Marcelo Ebrard Casaubón", "country": "MEX"},
        {"person_id": "wang", "name": "Wang Yi", "country": "CHN"},
        {"person_id": "blinken", "name": "Antony Blinken", "country": "USA"},
    )


@pytest.fixture
def mentions() -> pd.DataFrame:
    return mentions_frame(
        [("a1", "ebrard", "person")] * 3
        + [("a2", "ebrard", "person")]
        + [("a1", "wang", "person")] * 2
        + [("a1", "blinken", "person")]
        + [("a1", "sre", "organization")] * 9
    )


def test_top_mentions_counts_orders_and_limits(
    mentions: pd.DataFrame, people: pd.DataFrame
) -> None:
    spec = top_mentions_spec(mentions, people, n=2)
    assert [
        (r["person_id"], r["person"], r["name"], r["country_name"], r["mentions"], r["articles"])
        for r in values(spec)
    ] == [
        ("ebrard", "Marcelo Ebrard Casaubón", "Marcelo Ebrard Casaubón", "MEX", 4, 2),
        ("wang", "Wang Yi", "Wang Yi", "CHN", 2, 1),
    ]
    assert spec["encoding"]["y"]["sort"] == ["Marcelo Ebrard Casaubón", "Wang Yi"]
    assert spec["encoding"]["x"]["field"] == "mentions"
    assert spec["encoding"]["color"]["scale"] == {
        "domain": ["MEX", "CHN"],
        "range": [COUNTRY_COLORS["MEX"], COUNTRY_COLORS["CHN"]],
    }
    assert [(t["field"], t["title"]) for t in spec["encoding"]["tooltip"]] == [
        ("name", "Person"),
        ("country_name", "Country"),
        ("mentions", "Mentions"),
        ("articles", "Articles"),
    ]
    assert_well_formed(spec)


def test_top_mentions_legend_uses_country_names(
    mentions: pd.DataFrame, people: pd.DataFrame
) -> None:
    names = {"MEX": "Mexico", "CHN": "China", "USA": "United States"}
    mentions = pd.concat([mentions, mentions_frame([("a3", "blinken", "person")] * 5)])
    spec = top_mentions_spec(mentions, people, country_names=names)
    assert [r["country_name"] for r in values(spec)] == ["United States", "Mexico", "China"]
    # The legend follows the palette's order (MEX, CHN, USA), not the order of the bars.
    assert list(COUNTRY_COLORS)[:3] == ["MEX", "CHN", "USA"]
    assert spec["encoding"]["color"]["scale"] == {
        "domain": ["Mexico", "China", "United States"],
        "range": [COUNTRY_COLORS["MEX"], COUNTRY_COLORS["CHN"], COUNTRY_COLORS["USA"]],
    }
    assert color_of(spec, "Mexico") == COUNTRY_COLORS["MEX"]
    assert_well_formed(spec)


def test_top_mentions_unknown_people_and_countries() -> None:
    people = table(
        "people",
        {"person_id": "p1", "name": "Same Name", "country": ""},
        {"person_id": "p2", "name": "Same Name", "country": "MEX"},
    )
    mentions = mentions_frame(
        [("a1", "ghost", "person")] * 3 + [("a1", "p1", "person")] * 2 + [("a1", "p2", "person")]
    )
    table_ = top_mentions_table(mentions, people)
    assert list(table_.itertuples(index=False, name=None)) == [
        ("ghost", "ghost", "", 3, 1),
        ("p1", "Same Name", "", 2, 1),
        ("p2", "Same Name", "MEX", 1, 1),
    ]
    spec = top_mentions_spec(mentions, people, country_names={"MEX": "Mexico"})
    assert spec["encoding"]["y"]["sort"] == ["ghost", "Same Name [p1]", "Same Name [p2]"]
    assert [r["country_name"] for r in values(spec)] == ["Unknown", "Unknown", "Mexico"]
    assert spec["encoding"]["color"]["scale"] == {
        "domain": ["Mexico", "Unknown"],
        # The grey of "unknown" (2.85 on white) in its 3:1 shade.
        "range": [COUNTRY_COLORS["MEX"], "#949494"],
    }
    assert_well_formed(spec)


def test_top_mentions_ties_by_articles_then_name() -> None:
    people = table(
        "people",
        {"person_id": "z", "name": "Zed", "country": "MEX"},
        {"person_id": "b", "name": "Bea", "country": "MEX"},
        {"person_id": "a", "name": "Ana", "country": "MEX"},
    )
    mentions = mentions_frame(
        [("a1", "z", "person"), ("a2", "z", "person")]
        + [("a1", "b", "person")] * 2
        + [("a1", "a", "person")] * 2
    )
    assert list(top_mentions_table(mentions, people)["person_id"]) == ["z", "a", "b"]


# --- empty ------------------------------------------------------------------------------------


EMPTY_CASES: dict[str, tuple[Callable[[], Spec], str]] = {
    "topics": (
        lambda: topic_heatmap_spec(table("event_topics"), table("topics"), table("articles")),
        "No topic assignments match the filters",
    ),
    "coverage without events": (
        lambda: coverage_spec(table("event_sources"), table("events"), table("articles")),
        "No events match the filters",
    ),
    "coverage without sources": (
        lambda: coverage_spec(
            table("event_sources"), table("events", event("e1", "2024-01-01")), table("articles")
        ),
        "No sources match the filters",
    ),
    "mentions of organizations only": (
        lambda: top_mentions_spec(mentions_frame([("a1", "sre", "organization")]), table("people")),
        "No mentions of people match the filters",
    ),
    "mentions with n=0": (
        lambda: top_mentions_spec(mentions_frame([("a1", "p1", "person")]), table("people"), n=0),
        "No mentions of people match the filters",
    ),
}


@pytest.mark.parametrize("name", sorted(EMPTY_CASES))
def test_empty_specs_say_why(name: str) -> None:
    build, message = EMPTY_CASES[name]
    spec = build()
    assert values(spec) == [{"message": message}]
    assert spec["mark"]["type"] == "text"
    assert spec["encoding"]["text"]["field"] == "message"
    assert_well_formed(spec)


# --- many sources -----------------------------------------------------------------------------


@pytest.fixture
def many_sources() -> dict[str, pd.DataFrame]:
    """Fifty undated articles that each tie event e to topic t, and one that says nothing."""
    ids = [f"a{i:02d}" for i in range(50)]
    return {
        "articles": table("articles", *[article(a, a) for a in ids], article("silent", "Silent")),
        "topics": table("topics", {"topic_id": "t", "label": "T"}),
        "event_topics": table(
            "event_topics", *[{"event_id": "e", "topic_id": "t", "article_id": a} for a in ids]
        ),
        "event_sources": table("event_sources", *[{"event_id": "e", "article_id": a} for a in ids]),
        "events": table("events", event("e", "2024-01-01")),
    }


MATRICES: dict[str, Callable[[dict[str, pd.DataFrame]], Spec]] = {
    "topics": lambda t: topic_heatmap_spec(t["event_topics"], t["topics"], t["articles"]),
    "coverage": lambda t: coverage_spec(t["event_sources"], t["events"], t["articles"]),
}
SOURCE_AXIS = {"topics": "y", "coverage": "x"}


@pytest.mark.parametrize("name", sorted(MATRICES))
def test_matrices_draw_only_sources_with_something_to_show_and_at_most_forty(
    name: str, many_sources: dict[str, pd.DataFrame]
) -> None:
    axis = SOURCE_AXIS[name]
    spec = MATRICES[name](many_sources)
    sources = spec["encoding"][axis]["sort"]
    assert sources == [f"a{i:02d}" for i in range(MAX_ARTICLE_ROWS)]
    assert "Silent" not in {r["source"] for r in values(spec)}
    assert subtitle(spec) == "The first 40 of 50 sources; the Data view has all"
    assert_well_formed(spec)
    small = {
        **many_sources,
        "event_topics": many_sources["event_topics"].head(3),
        "event_sources": many_sources["event_sources"].head(3),
    }
    spec = MATRICES[name](small)
    assert spec["encoding"][axis]["sort"] == ["a00", "a01", "a02"]
    assert subtitle(spec) == ""


# --- hostile text -----------------------------------------------------------------------------


@pytest.fixture
def hostile() -> dict[str, pd.DataFrame]:
    """Every free-text field a chart shows set to HTML that would run if rendered."""
    return {
        "events": table(
            "events",
            event("e1", "2024-09-03", title=HOSTILE, kind=HOSTILE, location_id="l1"),
            event("e2", title=HOSTILE),
            # A malformed date is shown as written.
            event("e3", HOSTILE, title="Plain"),
        ),
        "locations": table("locations", {"location_id": "l1", "name": HOSTILE}),
        "event_sources": table(
            "event_sources",
            {"event_id": "e1", "article_id": "a1"},
            {"event_id": "e3", "article_id": "a1"},
        ),
        "articles": table("articles", article("a1", HOSTILE)),
        "topics": table("topics", {"topic_id": "t1", "label": HOSTILE}),
        "event_topics": table(
            "event_topics", {"event_id": "e1", "topic_id": "t1", "article_id": "a1"}
        ),
        "people": table("people", {"person_id": "p1", "name": HOSTILE, "country": "MEX"}),
        "mentions": mentions_frame([("a1", "p1", "person")]),
    }


SPECS: dict[str, Callable[[dict[str, pd.DataFrame]], Spec]] = {
    "timeline": lambda h: timeline_spec(
        h["events"], h["locations"], h["event_sources"], h["articles"]
    ),
    "topics": lambda h: topic_heatmap_spec(h["event_topics"], h["topics"], h["articles"]),
    "coverage": lambda h: coverage_spec(h["event_sources"], h["events"], h["articles"]),
    "mentions": lambda h: top_mentions_spec(
        h["mentions"], h["people"], country_names={"MEX": HOSTILE}
    ),
}

# Every expression in each spec built from the hostile tables, in spec order.
EXPRESSIONS: dict[str, list[str]] = {
    "timeline": [
        vegalite._TIME_LABEL,
        vegalite.LEGEND_COLUMNS,
        "!datum.one_day",
        "datum.precise",
        "datum.precise",
        "datum.one_day",
    ],
    "topics": ["datum.events > 0.5"],
    "coverage": [],
    "mentions": [],
}

# Where the hostile text must show, as written: (the row, its fields equal to HOSTILE).
HOSTILE_CELLS: dict[str, list[tuple[dict[str, str], list[str]]]] = {
    "timeline": [({"event_id": "e1"}, ["title", "kind", "place", "sources"])],
    "topics": [],
    "coverage": [
        ({"event_id": "e1", "article_id": "a1"}, ["title", "article"]),
        ({"event_id": "e2", "article_id": "a1"}, ["title", "article"]),
        ({"event_id": "e3", "article_id": "a1"}, ["dates", "article"]),
    ],
    "mentions": [({"person_id": "p1"}, ["name", "country_name"])],
}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_data_text_stays_data(name: str, hostile: dict[str, pd.DataFrame]) -> None:
    spec = SPECS[name](hostile)
    assert_well_formed(spec)
    for match, columns in HOSTILE_CELLS[name]:
        row = row_of(spec, **match)
        assert {c: row[c] for c in columns} == dict.fromkeys(columns, HOSTILE)
    # Labels are shortened but still the text as written, never HTML-escaped: Vega draws text
    # as text and its tooltip escapes, so an entity would show literally.
    everything = strings(spec)
    assert any(s.startswith("<img src=x onerror=alert(1)>") for s in strings(values(spec)))
    assert not [s for s in everything if "&lt;" in s or "&gt;" in s or "&amp;" in s]
    # No value from the data ever becomes part of a Vega expression: the only expressions are
    # the spec's own, the same whatever the data says.
    found = list(expressions(spec))
    assert not [e for e in found if any(part in e for part in HOSTILE_PARTS)]
    # Every axis label's room by the chart's width: the same fixed expressions everywhere.
    limits = (vegalite.ROW_LABEL_LIMIT, vegalite.COLUMN_LABEL_LIMIT)
    assert [e for e in found if e not in limits] == EXPRESSIONS[name]


def test_hostile_labels_in_matrices_are_shortened_text(hostile: dict[str, pd.DataFrame]) -> None:
    short = shorten(HOSTILE)
    topics = SPECS["topics"](hostile)
    assert [(r["source"], r["topic"], r["events"]) for r in values(topics)] == [(short, short, 1)]
    coverage = SPECS["coverage"](hostile)
    assert coverage["encoding"]["x"]["sort"] == [short]
    # Event labels are longer (60), so the whole text; dated e1 first, then the undated e2
    # and e3, whose malformed date counts as none.
    assert len(HOSTILE) <= vegalite.EVENT_LABEL_LENGTH
    assert coverage["encoding"]["y"]["sort"] == [f"{HOSTILE} [e1]", f"{HOSTILE} [e2]", "Plain"]


# --- the real data ----------------------------------------------------------------------------


REAL_SPECS: dict[str, Callable[[Any], Spec]] = {
    "timeline": lambda d: timeline_spec(d.events, d.locations, d.event_sources, d.articles),
    "topics": lambda d: topic_heatmap_spec(d.event_topics, d.topics, d.articles),
    "coverage": lambda d: coverage_spec(d.event_sources, d.events, d.articles),
    "mentions": lambda d: top_mentions_spec(
        d.mentions, d.people, country_names=present.country_names(d)
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_SPECS))
def test_real_data_specs_are_well_formed(name: str, dataset: Any) -> None:
    spec = REAL_SPECS[name](dataset)
    assert_well_formed(spec)
    # Every real chart has something to draw, not the empty message.
    assert "message" not in values(spec)[0]
    assert isinstance(spec["height"], dict) and spec["height"]["step"] >= 20


def test_real_data_timeline_has_one_row_per_dated_event(dataset: Any) -> None:
    spec = REAL_SPECS["timeline"](dataset)
    dated = dataset.events[dataset.events["start_date"] != ""]
    assert sorted(r["event_id"] for r in values(spec)) == sorted(dated["event_id"])


def test_real_data_mentions_legend_uses_country_names(dataset: Any) -> None:
    spec = REAL_SPECS["mentions"](dataset)
    domain = spec["encoding"]["color"]["scale"]["domain"]
    assert {"Mexico", "China"} <= set(domain)
    assert not {"MEX", "CHN"} & set(domain)
    assert color_of(spec, "Mexico") == COUNTRY_COLORS["MEX"]
    assert color_of(spec, "China") == COUNTRY_COLORS["CHN"]


# --- dark and light bases -----------------------------------------------------------------------

BASE_SPECS: dict[str, Callable[[Any, str], Spec]] = {
    "timeline": lambda d, b: timeline_spec(d.events, d.locations, d.event_sources, d.articles, b),
    "topics": lambda d, b: topic_heatmap_spec(d.event_topics, d.topics, d.articles, b),
    "coverage": lambda d, b: coverage_spec(d.event_sources, d.events, d.articles, b),
    "mentions": lambda d, b: top_mentions_spec(
        d.mentions, d.people, country_names=present.country_names(d), base=b
    ),
    "empty": lambda d, b: vegalite.empty_spec("Nothing", "Title", "A subtitle", b),
}


def scale_ranges(value: Any) -> Iterator[str]:
    """Every colour of every explicit scale range in a spec."""
    if isinstance(value, dict):
        scale = value.get("scale")
        if isinstance(scale, dict) and isinstance(scale.get("range"), list):
            yield from (c for c in scale["range"] if str(c).startswith("#"))
        for item in value.values():
            yield from scale_ranges(item)
    elif isinstance(value, list):
        for item in value:
            yield from scale_ranges(item)


@pytest.mark.parametrize("base", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(BASE_SPECS))
def test_chart_text_and_marks_read_on_the_base(name: str, base: str, dataset: Any) -> None:
    spec = BASE_SPECS[name](dataset, base)
    background = BACKGROUNDS[base]
    # Streamlit's chart theme leaves the subtitle and text marks to Vega's default black.
    assert "black" not in json.dumps(spec).lower()
    assert spec["config"]["title"]["subtitleColor"] == MUTED_TEXT[base]
    assert spec["config"]["text"]["color"] == TEXT[base]
    assert contrast(spec["config"]["title"]["subtitleColor"], background) >= 4.5
    marks = list(scale_ranges(spec))
    assert marks or name in {"topics", "empty"}  # the heatmap uses Vega's blues scheme
    for color in marks:
        assert contrast(color, background) >= 3.0, color


def test_dark_timeline_lightens_the_navy_summit(dataset: Any) -> None:
    light = BASE_SPECS["timeline"](dataset, "light")
    dark = BASE_SPECS["timeline"](dataset, "dark")
    assert color_of(light, "summit") == EVENT_KIND_COLORS["summit"] == "#332288"
    assert color_of(dark, "summit") == "#6659A6"


# --- first sight: where the events are, what is cut ----------------------------------------------


def test_event_periods_of_the_real_data_are_the_two_summits(dataset: Any) -> None:
    # Events dated to the day: APEC 15-17 Nov 2023 and the Chinese delegation's 2-6 Sep 2024
    # visit; events known to the month, year or a window of days do not count.
    assert vegalite.event_periods(dataset.events) == [
        (date(2023, 11, 15), date(2023, 11, 17)),
        (date(2024, 9, 2), date(2024, 9, 6)),
    ]
    assert [vegalite.period_name(p) for p in vegalite.event_periods(dataset.events)] == [
        "Nov 2023",
        "Sep 2024",
    ]


def test_event_periods_split_at_the_gap() -> None:
    events = table(
        "events",
        event("a", "2024-01-01"),
        event("b", "2024-02-10"),  # 40 days after a: same period
        event("c", "2024-04-01", "2024-04-03"),  # 51 days after b: a new one
        event("d", "2023-01-01", date_precision="year"),  # not to the day: left out
    )
    assert vegalite.event_periods(events) == [
        (date(2024, 1, 1), date(2024, 2, 10)),
        (date(2024, 4, 1), date(2024, 4, 3)),
    ]
    # Only months and years: they are all there is, so they count.
    vague = table("events", event("d", "2023-01-01", date_precision="year"))
    assert vegalite.event_periods(vague) == [(date(2023, 1, 1), date(2023, 12, 31))]
    assert vegalite.period_name((date(2023, 11, 1), date(2024, 1, 5))) == "Nov 2023 – Jan 2024"


def test_timeline_focused_on_a_period_says_what_is_cut(dataset: Any) -> None:
    d = dataset
    nov = vegalite.event_periods(d.events)[0]
    spec = timeline_spec(d.events, d.locations, d.event_sources, d.articles, "light", nov)
    # Overlapping 15-17 Nov 2023: 6 events dated to the day, 9 within a few days ("window"),
    # border wall's November and the partnership anniversary's 2023; 30 of 36 have a date.
    assert len(values(spec)) == 6 + 9 + 1 + 1
    assert subtitle(spec).startswith(
        "17 of 30 dated events shown (Nov 2023); 6 undated events not shown."
    )
    # The axis spans the period with a day either side; longer events run off its edge.
    assert spec["encoding"]["x"]["scale"]["domain"] == [
        "2023-11-14T00:00:00Z",
        "2023-11-19T00:00:00Z",
    ]
    assert all(layer["mark"]["clip"] for layer in spec["layer"])
    whole = timeline_spec(d.events, d.locations, d.event_sources, d.articles)
    assert "domain" not in whole["encoding"]["x"]["scale"]
    assert len(values(whole)) == 30 and subtitle(whole).startswith("6 undated events not shown")


def test_timeline_ticks_never_finer_than_a_day(dataset: Any) -> None:
    axis = REAL_SPECS["timeline"](dataset)["encoding"]["x"]["axis"]
    assert axis["tickMinStep"] == 24 * 60 * 60 * 1000
    assert "%H" not in axis["labelExpr"] and "%-d %b" in axis["labelExpr"]
    legend = REAL_SPECS["timeline"](dataset)["encoding"]["color"]["legend"]
    assert legend["labelLimit"] == 0  # kinds in whole words


def test_most_mentioned_says_how_many_are_cut(dataset: Any) -> None:
    # 26 people are mentioned in the five articles; the chart draws 15.
    assert subtitle(REAL_SPECS["mentions"](dataset)) == (
        "15 of 26 officials shown: the most mentioned"
    )
    everyone = top_mentions_spec(dataset.mentions, dataset.people, n=30)
    assert subtitle(everyone) == ""


def test_overview_intro_counts_the_whole_dataset(dataset: Any) -> None:
    text = present.overview_intro(dataset, vegalite.event_periods(dataset.events))
    assert (
        "curated from **5 news articles**: 36 events, most of them around Nov 2023 and Sep 2024"
        in text
    )
    assert "26 people" in text and "Start with the timeline below" in text


def test_imprecise_bars_keep_3_to_1_on_dark(timeline_tables: dict[str, pd.DataFrame]) -> None:
    from dashboard.colours import BACKGROUNDS, MARK_CONTRAST, contrast

    t = timeline_tables
    spec = timeline_spec(t["events"], t["locations"], t["event_sources"], t["articles"], "dark")
    bars = spec["layer"][0]
    encoding = bars["encoding"]
    # Only the fill fades for a month or year date; the outline stays whole and dashed.
    assert "opacity" not in encoding and "opacity" not in bars["mark"]
    assert encoding["fillOpacity"]["condition"] == {"test": "datum.precise", "value": 1.0}
    assert encoding["strokeDash"]["value"] == [4, 2]
    outlines = encoding["stroke"]["scale"]["range"]
    assert outlines and all(contrast(c, BACKGROUNDS["dark"]) >= MARK_CONTRAST for c in outlines)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Short.", ["Short."]),
        (
            "17 of 30 dated events shown (Nov 2023); 6 undated events not shown. "
            "Scroll to zoom, drag to pan, double-click to reset.",
            [
                "17 of 30 dated events shown (Nov 2023);",
                "6 undated events not shown.",
                "Scroll to zoom, drag to pan, double-click to reset.",
            ],
        ),
        ("A. B. C.", ["A. B. C."]),
        ("x" * 70 + " y", ["x" * 70, "y"]),
    ],
)
def test_subtitle_lines_fit_a_phone(text: str, lines: list[str]) -> None:
    assert vegalite.subtitle_lines(text) == lines
    assert " ".join(lines) == text


def test_the_timeline_subtitle_is_lines_a_phone_shows_whole(
    timeline_tables: dict[str, pd.DataFrame],
) -> None:
    spec = build_timeline(timeline_tables)
    lines = spec["title"]["subtitle"]
    assert isinstance(lines, list) and len(lines) > 1
    assert all(len(line) <= vegalite.SUBTITLE_WIDTH for line in lines)
