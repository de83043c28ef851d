"""The co-occurrence network drawn with plotly: a deterministic layout, the names of the
strongest nodes placed where they collide with no other name or circle (the rest on hover), a key
to circle size and line width, and a `go.Figure` whose last trace ("nodes") carries entity ids for
selections and whose "edge details" trace (a marker at the middle of each edge) carries the pair.

The Network view draws the whole selection with Vega-Lite (dashboard.network_vega, from the
layout, names, sizes and colours here) and keeps plotly for the network over time and side by
side, which animate frames in the browser; `network_figure` is the reference that chart keeps
to (tests/test_network_vega.py).

Text from the data goes through `escape_html` before it reaches a hover label, a trace name or a
text label, because plotly renders a subset of HTML there.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.colours import EDGE_COLOR, country_color, country_order, shade
from dashboard.present import escape_html

_MAX_HOVER_ITEMS = 8
_FONT_SIZE = 11  # px, of the names on the network


# --- figure scaffolding -----------------------------------------------------------------------


def _layout(
    fig: go.Figure, title: str, height: int, subtitle: str = "", key_lines: int = 0
) -> go.Figure:
    title_spec: dict[str, object] = {"text": title, "x": 0, "xanchor": "left"}
    if subtitle:
        title_spec["subtitle"] = {"text": subtitle}
    if key_lines:
        # From the top, below the chart's toolbar (always shown on a touch screen), so that its
        # subtitle stays clear of the key.
        title_spec.update(y=1, yref="container", yanchor="top", pad={"t": 30})
    fig.update_layout(
        title=title_spec,
        height=height,
        # Room for the title, its subtitle and the lines of a key above the plot.
        margin={
            "l": 10,
            "r": 10,
            "t": (80 if subtitle else 60) + (15 * key_lines + 15 if key_lines else 0),
            "b": 10,
        },
        hoverlabel={"align": "left"},
    )
    return fig


def empty_figure(message: str, title: str = "", subtitle: str = "") -> go.Figure:
    """A figure with hidden axes and a centred message, for filters that leave nothing."""
    fig = go.Figure()
    fig.add_annotation(
        text=escape_html(message),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 14},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, 300, subtitle)


def _join_limited(items: list[str], limit: int = _MAX_HOVER_ITEMS) -> str:
    """Escaped items joined by <br>, the tail summarised so a hover label stays on screen."""
    shown = [escape_html(item) for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return "<br>".join(shown)


# --- network ----------------------------------------------------------------------------------


def strongest_nodes(graph: nx.Graph, max_nodes: int | None = None) -> list[str]:
    """Node ids, strongest first (weighted degree, then mentions, then id), at most max_nodes."""
    nodes = sorted(
        graph.nodes(data=True),
        key=lambda item: (
            -item[1].get("weighted_degree", 0),
            -item[1].get("mentions", 0),
            str(item[0]),
        ),
    )
    ids = [node for node, _ in nodes]
    return ids if max_nodes is None else ids[: max(max_nodes, 0)]


def _canonical(graph: nx.Graph) -> nx.Graph:
    """A copy with sorted nodes and edges: the seeded layout depends on insertion order."""
    canonical = nx.Graph()
    canonical.add_nodes_from(sorted(graph.nodes, key=str))
    edges = sorted(
        (
            (*sorted((u, v), key=str), {"weight": d.get("weight", 1)})
            for u, v, d in graph.edges(data=True)
        ),
        key=lambda e: (str(e[0]), str(e[1])),
    )
    canonical.add_edges_from(edges)
    return canonical


def _spring(component: nx.Graph, scale: float) -> dict:
    if component.number_of_nodes() == 1:
        return {next(iter(component.nodes)): (0.0, 0.0)}
    try:
        return nx.spring_layout(component, seed=7, weight="weight", scale=scale)
    except ImportError:
        # Components of 500+ nodes need scipy for the spring layout; it is not a dependency.
        return nx.circular_layout(component, scale=scale)


def network_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic node positions: each connected component gets a seeded spring layout in its
    own square (side ∝ √nodes), the squares packed in rows, largest first."""
    # One spring layout of a disconnected graph flings the components to the edges and squeezes
    # each into a knot of overlapping labels; laying them out apart keeps every one readable.
    canonical = _canonical(graph)
    components = sorted(
        nx.connected_components(canonical), key=lambda c: (-len(c), min(map(str, c)))
    )
    sides = [math.sqrt(len(c)) for c in components]
    gap = 0.5
    row_width = max([*sides, 1.8 * math.sqrt(sum(s * s for s in sides))], default=0)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component, side in zip(components, sides, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        # A subgraph view iterates a set (order varies per process); a canonical copy does not.
        sub = _canonical(canonical.subgraph(component))
        for node, (px, py) in _spring(sub, scale=side / 2).items():
            positions[node] = (
                round(x + side / 2 + float(px), 4),
                round(y - side / 2 + float(py), 4),
            )
        x += side + gap
        row_height = max(row_height, side)
    return positions


def label_positions(graph: nx.Graph, pos: Mapping[str, tuple[float, float]]) -> dict[str, str]:
    """Where each node's name goes (a plotly textposition): away from the middle of its
    neighbours, so that the names of a dense cluster spread to its sides instead of stacking
    on top of each other."""
    placed = {}
    for node in graph.nodes:
        x, y = pos[node]
        around = [pos[n] for n in graph.neighbors(node)] or list(pos.values())
        cx = sum(p[0] for p in around) / len(around)
        cy = sum(p[1] for p in around) / len(around)
        dx, dy = x - cx, y - cy
        if abs(dx) > 1.5 * abs(dy):
            placed[node] = "middle right" if dx > 0 else "middle left"
        else:
            placed[node] = "top center" if dy >= 0 else "bottom center"
    return placed


# --- names that collide with nothing ------------------------------------------------------------

# A figure's width follows the screen while its height and a name's size in pixels do not, so the
# names are placed for plots from a 390 px phone's to a 1400 px window's beside the sidebar, of a
# height from 360 to 440 px (the legend below takes more of a phone's), and each drawn name must
# be clear in every one of these drawings (plot width, height in px): two names clear of each
# other at both ends of a range may still meet between them when they pass from side by side to
# one above the other, hence the middle width too.
DRAWINGS = tuple((width, height) for width in (330, 600, 900) for height in (360, 440))
_MARGIN = 24  # px around the outermost nodes in the narrowest drawing: room for their circles
_CHAR_WIDTH = 0.55  # a name's estimated width per character, in font sizes (a sans-serif)
_LINE_HEIGHT = 1.2  # in font sizes
_LABEL_AREA = 2400  # px² of the narrowest drawing per drawn name: at most its area / this names
# The strongest nodes are named even where the name covers other circles (drawn over them, with
# a halo), never other names: in a hairball every side of a hub touches some circle.
_OVER_CIRCLES = 8
_SIDES = {  # plotly textposition: the side of the node, horizontal and vertical (y up)
    "top center": (0, 1), "bottom center": (0, -1), "middle right": (1, 0),
    "middle left": (-1, 0), "top right": (1, 1), "top left": (-1, 1),
    "bottom right": (1, -1), "bottom left": (-1, -1),
}  # fmt: skip


# Above this many mentions for the largest node drawn, every count is scaled down so that the
# largest circle stays 10 + 4 * sqrt(SIZE_LIMIT) = 42 px: at 10,000 articles a person has tens
# of thousands of mentions, and circles hundreds of px across covered the whole plot.
SIZE_LIMIT = 64


def node_size(mentions: float, most: float = 0) -> float:
    """A node's diameter in px: it grows with the square root of its mentions. `most`, the
    largest count among the nodes drawn: above SIZE_LIMIT every count is scaled by
    SIZE_LIMIT / most, so circles keep their proportions and the largest stays 42 px."""
    scale = SIZE_LIMIT / most if most > SIZE_LIMIT else 1.0
    return round(10 + 4 * math.sqrt(max(mentions, 0) * scale), 2)


def most_mentions(graph: nx.Graph) -> int:
    """The largest mention count among a graph's nodes (0 for none): node_size's `most`."""
    return max((int(d.get("mentions", 0)) for _, d in graph.nodes(data=True)), default=0)


def plot_ranges(
    points: Iterable[tuple[float, float]],
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y axis ranges around the points: _MARGIN px on each side in the narrowest
    drawing (more in a wider one)."""
    xs, ys = zip(*points, strict=True)
    (width, height), ranges = DRAWINGS[0], []
    for low, high, size in ((min(xs), max(xs), width), (min(ys), max(ys), height)):
        span = (high - low) or 1.0
        pad = span * _MARGIN / (size - 2 * _MARGIN)
        ranges.append((low - pad, high + pad))
    return ranges[0], ranges[1]


def label_box(
    x: float, y: float, diameter: float, name: str, position: str, font_size: float = _FONT_SIZE
) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top, in px, y up) that plotly gives `name` at `position`
    beside a marker of `diameter` px centred at (x, y); its width estimated from its length."""
    h, v = _SIDES[position]
    offset = diameter / 2 / 0.8 + 1  # plotly's distance from a marker's centre to its text
    width = _CHAR_WIDTH * font_size * len(name) + 2
    height = _LINE_HEIGHT * font_size
    left = x - width / 2 if h == 0 else x + offset if h > 0 else x - offset - width
    bottom = y - height / 2 if v == 0 else y + offset if v > 0 else y - offset - height
    return (left, bottom, left + width, bottom + height)


def _clear(box: tuple[float, ...], others: np.ndarray) -> bool:
    """Whether box overlaps none of others (an n×4 array of boxes)."""
    left, bottom, right, top = box
    return not bool(
        np.any(
            (others[:, 0] < right)
            & (others[:, 2] > left)
            & (others[:, 1] < top)
            & (others[:, 3] > bottom)
        )
    )


def place_labels(
    graph: nx.Graph,
    pos: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, float],
    names: Mapping[str, str],
    ranges: tuple[tuple[float, float], tuple[float, float]],
) -> dict[str, str]:
    """The nodes whose names are drawn, each with its plotly textposition. The strongest come
    first, at most as many as the narrowest drawing has room for; each takes the first side
    (away from its neighbours first, see label_positions) where its name stays in the plot and
    overlaps no name placed before and no other node's circle, in every drawing of DRAWINGS.
    One of the _OVER_CIRCLES strongest with no such side may cover circles (never a name); any
    other is named on hover only. The strongest is always named. `sizes` are marker diameters in
    px, `ranges` the axes' (plot_ranges)."""
    order = strongest_nodes(graph)
    if not order:
        return {}
    preferred = label_positions(graph, pos)
    (x0, x1), (y0, y1) = ranges
    most = max(1, DRAWINGS[0][0] * DRAWINGS[0][1] // _LABEL_AREA)
    drawings = []  # per drawing: its size, the nodes in px, the boxes of the circles and names
    for width, height in DRAWINGS:
        sx, sy = width / (x1 - x0), height / (y1 - y0)
        px = {n: ((pos[n][0] - x0) * sx, (pos[n][1] - y0) * sy) for n in order}
        radii = np.array([[sizes[n] / 2] for n in order])
        centres = np.array([px[n] for n in order])
        drawings.append(_Drawing(width, height, px, np.hstack([centres - radii, centres + radii])))
    placed: dict[str, str] = {}
    # A few tries per name drawn keeps this linear in the nodes, whatever their number.
    for rank, node in enumerate(order[: 4 * most]):
        if len(placed) >= most:
            break
        sides = [preferred[node], *(side for side in _SIDES if side != preferred[node])]
        tries = [(side, True) for side in sides]
        if rank < _OVER_CIRCLES:
            tries += [(side, False) for side in sides]
        for side, avoid_circles in tries:
            boxes = [d.box(node, sizes[node], names[node], side) for d in drawings]
            if all(
                d.free(box, rank if avoid_circles else None)
                for d, box in zip(drawings, boxes, strict=True)
            ):
                break
        else:
            if placed:
                continue
            side = preferred[node]  # the strongest is named whatever it covers
            boxes = [d.box(node, sizes[node], names[node], side) for d in drawings]
        placed[node] = side
        for d, box in zip(drawings, boxes, strict=True):
            d.names.append(box)
    return placed


class _Drawing:
    """One drawing of the plot for place_labels: its size, the nodes in px, the boxes of their
    circles and of the names placed so far."""

    def __init__(self, width: float, height: float, px: dict, circles: np.ndarray) -> None:
        self.width, self.height, self.px, self.circles = width, height, px, circles
        self.names: list[tuple[float, float, float, float]] = []

    def box(self, node: str, size: float, name: str, side: str) -> tuple[float, ...]:
        return label_box(*self.px[node], size, name, side)

    def free(self, box: tuple[float, ...], own: int | None) -> bool:
        """Whether box is in the plot, clear of every name placed, and unless own is None, of
        every circle but the node's own (row own)."""
        left, bottom, right, top = box
        if left < 0 or bottom < 0 or right > self.width or top > self.height:
            return False
        if self.names and not _clear(box, np.array(self.names)):
            return False
        return own is None or _clear(box, np.delete(self.circles, own, axis=0))


def size_and_width_lines(graph: nx.Graph) -> list[str]:
    """In words, what the smallest and largest circle and the thinnest and thickest line of the
    graph stand for: its fewest and most mentions, its lightest and heaviest link. Short lines:
    a phone's plot is about 340 px wide. Plain text (the data's window name)."""
    unit = str(graph.graph.get("window") or "unit")

    def span(marks: str, values: list[int], what: str, small: str, large: str) -> str:
        low, high = min(values), max(values)
        if low == high:
            return f"{marks}: {low} {what if low == 1 else what + 's'} each"
        return f"{marks}: {low} to {high} {what}s ({small} to {large})"

    mentions = [int(d.get("mentions", 0)) for _, d in graph.nodes(data=True)]
    lines = [span("Circle size", mentions, "mention", "small", "large")] if mentions else []
    weights = [int(w) for _, _, w in graph.edges(data="weight", default=1)]
    if weights:
        lines.append(span("Line width", weights, f"shared {unit}", "thin", "thick"))
    return lines


def size_and_width_key(graph: nx.Graph) -> str:
    """size_and_width_lines as plotly text: escaped, one line each."""
    return "<br>".join(escape_html(line) for line in size_and_width_lines(graph))


def node_color(country: str, base: str = "light") -> str:
    """A node's colour: its country's, in the shade that reads on the theme's base."""
    return shade(country_color(country), base)


def _country_legend(
    fig: go.Figure, graph: nx.Graph, country_names: Mapping[str, str] | None, base: str = "light"
) -> None:
    """Legend-only traces, one per country of the graph's nodes: the node trace itself mixes
    countries in one trace so that a selection returns every picked node from a single curve."""
    countries = country_order(str(graph.nodes[n].get("country") or "") for n in graph.nodes)
    for country in countries:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=escape_html((country_names or {}).get(country, country) or "Unknown"),
                marker={"size": 12, "color": node_color(country, base)},
                hoverinfo="skip",
            )
        )


def _fit_axes(
    fig: go.Figure,
    points: list[tuple[float, float]],
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> None:
    """Hidden axes around the layout (`ranges`, or padded so that the names at the edges are
    not cut); the country legend."""
    if ranges is None:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        pad_x = 0.35 * (max(xs) - min(xs) or 1.0)  # room for a name placed left or right
        pad_y = 0.08 * (max(ys) - min(ys) or 1.0)
        ranges = (min(xs) - pad_x, max(xs) + pad_x), (min(ys) - pad_y, max(ys) + pad_y)
    fig.update_xaxes(visible=False, range=list(ranges[0]))
    fig.update_yaxes(visible=False, range=list(ranges[1]))
    # Below the graph, across: beside it, a legend takes half of a phone's width.
    fig.update_layout(
        legend={"title": {"text": "Country"}, "orientation": "h", "y": -0.02, "yanchor": "top"},
        hovermode="closest",
    )


def _edge_bucket(weight: float) -> int:
    # Weights double per bucket, so a handful of traces cover any range of weights.
    return min(int(math.log2(max(weight, 1))), 7)


def _node_hover(data: dict) -> str:
    lines = [f"<b>{escape_html(str(data.get('name', '')))}</b>"]
    if data.get("role"):
        lines.append(escape_html(str(data["role"])))
    lines += [
        f"Country: {escape_html(str(data.get('country') or 'unknown'))}",
        f"Mentions: {data.get('mentions', 0)} in {data.get('articles', 0)} articles",
        f"Connections: {data.get('degree', 0)} (weight {data.get('weighted_degree', 0)})",
    ]
    return "<br>".join(lines)


def network_figure(
    graph: nx.Graph,
    max_nodes: int | None = None,
    country_names: Mapping[str, str] | None = None,
    arrows: Iterable[tuple[str, str]] = (),
    base: str = "light",
) -> go.Figure:
    """The co-occurrence network: nodes sized by mentions and coloured by country (legend:
    names), the strongest named where their names collide with nothing (place_labels) and every
    name in the hover, a key above the plot to what circle size and line width stand for, the
    last trace ("nodes") carrying entity ids as customdata for selections, the "edge details"
    midpoints carrying [source, target]. Each (sender, recipient) of `arrows` whose edge is
    drawn gets an arrowhead pointing at the recipient."""
    title = "Co-occurrence network"
    keep = strongest_nodes(graph, max_nodes)
    if not keep:
        return empty_figure("No people match the filters", title)
    sub = graph.subgraph(keep)
    pos = network_layout(sub)
    names = {node: str(sub.nodes[node].get("name") or node) for node in sub.nodes}
    unit_name = str(graph.graph.get("window") or "unit")
    fig = go.Figure()

    edges = sorted(
        ((*sorted((u, v), key=str), d) for u, v, d in sub.edges(data=True)),
        key=lambda e: (str(e[0]), str(e[1])),
    )
    buckets: dict[int, list[float | None]] = {}
    mid_x, mid_y, mid_hover, mid_pair = [], [], [], []
    for u, v, data in edges:
        weight = data.get("weight", 1)
        (x0, y0), (x1, y1) = pos[u], pos[v]
        coords = buckets.setdefault(_edge_bucket(weight), [])
        coords.extend([x0, y0, x1, y1])
        mid_x.append(round((x0 + x1) / 2, 4))
        mid_y.append(round((y0 + y1) / 2, 4))
        units = [unit for unit in str(data.get("units", "")).split("|") if unit]
        mid_pair.append([u, v])
        mid_hover.append(
            f"<b>{escape_html(names[u])}</b> – <b>{escape_html(names[v])}</b><br>"
            f"Shared {escape_html(unit_name)}s: {weight}"
            + (f"<br>{_join_limited(units)}" if units else "")
            + "<br><i>Click for the evidence</i>"
        )
    for bucket in sorted(buckets):
        flat = buckets[bucket]
        xs: list[float | None] = []
        ys: list[float | None] = []
        for i in range(0, len(flat), 4):
            xs += [flat[i], flat[i + 2], None]
            ys += [flat[i + 1], flat[i + 3], None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                name=f"edges (weight ≥ {2**bucket})",
                line={"width": 1 + 1.3 * bucket, "color": EDGE_COLOR},
            )
        )
    if mid_x:
        # Lines have no hover or click of their own in plotly; a small marker at the middle of
        # each edge carries its label and its pair, so clicking it opens the evidence.
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                name="edge details",
                showlegend=False,
                customdata=mid_pair,
                marker={"size": 7, "symbol": "diamond", "color": EDGE_COLOR, "opacity": 0.7},
                hovertext=mid_hover,
                hoverinfo="text",
            )
        )
    most = most_mentions(sub)  # one scale for the circles and the arrows' set-back
    sizes = {n: node_size(sub.nodes[n].get("mentions", 0), most) for n in sub.nodes}
    drawn = {(u, v) for u, v, _ in edges}
    for sender, recipient in sorted(arrows):
        if tuple(sorted((sender, recipient), key=str)) not in drawn:
            continue
        (x0, y0), (x1, y1) = pos[sender], pos[recipient]
        radius = sizes[recipient] / 2
        fig.add_annotation(
            x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=2, arrowsize=1.6, arrowwidth=2, arrowcolor=EDGE_COLOR,
            standoff=radius + 2, text="", hovertext="sender → recipient",
        )  # fmt: skip

    nodes = sorted(sub.nodes, key=str)
    _country_legend(fig, sub, country_names, base)
    ranges = plot_ranges([pos[n] for n in nodes])
    placed = place_labels(sub, pos, sizes, names, ranges)
    fig.add_trace(
        go.Scatter(
            x=[pos[n][0] for n in nodes],
            y=[pos[n][1] for n in nodes],
            mode="markers+text",
            name="nodes",
            showlegend=False,
            customdata=list(nodes),
            text=[escape_html(names[n]) if n in placed else "" for n in nodes],
            textposition=[placed.get(n, "top center") for n in nodes],
            textfont={"size": _FONT_SIZE, "shadow": "auto"},  # a halo: legible over lines
            hovertext=[_node_hover(dict(sub.nodes[n], name=names[n])) for n in nodes],
            hoverinfo="text",
            marker={
                "size": [sizes[n] for n in nodes],
                "sizemode": "diameter",
                "color": [node_color(str(sub.nodes[n].get("country") or ""), base) for n in nodes],
                "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
            },
        )
    )
    _fit_axes(fig, [pos[n] for n in nodes], ranges)
    key = size_and_width_key(sub)
    fig.add_annotation(
        text=key, x=0, y=1, xref="paper", yref="paper", xanchor="left", yanchor="bottom",
        yshift=4, align="left", showarrow=False, font={"size": 12}, name="size and width",
    )  # fmt: skip
    subtitle = (
        f"Strongest {len(keep)} of {graph.number_of_nodes()} people shown"
        if len(keep) < graph.number_of_nodes()
        else ""
    )
    return _layout(fig, title, 600, subtitle, key.count("<br>") + 1)


# --- the network over time --------------------------------------------------------------------

_TIME_BUCKETS = 4  # edge widths in a time frame: weight 1, 2-3, 4-7, 8 and more
_ABSENT_OPACITY = 0.15  # a node not yet (or no longer) present stays in place, faint


def _time_traces(
    sub: nx.Graph,
    pos: Mapping[str, tuple[float, float]],
    edges: pd.DataFrame,
    strength: Mapping[str, int],
    labels: bool = True,
    base: str = "light",
    positions: Mapping[str, str] | None = None,
    named: Collection[str] | None = None,
    most: float = 0,
) -> list[dict]:
    """The edge traces (one per width) and the node trace of one time position, in the fixed
    layout `pos`; nodes not present are faint and unlabelled, and so are those not in `named`
    when it is given. Plain trace dicts with numpy
    arrays (gaps as NaN): a play has many frames, and plotly's checks of each value would cost
    more than building them."""
    nodes = sorted(sub.nodes, key=str)
    names = {n: str(sub.nodes[n].get("name") or n) for n in nodes}
    positions = positions or label_positions(sub, pos)
    buckets: list[tuple[list, list]] = [([], []) for _ in range(_TIME_BUCKETS)]
    gap = math.nan
    for source, target, weight in edges[["source", "target", "weight"]].itertuples(
        index=False, name=None
    ):
        if sub.has_edge(source, target):  # the edges the static view draws
            xs, ys = buckets[min(_edge_bucket(weight), _TIME_BUCKETS - 1)]
            (x0, y0), (x1, y1) = pos[source], pos[target]
            xs += [x0, x1, gap]
            ys += [y0, y1, gap]
    out = [
        dict(
            type="scatter",
            x=np.array(xs, dtype=float),
            y=np.array(ys, dtype=float),
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            name=f"edges (weight ≥ {2**bucket})",
            line={"width": 1 + 1.3 * bucket, "color": EDGE_COLOR},
        )
        for bucket, (xs, ys) in enumerate(buckets)
    ]
    here = [n in strength for n in nodes]
    pairs = list(zip(nodes, here, strict=True))
    out.append(
        dict(
            type="scatter",
            x=np.array([pos[n][0] for n in nodes], dtype=float),
            y=np.array([pos[n][1] for n in nodes], dtype=float),
            mode="markers+text",
            name="nodes",
            showlegend=False,
            customdata=np.array(nodes, dtype=object),
            text=np.array(
                [
                    escape_html(names[n]) if h and labels and (named is None or n in named) else ""
                    for n, h in pairs
                ],
                dtype=object,
            ),
            textposition=np.array([positions[n] for n in nodes], dtype=object),
            textfont={"size": _FONT_SIZE},
            hovertext=np.array(
                [
                    f"<b>{escape_html(names[n])}</b><br>"
                    + (f"Weight so far: {strength[n]}" if h else "Not yet linked")
                    for n, h in pairs
                ],
                dtype=object,
            ),
            hoverinfo="text",
            marker={
                "size": np.array(
                    [node_size(strength.get(n, 0), most) if h else 8 for n, h in pairs]
                ),
                "opacity": np.array([1.0 if h else _ABSENT_OPACITY for h in here]),
                "color": np.array(
                    [node_color(str(sub.nodes[n].get("country") or ""), base) for n in nodes],
                    dtype=object,
                ),
                "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
            },
        )
    )
    return out


def network_time_figure(
    graph: nx.Graph,
    frames: list[tuple[str, pd.DataFrame, Mapping[str, int]]],
    start: int = 0,
    max_nodes: int | None = None,
    country_names: Mapping[str, str] | None = None,
    title: str = "The network over time",
    base: str = "light",
) -> go.Figure:
    """The network at each time position as plotly animation frames, in one fixed layout of the
    whole selection, so nothing jumps: `frames` are (label, edges with source, target, weight,
    node -> weighted degree so far) as network.snapshot gives them. Nodes not present are drawn
    faint and unlabelled; edge width and node size follow the weight so far; names are placed
    once for all frames (place_labels), so no two collide in any. A slider and a play button
    step through the frames in the browser, with no server rerun."""
    keep = strongest_nodes(graph, max_nodes)
    if not keep or not frames:
        return empty_figure("No dated links in the selection", title)
    sub = graph.subgraph(keep)
    pos = network_layout(sub)
    nodes = sorted(sub.nodes, key=str)
    # Names placed once for every frame, each circle at its largest (the weight at the end).
    largest = {n: max(s.get(n, 0) for _, _, s in frames) for n in nodes}
    most = max(largest.values(), default=0)  # one scale for every frame
    sizes = {n: node_size(largest[n], most) for n in nodes}
    names = {n: str(sub.nodes[n].get("name") or n) for n in nodes}
    ranges = plot_ranges([pos[n] for n in nodes])
    placed = place_labels(sub, pos, sizes, names, ranges)
    positions = {n: placed.get(n, "top center") for n in nodes}
    legend = go.Figure()
    _country_legend(legend, sub, country_names, base)
    first = len(legend.data)
    animated = list(range(first, first + _TIME_BUCKETS + 1))
    start = min(max(start, 0), len(frames) - 1)
    built = [
        {
            "name": label,
            "data": _time_traces(
                sub, pos, e, s, base=base, positions=positions, named=placed, most=most
            ),
            "traces": animated,
        }
        for label, e, s in frames
    ]
    # Built unchecked: every value above is made here, names escaped (see _time_traces).
    fig = go.Figure(
        data=[t.to_plotly_json() for t in legend.data] + built[start]["data"],
        frames=built,
        _validate=False,
    )
    transition = {"duration": 300, "easing": "cubic-in-out"}
    fig.update_layout(
        sliders=[
            {
                "active": start,
                "currentvalue": {"prefix": "As of ", "font": {"size": 14}},
                "pad": {"t": 30},
                "steps": [
                    {
                        "label": label,
                        "method": "animate",
                        "args": [
                            [label],
                            {
                                "mode": "immediate",
                                "frame": {"duration": 0, "redraw": True},
                                "transition": transition,
                            },
                        ],
                    }
                    for label, _, _ in frames
                ],
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0,
                "y": 0,
                "xanchor": "right",
                "yanchor": "top",
                "pad": {"t": 30, "r": 10},
                "buttons": [
                    {
                        "label": "▶ Play",
                        "method": "animate",
                        "args": [
                            None,
                            {
                                "frame": {"duration": 900, "redraw": True},
                                "fromcurrent": True,
                                "transition": transition,
                            },
                        ],
                    },
                    {
                        "label": "❚❚ Pause",
                        "method": "animate",
                        "args": [
                            [None],
                            {"mode": "immediate", "frame": {"duration": 0, "redraw": False}},
                        ],
                    },
                ],
            }
        ],
    )
    _fit_axes(fig, [pos[n] for n in nodes], ranges)
    return _layout(fig, title, 640)


def network_multiples_figure(
    graph: nx.Graph,
    frames: list[tuple[str, pd.DataFrame, Mapping[str, int]]],
    max_nodes: int | None = None,
    country_names: Mapping[str, str] | None = None,
    title: str = "The network at chosen dates",
    base: str = "light",
) -> go.Figure:
    """Small multiples for print and screenshots: the network at each of `frames` (as for
    network_time_figure) side by side, one panel per date, in the same layout."""
    keep = strongest_nodes(graph, max_nodes)
    if not keep or not frames:
        return empty_figure("No dated links in the selection", title)
    sub = graph.subgraph(keep)
    pos = network_layout(sub)
    positions = label_positions(sub, pos)
    fig = make_subplots(
        rows=1,
        cols=len(frames),
        subplot_titles=[escape_html(label) for label, _, _ in frames],
        horizontal_spacing=0.02,
    )
    most = max((v for _, _, s in frames for n, v in s.items() if n in sub), default=0)
    for column, (_, edges, strength) in enumerate(frames, start=1):
        # Names only where there is room for them: a panel is a fraction of the width.
        labels = len(frames) <= 3
        for trace in _time_traces(sub, pos, edges, strength, labels, base, positions, most=most):
            fig.add_trace(trace, row=1, col=column)
    _country_legend(fig, sub, country_names, base)
    points = [pos[n] for n in sub.nodes]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    pad_x, pad_y = 0.1 * (max(xs) - min(xs) or 1.0), 0.1 * (max(ys) - min(ys) or 1.0)
    fig.update_xaxes(visible=False, range=[min(xs) - pad_x, max(xs) + pad_x])
    fig.update_yaxes(visible=False, range=[min(ys) - pad_y, max(ys) + pad_y])
    fig.update_layout(
        legend={"title": {"text": "Country"}, "orientation": "h"}, hovermode="closest"
    )
    return _layout(fig, title, 420)
