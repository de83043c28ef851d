"""The co-occurrence network of officials.

Two entities are linked once per unit of the chosen window they share: an `article`, a
`paragraph` or a `sentence` in which both are mentioned, or an `event` in which both take part;
the weight is the number of shared units.

Each unit has a date, so the network can be read over time: an event's interval for the event
window, and the publication date of the article (at its precision) for the article, paragraph
and sentence windows (`dates.interval` gives both). An edge's `first_date` and `last_date` are
the first day of its earliest unit and the last day of its latest; undated units leave them
empty. The edges come from the sparse entity-by-unit
incidence (one row per entity and unit) joined with itself on the unit, never from a loop over
all pairs of entities.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.dataset import Dataset
from dashboard.dates import interval

if TYPE_CHECKING:
    import networkx as nx

WINDOWS: tuple[str, ...] = ("article", "paragraph", "sentence", "event")
EDGE_COLUMNS = ["source", "target", "weight", "window", "units", "first_date", "last_date"]
UNIT_COLUMNS = ["source", "target", "unit", "first_date", "last_date"]
TIME_MODES: tuple[str, ...] = ("cumulative", "window")
_DAY = timedelta(days=1)
NODE_COLUMNS = [
    "entity_id", "name", "type", "country", "role", "mentions", "articles",
    "degree", "weighted_degree", "betweenness", "community",
]  # fmt: skip
UNIT_SEPARATOR = "|"


def _incidence_rows(dataset: Dataset, window: str, include_organizations: bool) -> pd.DataFrame:
    """Entity-unit rows with the id that dates the unit: columns entity_id, unit, dated_by."""
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; choose one of {', '.join(WINDOWS)}")
    kinds = {"person", "organization"} if include_organizations else {"person"}
    if window == "event":
        parts = dataset.participants
        parts = parts[parts["entity_type"].isin(kinds)]
        events = parts["event_id"]
        return pd.DataFrame({"entity_id": parts["entity_id"], "unit": events, "dated_by": events})
    m = dataset.mentions
    m = m[m["entity_type"].isin(kinds)]
    article = m["article_id"].astype(str)
    unit = article
    if window == "paragraph":
        unit = article + "#p" + m["paragraph"].astype(str)
    elif window == "sentence":
        unit = article + "#s" + m["sentence"].astype(str)
    return pd.DataFrame({"entity_id": m["entity_id"], "unit": unit, "dated_by": article})


def incidence(dataset: Dataset, window: str, include_organizations: bool = False) -> pd.DataFrame:
    """Which entity occurs in which unit: columns entity_id, unit (unique pairs)."""
    pairs = _incidence_rows(dataset, window, include_organizations)[["entity_id", "unit"]]
    return pairs.drop_duplicates().sort_values(["unit", "entity_id"]).reset_index(drop=True)


def unit_spans(dataset: Dataset, window: str) -> dict[str, tuple[str, str]]:
    """What dates the units of a window: event id (event window) or article id (the others) ->
    (first_day, last_day) as ISO text, for every event or article of the dataset, whether or
    not it names anyone; the undated ones are left out."""
    if window == "event":
        frame = dataset.events
        rows = zip(
            frame["event_id"], frame["start_date"], frame["end_date"], frame["date_precision"],
            strict=True,
        )  # fmt: skip
    else:
        frame = dataset.articles
        rows = zip(
            frame["article_id"], frame["published"], [""] * len(frame), frame["date_precision"],
            strict=True,
        )  # fmt: skip
    spans = {}
    for key, start, end, precision in rows:
        span = interval(str(start), str(end), str(precision))
        if span is not None:
            spans[key] = (span[0].isoformat(), span[1].isoformat())
    return spans


def entity_units(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> pd.DataFrame:
    """Which entity occurs in which unit, with the unit's dates: columns entity_id, unit,
    first_date, last_date (ISO, "" when the unit is undated); unique pairs, sorted."""
    rows = _incidence_rows(dataset, window, include_organizations).drop_duplicates(
        ["entity_id", "unit"]
    )
    spans = unit_spans(dataset, window)
    dated = [spans.get(key, ("", "")) for key in rows["dated_by"]]
    rows = rows.assign(first_date=[s[0] for s in dated], last_date=[s[1] for s in dated])
    columns = ["entity_id", "unit", "first_date", "last_date"]
    return rows[columns].sort_values(["unit", "entity_id"]).reset_index(drop=True)


def merged_spells(spans: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Dated (first_day, last_day) ISO intervals merged where they overlap or touch; undated
    ones ("") left out. The spells of a dynamic GEXF."""
    merged: list[tuple[str, str]] = []
    for first, last in sorted(s for s in spans if s[0]):
        if merged and date.fromisoformat(first) <= date.fromisoformat(merged[-1][1]) + _DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def with_spells(graph: nx.Graph, entities: pd.DataFrame, units: pd.DataFrame) -> nx.Graph:
    """A copy of the graph whose nodes and edges carry `spells` (see merged_spells): when each
    entity occurs (rows of entity_units) and when each pair shares a unit (edge_units)."""
    dynamic = graph.copy()
    for entity_id, group in entities.groupby("entity_id"):
        if entity_id in dynamic:
            spells = merged_spells(zip(group["first_date"], group["last_date"], strict=True))
            if spells:
                dynamic.nodes[entity_id]["spells"] = spells
    for (source, target), group in units.groupby(["source", "target"]):
        if dynamic.has_edge(source, target):
            spells = merged_spells(zip(group["first_date"], group["last_date"], strict=True))
            if spells:
                dynamic.edges[source, target]["spells"] = spells
    return dynamic


def edges_from_units(units: pd.DataFrame, window: str) -> pd.DataFrame:
    """Edges (EDGE_COLUMNS) from the rows of `edge_units`: weight = number of units, units in
    order, first_date = earliest first day, last_date = latest last day ("" if none dated)."""
    if units.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"weight": "int64"})
    dated = units.assign(
        first_date=units["first_date"].replace("", None),
        last_date=units["last_date"].replace("", None),
    )
    edges = (
        dated.sort_values("unit", kind="stable")
        .groupby(["source", "target"], sort=True)
        .agg(
            weight=("unit", "size"),
            units=("unit", UNIT_SEPARATOR.join),
            first_date=("first_date", "min"),
            last_date=("last_date", "max"),
        )
        .reset_index()
    )
    edges["window"] = window
    edges["weight"] = edges["weight"].astype("int64")
    edges[["first_date", "last_date"]] = edges[["first_date", "last_date"]].fillna("")
    return edges[EDGE_COLUMNS]


def _coded_incidence(
    dataset: Dataset, window: str, include_organizations: bool
) -> tuple[np.ndarray, pa.Array, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The incidence as integer codes: (entity ids, unit ids, the ids that date units (articles
    or events), which of them dates each unit, then the entity code and unit code of each
    unique pair, sorted by unit then entity). Ids are sorted, so a code's order is its id's
    order; a unit's id is spelled out once (in Arrow), not once per mention."""
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; choose one of {', '.join(WINDOWS)}")
    kinds = ["person", "organization"] if include_organizations else ["person"]
    table = dataset.participants if window == "event" else dataset.mentions
    kept = table["entity_type"].isin(kinds).to_numpy()
    entity_codes, entity_ids = pd.factorize(table["entity_id"], sort=True)
    if window == "event":
        unit_codes, units = pd.factorize(table["event_id"], sort=True)
        dating_ids = np.asarray(units, dtype=object)
        unit_ids = pa.array(dating_ids, type=pa.large_string())
        dating = np.arange(len(dating_ids))
    else:
        article_codes, articles = pd.factorize(table["article_id"], sort=True)
        owners = np.asarray(articles, dtype=object)
        key = article_codes.astype(np.int64)
        width = 1
        if window != "article":
            place = table[window].to_numpy(dtype=np.int64)
            width = int(place.max()) + 1 if len(place) else 1
            key = key * width + place
        inverse, keys = pd.factorize(key[kept])
        spelled = pc.take(pa.array(owners, type=pa.large_string()), pa.array(keys // width))
        if window != "article":  # "<article>#p<n>", spelled by Arrow
            number = pc.cast(pa.array(keys % width), pa.large_string())
            mark = pa.scalar("#p" if window == "paragraph" else "#s", pa.large_string())
            spelled = pc.binary_join_element_wise(spelled, number, mark)
        order = pc.sort_indices(spelled).to_numpy()  # unit codes in the ids' order
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        unit_codes = np.zeros(len(kept), dtype=np.int64)
        unit_codes[kept] = rank[inverse]
        unit_ids = pc.take(spelled, pa.array(order))
        dating_ids, dating = owners, (keys // width)[order]
    width = max(len(entity_ids), 1)
    pairs = pd.unique(unit_codes[kept].astype(np.int64) * width + entity_codes[kept])
    pairs.sort()
    entities = np.asarray(entity_ids, dtype=object)
    return entities, unit_ids, dating_ids, dating, pairs % width, pairs // width


def _pairs_within_units(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows sorted by unit: (first row, second row) of every two rows of the same unit,
    the first before the second, in row order of the first then the second."""
    count = len(units)
    ends = np.searchsorted(units, units, side="right")
    after = ends - np.arange(count) - 1  # rows of the same unit after each row
    first = np.repeat(np.arange(count), after)
    starts = np.repeat(np.cumsum(after) - after, after)
    second = first + 1 + (np.arange(len(first)) - starts)
    return first, second


@dataclass(frozen=True)
class _SharedUnits:
    """Every (edge, shared unit) as codes: `edge` (source code * width + target code) sorted,
    and within an edge its units in id order; ids, and each unit's dates (ISO, "" undated),
    by code."""

    entity_ids: np.ndarray
    unit_ids: pa.Array
    days: np.ndarray  # every first and last day, sorted, then "" (undated)
    first: np.ndarray  # by unit: its first day's place in days (len(days) - 1: undated)
    last: np.ndarray  # by unit: its last day's place in days (-1, the "" at the end: undated)
    edge: np.ndarray
    unit: np.ndarray

    def ids(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(source ids, target ids) of edge codes."""
        width = len(self.entity_ids)
        return self.entity_ids[codes // width], self.entity_ids[codes % width]


def _shared_units(dataset: Dataset, window: str, include_organizations: bool) -> _SharedUnits:
    entity_ids, unit_ids, dating_ids, dating, entity, unit = _coded_incidence(
        dataset, window, include_organizations
    )
    first, second = _pairs_within_units(unit)
    width = max(len(entity_ids), 1)
    edge = entity[first].astype(np.int64) * width + entity[second]
    # Stable, so that units stay in their (id) order; a 16-bit key sorts by radix in linear time.
    small = np.uint16 if width * width <= 2**16 else np.int64
    order = np.argsort(edge.astype(small), kind="stable")
    # Each article's (or event's) dates as places among the sorted days, once per article.
    spans = unit_spans(dataset, window)
    dated = [spans.get(k) for k in dating_ids]
    days = sorted({day for span in dated if span for day in span})
    place = {day: i for i, day in enumerate(days)}
    undated = len(days)  # the "" after the days: above every day, so a minimum skips it
    first_day = np.array([place[s[0]] if s else undated for s in dated] + [undated], np.int64)
    last_day = np.array([place[s[1]] if s else -1 for s in dated] + [-1], np.int64)
    return _SharedUnits(
        entity_ids=entity_ids,
        unit_ids=unit_ids,
        days=np.array([*days, ""], dtype=object),
        first=first_day[dating],
        last=last_day[dating],
        edge=edge[order],
        unit=unit[first][order],
    )


def edge_units(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> pd.DataFrame:
    """One row per edge and shared unit, with the unit's dates: columns source, target (source
    < target), unit, first_date, last_date (ISO, "" when the unit is undated); sorted."""
    shared = _shared_units(dataset, window, include_organizations)
    width = max(len(shared.entity_ids), 1)
    frame = pd.DataFrame(
        {
            "source": _texts(shared.entity_ids, shared.edge // width),
            "target": _texts(shared.entity_ids, shared.edge % width),
            "unit": pd.array(pc.take(shared.unit_ids, pa.array(shared.unit)), dtype="str"),
            "first_date": _texts(shared.days, shared.first[shared.unit]),
            "last_date": _texts(shared.days, shared.last[shared.unit] % len(shared.days)),
        }
    )
    return frame[UNIT_COLUMNS]


def _texts(ids: np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """ids[codes] as a text column, taken by Arrow (no Python string per row)."""
    return pd.array(pc.take(pa.array(ids, type=pa.large_string()), pa.array(codes)), dtype="str")


def cooccurrence_edges(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> pd.DataFrame:
    """Edges: columns source, target (source < target), weight, window, units (ids joined by
    |, in id order), first_date, last_date (ISO, see the module's docstring); the table
    edges_from_units(edge_units(...)) gives, computed on integer codes: at 10,000 articles a
    person's article window has close to a million shared units, too many to handle as text."""
    shared = _shared_units(dataset, window, include_organizations)
    edge, unit = shared.edge, shared.unit
    if len(edge) == 0:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"weight": "int64"})
    starts = np.flatnonzero(np.r_[True, edge[1:] != edge[:-1]])
    weight = np.diff(np.r_[starts, len(edge)])
    # The earliest first day and the latest last day of each edge's units (an undated unit's
    # places lose to any dated one; an edge with none dated takes the "" after the days).
    first_date = shared.days[np.minimum.reduceat(shared.first[unit], starts)]
    last_date = shared.days[np.maximum.reduceat(shared.last[unit], starts)]
    # Each edge's units joined in one pass (Arrow), not a Python join per edge.
    lists = pa.ListArray.from_arrays(
        pa.array(np.r_[starts, len(edge)], type=pa.int64()),
        pc.take(shared.unit_ids, pa.array(unit)),
    )
    source, target = shared.ids(edge[starts])
    frame = pd.DataFrame(
        {
            "source": source,
            "target": target,
            "weight": weight.astype("int64"),
            "window": window,
            "units": pd.array(
                pc.binary_join(lists, pa.scalar(UNIT_SEPARATOR, pa.large_string())), dtype="str"
            ),
            "first_date": first_date,
            "last_date": last_date,
        }
    )
    return frame[EDGE_COLUMNS]


def neighbours(edges: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """The entities linked to one entity in a table of edges (EDGE_COLUMNS): columns entity_id
    and weight, in the edges' order."""
    mine = edges[(edges["source"] == entity_id) | (edges["target"] == entity_id)]
    other = mine["target"].where(mine["source"] == entity_id, mine["source"])
    return pd.DataFrame({"entity_id": other, "weight": mine["weight"]}).reset_index(drop=True)


def units_in_time(
    units: pd.DataFrame, until: str, since: str = "", mode: str = "cumulative"
) -> pd.DataFrame:
    """The rows of `edge_units` present at a time position: in `cumulative` mode the units whose
    first day is on or before `until`; in `window` mode those whose interval meets
    [`since`, `until`]. Undated units are never present. Dates are ISO text."""
    if mode not in TIME_MODES:
        raise ValueError(f"unknown time mode {mode!r}; choose one of {', '.join(TIME_MODES)}")
    dated = units["first_date"] != ""
    keep = dated & (units["first_date"] <= until)
    if mode == "window" and since:
        keep &= units["last_date"] >= since
    return units[keep]


def _entities(dataset: Dataset, include_organizations: bool) -> pd.DataFrame:
    people = dataset.people.assign(type="person").rename(columns={"person_id": "entity_id"})
    frames = [people[["entity_id", "name", "type", "country", "role"]]]
    if include_organizations:
        orgs = dataset.organizations.assign(type="organization", role="")
        frames.append(orgs.rename(columns={"org_id": "entity_id"})[frames[0].columns])
    return pd.concat(frames, ignore_index=True)


def build_cooccurrence_graph(
    dataset: Dataset,
    window: str = "article",
    include_organizations: bool = False,
    edges: pd.DataFrame | None = None,
) -> nx.Graph:
    """The weighted graph: a node for every entity that occurs in a unit of the window, with
    name, type, country, role, mentions, articles, degree, weighted_degree, betweenness and
    community (Louvain, fixed seed) as node attributes. `edges`, when the caller has them
    already, must be cooccurrence_edges(dataset, window, include_organizations)."""
    import networkx as nx  # imported when a graph is built: the first screen needs none

    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; choose one of {', '.join(WINDOWS)}")
    kinds = ["person", "organization"] if include_organizations else ["person"]
    table = dataset.participants if window == "event" else dataset.mentions
    occurring = set(table.loc[table["entity_type"].isin(kinds), "entity_id"].unique())
    if edges is None:
        edges = cooccurrence_edges(dataset, window, include_organizations)
    entities = _entities(dataset, include_organizations).set_index("entity_id")
    counts = dataset.mentions.groupby("entity_id").agg(
        mentions=("start", "size"), articles=("article_id", "nunique")
    )
    graph = nx.Graph(window=window)
    for entity_id in sorted(occurring & set(entities.index)):
        row = entities.loc[entity_id]
        graph.add_node(
            entity_id,
            name=row["name"],
            type=row["type"],
            country=row["country"],
            role=row["role"],
            mentions=int(counts["mentions"].get(entity_id, 0)),
            articles=int(counts["articles"].get(entity_id, 0)),
        )
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.source,
            row.target,
            weight=int(row.weight),
            units=row.units,
            first_date=row.first_date,
            last_date=row.last_date,
        )
    _add_centrality(graph)
    return graph


def ego_graph(graph: nx.Graph, people: Iterable[str]) -> nx.Graph:
    """Only the links that touch one of `people` (an ego network), with the node metrics
    (degree, weighted degree, betweenness, community) computed on what is left."""
    chosen = set(people)
    ego = graph.edge_subgraph((a, b) for a, b in graph.edges if a in chosen or b in chosen).copy()
    ego.graph.update(graph.graph)
    _add_centrality(ego)
    return ego


def _add_centrality(graph: nx.Graph) -> None:
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return
    # Betweenness treats weights as distances: a strong tie is a short one.
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    betweenness = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    for _, _, data in graph.edges(data=True):
        del data["distance"]
    communities = nx.community.louvain_communities(graph, weight="weight", seed=0)
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {node: i for i, members in enumerate(ordered) for node in members}
    for node, data in graph.nodes(data=True):
        data["degree"] = graph.degree(node)
        data["weighted_degree"] = int(graph.degree(node, weight="weight"))
        data["betweenness"] = round(float(betweenness[node]), 6)
        data["community"] = community[node]


def node_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per node: NODE_COLUMNS, strongest (weighted degree, then mentions) first."""
    rows = [{"entity_id": node, **data} for node, data in graph.nodes(data=True)]
    frame = pd.DataFrame(rows, columns=NODE_COLUMNS)
    return frame.sort_values(
        ["weighted_degree", "mentions", "entity_id"], ascending=[False, False, True]
    ).reset_index(drop=True)


def graphml_bytes(graph: nx.Graph) -> bytes:
    """The graph as GraphML (UTF-8)."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    """The graph as GEXF, which opens in Gephi (labels are the names); a graph from with_spells
    is written as a dynamic GEXF (mode="dynamic", timeformat="date") for Gephi's timeline."""
    import networkx as nx

    labelled = graph.copy()
    for _, data in labelled.nodes(data=True):
        data["label"] = data.get("name", "")
    buffer = io.BytesIO()
    nx.write_gexf(labelled, buffer, encoding="utf-8")
    return buffer.getvalue()


def snapshot(
    units: pd.DataFrame,
    entities: pd.DataFrame,
    until: str,
    since: str = "",
    mode: str = "cumulative",
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The network at a time position (see units_in_time): the edges present, columns source,
    target, weight (units present so far or in the window), and every entity present with its
    weighted degree at that time (0 when it is present without a partner yet)."""
    return snapshots(units, entities, [(since, until)], mode)[0]


def _present(frame: pd.DataFrame, since: str, until: str, mode: str) -> np.ndarray:
    """The rows of a dated frame present at a time position, as a mask (see units_in_time)."""
    first = frame["first_date"].to_numpy(dtype=object)
    keep = (first != "") & (first <= until)
    if mode == "window" and since:
        keep &= frame["last_date"].to_numpy(dtype=object) >= since
    return keep


def snapshots(
    units: pd.DataFrame,
    entities: pd.DataFrame,
    positions: list[tuple[str, str]],
    mode: str = "cumulative",
) -> list[tuple[pd.DataFrame, dict[str, int]]]:
    """`snapshot` at each (since, until) position, with the pairs coded once: one count per
    frame instead of a group-by (the play of a network over time builds every frame)."""
    if mode not in TIME_MODES:
        raise ValueError(f"unknown time mode {mode!r}; choose one of {', '.join(TIME_MODES)}")
    pairs = units[["source", "target"]].drop_duplicates().sort_values(["source", "target"])
    pairs = pairs.reset_index(drop=True)
    index = pd.MultiIndex.from_frame(pairs)
    codes = index.get_indexer(pd.MultiIndex.from_frame(units[["source", "target"]]))
    names = sorted(set(entities["entity_id"]))
    where = {name: i for i, name in enumerate(names)}
    source = np.array([where.get(n, -1) for n in pairs["source"]], dtype=np.int64)
    target = np.array([where.get(n, -1) for n in pairs["target"]], dtype=np.int64)
    entity_codes = entities["entity_id"].map(where).to_numpy(dtype=np.int64)
    out = []
    for since, until in positions:
        weight = np.bincount(codes[_present(units, since, until, mode)], minlength=len(pairs))
        kept = weight > 0
        edges = pairs[kept].assign(weight=weight[kept].astype("int64")).reset_index(drop=True)
        there = np.zeros(len(names), dtype=bool)
        there[entity_codes[_present(entities, since, until, mode)]] = True
        strength = np.zeros(len(names), dtype=np.int64)
        for ends in (source, target):
            known = kept & (ends >= 0)
            strength += np.bincount(
                ends[known], weights=weight[known], minlength=len(names)
            ).astype(np.int64)
        out.append((edges, {n: int(strength[i]) for i, n in enumerate(names) if there[i]}))
    return out
