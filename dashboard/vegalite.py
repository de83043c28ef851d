"""Vega-Lite specs for the Overview: timeline, topics by source, coverage, most-mentioned people.

The Overview is the first screen, so it is drawn with Vega-Lite, the chart library Streamlit
itself uses (`st.vega_lite_chart`): its browser code is a sixth the size of plotly's, which
added over a second to every first visit (docs/performance.md). The specs are plain dicts with
their data inline, written here rather than with Altair, whose import and schema validation
would add a third of a second to each cold start; they are JSON, so they are tested and saved
without Streamlit.

Every builder takes DataFrames whose cells are strings, as read from data/*.csv. Text from the
data stays data: Vega draws labels, titles and legends as text, and its tooltip escapes HTML,
so values go in as written (HTML entities would show literally). No value from the data is
ever put inside a Vega expression. Colours come from dashboard.colours, so a kind or a country
has the same colour on every view.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dashboard.colours import (
    BACKGROUNDS,
    COUNTRY_COLORS,
    EVENT_KIND_COLORS,
    MUTED_TEXT,
    OTHER_COLOR,
    POSITION_COLORS,
    PRIMARY,
    PRIMARY_DARK,
    TEXT,
    country_color,
    darker,
    event_kind_color,
    rgba,
    shade,
)
from dashboard.dates import MONTHS, format_date_range, interval, parse_date, precision_of
from dashboard.present import article_title

Spec = dict[str, Any]

SHORT_TITLE_LENGTH = 40
EVENT_LABEL_LENGTH = 60
MAX_ARTICLE_ROWS = 40  # sources drawn in a matrix; more make it unreadable and slow
MAX_TOOLTIP_SOURCES = 8
EMPTY_TIMELINE = "No dated events match the filters"
UNKNOWN_COUNTRY = "Unknown"
UNSPECIFIED_KIND = "unspecified"

# Row heights in pixels: a label of one line with air around it.
_TIMELINE_STEP = 28
_HEATMAP_STEP = 32
_COVERAGE_STEP = 26
_BAR_STEP = 26
_EMPTY_CELL = rgba(OTHER_COLOR, 0.15)
_FILLED_CELL = {"light": PRIMARY, "dark": PRIMARY_DARK}  # the theme's accent on each base
REPORTED, NOT_REPORTED = "Reported", "Not reported"


# --- labels -----------------------------------------------------------------------------------


# Point selections on the event id: a click on an event opens its page (see views/overview.py).
TIMELINE_PICKS = ("timeline_pick_span", "timeline_pick_day")
COVERAGE_PICK = "coverage_pick"


def _pick(name: str) -> dict[str, Any]:
    return {"name": name, "select": {"type": "point", "fields": ["event_id"], "on": "click"}}


def shorten(text: str, length: int = SHORT_TITLE_LENGTH) -> str:
    """text cut to at most length characters, ending in "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def unique_labels(labels: Iterable[str], ids: Iterable[str]) -> list[str]:
    """The labels, each repeated one followed by its id in brackets ("Meeting [e-07]"), so two
    events or sources with the same title stay two rows."""
    labels, ids = list(labels), list(ids)
    counts = Counter(labels)
    unique: list[str] = []
    taken: set[str] = set()
    for label, item in zip(labels, ids, strict=True):
        candidate = base = f"{label} [{item}]" if counts[label] > 1 else label
        # A title that already reads "Meeting [e-07]" could meet another's suffixed label.
        n = 2
        while candidate in taken:
            candidate, n = f"{base} ({n})", n + 1
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _article_labels(articles: pd.DataFrame, ids: Iterable[str]) -> dict[str, str]:
    """What to call the given articles (only those: a chart names a few of 10,000)."""
    wanted = articles[articles["article_id"].isin(set(ids))]
    return {row["article_id"]: article_title(row) for row in wanted.to_dict("records")}


def _article_title(labels: Mapping[str, str], article_id: str) -> str:
    return labels.get(article_id, f"Untitled ({article_id})")


def ordered_articles(articles: pd.DataFrame, ids: Iterable[str]) -> list[str]:
    """The given article ids by publication date (undated last), then id; unknown ids last.
    Only articles that have something to show are drawn: with many added articles, most have
    no curated events or topics."""
    wanted = set(ids)
    frame = articles[articles["article_id"].isin(wanted)]
    frame = frame.assign(_undated=frame["published"] == "")
    ordered = list(frame.sort_values(["_undated", "published", "article_id"])["article_id"])
    return ordered + sorted(wanted - set(ordered))


def _capped(article_ids: list[str]) -> tuple[list[str], str]:
    """At most MAX_ARTICLE_ROWS ids, and a subtitle saying so when some were left out."""
    if len(article_ids) <= MAX_ARTICLE_ROWS:
        return article_ids, ""
    return article_ids[:MAX_ARTICLE_ROWS], (
        f"The first {MAX_ARTICLE_ROWS} of {len(article_ids)} sources; the Data view has all"
    )


def ordered_events(events: pd.DataFrame) -> pd.DataFrame:
    """events by start date (undated or malformed last), then end date and id."""
    frame = events.assign(_undated=events["start_date"].map(parse_date).isna())
    frame = frame.sort_values(["_undated", "start_date", "end_date", "event_id"])
    return frame.drop(columns="_undated").reset_index(drop=True)


def _event_dates(row: Mapping[str, str]) -> str:
    return format_date_range(
        row["start_date"], row["end_date"], row["date_precision"], row["date_basis"]
    )


def _joined(items: list[str], limit: int = MAX_TOOLTIP_SOURCES) -> str:
    """Items joined by "; ", the tail summarised so a tooltip stays on screen."""
    shown = items[:limit]
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return "; ".join(shown)


def _order(known: Iterable[str], present: Iterable[str]) -> list[str]:
    """The present values in the order of known, then the others alphabetically."""
    known, present = list(known), set(present)
    return [k for k in known if k in present] + sorted(present - set(known))


# --- scaffolding ------------------------------------------------------------------------------


# A subtitle longer than this many characters goes on several lines: Vega-Lite never wraps a
# title, and a phone's chart (about 350 px) shows some 65 characters of the subtitle's font.
SUBTITLE_WIDTH = 60


def subtitle_lines(text: str, width: int = SUBTITLE_WIDTH) -> list[str]:
    """A subtitle as lines of at most `width` characters (a longer word stays whole): broken
    after a sentence or clause (". ", "; ") where it can, else between words. The lines joined
    by spaces give the text back."""
    lines: list[str] = []
    for piece in re.split(r"(?<=[.;])\s+", " ".join(text.split())):
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.extend(textwrap.wrap(piece, width, break_long_words=False) or [piece])
    return lines


def _title(title: str, subtitle: str = "") -> dict[str, Any]:
    spec: dict[str, Any] = {"text": title, "anchor": "start"}
    if subtitle:
        lines = subtitle_lines(subtitle)
        spec["subtitle"] = lines[0] if len(lines) == 1 else lines
    return spec


def _base(base: str) -> str:
    return "dark" if base == "dark" else "light"


def _text_config(base: str) -> dict[str, Any]:
    """What Streamlit's chart theme leaves to Vega's default black: the subtitle and text
    marks, in the base's text colours."""
    base = _base(base)
    return {"title": {"subtitleColor": MUTED_TEXT[base]}, "text": {"color": TEXT[base]}}


def _spec(
    title: str, subtitle: str, rows: list[dict[str, Any]], base: str = "light", **parts: Any
) -> Spec:
    return {
        "config": _text_config(base),
        "title": _title(title, subtitle),
        "width": "container",
        # Room on the right for the last slanted label, which Vega's fit does not count.
        "padding": {"left": 4, "top": 4, "right": 24, "bottom": 4},
        "data": {"values": rows},
        **parts,
    }


def empty_spec(message: str, title: str = "", subtitle: str = "", base: str = "light") -> Spec:
    """A chart that says message in its middle, for filters that leave nothing to draw."""
    return _spec(
        title,
        subtitle,
        [{"message": message}],
        base,
        height=120,
        mark={"type": "text", "fontSize": 14},
        encoding={
            "text": {"field": "message", "type": "nominal"},
            "x": {"value": {"expr": "width / 2"}},
            "y": {"value": {"expr": "height / 2"}},
        },
    )


# Label room by the chart's own width (Vega's containerSize(), not the plot's width, which the
# labels themselves shrink): row labels take at most 40% of a phone's width and 300 pixels on a
# wide screen; the full text is in the tooltip. Fixed expressions: no data goes into them.
ROW_LABEL_LIMIT = "clamp(containerSize()[0] * 0.4, 90, 300)"
COLUMN_LABEL_LIMIT = "clamp(containerSize()[0] * 0.3, 80, 220)"
LEGEND_COLUMNS = "max(1, floor(containerSize()[0] / 200))"


def _nominal(field: str, order: list[str], **axis: Any) -> dict[str, Any]:
    """A nominal position channel in the given order, untitled, with long labels allowed."""
    return {
        "field": field,
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelLimit": {"expr": ROW_LABEL_LIMIT}, **axis},
    }


def _columns(field: str, order: list[str]) -> dict[str, Any]:
    """Column labels of a matrix, on top and slanted, every one shown: slanted labels never
    touch when the columns are wide enough, which Vega's box-based overlap test cannot see.
    Many columns are narrow, so their labels stand upright."""
    angle = -45 if len(order) <= 20 else -90
    return _nominal(
        field,
        order,
        orient="top",
        labelAngle=angle,
        labelOverlap=False,
        labelLimit={"expr": COLUMN_LABEL_LIMIT},
    )


def _tooltip(*fields: tuple[str, str]) -> list[dict[str, str]]:
    return [{"field": field, "title": title} for field, title in fields]


def _utc(day: date, hours: int = 0) -> str:
    # "Z": Vega reads an ISO time without a zone as the viewer's local time.
    return f"{day.isoformat()}T{hours:02d}:00:00Z"


# --- timeline ---------------------------------------------------------------------------------

# Tick labels by what the tick marks: a year, a month, or a day ("5 Sep"), never an hour. UTC,
# as the data. A fixed expression: no value from the data goes into it.
_TIME_LABEL = (
    "utcmonth(datum.value) == 0 && utcdate(datum.value) == 1"
    " ? utcFormat(datum.value, '%Y')"
    " : utcdate(datum.value) == 1 ? utcFormat(datum.value, '%b %Y')"
    " : utcFormat(datum.value, '%-d %b')"
)


def _event_sources(event_sources: pd.DataFrame, articles: pd.DataFrame) -> dict[str, list[str]]:
    pairs = event_sources[["event_id", "article_id"]].drop_duplicates()
    labels = _article_labels(articles, pairs["article_id"])
    sources: dict[str, list[str]] = {}
    for event_id, article_id in pairs.itertuples(index=False, name=None):
        sources.setdefault(event_id, []).append(_article_title(labels, article_id))
    return sources


def timeline_rows(
    events: pd.DataFrame,
    locations: pd.DataFrame,
    event_sources: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """One row per dated event, by date: columns event_id, label (unique), title, kind, start,
    end (UTC ISO times), one_day, precise, dates, place, sources.

    A bar runs from the start of its first day to the end of its last, so "2–6 Sep" covers
    five whole days; a month or a year counts whole. A one-day event is a point at midday."""
    columns = [
        "event_id",
        "label",
        "title",
        "kind",
        "start",
        "end",
        "one_day",
        "precise",
        "dates",
        "place",
        "sources",
    ]
    ordered = ordered_events(events)
    places = dict(zip(locations["location_id"], locations["name"], strict=True))
    sources = _event_sources(event_sources, articles)
    rows = []
    for row in ordered.to_dict("records"):
        span = interval(row["start_date"], row["end_date"], row["date_precision"])
        if span is None:
            continue
        first, last = span
        one_day = last == first
        rows.append(
            {
                "event_id": row["event_id"],
                "title": row["title"],
                "kind": row["kind"] or UNSPECIFIED_KIND,
                "start": _utc(first, 12 if one_day else 0),
                "end": _utc(first, 12) if one_day else _utc(last + timedelta(days=1)),
                "one_day": one_day,
                # A bar covering a whole month or year marks uncertainty, not duration.
                "precise": precision_of(row["start_date"], row["date_precision"]) == "day",
                "dates": _event_dates(row),
                "place": places.get(row["location_id"], "") or "unknown",
                "sources": _joined(sources.get(row["event_id"], [])) or "none",
            }
        )
    frame = pd.DataFrame(rows, columns=[c for c in columns if c != "label"])
    labels = unique_labels(
        (shorten(t, EVENT_LABEL_LENGTH) for t in frame["title"]), frame["event_id"]
    )
    return frame.assign(label=labels)[columns]


Period = tuple[date, date]
PERIOD_GAP_DAYS = 45  # events further apart than this are in separate periods
_DAY_MS = 86_400_000


def _span_of(row: Mapping[str, Any]) -> Period:
    return date.fromisoformat(row["start"][:10]), date.fromisoformat(row["end"][:10])


def event_periods(events: pd.DataFrame, gap_days: int = PERIOD_GAP_DAYS) -> list[Period]:
    """Where the events are: runs of events dated to the day with no gap longer than gap_days
    between one event's end and the next one's start, earliest first, each (first day, last
    day). An event known only to the month or year marks uncertainty, not where things happen,
    so it counts only when no event is dated to the day."""
    dated = [
        (span, precision_of(s, p) == "day")
        for s, e, p in events[["start_date", "end_date", "date_precision"]].itertuples(
            index=False, name=None
        )
        if (span := interval(s, e, p)) is not None
    ]
    precise = [span for span, day in dated if day]
    spans = sorted(precise or [span for span, _ in dated])
    found: list[list[date]] = []
    for first, last in spans:
        if found and (first - found[-1][1]).days <= gap_days:
            found[-1][1] = max(found[-1][1], last)
        else:
            found.append([first, last])
    return [(first, last) for first, last in found]


def events_in(events: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The events whose dates overlap the period."""
    spans = [
        interval(s, e, p)
        for s, e, p in events[["start_date", "end_date", "date_precision"]].itertuples(
            index=False, name=None
        )
    ]
    inside = [span is not None and span[0] <= period[1] and span[1] >= period[0] for span in spans]
    return events[inside]


def period_name(period: Period) -> str:
    """ "Nov 2023", or "Nov 2023 – Jan 2024" for a period across months."""
    first, last = period
    start = f"{MONTHS[first.month - 1]} {first.year}"
    end = f"{MONTHS[last.month - 1]} {last.year}"
    return start if start == end else f"{start} – {end}"


def timeline_spec(
    events: pd.DataFrame,
    locations: pd.DataFrame,
    event_sources: pd.DataFrame,
    articles: pd.DataFrame,
    base: str = "light",
    period: Period | None = None,
) -> Spec:
    """Dated events on a time axis, one row each, coloured by kind; hover: dates with their
    precision, place and sources. Drag or scroll on it to zoom the time axis. With a period,
    only the events that overlap it, and a subtitle saying how many are left out."""
    title = "Timeline of events"
    rows = timeline_rows(events, locations, event_sources, articles)
    undated = len(events) - len(rows)
    note = f"{undated} undated event{'s' if undated != 1 else ''} not shown" if undated else ""
    if period is not None and not rows.empty:
        inside = [
            _span_of(r)[0] <= period[1] and _span_of(r)[1] >= period[0]
            for r in rows.to_dict("records")
        ]
        kept = rows[inside].reset_index(drop=True)
        if len(kept) < len(rows):
            cut = f"{len(kept)} of {len(rows)} dated events shown ({period_name(period)})"
            note = f"{cut}; {note}" if note else cut
        rows = kept
    if rows.empty:
        return empty_spec(EMPTY_TIMELINE, title, note, base)
    hint = "Scroll to zoom, drag to pan, double-click to reset."
    note = f"{note}. {hint}" if note else hint
    time_scale: dict[str, Any] = {"type": "utc", "padding": 14}
    if period is not None:
        # The period's days whole, with a day either side; a longer event runs off the edge.
        time_scale["domain"] = [
            _utc(period[0] - timedelta(days=1)),
            _utc(period[1] + timedelta(days=2)),
        ]
    kinds = _order(EVENT_KIND_COLORS, rows["kind"])
    # An event without a kind is grey, as on the map.
    colors = [shade(event_kind_color("" if k == UNSPECIFIED_KIND else k), base) for k in kinds]
    kind_scale = {"domain": kinds, "range": colors}
    # A darker outline on white; on dark a darker edge would sink into the background.
    outlines = colors if _base(base) == "dark" else [darker(c) for c in colors]
    return _spec(
        title,
        note,
        rows.to_dict("records"),
        base,
        height={"step": _TIMELINE_STEP},
        encoding={
            "y": _nominal("label", list(rows["label"])),
            "x": {
                "field": "start",
                "type": "temporal",
                # Padding keeps an event on the last day whole, not cut at the edge.
                "scale": time_scale,
                "title": None,
                # Never finer than a day (no hour ticks when zoomed in), whole day labels.
                "axis": {
                    "orient": "top",
                    "grid": True,
                    "tickMinStep": _DAY_MS,
                    "labelOverlap": True,
                    "labelExpr": _TIME_LABEL,
                },
            },
            "color": {
                "field": "kind",
                "type": "nominal",
                "scale": kind_scale,
                # The kinds in whole words, as many columns as fit (one on a phone).
                "legend": {
                    "title": "Kind",
                    "orient": "bottom",
                    "columns": {"expr": LEGEND_COLUMNS},
                    "labelLimit": 0,
                },
            },
            "tooltip": _tooltip(
                ("title", "Event"),
                ("kind", "Kind"),
                ("dates", "Dates"),
                ("place", "Place"),
                ("sources", "Sources"),
            ),
        },
        layer=[
            {
                "transform": [{"filter": "!datum.one_day"}],
                # A darker outline keeps pale kinds visible on white, and a bar of a few days
                # visible on an axis of years.
                "mark": {
                    "type": "bar",
                    "cornerRadius": 2,
                    "strokeWidth": 1.5,
                    "cursor": "pointer",
                    "clip": True,
                },
                "encoding": {
                    "x2": {"field": "end"},
                    "stroke": {
                        "field": "kind",
                        "type": "nominal",
                        "scale": {"domain": kinds, "range": outlines},
                        "legend": None,
                    },
                    # A date known to the month or year: a faint fill inside a dashed outline
                    # at full strength, so the bar keeps 3:1 on either base (the outline's
                    # shade does; a faded one would not on dark).
                    "fillOpacity": {
                        "condition": {"test": "datum.precise", "value": 1.0},
                        "value": 0.35,
                    },
                    "strokeDash": {
                        "condition": {"test": "datum.precise", "value": [1, 0]},
                        "value": [4, 2],
                    },
                },
                # Drag or wheel on the chart to zoom and pan the time axis.
                "params": [
                    {
                        "name": "timeline_zoom",
                        "select": {"type": "interval", "encodings": ["x"]},
                        "bind": "scales",
                    },
                    _pick(TIMELINE_PICKS[0]),
                ],
            },
            {
                "transform": [{"filter": "datum.one_day"}],
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "clip": True,
                    "filled": True,
                    "size": 150,
                    "stroke": "rgba(0, 0, 0, 0.4)",
                    "strokeWidth": 1,
                    "opacity": 1,
                    "cursor": "pointer",
                },
                "params": [_pick(TIMELINE_PICKS[1])],
            },
        ],
    )


# --- topics and coverage ----------------------------------------------------------------------


def topic_rows(
    event_topics: pd.DataFrame, topics: pd.DataFrame, articles: pd.DataFrame
) -> tuple[pd.DataFrame, str]:
    """Every (source, topic) cell: how many events the source ties to the topic. Columns
    article_id, topic_id, source, topic (short unique labels), article, topic_label (in full,
    for the tooltip), events; and a note when sources were left out (at most
    MAX_ARTICLE_ROWS, those with an assignment, by date)."""
    columns = ["article_id", "topic_id", "source", "topic", "article", "topic_label", "events"]
    assignments = event_topics[["event_id", "topic_id", "article_id"]].drop_duplicates()
    if assignments.empty:
        return pd.DataFrame(columns=columns), ""
    counts = assignments.groupby(["article_id", "topic_id"]).size()
    topic_frame = topics.sort_values("topic_id")
    topic_ids = list(topic_frame["topic_id"])
    topic_ids += sorted(set(assignments["topic_id"]) - set(topic_ids))
    names = dict(zip(topic_frame["topic_id"], topic_frame["label"], strict=True))
    topic_labels = unique_labels((shorten(names.get(t) or t) for t in topic_ids), topic_ids)
    article_ids, note = _capped(ordered_articles(articles, assignments["article_id"]))
    titles = _article_labels(articles, article_ids)
    source_labels = unique_labels(
        (shorten(_article_title(titles, a)) for a in article_ids), article_ids
    )
    rows = [
        (article_id, topic_id, source, topic, _article_title(titles, article_id),
         names.get(topic_id) or topic_id, int(counts.get((article_id, topic_id), 0)))
        for article_id, source in zip(article_ids, source_labels, strict=True)
        for topic_id, topic in zip(topic_ids, topic_labels, strict=True)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns), note


def topic_heatmap_spec(
    event_topics: pd.DataFrame, topics: pd.DataFrame, articles: pd.DataFrame, base: str = "light"
) -> Spec:
    """How many events each source ties to each topic: sources (rows) by topics (columns),
    the count written in each cell that has one."""
    title = "Topics each source emphasises"
    rows, note = topic_rows(event_topics, topics, articles)
    if rows.empty:
        return empty_spec("No topic assignments match the filters", title, base=base)
    # Dark cells get white numbers; the threshold is a number computed here, never data text.
    dark = int(rows["events"].max()) / 2
    return _spec(
        title,
        note,
        rows.assign(count=rows["events"].map(lambda n: str(n) if n else "")).to_dict("records"),
        base,
        height={"step": _HEATMAP_STEP},
        encoding={
            "x": _columns("topic", list(dict.fromkeys(rows["topic"]))),
            "y": _nominal("source", list(dict.fromkeys(rows["source"]))),
            "tooltip": _tooltip(
                ("article", "Source"), ("topic_label", "Topic"), ("events", "Events")
            ),
        },
        layer=[
            {
                # Cells apart by a line of the page's own background.
                "mark": {"type": "rect", "stroke": BACKGROUNDS[_base(base)], "strokeWidth": 1},
                "encoding": {
                    "color": {
                        "field": "events",
                        "type": "quantitative",
                        "scale": {"scheme": "blues", "domainMin": 0},
                        # Below, across: a matrix of few rows is shorter than an upright scale.
                        "legend": {
                            "title": "Events",
                            "orient": "bottom",
                            "direction": "horizontal",
                            # Counts: whole numbers on the scale.
                            "tickMinStep": 1,
                            "format": "d",
                        },
                    }
                },
            },
            {
                "mark": {"type": "text", "fontSize": 12},
                "encoding": {
                    "text": {"field": "count", "type": "nominal"},
                    "color": {
                        # On the cell's fill, whatever the base: light text on dark blues.
                        "condition": {"test": f"datum.events > {dark:g}", "value": TEXT["dark"]},
                        "value": TEXT["light"],
                    },
                },
            },
        ],
    )


def coverage_rows(
    event_sources: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame
) -> tuple[pd.DataFrame, str]:
    """Every (event, source) cell, events by date: columns event_id, article_id, event,
    source (unique labels), title, article, dates, reported ("Reported" or "Not reported");
    and a note when sources were left out (at most MAX_ARTICLE_ROWS that report an event)."""
    columns = ["event_id", "article_id", "event", "source", "title", "article", "dates", "reported"]
    ordered = ordered_events(events)
    reported = set(event_sources[["event_id", "article_id"]].itertuples(index=False, name=None))
    article_ids, note = _capped(ordered_articles(articles, {a for _, a in reported}))
    if ordered.empty or not article_ids:
        return pd.DataFrame(columns=columns), note
    titles = _article_labels(articles, article_ids)
    articles_shown = [_article_title(titles, a) for a in article_ids]
    source_labels = unique_labels((shorten(t) for t in articles_shown), article_ids)
    event_labels = unique_labels(
        (shorten(t, EVENT_LABEL_LENGTH) for t in ordered["title"]), ordered["event_id"]
    )
    rows = []
    for row, event_label in zip(ordered.to_dict("records"), event_labels, strict=True):
        dates = _event_dates(row)
        for article_id, source, article in zip(
            article_ids, source_labels, articles_shown, strict=True
        ):
            hit = (row["event_id"], article_id) in reported
            rows.append(
                (
                    row["event_id"],
                    article_id,
                    event_label,
                    source,
                    row["title"],
                    article,
                    dates,
                    REPORTED if hit else NOT_REPORTED,
                )
            )
    return pd.DataFrame(rows, columns=columns), note


def coverage_spec(
    event_sources: pd.DataFrame, events: pd.DataFrame, articles: pd.DataFrame, base: str = "light"
) -> Spec:
    """Which article reports which event: events (rows, by date) by sources (columns)."""
    title = "Which source reports which event"
    if events.empty:
        return empty_spec("No events match the filters", title, base=base)
    rows, note = coverage_rows(event_sources, events, articles)
    if rows.empty:
        return empty_spec("No sources match the filters", title, base=base)
    return _spec(
        title,
        note,
        rows.to_dict("records"),
        base,
        height={"step": _COVERAGE_STEP},
        mark={
            "type": "rect",
            "stroke": BACKGROUNDS[_base(base)],
            "strokeWidth": 2,
            "cursor": "pointer",
        },
        params=[_pick(COVERAGE_PICK)],
        encoding={
            "x": _columns("source", list(dict.fromkeys(rows["source"]))),
            "y": _nominal("event", list(dict.fromkeys(rows["event"]))),
            "color": {
                "field": "reported",
                "type": "nominal",
                "scale": {
                    "domain": [REPORTED, NOT_REPORTED],
                    "range": [_FILLED_CELL[_base(base)], _EMPTY_CELL],
                },
                "legend": {"title": None, "orient": "bottom"},
            },
            "tooltip": _tooltip(
                ("title", "Event"),
                ("dates", "Dates"),
                ("article", "Source"),
                ("reported", "In this source"),
            ),
        },
    )


# --- mentions ---------------------------------------------------------------------------------


def top_mentions_table(mentions: pd.DataFrame, people: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The n most-mentioned people: columns person_id, name, country, mentions, articles."""
    columns = ["person_id", "name", "country", "mentions", "articles"]
    persons = mentions[mentions["entity_type"] == "person"]
    if persons.empty or n <= 0:
        return pd.DataFrame(columns=columns)
    counts = (
        persons.groupby("entity_id")
        .agg(mentions=("article_id", "size"), articles=("article_id", "nunique"))
        .reset_index()
        .rename(columns={"entity_id": "person_id"})
    )
    table = counts.merge(people[["person_id", "name", "country"]], on="person_id", how="left")
    # A mention of someone missing from people still counts; it is shown by its id.
    table["name"] = table["name"].fillna(table["person_id"])
    table["country"] = table["country"].fillna("")
    table = table.sort_values(
        ["mentions", "articles", "name", "person_id"], ascending=[False, False, True, True]
    )
    return table.head(n)[columns].reset_index(drop=True)


def top_mentions_spec(
    mentions: pd.DataFrame,
    people: pd.DataFrame,
    n: int = 15,
    country_names: Mapping[str, str] | None = None,
    base: str = "light",
) -> Spec:
    """Horizontal bars of the n most-mentioned people, coloured by country (legend: names)."""
    title = "Most-mentioned officials"
    table = top_mentions_table(mentions, people, n)
    if table.empty:
        return empty_spec("No mentions of people match the filters", title, base=base)
    mentioned = mentions.loc[mentions["entity_type"] == "person", "entity_id"].nunique()
    cut = (
        f"{len(table)} of {mentioned} officials shown: the most mentioned"
        if mentioned > len(table)
        else ""
    )
    names = country_names or {}
    # One legend entry per country, in palette order; the colour follows the id.
    ids = _order(COUNTRY_COLORS, (c for c in table["country"] if c))
    ids += [""] if (table["country"] == "").any() else []
    legend = {c: names.get(c, c) or UNKNOWN_COUNTRY for c in ids}
    colours: dict[str, str] = {}
    for country in ids:
        colours.setdefault(legend[country], shade(country_color(country), base))
    rows = table.assign(
        person=unique_labels(table["name"], table["person_id"]),
        country_name=table["country"].map(legend),
    )
    return _spec(
        title,
        cut,
        rows.to_dict("records"),
        base,
        height={"step": _BAR_STEP},
        mark={"type": "bar", "cornerRadiusEnd": 2},
        encoding={
            "y": _nominal("person", list(rows["person"])),
            "x": {"field": "mentions", "type": "quantitative", "title": "Mentions"},
            "color": {
                "field": "country_name",
                "type": "nominal",
                "scale": {"domain": list(colours), "range": list(colours.values())},
                "legend": {"title": "Country"},
            },
            "tooltip": _tooltip(
                ("name", "Person"),
                ("country_name", "Country"),
                ("mentions", "Mentions"),
                ("articles", "Articles"),
            ),
        },
    )


# --- claims -----------------------------------------------------------------------------------

CLAIMS_PICK = "claims_pick"


def claims_matrix_spec(matrix: pd.DataFrame, order: list[str]) -> Spec:
    """Speakers (rows, by country) by propositions (columns, in `order` of proposition ids),
    each cell coloured by the speaker's position; a click picks the proposition. `matrix` is
    dashboard.claims.speaker_matrix."""
    title = "Who takes which position"
    if matrix.empty:
        return empty_spec("No claims match the filters", title)
    numbered = {p: n for n, p in enumerate(order)}
    statements = dict(zip(matrix["proposition_id"], matrix["statement"], strict=True))
    label_of = {
        p: f"{numbered[p] + 1}. {shorten(statements[p], EVENT_LABEL_LENGTH)}"
        for p in order
        if p in statements
    }
    rows = matrix[matrix["proposition_id"].isin(label_of)].assign(
        proposition=lambda f: f["proposition_id"].map(label_of),
        who=lambda f: f["speaker"] + " (" + f["country"] + ")",
    )
    speakers = rows.sort_values(["country", "speaker"])["who"].drop_duplicates().tolist()
    positions = [p for p in POSITION_COLORS if p in set(rows["position"])]
    return _spec(
        title,
        "Click a cell for the claims about that proposition.",
        rows.to_dict("records"),
        height={"step": _COVERAGE_STEP},
        mark={"type": "rect", "stroke": "white", "strokeWidth": 2, "cursor": "pointer"},
        params=[{"name": CLAIMS_PICK, "select": {"type": "point", "fields": ["proposition_id"]}}],
        encoding={
            "x": _columns("proposition", [label_of[p] for p in order if p in label_of]),
            "y": _nominal("who", speakers),
            "color": {
                "field": "position",
                "type": "nominal",
                "scale": {
                    "domain": positions,
                    "range": [shade(POSITION_COLORS[p]) for p in positions],
                },
                "legend": {"title": "Position", "orient": "bottom"},
            },
            "tooltip": _tooltip(
                ("speaker", "Speaker"),
                ("country", "Country"),
                ("statement", "Proposition"),
                ("position", "Position"),
                ("claims", "Claims"),
            ),
        },
    )
