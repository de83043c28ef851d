"""The plotly network figure and HTML escaping of its labels, on small hand-made graphs and on
the real data. The Overview's Vega-Lite charts are tested in test_vegalite.py."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import plotly.graph_objects as go
import pytest
from builders import HOSTILE, strings

from dashboard import network_figure as figures
from dashboard.colours import country_color, shade
from dashboard.network import build_cooccurrence_graph
from dashboard.network_figure import network_figure
from dashboard.present import escape_html


def texts(fig: go.Figure) -> str:
    """Title, subtitle and annotation texts of a figure, joined."""
    parts = [fig.layout.title.text or "", fig.layout.title.subtitle.text or ""]
    parts += [a.text or "" for a in fig.layout.annotations]
    return " | ".join(parts)


# --- hostile text -----------------------------------------------------------------------------


@pytest.fixture
def hostile_graph() -> nx.Graph:
    """A graph whose every free-text field is HTML that would run if rendered."""
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
    return graph


def test_network_data_text_is_escaped(hostile_graph: nx.Graph) -> None:
    everything = strings(network_figure(hostile_graph).to_plotly_json())
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
    assert escape_html(text) == expected


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
        assert color == shade(country_color(graph.nodes[node_id]["country"]))
        assert f"<b>{graph.nodes[node_id]['name']}</b>" in hover
    # Only the edge midpoints carry something else: the pair.
    assert all(t.customdata is None for t in fig.data[:-1] if t.name != "edge details")


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


def outputs_across_hash_seeds(code: str, seeds: tuple[str, ...] = ("1", "2", "3")) -> set[str]:
    """What `code` prints in a new process per PYTHONHASHSEED (this folder on its path):
    set iteration order of strings changes with the seed; a chart must not."""
    setup = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
    return {
        subprocess.run(
            [sys.executable, "-c", setup + code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in seeds
    }


def test_network_is_identical_across_processes() -> None:
    code = (
        "import hashlib; from test_network_figure import split_graph;"
        "from dashboard.network_figure import network_figure;"
        "print(hashlib.sha256(network_figure(split_graph()).to_json().encode()).hexdigest())"
    )
    assert len(outputs_across_hash_seeds(code)) == 1


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


def test_real_data_network_figure_builds(dataset: Any) -> None:
    from dashboard.network import build_cooccurrence_graph

    fig = network_figure(build_cooccurrence_graph(dataset, "paragraph"), max_nodes=60)
    json.loads(fig.to_json())
    assert node_trace(fig).customdata


def test_network_legend_shows_country_names_when_given(dataset: Any) -> None:
    from dashboard.network import build_cooccurrence_graph

    names = dict(zip(dataset.countries["country_id"], dataset.countries["name"], strict=True))
    graph = build_cooccurrence_graph(dataset)
    legend = {t.name for t in figures.network_figure(graph, country_names=names).data}
    assert {"Mexico", "China", "United States"} <= legend and "MEX" not in legend


def test_names_go_away_from_the_middle_of_their_neighbours() -> None:
    # A hub with four spokes, and a pair on its own to the far right.
    graph = nx.Graph([("hub", "w"), ("hub", "e"), ("hub", "n"), ("hub", "s"), ("p", "q")])
    pos = {
        "hub": (0.0, 0.0), "w": (-1.0, 0.0), "e": (1.0, 0.0), "n": (0.0, 1.0), "s": (0.0, -1.0),
        "p": (5.0, 0.0), "q": (5.0, 1.0),
    }  # fmt: skip
    assert figures.label_positions(graph, pos) == {
        "hub": "top center",  # its neighbours' middle is where it is: above, by default
        "w": "middle left",
        "e": "middle right",
        "n": "top center",
        "s": "bottom center",
        "p": "bottom center",
        "q": "top center",
    }


def test_names_with_room_take_the_side_away_from_their_neighbours() -> None:
    # The hub and spokes above, with short names and room to spare: nothing collides, so each
    # name goes where label_positions says.
    graph = nx.Graph([("hub", "w"), ("hub", "e"), ("hub", "n"), ("hub", "s"), ("p", "q")])
    for node in graph.nodes:
        graph.nodes[node]["weighted_degree"] = graph.degree(node)
    pos = {
        "hub": (0.0, 0.0), "w": (-1.0, 0.0), "e": (1.0, 0.0), "n": (0.0, 1.0), "s": (0.0, -1.0),
        "p": (5.0, 0.0), "q": (5.0, 1.0),
    }  # fmt: skip
    sizes = dict.fromkeys(pos, 10.0)
    names = {node: node.upper() for node in pos}
    ranges = figures.plot_ranges(pos.values())
    placed = figures.place_labels(graph, pos, sizes, names, ranges)
    assert placed == figures.label_positions(graph, pos)


def test_names_that_fit_nowhere_are_left_to_the_hover() -> None:
    # Twenty people on one spot, all with long names, and one far away. Around a spot there are
    # at most six names that do not overlap: left and right of it, above and below (a centred
    # name overlaps both of its row's corners, a corner the centre beside it).
    graph = nx.complete_graph([f"k{i:02}" for i in range(20)])
    graph.add_edge("k00", "far")
    nx.set_node_attributes(graph, dict(graph.degree), "weighted_degree")
    pos = {node: (0.0, 0.0) for node in graph.nodes} | {"far": (1.0, 1.0)}
    sizes = dict.fromkeys(pos, 14.0)
    names = {node: "Andrés Manuel López Obrador" for node in pos}
    placed = figures.place_labels(graph, pos, sizes, names, figures.plot_ranges(pos.values()))
    assert "k00" in placed and "far" in placed  # the strongest; the one with room
    assert 2 <= len(set(placed) - {"far"}) <= 6
    on_the_spot = [side for node, side in placed.items() if node != "far"]
    assert len(set(on_the_spot)) == len(on_the_spot)  # one side each


def test_the_strongest_is_named_even_with_no_free_side() -> None:
    # A knot of 30 people on one spot: every side of every node covers circles.
    graph = nx.star_graph(29)
    graph = nx.relabel_nodes(graph, {i: f"n{i:02}" for i in graph.nodes})
    nx.set_node_attributes(graph, dict(graph.degree), "weighted_degree")
    pos = {node: (i * 1e-4, 0.0) for i, node in enumerate(sorted(graph.nodes))}
    pos["lonely"] = (1.0, 1.0)
    graph.add_node("lonely", weighted_degree=0)
    sizes = dict.fromkeys(pos, 30.0)
    names = {node: f"Person {node}" for node in pos}
    placed = figures.place_labels(graph, pos, sizes, names, figures.plot_ranges(pos.values()))
    assert "n00" in placed  # the hub, degree 29


def test_placing_names_is_deterministic() -> None:
    graph = make_graph(60)
    pos = figures.network_layout(graph)
    sizes = {n: figures.node_size(graph.nodes[n]["mentions"]) for n in graph.nodes}
    names = {n: graph.nodes[n]["name"] for n in graph.nodes}
    ranges = figures.plot_ranges(pos.values())
    first = figures.place_labels(graph, pos, sizes, names, ranges)
    reverse = make_graph(60, reverse=True)
    assert figures.place_labels(reverse, pos, sizes, names, ranges) == first
    assert 0 < len(first) < 60


# The plot of the network as the dashboard draws it, in px: from a 390 px phone's (358 px of
# content less the figure's margins) to a 1400 px window's beside the sidebar, 360 to 440 high.
DRAWN = [(w, h) for w in (330, 420, 510, 600, 690, 780, 900) for h in (360, 400, 440)]


def drawn_name_boxes(
    fig: go.Figure, width: float, height: float, nodes: Any = None
) -> dict[str, tuple]:
    """Box (left, bottom, right, top) in px of every drawn name of the figure (or of its trace
    `nodes`), as plotly.js lays out a scatter's text (src/components/drawing: the text starts
    radius / 0.8 + 1 px from the marker's centre), a name 0.55 font sizes wide per character
    and 1.2 high."""
    nodes = node_trace(fig) if nodes is None else nodes
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    font = nodes.textfont.size
    boxes = {}
    for node, x, y, text, side, size in zip(
        nodes.customdata,
        nodes.x,
        nodes.y,
        nodes.text,
        nodes.textposition,
        nodes.marker.size,
        strict=True,
    ):
        if not text:
            continue
        cx, cy = (x - x0) / (x1 - x0) * width, (y - y0) / (y1 - y0) * height
        gap, w, h = size / 2 / 0.8 + 1, 0.55 * font * len(html.unescape(text)), 1.2 * font
        vertical, horizontal = side.split()
        left = {"left": cx - gap - w, "center": cx - w / 2, "right": cx + gap}[horizontal]
        bottom = {"top": cy + gap, "middle": cy - h / 2, "bottom": cy - gap - h}[vertical]
        boxes[node] = (left, bottom, left + w, bottom + h)
    return boxes


def overlapping(boxes: dict[str, tuple]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    return [
        (a, b)
        for i, (a, (l1, b1, r1, t1)) in enumerate(items)
        for b, (l2, b2, r2, t2) in items[i + 1 :]
        if l1 < r2 and l2 < r1 and b1 < t2 and b2 < t1
    ]


@pytest.mark.parametrize("window", ["article", "paragraph", "sentence", "event"])
@pytest.mark.parametrize("orgs", [False, True])
def test_real_data_names_do_not_overlap(dataset: Any, window: str, orgs: bool) -> None:
    graph = build_cooccurrence_graph(dataset, window, orgs)
    fig = network_figure(graph, max_nodes=60)  # the view's default
    nodes = node_trace(fig)
    for width, height in DRAWN:
        boxes = drawn_name_boxes(fig, width, height)
        assert overlapping(boxes) == []
        assert all(
            min(x0, y0) >= 0 and x1 <= width and y1 <= height for x0, y0, x1, y1 in boxes.values()
        )
    named = {n for n, text in zip(nodes.customdata, nodes.text, strict=True) if text}
    strongest = max(graph.nodes, key=lambda n: graph.nodes[n]["weighted_degree"])
    tied = {
        n
        for n in graph.nodes
        if graph.nodes[n]["weighted_degree"] == graph.nodes[strongest]["weighted_degree"]
    }
    assert named & tied, "the strongest node is not named"
    assert len(named) >= 10
    # Every node not named on the plot has its name in its hover.
    unnamed = set(graph.nodes) - named
    for node, hover in zip(nodes.customdata, nodes.hovertext, strict=True):
        assert hover.startswith(f"<b>{escape_html(graph.nodes[node]['name'])}</b>")
    if window == "article" and orgs:
        assert len(unnamed) > 20  # 57 entities: most are left to the hover


def test_real_data_names_over_time_do_not_overlap(dataset: Any) -> None:
    from dashboard.network import edge_units, entity_units, snapshot

    graph = build_cooccurrence_graph(dataset, "event")
    units, entities = edge_units(dataset, "event"), entity_units(dataset, "event")
    ends = ["2023-01-31", "2023-11-16", "2023-11-30", "2024-09-30"]
    fig = figures.network_time_figure(
        graph, [(end, *snapshot(units, entities, end)) for end in ends]
    )
    named = set()
    for frame in fig.frames:
        for width, height in DRAWN:
            boxes = drawn_name_boxes(fig, width, height, frame.data[-1])
            assert overlapping(boxes) == []
        named |= {
            n for n, t in zip(frame.data[-1].customdata, frame.data[-1].text, strict=True) if t
        }
    assert len(named) >= 10


def test_default_network_names_the_strongest(dataset: Any) -> None:
    # At the default filters (article, no organizations), the three heads of state are named.
    fig = network_figure(build_cooccurrence_graph(dataset), max_nodes=60)
    nodes = node_trace(fig)
    named = {n for n, text in zip(nodes.customdata, nodes.text, strict=True) if text}
    assert {"lopez-obrador", "joe-biden", "xi-jinping"} <= named


def test_midpoints_carry_the_pair_and_arrows_point_at_the_recipient() -> None:
    graph = make_graph(6)
    u, v = sorted(graph.edges)[0]
    fig = network_figure(graph, arrows=[(v, u), ("nobody", "else")])
    (midpoints,) = [t for t in fig.data if t.name == "edge details"]
    assert len(midpoints.customdata) == graph.number_of_edges()
    assert [u, v] in [list(pair) for pair in midpoints.customdata]
    # One arrow: the pair whose ends are not drawn is left out.
    arrows = [n for n in fig.layout.annotations if n.showarrow]
    assert len(arrows) == 1
    nodes = node_trace(fig)
    xy = dict(zip(nodes.customdata, zip(nodes.x, nodes.y, strict=True), strict=True))
    assert (arrows[0].x, arrows[0].y) == xy[u]  # the head, at the recipient
    assert (arrows[0].ax, arrows[0].ay) == xy[v]
    assert not [n for n in network_figure(graph).layout.annotations if n.showarrow]


# --- the key to circle size and line width ----------------------------------------------------


def key_text(fig: go.Figure) -> str:
    (key,) = [a.text for a in fig.layout.annotations if a.name == "size and width"]
    return key


def test_key_states_the_fewest_and_most_mentions_and_the_lightest_and_heaviest_link() -> None:
    # make_graph(8): mentions i % 7 for i = 0..7 (0 to 6); chain weights 1 + i % 5 for i = 0..6
    # (1 to 5) and two hub links of 3; a paragraph window.
    assert key_text(network_figure(make_graph(8))) == (
        "Circle size: 0 to 6 mentions (small to large)<br>"
        "Line width: 1 to 5 shared paragraphs (thin to thick)"
    )
    pair = nx.Graph(window="article")
    pair.add_nodes_from(["a", "b"], mentions=2)
    pair.add_edge("a", "b", weight=1)
    assert key_text(network_figure(pair)) == (
        "Circle size: 2 mentions each<br>Line width: 1 shared article each"
    )


@pytest.mark.parametrize("window", ["article", "sentence"])
def test_real_data_key_states_the_drawn_graph_range(dataset: Any, window: str) -> None:
    from dashboard.network import build_cooccurrence_graph

    graph = build_cooccurrence_graph(dataset, window, include_organizations=True)
    fig = network_figure(graph, max_nodes=20)
    drawn = graph.subgraph(node_trace(fig).customdata)
    mentions = [m for _, m in drawn.nodes(data="mentions")]
    weights = [w for _, _, w in drawn.edges(data="weight")]
    key = key_text(fig)
    assert f"Circle size: {min(mentions)} to {max(mentions)} mentions" in key
    assert f"Line width: {min(weights)} to {max(weights)} shared {window}s" in key
    # The key sits above the plot, in the figure's top margin, below the title and subtitle
    # ("Strongest 20 of ... people shown"), which start at the top of the figure.
    (annotation,) = [a for a in fig.layout.annotations if a.name == "size and width"]
    assert (annotation.yref, annotation.y, annotation.yanchor) == ("paper", 1, "bottom")
    assert fig.layout.title.subtitle.text.startswith("Strongest 20 of")
    title = fig.layout.title
    assert (title.yref, title.y, title.yanchor) == ("container", 1, "top")
    assert fig.layout.margin.t >= 80 + 2 * 15  # title, subtitle, two lines of key


def test_circles_keep_their_size_on_a_large_corpus() -> None:
    # At 10,000 articles a person has tens of thousands of mentions: 10 + 4 * sqrt(36,915) would
    # be a circle 778 px across, over the whole plot. Past SIZE_LIMIT mentions for the largest
    # node, every count is scaled so the largest stays 42 px and the proportions stay.
    assert figures.node_size(21, 21) == figures.node_size(21) == pytest.approx(28.33, abs=0.01)
    assert figures.node_size(64, 64) == 42
    assert figures.node_size(36_915, 36_915) == 42
    assert figures.node_size(3_642, 36_915) == pytest.approx(
        10 + 4 * (3_642 * 64 / 36_915) ** 0.5, abs=0.01
    )
    graph = make_graph(12)
    for node in graph.nodes:
        graph.nodes[node]["mentions"] *= 5_000  # up to 30,000
    trace = node_trace(network_figure(graph))
    assert max(trace.marker.size) == 42
    assert min(trace.marker.size) == 10  # the ones with no mention
    # The play and the side-by-side view: one scale for every frame, the largest 42 px.
    strength = {n: 1_000 * (i + 1) for i, n in enumerate(sorted(graph.nodes))}
    frames = [("Oct", None, {n: v // 2 for n, v in strength.items()}), ("Nov", None, strength)]
    frames = [(label, _no_edges(), s) for label, _, s in frames]
    play = figures.network_time_figure(graph, frames)
    sizes = [max(f.data[-1].marker.size) for f in play.frames]
    assert sizes[-1] == 42 and sizes[0] < 42
    multiples = figures.network_multiples_figure(graph, frames)
    assert max(max(t.marker.size) for t in multiples.data if t.name == "nodes") == 42


def _no_edges():
    import pandas as pd

    return pd.DataFrame({"source": [], "target": [], "weight": []})
