"""The colours and date texts shared by every view, and the network figure (plotly).

The Overview's charts are Vega-Lite specs (dashboard.vegalite). The network figure takes a
networkx graph and returns a `go.Figure`. Text that comes from the data is passed through
`escape_html` before it reaches a hover label, a tick label, a trace name or a text label,
because plotly renders a subset of HTML there (and pydeck's tooltips, in dashboard.maps).
No background colours are set, so Streamlit's theme (light or dark) applies.
"""

from __future__ import annotations

import calendar
import html
import math
import zlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import networkx as nx
import plotly.graph_objects as go

# Okabe–Ito: distinguishable under the common colour-vision deficiencies. The three countries at
# the heart of the story get the strongest hues; the rest follow in a fixed order.
COUNTRY_COLORS: dict[str, str] = {
    "MEX": "#009E73",
    "CHN": "#D55E00",
    "USA": "#0072B2",
    "CAN": "#E69F00",
    "JPN": "#56B4E9",
    "PER": "#CC79A7",
    "CHL": "#F0E442",
}
OTHER_COLOR = "#999999"
# Countries not listed above: Paul Tol's "muted" scheme, also colour-blind safe, picked by a
# stable checksum of the id (Python's hash() is salted per process, so it would not be stable).
EXTRA_COLORS: tuple[str, ...] = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499",
)  # fmt: skip

# Fourteen kinds are more than any colour-blind-safe palette separates, so kinds of one family
# share a hue family: meetings blue, visits green, written statements orange/yellow, ceremonies
# purple, crises red. Colours come from Okabe–Ito and Paul Tol's muted scheme.
EVENT_KIND_COLORS: dict[str, str] = {
    "summit": "#332288",
    "bilateral meeting": "#0072B2",
    "working group meeting": "#56B4E9",
    "working meeting": "#88CCEE",
    "delegation visit": "#009E73",
    "site visit": "#117733",
    "letter": "#E69F00",
    "statement": "#DDCC77",
    "social media post": "#999933",
    "announcement": "#F0E442",
    "ceremony": "#AA4499",
    "commemoration": "#CC79A7",
    "disaster": "#D55E00",
    "political crisis": "#882255",
}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_EDGE_COLOR = "rgba(128, 128, 128, 0.45)"
# Beyond this many nodes, labels overlap into an unreadable blot; only the strongest are labelled.
_MAX_NODE_LABELS = 50
_MAX_HOVER_ITEMS = 8


# --- text -------------------------------------------------------------------------------------


def escape_html(text: object) -> str:
    """text with &, <, > and quotes as entities, safe in plotly labels and pydeck tooltips."""
    # Quotes become numeric entities: plotly decodes those but shows "&quot;" literally.
    escaped = html.escape(str(text), quote=False)
    return escaped.replace('"', "&#34;").replace("'", "&#39;")


# --- colours ----------------------------------------------------------------------------------


def _pick(key: str, palette: tuple[str, ...]) -> str:
    return palette[zlib.crc32(key.encode("utf-8")) % len(palette)]


def country_color(country_id: str) -> str:
    """The hex colour of a country (the same id always gets the same colour; "" is grey)."""
    if not country_id:
        return OTHER_COLOR
    return COUNTRY_COLORS.get(country_id) or _pick(country_id, EXTRA_COLORS)


def event_kind_color(kind: str) -> str:
    """The hex colour of an event kind (unknown kinds get a stable extra colour; "" is grey)."""
    if not kind:
        return OTHER_COLOR
    return EVENT_KIND_COLORS.get(kind) or _pick(kind, EXTRA_COLORS)


def hex_to_rgb(color: str) -> list[int]:
    """[r, g, b] of a "#RRGGBB" colour."""
    value = color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)]


def darker(color: str, factor: float = 0.7) -> str:
    """A "#RRGGBB" colour with each channel scaled by factor: an outline that keeps pale
    colours (yellow, sand) visible on white."""
    return "#" + "".join(f"{round(c * factor):02X}" for c in hex_to_rgb(color))


def country_rgb(country_id: str) -> list[int]:
    """[r, g, b] of country_color, the form pydeck expects."""
    return hex_to_rgb(country_color(country_id))


def event_kind_rgba(kind: str, alpha: int = 200) -> list[int]:
    """[r, g, b, a] of event_kind_color, the form pydeck expects."""
    return [*hex_to_rgb(event_kind_color(kind)), alpha]


def _country_order(countries: Iterable[str]) -> list[str]:
    """Countries in palette order, then other ids alphabetically, then "" (unknown)."""
    known = list(COUNTRY_COLORS)
    present = set(countries)
    rest = sorted(present - set(known) - {""})
    return [c for c in known if c in present] + rest + ([""] if "" in present else [])


# --- dates and labels -------------------------------------------------------------------------


def parse_date(value: str) -> date | None:
    """The first day of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" value; None if empty or malformed."""
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except (ValueError, AttributeError):
            continue
    return None


def precision_of(value: str, precision: str) -> str:
    if precision in ("day", "month", "year"):
        return precision
    # No stated precision: a partial date says how precise it is.
    return {4: "year", 7: "month"}.get(len(value.strip()), "day")


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _month(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def format_date_range(start: str, end: str, precision: str, basis: str) -> str:
    """Human text for a date range at its precision: "2–6 Sep 2024", "Nov 2023", "unknown"."""
    first = parse_date(start)
    if first is None:
        return start.strip() or "unknown"
    last = parse_date(end) or first
    last = max(last, first)
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


def period_end(start: str, end: str, precision: str) -> date | None:
    """The last day covered by an event: end (or start), widened to its month or year."""
    first = parse_date(start)
    if first is None:
        return None
    last = max(parse_date(end) or first, first)
    precision = precision_of(start, precision)
    if precision == "month":
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])
    if precision == "year":
        return last.replace(month=12, day=31)
    return last


# --- figure scaffolding -----------------------------------------------------------------------


def _layout(fig: go.Figure, title: str, height: int, subtitle: str = "") -> go.Figure:
    title_spec: dict[str, object] = {"text": title, "x": 0, "xanchor": "left"}
    if subtitle:
        title_spec["subtitle"] = {"text": subtitle}
    fig.update_layout(
        title=title_spec,
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if subtitle else 60, "b": 10},
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
) -> go.Figure:
    """The co-occurrence network: nodes sized by mentions and coloured by country (legend:
    names), the last trace ("nodes") carrying entity ids as customdata for selections."""
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
    mid_x, mid_y, mid_hover = [], [], []
    for u, v, data in edges:
        weight = data.get("weight", 1)
        (x0, y0), (x1, y1) = pos[u], pos[v]
        coords = buckets.setdefault(_edge_bucket(weight), [])
        coords.extend([x0, y0, x1, y1])
        mid_x.append(round((x0 + x1) / 2, 4))
        mid_y.append(round((y0 + y1) / 2, 4))
        units = [unit for unit in str(data.get("units", "")).split("|") if unit]
        mid_hover.append(
            f"<b>{escape_html(names[u])}</b> – <b>{escape_html(names[v])}</b><br>"
            f"Shared {escape_html(unit_name)}s: {weight}"
            + (f"<br>{_join_limited(units)}" if units else "")
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
                line={"width": 1 + 1.3 * bucket, "color": _EDGE_COLOR},
            )
        )
    if mid_x:
        # Lines have no hover of their own in plotly; invisible midpoints carry the edge's label.
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                name="edge details",
                showlegend=False,
                marker={"size": 10, "opacity": 0},
                hovertext=mid_hover,
                hoverinfo="text",
            )
        )

    nodes = sorted(sub.nodes, key=str)
    countries = _country_order(str(sub.nodes[n].get("country") or "") for n in nodes)
    for country in countries:
        # Legend-only traces: the node trace itself mixes countries in one trace so that a
        # selection returns every picked node from a single curve.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=escape_html((country_names or {}).get(country, country) or "Unknown"),
                marker={"size": 12, "color": country_color(country)},
                hoverinfo="skip",
            )
        )
    labelled = set(strongest_nodes(sub, _MAX_NODE_LABELS))
    positions = label_positions(sub, pos)
    fig.add_trace(
        go.Scatter(
            x=[pos[n][0] for n in nodes],
            y=[pos[n][1] for n in nodes],
            mode="markers+text",
            name="nodes",
            showlegend=False,
            customdata=list(nodes),
            text=[escape_html(names[n]) if n in labelled else "" for n in nodes],
            textposition=[positions[n] for n in nodes],
            textfont={"size": 11},
            hovertext=[_node_hover(dict(sub.nodes[n], name=names[n])) for n in nodes],
            hoverinfo="text",
            marker={
                "size": [
                    round(10 + 4 * math.sqrt(max(sub.nodes[n].get("mentions", 0), 0)), 2)
                    for n in nodes
                ],
                "sizemode": "diameter",
                "color": [country_color(str(sub.nodes[n].get("country") or "")) for n in nodes],
                "line": {"width": 1, "color": "rgba(255,255,255,0.8)"},
            },
        )
    )
    # Padding around the layout so that the names at the edges are not cut.
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    pad_x = 0.35 * (max(xs) - min(xs) or 1.0)  # room for a name placed left or right
    pad_y = 0.08 * (max(ys) - min(ys) or 1.0)
    fig.update_xaxes(visible=False, range=[min(xs) - pad_x, max(xs) + pad_x])
    fig.update_yaxes(visible=False, range=[min(ys) - pad_y, max(ys) + pad_y])
    fig.update_layout(legend={"title": {"text": "Country"}}, hovermode="closest")
    subtitle = (
        f"Strongest {len(keep)} of {graph.number_of_nodes()} people shown"
        if len(keep) < graph.number_of_nodes()
        else ""
    )
    return _layout(fig, title, 600, subtitle)
