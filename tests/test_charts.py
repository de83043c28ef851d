"""Plotly figure builders and shared colours, on small hand-made tables and on the real data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, schema
from dashboard.charts import (
    COUNTRY_COLORS,
    EVENT_KIND_COLORS,
    EXTRA_COLORS,
    OTHER_COLOR,
    country_color,
    country_rgb,
    coverage_matrix,
    event_kind_color,
    event_kind_rgba,
    format_date_range,
    network_figure,
    timeline_figure,
    top_mentions_figure,
    topic_heatmap,
)

HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def table(name: str, *rows: dict[str, Any]) -> pd.DataFrame:
    """A curated table with the descriptor's columns; cells not given are ""."""
    columns = schema.columns(name)
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)


def event(event_id: str, start: str = "", end: str = "", **fields: str) -> dict[str, str]:
    defaults = {"title": f"Event {event_id}", "kind": "bilateral meeting", "date_precision": "day"}
    return {**defaults, "event_id": event_id, "start_date": start, "end_date": end, **fields}


def article(article_id: str, title: str = "", published: str = "") -> dict[str, str]:
    return {
        "article_id": article_id,
        "file": f"{article_id}.txt",
        "title": title,
        "published": published,
    }


def mentions_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Mentions from (article_id, entity_id, entity_type) triples."""
    return pd.DataFrame(
        [
            {
                "article_id": a,
                "entity_id": e,
                "entity_type": t,
                "start": i,
                "end": i + 1,
                "text": e,
                "paragraph": 0,
                "sentence": 0,
            }
            for i, (a, e, t) in enumerate(rows)
        ]
    )


def strings(value: Any) -> list[str]:
    """Every string anywhere in a nested figure dict."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


def texts(fig: go.Figure) -> str:
    """Title, subtitle and annotation texts of a figure, joined."""
    parts = [fig.layout.title.text or "", fig.layout.title.subtitle.text or ""]
    parts += [a.text or "" for a in fig.layout.annotations]
    return " | ".join(parts)


def points(fig: go.Figure) -> list[str]:
    """The y values of every drawn point of every trace (the event ids of a timeline)."""
    return [y for trace in fig.data for y in (trace.y or ())]


# --- colours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country_id", "expected"),
    [("MEX", "#009E73"), ("CHN", "#D55E00"), ("USA", "#0072B2"), ("", OTHER_COLOR)],
)
def test_country_color_fixed(country_id: str, expected: str) -> None:
    assert country_color(country_id) == expected


def test_palettes_distinct() -> None:
    assert len(set(COUNTRY_COLORS.values())) == len(COUNTRY_COLORS)
    assert len(set(EVENT_KIND_COLORS.values())) == len(EVENT_KIND_COLORS)
    assert OTHER_COLOR not in {*COUNTRY_COLORS.values(), *EVENT_KIND_COLORS.values()}


def test_every_schema_event_kind_has_its_own_colour() -> None:
    (kinds,) = [
        f["constraints"]["enum"]
        for f in schema.resource("events")["schema"]["fields"]
        if f["name"] == "kind"
    ]
    assert set(kinds) <= set(EVENT_KIND_COLORS)


@pytest.mark.parametrize("country_id", ["VEN", "BRA", "XYZ"])
def test_unknown_country_colour_is_stable_across_processes(country_id: str) -> None:
    # Python's str hash changes per process; the colour must not.
    code = f"from dashboard.charts import country_color; print(country_color({country_id!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()
    assert country_color(country_id) == other
    assert other in EXTRA_COLORS


def test_unknown_kind_colour_is_stable() -> None:
    assert event_kind_color("press conference") == event_kind_color("press conference")
    assert event_kind_color("press conference") in EXTRA_COLORS
    assert event_kind_color("") == OTHER_COLOR


@pytest.mark.parametrize(
    ("country_id", "rgb"),
    [("MEX", [0, 158, 115]), ("CHN", [213, 94, 0]), ("USA", [0, 114, 178]), ("", [153] * 3)],
)
def test_country_rgb_matches_hex(country_id: str, rgb: list[int]) -> None:
    assert country_rgb(country_id) == rgb


@pytest.mark.parametrize("kind", ["summit", "delegation visit", "disaster", "unknown kind"])
def test_event_kind_rgba_matches_hex(kind: str) -> None:
    hex_color = event_kind_color(kind)
    expected = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    assert event_kind_rgba(kind, 123) == [*expected, 123]


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


# --- timeline ---------------------------------------------------------------------------------


@pytest.fixture
def timeline_tables() -> dict[str, pd.DataFrame]:
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


def build_timeline(t: dict[str, pd.DataFrame]) -> go.Figure:
    return timeline_figure(t["events"], t["locations"], t["event_sources"], t["articles"])


def test_timeline_draws_each_dated_event_once(timeline_tables: dict[str, pd.DataFrame]) -> None:
    fig = build_timeline(timeline_tables)
    assert sorted(points(fig)) == ["e-letter", "e-month", "e-visit"]
    assert "2 undated events not shown" in texts(fig)


def test_timeline_bar_spans_whole_days(timeline_tables: dict[str, pd.DataFrame]) -> None:
    fig = build_timeline(timeline_tables)
    (visit,) = [t for t in fig.data if t.y and "e-visit" in t.y]
    assert visit.type == "bar"
    assert visit.base[0] == "2024-09-02"
    assert visit.x[0] == timedelta(days=5).total_seconds() * 1000
    (letter,) = [t for t in fig.data if t.y and "e-letter" in t.y]
    assert letter.type == "scatter"
    # A month-precision event covers its whole month.
    (month,) = [t for t in fig.data if t.y and "e-month" in t.y]
    assert month.type == "bar"
    assert month.x[0] == timedelta(days=30).total_seconds() * 1000
    assert month.marker.opacity[0] < visit.marker.opacity[0]


def test_timeline_colours_and_legend_by_kind(timeline_tables: dict[str, pd.DataFrame]) -> None:
    fig = build_timeline(timeline_tables)
    by_kind = {t.name: t.marker.color for t in fig.data}
    assert by_kind == {
        "delegation visit": EVENT_KIND_COLORS["delegation visit"],
        "letter": EVENT_KIND_COLORS["letter"],
        "statement": EVENT_KIND_COLORS["statement"],
    }
    assert sum(bool(t.showlegend is not False) for t in fig.data) == 3


def test_timeline_hover_has_place_dates_and_sources(
    timeline_tables: dict[str, pd.DataFrame],
) -> None:
    fig = build_timeline(timeline_tables)
    (visit,) = [t for t in fig.data if t.y and "e-visit" in t.y]
    hover = visit.hovertext[0]
    for expected in ("2–6 Sep 2024", "Ciudad de México", "Visit report", "Untitled (a2.txt)"):
        assert expected in hover
    (letter,) = [t for t in fig.data if t.y and "e-letter" in t.y]
    assert "Place: unknown" in letter.hovertext[0]


def test_timeline_rows_in_date_order(timeline_tables: dict[str, pd.DataFrame]) -> None:
    fig = build_timeline(timeline_tables)
    assert list(fig.layout.yaxis.categoryarray) == ["e-month", "e-visit", "e-letter"]
    assert fig.layout.yaxis.automargin is True


def test_timeline_without_dated_events(timeline_tables: dict[str, pd.DataFrame]) -> None:
    t = timeline_tables
    undated = t["events"][t["events"]["start_date"] == ""]
    fig = timeline_figure(undated, t["locations"], t["event_sources"], t["articles"])
    assert points(fig) == []
    assert charts.EMPTY_TIMELINE in texts(fig)
    assert "2 undated events not shown" in texts(fig)
    empty = timeline_figure(
        t["events"].iloc[0:0], t["locations"], t["event_sources"], t["articles"]
    )
    assert charts.EMPTY_TIMELINE in texts(empty)
    assert "undated" not in texts(empty)


def test_timeline_height_grows_with_events() -> None:
    def height(n: int) -> int:
        events = table("events", *[event(f"e{i:02}", f"2024-01-{i + 1:02}") for i in range(n)])
        empty = table("event_sources")
        return timeline_figure(events, table("locations"), empty, table("articles")).layout.height

    assert height(1) >= 300
    assert height(30) > height(10) >= 300


# --- hostile text -----------------------------------------------------------------------------


@pytest.fixture
def hostile() -> dict[str, Any]:
    """Every free-text field a figure shows set to HTML that would run if rendered."""
    graph = nx.Graph(window="article")
    for node, country in (("p1", "MEX"), ("p2", "CHN")):
        graph.add_node(
            node,
            name=HOSTILE,
            type="person",
            country=country,
            role=HOSTILE,
            mentions=3,
            articles=1,
            degree=1,
            weighted_degree=2,
            betweenness=0.0,
            community=0,
        )
    graph.add_edge("p1", "p2", weight=2, units=f"a1|{HOSTILE}")
    return {
        "events": table(
            "events",
            event("e1", "2024-09-03", title=HOSTILE, kind=HOSTILE, location_id="l1"),
            event("e2", title=HOSTILE),
        ),
        "locations": table("locations", {"location_id": "l1", "name": HOSTILE}),
        "event_sources": table("event_sources", {"event_id": "e1", "article_id": "a1"}),
        "articles": table("articles", article("a1", HOSTILE)),
        "topics": table("topics", {"topic_id": "t1", "label": HOSTILE}),
        "event_topics": table(
            "event_topics", {"event_id": "e1", "topic_id": "t1", "article_id": "a1"}
        ),
        "people": table("people", {"person_id": "p1", "name": HOSTILE, "country": "MEX"}),
        "mentions": mentions_frame([("a1", "p1", "person")]),
        "graph": graph,
    }


FIGURES = {
    "timeline": lambda h: timeline_figure(
        h["events"], h["locations"], h["event_sources"], h["articles"]
    ),
    "topics": lambda h: topic_heatmap(h["event_topics"], h["topics"], h["articles"]),
    "coverage": lambda h: coverage_matrix(h["event_sources"], h["events"], h["articles"]),
    "mentions": lambda h: top_mentions_figure(h["mentions"], h["people"]),
    "network": lambda h: network_figure(h["graph"]),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_data_text_is_escaped(name: str, hostile: dict[str, Any]) -> None:
    fig = FIGURES[name](hostile)
    everything = strings(fig.to_plotly_json())
    assert not [s for s in everything if "<script" in s or "<img" in s]
    # The text is shown (escaped), not dropped: otherwise the check above would prove nothing.
    assert any("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in s for s in everything)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>", "&lt;script&gt;"),
        ("Fish & Chips", "Fish &amp; Chips"),
        ("People's Republic", "People&#39;s Republic"),
        ('"Fentanyl"', "&#34;Fentanyl&#34;"),
        ("Andrés López", "Andrés López"),
    ],
)
def test_escape_html(text: str, expected: str) -> None:
    # plotly decodes numeric entities but would show a named "&quot;" literally.
    assert charts.escape_html(text) == expected


def test_quotes_in_titles_use_entities_plotly_decodes(
    timeline_tables: dict[str, pd.DataFrame],
) -> None:
    t = timeline_tables
    events = t["events"].assign(title='Mexico\'s "fentanyl" plan')
    fig = timeline_figure(events, t["locations"], t["event_sources"], t["articles"])
    everything = strings(fig.to_plotly_json())
    assert not [s for s in everything if "&quot;" in s or "&#x27;" in s]
    assert "Mexico&#39;s &#34;fentanyl&#34; plan" in fig.layout.yaxis.ticktext


# --- topics and coverage ----------------------------------------------------------------------


def test_topic_heatmap_counts_events_per_article_and_topic() -> None:
    long_title = "A very long headline about precursor chemicals and cooperation"
    fig = topic_heatmap(
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
    (heat,) = fig.data
    # Rows: a2 (published earlier) then a1; columns t1, t2.
    assert [list(row) for row in heat.z] == [[0, 1], [2, 0]]
    assert list(fig.layout.xaxis.ticktext) == ["Precursors", "Extradition"]
    labels = list(fig.layout.yaxis.ticktext)
    assert labels[0] == "Untitled (a2.txt)"
    assert labels[1].endswith("…") and len(labels[1]) <= charts.SHORT_TITLE_LENGTH
    assert labels[1].startswith("A very long headline")
    assert [list(row) for row in heat.text] == [["", "1"], ["2", ""]]


def test_topic_heatmap_empty() -> None:
    fig = topic_heatmap(table("event_topics"), table("topics"), table("articles"))
    assert fig.data == ()
    assert "No topic assignments" in texts(fig)


def test_coverage_matrix_rows_by_date_and_cells() -> None:
    fig = coverage_matrix(
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
    (heat,) = fig.data
    assert list(fig.layout.yaxis.ticktext) == ["First", "Event late", "No date"]
    assert [list(row) for row in heat.z] == [[1, 1], [1, 0], [0, 0]]
    assert "Reported in: One" in heat.hovertext[0][0]
    assert "Not in: Two" in heat.hovertext[1][1]
    assert "First" in heat.hovertext[0][0]


# --- mentions ---------------------------------------------------------------------------------


def test_top_mentions_counts_orders_and_limits() -> None:
    people = table(
        "people",
        {"person_id": "ebrard", "name": "Marcelo Ebrard Casaubón", "country": "MEX"},
        {"person_id": "wang", "name": "Wang Yi", "country": "CHN"},
        {"person_id": "blinken", "name": "Antony Blinken", "country": "USA"},
    )
    mentions = mentions_frame(
        [("a1", "ebrard", "person")] * 3
        + [("a2", "ebrard", "person")]
        + [("a1", "wang", "person")] * 2
        + [("a1", "blinken", "person")]
        + [("a1", "sre", "organization")] * 9
    )
    fig = top_mentions_figure(mentions, people, n=2)
    shown = points(fig)
    assert sorted(shown) == ["ebrard", "wang"]
    assert list(fig.layout.yaxis.categoryarray) == ["ebrard", "wang"]
    assert list(fig.layout.yaxis.ticktext) == ["Marcelo Ebrard Casaubón", "Wang Yi"]
    colours = {t.y[0]: t.marker.color for t in fig.data}
    assert colours == {"ebrard": COUNTRY_COLORS["MEX"], "wang": COUNTRY_COLORS["CHN"]}
    (ebrard,) = [t for t in fig.data if t.y[0] == "ebrard"]
    assert ebrard.x[0] == 4
    assert "4 mentions in 2 articles" in ebrard.hovertext[0]


def test_top_mentions_empty() -> None:
    fig = top_mentions_figure(mentions_frame([("a1", "sre", "organization")]), table("people"))
    assert "No mentions" in texts(fig)


# --- network ----------------------------------------------------------------------------------


def make_graph(n: int, reverse: bool = False) -> nx.Graph:
    """A graph of n people in a chain plus a hub; insertion order reversible."""
    ids = [f"p{i:03}" for i in range(n)]
    graph = nx.Graph(window="paragraph")
    for i in reversed(range(n)) if reverse else range(n):
        graph.add_node(
            ids[i],
            name=f"Person {i}",
            type="person",
            country=["MEX", "CHN", "USA", ""][i % 4],
            role="Minister",
            mentions=i % 7,
            articles=1,
        )
    edges = [(ids[i], ids[i + 1], 1 + i % 5) for i in range(n - 1)]
    edges += [(ids[0], ids[i], 3) for i in range(2, n, 3)]
    for u, v, w in reversed(edges) if reverse else edges:
        graph.add_edge(u, v, weight=w, units="|".join(f"a{k}#p{k}" for k in range(w)))
    for node in graph.nodes:
        graph.nodes[node]["degree"] = graph.degree(node)
        graph.nodes[node]["weighted_degree"] = graph.degree(node, weight="weight")
    return graph


def split_graph() -> nx.Graph:
    """Three chains that share no one, plus an isolated person."""
    graph = nx.union_all(
        [make_graph(9), *(nx.relabel_nodes(make_graph(6), lambda n, k=k: f"{k}{n}") for k in "qr")]
    )
    graph.add_node("loner", name="Loner", country="MEX", mentions=1)
    return graph


def node_trace(fig: go.Figure) -> go.Scatter:
    return fig.data[-1]


def test_network_nodes_last_with_ids_as_customdata() -> None:
    graph = make_graph(12)
    fig = network_figure(graph)
    nodes = node_trace(fig)
    assert nodes.name == "nodes"
    assert sorted(nodes.customdata) == sorted(graph.nodes)
    assert len(nodes.x) == len(nodes.customdata) == graph.number_of_nodes()
    # Colour and hover follow the node whose id is in customdata.
    for node_id, color, hover in zip(
        nodes.customdata, nodes.marker.color, nodes.hovertext, strict=True
    ):
        assert color == country_color(graph.nodes[node_id]["country"])
        assert f"<b>{graph.nodes[node_id]['name']}</b>" in hover
    assert all(t.customdata is None for t in fig.data[:-1])


def test_network_max_nodes_keeps_the_strongest() -> None:
    graph = make_graph(40)
    fig = network_figure(graph, max_nodes=10)
    kept = set(node_trace(fig).customdata)
    assert len(kept) == 10
    strength = {n: d["weighted_degree"] for n, d in graph.nodes(data=True)}
    weakest_kept = min(strength[n] for n in kept)
    assert all(strength[n] <= weakest_kept for n in set(graph.nodes) - kept)
    assert "p000" in kept  # the hub
    assert "10 of 40" in texts(fig)


def test_network_is_deterministic_and_order_independent() -> None:
    first = network_figure(make_graph(25)).to_json()
    assert network_figure(make_graph(25)).to_json() == first
    assert network_figure(make_graph(25, reverse=True)).to_json() == first


def test_network_is_identical_across_processes() -> None:
    # Set iteration order of strings changes with PYTHONHASHSEED; the figure must not.
    code = (
        f"import hashlib, sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from test_charts import split_graph; from dashboard.charts import network_figure;"
        "print(hashlib.sha256(network_figure(split_graph()).to_json().encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_network_components_do_not_overlap() -> None:
    nodes = node_trace(network_figure(split_graph()))
    xy = dict(zip(nodes.customdata, zip(nodes.x, nodes.y, strict=True), strict=True))

    def box(prefix: str) -> tuple[float, float, float, float]:
        xs = [x for n, (x, _) in xy.items() if n.startswith(prefix)]
        ys = [y for n, (_, y) in xy.items() if n.startswith(prefix)]
        return min(xs), max(xs), min(ys), max(ys)

    boxes = [box("p"), box("q"), box("r"), box("loner")]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2]


def test_network_edges_bucketed_with_hover() -> None:
    graph = nx.complete_graph(60)
    graph = nx.relabel_nodes(graph, {i: f"n{i:02}" for i in graph.nodes})
    for i, (u, v) in enumerate(sorted(graph.edges)):
        graph.edges[u, v].update(weight=1 + i % 200, units=f"a{i}")
    for node in graph.nodes:
        graph.nodes[node].update(
            name=node.upper(),
            country="MEX",
            mentions=1,
            weighted_degree=graph.degree(node, weight="weight"),
        )
    fig = network_figure(graph)
    assert len(fig.data) < 20
    (midpoints,) = [t for t in fig.data if t.name == "edge details"]
    assert len(midpoints.x) == graph.number_of_edges()
    assert any(
        "<b>N00</b> – <b>N01</b>" in h and "Shared units: 1" in h for h in midpoints.hovertext
    )
    widths = sorted({t.line.width for t in fig.data if t.mode == "lines"})
    assert len(widths) > 1


def test_network_legend_lists_countries() -> None:
    fig = network_figure(make_graph(8))
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name != "nodes"]
    assert legend == ["MEX", "CHN", "USA", "Unknown"]


def test_network_empty_graph() -> None:
    fig = network_figure(nx.Graph())
    assert fig.data == ()
    assert "No people" in texts(fig)
    assert fig.layout.xaxis.visible is False


# --- the real data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Any:
    from dashboard.dataset import load_dataset

    try:
        return load_dataset()
    except Exception as error:  # the data may be mid-curation
        pytest.skip(f"the real dataset does not load yet: {error}")


def test_real_data_figures_build(real: Any) -> None:
    from dashboard.network import build_cooccurrence_graph

    d = real
    figures = [
        timeline_figure(d.events, d.locations, d.event_sources, d.articles),
        topic_heatmap(d.event_topics, d.topics, d.articles),
        coverage_matrix(d.event_sources, d.events, d.articles),
        top_mentions_figure(d.mentions, d.people),
        network_figure(build_cooccurrence_graph(d, "paragraph"), max_nodes=60),
    ]
    for fig in figures:
        json.loads(fig.to_json())
    dated = (d.events["start_date"] != "").sum()
    assert len(points(figures[0])) == dated


def test_legends_show_country_names_when_given(dataset):
    from dashboard.network import build_cooccurrence_graph

    names = dict(zip(dataset.countries["country_id"], dataset.countries["name"], strict=True))
    graph = build_cooccurrence_graph(dataset)
    legend = {t.name for t in charts.network_figure(graph, country_names=names).data}
    assert {"Mexico", "China", "United States"} <= legend and "MEX" not in legend
    bars = charts.top_mentions_figure(dataset.mentions, dataset.people, country_names=names)
    assert {"Mexico", "China"} <= {t.name for t in bars.data}


def test_matrices_draw_only_sources_with_something_to_show_and_at_most_forty():
    import pandas as pd

    ids = [f"a{i:02d}" for i in range(50)]
    articles = pd.DataFrame(
        {"article_id": [*ids, "silent"], "title": [*ids, "Silent"], "file": "f.txt",
         "published": "", "date_precision": "", "publisher": "", "dateline": ""}
    )  # fmt: skip
    topics = pd.DataFrame({"topic_id": ["t"], "label": ["T"], "definition": [""], "keywords": [""]})
    tagged = pd.DataFrame({"event_id": "e", "topic_id": "t", "article_id": ids, "quote": "q"})
    fig = charts.topic_heatmap(tagged, topics, articles)
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) == 40 and "Silent" not in ticks
    assert "first 40 of 50" in fig.layout.title.subtitle.text
    small = charts.topic_heatmap(tagged.head(3), topics, articles)
    assert list(small.layout.yaxis.ticktext) == ["a00", "a01", "a02"]
