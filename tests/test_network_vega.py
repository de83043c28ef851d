"""The network's Vega-Lite spec (the Network view's default chart), as JSON: the same layout,
names, sizes and colours as the plotly figure, clicks on circles and diamonds, arrows, the key,
text from the data kept as text. The plotly figure is tested in test_network_figure.py."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest
from builders import HOSTILE, strings
from test_network_figure import make_graph, node_trace, outputs_across_hash_seeds
from test_vegalite import expressions

from dashboard import network_vega
from dashboard.colours import BACKGROUNDS, EDGE_COLOR, TEXT, country_color, shade
from dashboard.network import build_cooccurrence_graph
from dashboard.network_figure import network_figure
from dashboard.network_vega import NODE_PICK, PAIR_PICK, network_spec

Spec = dict[str, Any]


def layer(spec: Spec, name: str) -> Spec:
    (found,) = [part for part in spec["layer"] if part["name"] == name]
    return found


def rows(spec: Spec, name: str) -> list[dict[str, Any]]:
    return spec["datasets"].get(name, [])


def subtitle(spec: Spec) -> list[str]:
    return spec["title"]["subtitle"]


def test_same_layout_names_and_sides_as_the_plotly_figure() -> None:
    # One placement for both charts: the names drawn and the side of each are plotly's.
    graph = make_graph(40)
    spec, fig = network_spec(graph, max_nodes=30), network_figure(graph, max_nodes=30)
    nodes = node_trace(fig)
    plotly_xy = dict(zip(nodes.customdata, zip(nodes.x, nodes.y, strict=True), strict=True))
    assert {r["entity_id"]: (r["x"], r["y"]) for r in rows(spec, "nodes")} == plotly_xy
    sides = {
        node: side
        for node, text, side in zip(nodes.customdata, nodes.text, nodes.textposition, strict=True)
        if text
    }
    # A name left of its circle ends at it (right-aligned), one above sits on it.
    align = {"left": "right", "center": "center", "right": "left"}
    baseline = {"top": "bottom", "bottom": "top", "middle": "middle"}
    names = {r["entity_id"]: r for r in rows(spec, "names")}
    assert set(names) == set(sides)
    for node, side in sides.items():
        assert names[node]["align"] == align[side.split()[1]]
        assert names[node]["baseline"] == baseline[side.split()[0]]
    # The axes' ranges are plotly's: the names were placed for them.
    x = layer(spec, "nodes")["encoding"]["x"]["scale"]["domain"]
    assert x == list(fig.layout.xaxis.range)


def test_a_name_sits_beside_its_circle_as_it_was_placed() -> None:
    # plotly puts text radius / 0.8 + 1 px from a marker's centre; Vega's y grows downwards.
    assert network_vega._offset("top center", 10) == {
        "align": "center", "baseline": "bottom", "dx": 0, "dy": -7.25,
    }  # fmt: skip
    assert network_vega._offset("middle left", 20) == {
        "align": "right", "baseline": "middle", "dx": -13.5, "dy": 0,
    }  # fmt: skip
    assert network_vega._offset("bottom right", 10) == {
        "align": "left", "baseline": "top", "dx": 7.25, "dy": 7.25,
    }  # fmt: skip


def test_nodes_carry_ids_sizes_colours_and_tooltips() -> None:
    graph = make_graph(12)
    spec = network_spec(graph)
    node_rows = rows(spec, "nodes")
    assert sorted(r["entity_id"] for r in node_rows) == sorted(graph.nodes)
    p5 = next(r for r in node_rows if r["entity_id"] == "p005")
    # make_graph: mentions 5 % 7 = 5; a diameter of 10 + 4 * sqrt(5) px, Vega's size its square.
    assert p5["area"] == pytest.approx((10 + 4 * 5**0.5) ** 2, abs=0.2)  # 18.94 px
    assert (p5["name"], p5["role"], p5["country_name"]) == ("Person 5", "Minister", "CHN")
    assert p5["mentions"] == "5 in 1 articles"
    nodes = layer(spec, "nodes")
    scale = nodes["encoding"]["color"]["scale"]
    assert scale["domain"] == ["MEX", "CHN", "USA", "Unknown"]
    assert scale["range"] == [shade(country_color(c)) for c in ("MEX", "CHN", "USA", "")]
    assert nodes["encoding"]["tooltip"][0] == {"field": "name", "title": "Name"}
    assert nodes["params"][0] == {
        "name": NODE_PICK,
        "select": {"type": "point", "fields": ["entity_id"], "on": "click"},
    }
    # Zoom and pan on both axes.
    assert {"name": "network_zoom", "select": {"type": "interval"}, "bind": "scales"} in (
        nodes["params"]
    )


def test_max_nodes_keeps_the_strongest_and_says_so() -> None:
    graph = make_graph(40)
    spec = network_spec(graph, max_nodes=10)
    kept = {r["entity_id"] for r in rows(spec, "nodes")}
    assert len(kept) == 10 and "p000" in kept
    strength = dict(graph.nodes(data="weighted_degree"))
    assert all(strength[n] <= min(strength[k] for k in kept) for n in set(graph.nodes) - kept)
    assert subtitle(spec)[0] == "Strongest 10 of 40 people shown"
    assert not network_spec(graph)["title"]["subtitle"][0].startswith("Strongest")


def test_edges_widths_and_diamonds_carry_the_pair() -> None:
    graph = make_graph(8)
    spec = network_spec(graph)
    edges = rows(spec, "edges")
    assert len(edges) == graph.number_of_edges()
    hub = next(r for r in edges if (r["source"], r["target"]) == ("p000", "p002"))
    # Weight 3: the second step (2-3), 1 + 1.3 px wide, as the plotly views draw it.
    assert (hub["weight"], hub["width"]) == (3, 2.3)
    assert (hub["mx"], hub["my"]) == (
        pytest.approx((hub["x"] + hub["x2"]) / 2, abs=1e-4),
        pytest.approx((hub["y"] + hub["y2"]) / 2, abs=1e-4),
    )
    assert hub["pair"] == "Person 0 – Person 2"
    assert hub["units"] == "a0#p0; a1#p1; a2#p2"
    assert {r["width"] for r in edges} == {1, 2.3, 3.6}  # weights 1 to 5
    assert layer(spec, "edges")["mark"]["color"] == EDGE_COLOR
    details = layer(spec, "edge_details")
    assert details["params"] == [
        {
            "name": PAIR_PICK,
            "select": {"type": "point", "fields": ["source", "target"], "on": "click"},
        }
    ]
    titles = [t["title"] for t in details["encoding"]["tooltip"]]
    assert titles == ["Link", "Shared paragraphs", "Paragraphs", "Evidence"]
    assert network_vega.picks(spec) == [NODE_PICK, PAIR_PICK]


def test_arrows_only_for_drawn_pairs_ending_at_the_recipient() -> None:
    graph = make_graph(6)
    u, v = sorted(graph.edges)[0]
    spec = network_spec(graph, arrows=[(v, u), ("nobody", "else")])
    (arrow,) = rows(spec, "arrows")
    xy = {r["entity_id"]: (r["x"], r["y"]) for r in rows(spec, "nodes")}
    assert (arrow["x1"], arrow["y1"]) == xy[u]  # the head, at the recipient
    assert (arrow["x0"], arrow["y0"]) == xy[v]
    # Set back by the recipient's radius (mentions 0: 10 px across), 2 px and half the head.
    assert arrow["back"] == 5 + 2 + network_vega._ARROW / 2
    assert "arrows" not in [part["name"] for part in network_spec(graph)["layer"]]


def test_key_in_the_subtitle() -> None:
    # make_graph(8): mentions 0 to 6; weights 1 to 5 (see test_network_figure); paragraphs.
    assert subtitle(network_spec(make_graph(8))) == [
        "Circle size: 0 to 6 mentions (small to large)",
        "Line width: 1 to 5 shared paragraphs (thin to thick)",
        network_vega.HINT,
    ]


def test_a_graph_without_links_has_nothing_to_click_between() -> None:
    graph = nx.Graph(window="article")
    graph.add_node("a", name="A", mentions=1)
    spec = network_spec(graph)
    assert [part["name"] for part in spec["layer"]] == ["nodes", "name_halos", "names"]
    assert network_vega.picks(spec) == [NODE_PICK]


def test_empty_graph_says_why() -> None:
    spec = network_spec(nx.Graph())
    assert spec["data"]["values"] == [{"message": network_vega.EMPTY}]
    assert network_vega.picks(spec) == []


def test_dark_base_colours() -> None:
    spec = network_spec(make_graph(8), base="dark")
    assert layer(spec, "names")["mark"]["color"] == TEXT["dark"]
    assert layer(spec, "name_halos")["mark"]["stroke"] == BACKGROUNDS["dark"]
    scale = layer(spec, "nodes")["encoding"]["color"]["scale"]
    assert scale["range"] == [shade(country_color(c), "dark") for c in ("MEX", "CHN", "USA", "")]
    assert layer(network_spec(make_graph(8)), "name_halos")["mark"]["stroke"] == "#FFFFFF"


def test_data_text_stays_data() -> None:
    graph = nx.Graph(window="article")
    for node, country in (("p1", "MEX"), ("p2", "CHN")):
        graph.add_node(
            node, name=HOSTILE, country=country, role=HOSTILE, mentions=3, articles=1,
            degree=1, weighted_degree=2,
        )  # fmt: skip
    graph.add_edge("p1", "p2", weight=2, units=f"a1|{HOSTILE}")
    spec = network_spec(graph, country_names={"MEX": HOSTILE}, arrows=[("p1", "p2")])
    node = next(r for r in rows(spec, "nodes") if r["entity_id"] == "p1")
    assert (node["name"], node["role"], node["country_name"]) == (HOSTILE, HOSTILE, HOSTILE)
    assert rows(spec, "edges")[0]["units"] == f"a1; {HOSTILE}"
    assert HOSTILE in {r["name"] for r in rows(spec, "names")}
    # Never HTML-escaped: Vega draws text as text and its tooltip escapes.
    assert not [s for s in strings(spec) if "&lt;" in s or "&amp;" in s]
    # The expressions are the spec's own, the same whatever the data says.
    found = set(expressions(spec))
    assert not [e for e in found if "alert" in e or "<" in e]
    assert found == {
        "datum.align", "datum.baseline", "datum.dx", "datum.dy",
        f"{network_vega._HEADING} * 180 / PI", f"-cos({network_vega._HEADING}) * datum.back",
        f"-sin({network_vega._HEADING}) * datum.back", network_vega.LEGEND_COLUMNS,
    }  # fmt: skip


def test_spec_is_identical_across_processes() -> None:
    code = (
        "import hashlib, json; from test_network_figure import split_graph;"
        "from dashboard.network_vega import network_spec;"
        "spec = network_spec(split_graph(), arrows=[('p001', 'p000')]);"
        "print(hashlib.sha256(json.dumps(spec).encode()).hexdigest())"
    )
    assert len(outputs_across_hash_seeds(code, ("1", "2"))) == 1


# --- the real data ----------------------------------------------------------------------------


@pytest.mark.parametrize("window", ["article", "event"])
def test_real_data_spec_is_json_and_names_the_strongest(dataset: Any, window: str) -> None:
    from dashboard.evidence import directed_pairs
    from dashboard.present import country_names

    graph = build_cooccurrence_graph(dataset, window)
    arrows = directed_pairs(dataset) if window == "event" else []
    spec = network_spec(graph, 60, country_names(dataset), arrows)
    assert json.loads(json.dumps(spec)) == spec
    named = {r["entity_id"] for r in rows(spec, "names")}
    assert {"lopez-obrador", "joe-biden", "xi-jinping"} <= named
    assert len(named) >= 10
    domain = layer(spec, "nodes")["encoding"]["color"]["scale"]["domain"]
    assert {"Mexico", "China", "United States"} <= set(domain) and "MEX" not in domain
    if window == "event":
        assert rows(spec, "arrows"), "the event window's letters draw arrows"


def test_circles_keep_their_size_on_a_large_corpus() -> None:
    # The same scale as the plotly figure: the largest circle 42 px across, not 700.
    graph = make_graph(12)
    for node in graph.nodes:
        graph.nodes[node]["mentions"] *= 5_000
    areas = [r["area"] for r in rows(network_spec(graph), "nodes")]
    assert max(areas) == pytest.approx(42**2)
    plotly = node_trace(network_figure(graph))
    assert sorted(areas) == pytest.approx(sorted(s**2 for s in plotly.marker.size), abs=0.5)
