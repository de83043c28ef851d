"""The co-occurrence network as a Vega-Lite spec: the Network view's default chart.

Drawn with Vega-Lite, as the Overview is (dashboard.vegalite): plotly's browser code is six
times the size of Vega-Lite's, and loading it was most of a new visitor's wait for this view.
The play and the side-by-side views stay plotly (dashboard.network_figure), which animates
frames in the browser; this chart shares their layout, their placement of names, their sizes
and their colours, so the three look alike.

A plain dict, its data inline in named datasets (nodes, names, edges, arrows). Text from the
data stays data: Vega draws names, legends and titles as text and its tooltip escapes HTML, so
values go in as written. The only Vega expressions are fixed ones that read fields of a row
(`datum.dx`) or the chart's own scales; no value from the data is ever put inside one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from dashboard.colours import BACKGROUNDS, EDGE_COLOR, MUTED_TEXT, TEXT, country_order
from dashboard.network_figure import (
    _FONT_SIZE,
    _MAX_HOVER_ITEMS,
    _SIDES,
    DRAWINGS,
    _edge_bucket,
    most_mentions,
    network_layout,
    node_color,
    node_size,
    place_labels,
    plot_ranges,
    size_and_width_lines,
    strongest_nodes,
)
from dashboard.vegalite import LEGEND_COLUMNS, empty_spec, subtitle_lines

Spec = dict[str, Any]

TITLE = "Co-occurrence network"
EMPTY = "No people match the filters"
# Point selections: a click on a circle opens the person, on an edge's diamond its evidence.
NODE_PICK = "network_node_pick"
PAIR_PICK = "network_pair_pick"
ZOOM = "network_zoom"
# The plot's height in px: inside the range the names are placed for (DRAWINGS), whatever the
# width; the legend goes below it.
PLOT_HEIGHT = 400
UNKNOWN_COUNTRY = "Unknown"
HINT = "Scroll to zoom, drag to pan, double-click to reset."
_DIAMOND = 7  # px across, an edge's middle
_ARROW = 12  # px, the length of an arrowhead
_NODE_OUTLINE = "rgba(255,255,255,0.8)"
_HALO = 3  # px of the page's background around each drawn name: legible over lines

assert DRAWINGS[0][1] <= PLOT_HEIGHT <= DRAWINGS[-1][1]

# Fixed expressions: each reads fields of its own row and the chart's scales, never data text.
# The direction from sender to recipient on screen (y down), whatever the zoom or the width.
_ACROSS = "scale('x', datum.x1) - scale('x', datum.x0)"
_DOWN = "scale('y', datum.y1) - scale('y', datum.y0)"
_HEADING = f"atan2({_DOWN}, {_ACROSS})"


def _offset(position: str, diameter: float) -> dict[str, Any]:
    """Where a name sits beside its circle (a plotly textposition, see place_labels): Vega's
    align and baseline and the offset in px, the distance the names were placed for
    (network_figure.label_box)."""
    h, v = _SIDES[position]
    gap = diameter / 2 / 0.8 + 1
    return {
        "align": {-1: "right", 0: "center", 1: "left"}[h],
        "baseline": {-1: "top", 0: "middle", 1: "bottom"}[v],
        "dx": round(h * gap, 2),
        "dy": round(-v * gap, 2),  # Vega's y grows downwards
    }


def _joined(items: list[str], limit: int = _MAX_HOVER_ITEMS) -> str:
    """Items joined by "; ", the tail summarised so a tooltip stays on screen."""
    shown = items[:limit]
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return "; ".join(shown)


def _country_scale(
    graph: nx.Graph, country_names: Mapping[str, str] | None, base: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Each country id's legend name, and each legend name's colour, in palette order."""
    names = country_names or {}
    ids = country_order(str(graph.nodes[n].get("country") or "") for n in graph.nodes)
    legend = {c: names.get(c, c) or UNKNOWN_COUNTRY for c in ids}
    colours: dict[str, str] = {}
    for country in ids:
        colours.setdefault(legend[country], node_color(country, base))
    return legend, colours


def _node_rows(
    sub: nx.Graph,
    pos: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    legend: Mapping[str, str],
    sizes: Mapping[str, float],
) -> list[dict[str, Any]]:
    rows = []
    for node in sorted(sub.nodes, key=str):
        data = sub.nodes[node]
        country = str(data.get("country") or "")
        rows.append(
            {
                "entity_id": node,
                "name": names[node],
                "role": str(data.get("role") or "") or "unknown",
                "country_name": legend[country],
                "x": pos[node][0],
                "y": pos[node][1],
                # Vega's size is the area of the symbol's square, in px².
                "area": round(sizes[node] ** 2, 2),
                "mentions": f"{data.get('mentions', 0)} in {data.get('articles', 0)} articles",
                "connections": (
                    f"{data.get('degree', 0)} (weight {data.get('weighted_degree', 0)})"
                ),
            }
        )
    return rows


def _edge_rows(
    sub: nx.Graph, pos: Mapping[str, tuple[float, float]], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    edges = sorted(
        ((*sorted((u, v), key=str), d) for u, v, d in sub.edges(data=True)),
        key=lambda e: (str(e[0]), str(e[1])),
    )
    rows = []
    for u, v, data in edges:
        weight = int(data.get("weight", 1))
        (x0, y0), (x1, y1) = pos[u], pos[v]
        units = [unit for unit in str(data.get("units", "")).split("|") if unit]
        rows.append(
            {
                "source": u,
                "target": v,
                "x": x0,
                "y": y0,
                "x2": x1,
                "y2": y1,
                "mx": round((x0 + x1) / 2, 4),
                "my": round((y0 + y1) / 2, 4),
                # The plotly views' widths: a step wider each time the weight doubles.
                "width": round(1 + 1.3 * _edge_bucket(weight), 2),
                "pair": f"{names[u]} – {names[v]}",
                "weight": weight,
                "units": _joined(units) or "none",
                "hint": "Click the diamond for the evidence",
            }
        )
    return rows


def _arrow_rows(
    sub: nx.Graph,
    pos: Mapping[str, tuple[float, float]],
    arrows: Iterable[tuple[str, str]],
    sizes: Mapping[str, float],
) -> list[dict[str, Any]]:
    """One row per (sender, recipient) whose edge is drawn: both ends, and how far back from
    the recipient's centre the head's middle sits (its radius, a gap, half the head)."""
    rows = []
    for sender, recipient in sorted(set(arrows)):
        if not sub.has_edge(sender, recipient):
            continue
        radius = sizes[recipient] / 2
        rows.append(
            {
                "sender": sender,
                "recipient": recipient,
                "x0": pos[sender][0],
                "y0": pos[sender][1],
                "x1": pos[recipient][0],
                "y1": pos[recipient][1],
                "back": round(radius + 2 + _ARROW / 2, 2),
            }
        )
    return rows


def _xy(x: str, y: str, ranges: tuple[tuple[float, float], ...]) -> dict[str, Any]:
    """Position channels on the layout's own coordinates, no axes: the ranges the names were
    placed for (plot_ranges)."""

    def channel(field: str, domain: tuple[float, float]) -> dict[str, Any]:
        return {
            "field": field,
            "type": "quantitative",
            "axis": None,
            "scale": {"domain": list(domain), "nice": False, "zero": False},
        }

    return {"x": channel(x, ranges[0]), "y": channel(y, ranges[1])}


def picks(spec: Spec) -> list[str]:
    """The point selections a spec declares, of NODE_PICK and PAIR_PICK (a graph with no edge
    drawn has no diamonds to click, an empty chart nothing)."""
    declared = {p.get("name") for layer in spec.get("layer", []) for p in layer.get("params", [])}
    return [name for name in (NODE_PICK, PAIR_PICK) if name in declared]


def network_spec(
    graph: nx.Graph,
    max_nodes: int | None = None,
    country_names: Mapping[str, str] | None = None,
    arrows: Iterable[tuple[str, str]] = (),
    base: str = "light",
) -> Spec:
    """The co-occurrence network as network_figure draws it, in Vega-Lite: the strongest
    max_nodes in the same layout, circles sized by mentions and coloured by country (legend:
    names), edges a step wider each time their weight doubles, a diamond at each edge's middle
    carrying the pair (PAIR_PICK: source, target), a click on a circle picking its entity_id
    (NODE_PICK), the strongest named where their names collide with nothing (place_labels) and
    every name in the tooltip, arrowheads at the recipient of each (sender, recipient) of
    `arrows` whose edge is drawn, the key to size and width in the subtitle, zoom and pan."""
    keep = strongest_nodes(graph, max_nodes)
    if not keep:
        return empty_spec(EMPTY, TITLE, base=base)
    base = "dark" if base == "dark" else "light"
    sub = graph.subgraph(keep)
    pos = network_layout(sub)
    nodes = sorted(sub.nodes, key=str)
    names = {n: str(sub.nodes[n].get("name") or n) for n in nodes}
    most = most_mentions(sub)
    sizes = {n: node_size(sub.nodes[n].get("mentions", 0), most) for n in nodes}
    ranges = plot_ranges([pos[n] for n in nodes])
    placed = place_labels(sub, pos, sizes, names, ranges)
    legend, colours = _country_scale(sub, country_names, base)
    node_rows = _node_rows(sub, pos, names, legend, sizes)
    name_rows = [
        {"entity_id": n, "name": names[n], "x": pos[n][0], "y": pos[n][1]}
        | _offset(placed[n], sizes[n])
        for n in nodes
        if n in placed
    ]
    edge_rows = _edge_rows(sub, pos, names)
    arrow_rows = _arrow_rows(sub, pos, arrows, sizes)
    unit = str(graph.graph.get("window") or "unit")

    layers: list[dict[str, Any]] = []
    if edge_rows:
        layers.append(
            {
                "name": "edges",
                "data": {"name": "edges"},
                # Screen readers get the nodes and the diamonds, not every line and name twice.
                "mark": {"type": "rule", "color": EDGE_COLOR, "strokeCap": "round", "aria": False},
                "encoding": {
                    **_xy("x", "y", ranges),
                    "x2": {"field": "x2"},
                    "y2": {"field": "y2"},
                    "strokeWidth": {"field": "width", "type": "quantitative", "scale": None},
                },
            }
        )
        # Rules are hard to point at; a diamond at each middle carries the pair.
        layers.append(
            {
                "name": "edge_details",
                "data": {"name": "edges"},
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": _DIAMOND**2,
                    "color": EDGE_COLOR,
                    "opacity": 0.7,
                    "cursor": "pointer",
                },
                "params": [
                    {
                        "name": PAIR_PICK,
                        "select": {"type": "point", "fields": ["source", "target"], "on": "click"},
                    }
                ],
                "encoding": {
                    **_xy("mx", "my", ranges),
                    "description": {"field": "pair"},
                    "tooltip": [
                        {"field": "pair", "title": "Link"},
                        {"field": "weight", "title": f"Shared {unit}s"},
                        {"field": "units", "title": f"{unit.capitalize()}s"},
                        {"field": "hint", "title": "Evidence"},
                    ],
                },
            }
        )
    if arrow_rows:
        layers.append(
            {
                "name": "arrows",
                "data": {"name": "arrows"},
                "mark": {
                    "type": "point",
                    "shape": "triangle-right",
                    "filled": True,
                    "size": _ARROW**2,
                    "color": EDGE_COLOR,
                    "opacity": 1,
                    "aria": False,
                    # Turned along the edge and set back from the recipient's centre, on
                    # screen: the same at any width and zoom.
                    "angle": {"expr": f"{_HEADING} * 180 / PI"},
                    "xOffset": {"expr": f"-cos({_HEADING}) * datum.back"},
                    "yOffset": {"expr": f"-sin({_HEADING}) * datum.back"},
                },
                "encoding": {
                    **_xy("x1", "y1", ranges),
                    "tooltip": {"value": "sender → recipient"},
                },
            }
        )
    layers.append(
        {
            "name": "nodes",
            "data": {"name": "nodes"},
            "mark": {
                "type": "point",
                "shape": "circle",
                "filled": True,
                "opacity": 1,
                "stroke": _NODE_OUTLINE,
                "strokeWidth": 1,
                "cursor": "pointer",
            },
            "params": [
                {
                    "name": NODE_PICK,
                    "select": {"type": "point", "fields": ["entity_id"], "on": "click"},
                },
                {"name": ZOOM, "select": {"type": "interval"}, "bind": "scales"},
            ],
            "encoding": {
                **_xy("x", "y", ranges),
                "size": {"field": "area", "type": "quantitative", "scale": None},
                "description": {"field": "name"},
                "color": {
                    "field": "country_name",
                    "type": "nominal",
                    "scale": {"domain": list(colours), "range": list(colours.values())},
                    # Below the plot, across, in as many columns as fit.
                    "legend": {
                        "title": "Country",
                        "orient": "bottom",
                        "columns": {"expr": LEGEND_COLUMNS},
                        "labelLimit": 0,
                        "symbolStrokeWidth": 0,
                    },
                },
                "tooltip": [
                    {"field": "name", "title": "Name"},
                    {"field": "role", "title": "Role"},
                    {"field": "country_name", "title": "Country"},
                    {"field": "mentions", "title": "Mentions"},
                    {"field": "connections", "title": "Connections"},
                ],
            },
        }
    )
    if name_rows:
        text = {
            "type": "text",
            "fontSize": _FONT_SIZE,
            "align": {"expr": "datum.align"},
            "baseline": {"expr": "datum.baseline"},
            "dx": {"expr": "datum.dx"},
            "dy": {"expr": "datum.dy"},
            "aria": False,
        }
        names_encoding = {**_xy("x", "y", ranges), "text": {"field": "name"}}
        layers += [
            {
                # A halo of the page's background under each name.
                "name": "name_halos",
                "data": {"name": "names"},
                "mark": {
                    **text,
                    "stroke": BACKGROUNDS[base],
                    "strokeWidth": _HALO,
                    "strokeJoin": "round",
                    "strokeOpacity": 0.85,
                    "color": BACKGROUNDS[base],
                },
                "encoding": names_encoding,
            },
            {
                "name": "names",
                "data": {"name": "names"},
                "mark": {**text, "color": TEXT[base]},
                "encoding": names_encoding,
            },
        ]
    lines = [*size_and_width_lines(sub), HINT]
    if len(keep) < graph.number_of_nodes():
        lines.insert(0, f"Strongest {len(keep)} of {graph.number_of_nodes()} people shown")
    subtitle = [part for line in lines for part in subtitle_lines(line)]
    return {
        "config": {
            "title": {"subtitleColor": MUTED_TEXT[base]},
            "view": {"stroke": None},
        },
        "title": {"text": TITLE, "anchor": "start", "subtitle": subtitle},
        "width": "container",
        "height": PLOT_HEIGHT,
        # The width fits the page; the height is the plot's own, whatever the title and the
        # legend take (a phone's legend is longer): the names are placed for that height.
        "autosize": {"type": "fit-x", "contains": "padding"},
        "padding": {"left": 4, "top": 4, "right": 4, "bottom": 4},
        # Only the datasets a layer draws: Streamlit sends each as an Arrow table.
        "datasets": {
            name: rows
            for name, rows in (
                ("edges", edge_rows),
                ("arrows", arrow_rows),
                ("nodes", node_rows),
                ("names", name_rows),
            )
            if rows
        },
        "layer": layers,
    }
