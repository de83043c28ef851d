"""The plotly network figure and HTML escaping of its labels, on small hand-made graphs and on
the real data. The Overview's Vega-Lite charts are tested in test_vegalite.py."""

from __future__ import annotations

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


def test_network_is_identical_across_processes() -> None:
    # Set iteration order of strings changes with PYTHONHASHSEED; the figure must not.
    code = (
        f"import hashlib, sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from test_network_figure import split_graph;"
        "from dashboard.network_figure import network_figure;"
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


def test_network_names_placed_by_label_positions() -> None:
    graph = make_graph(8)
    fig = network_figure(graph)
    (nodes,) = [t for t in fig.data if t.name == "nodes"]
    allowed = {"top center", "bottom center", "middle left", "middle right"}
    assert set(nodes.textposition) <= allowed and len(set(nodes.textposition)) > 1


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
