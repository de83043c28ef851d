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
from dataclasses import dataclass, replace
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
    ids = dataset.events["event_id"] if window == "event" else dataset.articles["article_id"]
    spans = zip(ids, _dating_spans(dataset, window), strict=True)
    return {key: span for key, span in spans if span is not None}


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


def _dating_spans(dataset: Dataset, window: str) -> list[tuple[str, str] | None]:
    """By row of the table that dates the window's units (events, or articles): its
    (first_day, last_day) as ISO text, None when undated."""
    if window == "event":
        frame = dataset.events
        rows = zip(frame["start_date"], frame["end_date"], frame["date_precision"], strict=True)
    else:
        frame = dataset.articles
        rows = zip(frame["published"], [""] * len(frame), frame["date_precision"], strict=True)
    spans: list[tuple[str, str] | None] = []
    for start, end, precision in rows:
        span = interval(str(start), str(end), str(precision))
        spans.append(None if span is None else (span[0].isoformat(), span[1].isoformat()))
    return spans


@dataclass(frozen=True)
class Incidence:
    """Which entity occurs in which unit of a window, as integer codes: one row per (unit,
    entity) pair, sorted by unit then entity, with every unit's dates. Ids are sorted, so a
    code's order is its id's order in any selection of the pairs; a unit's id is spelled once
    (in Arrow), not once per mention. Built once for a whole dataset, the incidence of a
    filtered cut (text windows) is `within` the articles the cut keeps: no id is read again."""

    window: str
    include_organizations: bool
    entity_ids: np.ndarray  # by entity code
    unit_ids: pa.Array  # by unit code
    days: np.ndarray  # every first and last day of a dating row, sorted, then "" (undated)
    first: np.ndarray  # by unit: its first day's place in days (len(days) - 1: undated)
    last: np.ndarray  # by unit: its last day's place in days (-1: undated)
    entity: np.ndarray  # by pair
    unit: np.ndarray  # by pair
    article: np.ndarray  # by pair: its article's row in the articles table (-1: event window)
    ends: np.ndarray  # by row of the dating table (articles, events): its last day's place
    rows: np.ndarray | None = None  # the rows of the dating table selected (None: all)

    def within(self, articles: np.ndarray) -> Incidence:
        """The pairs from the articles at these rows of the articles table (a cut's rows, see
        filters.cut_rows, which keeps the mentions of the articles it keeps): the incidence of
        the cut, for the article, paragraph and sentence windows."""
        if self.window == "event":
            raise ValueError("the event window's pairs depend on more than the articles kept")
        kept = np.zeros(len(self.ends) + 1, dtype=bool)  # the last one: no article (-1)
        kept[articles] = True
        mask = kept[self.article]
        return replace(
            self,
            entity=self.entity[mask],
            unit=self.unit[mask],
            article=self.article[mask],
            rows=np.asarray(articles, dtype=np.int64),
        )

    @property
    def latest(self) -> int:
        """The place in days of the last day of the selection's latest dated article or event,
        whether or not it names anyone (-1: none dated)."""
        ends = self.ends if self.rows is None else self.ends[self.rows]
        return int(ends.max()) if len(ends) else -1


def coded_incidence(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> Incidence:
    """The incidence of a window as codes (see `Incidence`): the pairs of `incidence`, the
    dates of `entity_units`."""
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; choose one of {', '.join(WINDOWS)}")
    kinds = ["person", "organization"] if include_organizations else ["person"]
    table = dataset.participants if window == "event" else dataset.mentions
    kept = table["entity_type"].isin(kinds).to_numpy()
    entity_codes, entity_ids = pd.factorize(table["entity_id"], sort=True)
    if window == "event":
        unit_codes, units = pd.factorize(table["event_id"], sort=True)
        unit_ids = pa.array(np.asarray(units, dtype=object), type=pa.large_string())
        dating = pd.Index(dataset.events["event_id"]).get_indexer(units)  # by unit
        article_of_unit = np.full(len(units), -1, dtype=np.int64)
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
        rows = pd.Index(dataset.articles["article_id"]).get_indexer(owners)  # by article code
        dating = article_of_unit = rows[(keys // width)[order]].astype(np.int64)
    width = max(len(entity_ids), 1)
    pairs = pd.unique(unit_codes[kept].astype(np.int64) * width + entity_codes[kept])
    pairs.sort()
    unit = pairs // width
    # Each article's (or event's) dates as places among the sorted days, once per row.
    spans = _dating_spans(dataset, window)
    days = sorted({day for span in spans if span for day in span})
    place = {day: i for i, day in enumerate(days)}
    undated = len(days)  # the "" after the days: above every day, so a minimum skips it
    # One more row, for units whose article or event is not in its table (dating -1): undated.
    first_day = np.array([place[s[0]] if s else undated for s in spans] + [undated], np.int64)
    last_day = np.array([place[s[1]] if s else -1 for s in spans] + [-1], np.int64)
    return Incidence(
        window=window,
        include_organizations=include_organizations,
        entity_ids=np.asarray(entity_ids, dtype=object),
        unit_ids=unit_ids,
        days=np.array([*days, ""], dtype=object),
        first=first_day[dating],
        last=last_day[dating],
        entity=pairs % width,
        unit=unit,
        article=article_of_unit[unit],
        ends=last_day[:-1],
    )


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
class SharedUnits:
    """Every (edge, shared unit) of an incidence as codes: `edge` (source code * width + target
    code) sorted, and within an edge its units in id order (the rows of `edge_units`)."""

    incidence: Incidence
    edge: np.ndarray
    unit: np.ndarray

    def ids(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(source ids, target ids) of edge codes."""
        width = max(len(self.incidence.entity_ids), 1)
        ids = self.incidence.entity_ids
        return ids[codes // width], ids[codes % width]


def shared_units(incidence: Incidence) -> SharedUnits:
    """The units each pair of entities shares, as codes (see `SharedUnits`)."""
    first, second = _pairs_within_units(incidence.unit)
    width = max(len(incidence.entity_ids), 1)
    edge = incidence.entity[first].astype(np.int64) * width + incidence.entity[second]
    # Stable, so that units stay in their (id) order; a 16-bit key sorts by radix in linear time.
    small = np.uint16 if width * width <= 2**16 else np.int64
    order = np.argsort(edge.astype(small), kind="stable")
    return SharedUnits(incidence=incidence, edge=edge[order], unit=incidence.unit[first][order])


def edge_units(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> pd.DataFrame:
    """One row per edge and shared unit, with the unit's dates: columns source, target (source
    < target), unit, first_date, last_date (ISO, "" when the unit is undated); sorted."""
    shared = shared_units(coded_incidence(dataset, window, include_organizations))
    inc = shared.incidence
    width = max(len(inc.entity_ids), 1)
    frame = pd.DataFrame(
        {
            "source": _texts(inc.entity_ids, shared.edge // width),
            "target": _texts(inc.entity_ids, shared.edge % width),
            "unit": pd.array(pc.take(inc.unit_ids, pa.array(shared.unit)), dtype="str"),
            "first_date": _texts(inc.days, inc.first[shared.unit]),
            "last_date": _texts(inc.days, inc.last[shared.unit] % len(inc.days)),
        }
    )
    return frame[UNIT_COLUMNS]


def _texts(ids: np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """ids[codes] as a text column, taken by Arrow (no Python string per row)."""
    return pd.array(pc.take(pa.array(ids, type=pa.large_string()), pa.array(codes)), dtype="str")


def shared_edges(shared: SharedUnits, present: np.ndarray | None = None) -> pd.DataFrame:
    """The edges (EDGE_COLUMNS) of shared units, or of those `present` (a mask of its rows):
    edges_from_units of the same rows as text, computed on the codes."""
    inc = shared.incidence
    edge, unit = shared.edge, shared.unit
    if present is not None:
        edge, unit = edge[present], unit[present]
    if len(edge) == 0:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"weight": "int64"})
    starts = np.flatnonzero(np.r_[True, edge[1:] != edge[:-1]])
    weight = np.diff(np.r_[starts, len(edge)])
    # The earliest first day and the latest last day of each edge's units (an undated unit's
    # places lose to any dated one; an edge with none dated takes the "" after the days).
    first_date = inc.days[np.minimum.reduceat(inc.first[unit], starts)]
    last_date = inc.days[np.maximum.reduceat(inc.last[unit], starts)]
    # Each edge's units joined in one pass (Arrow), not a Python join per edge.
    lists = pa.ListArray.from_arrays(
        pa.array(np.r_[starts, len(edge)], type=pa.int64()),
        pc.take(inc.unit_ids, pa.array(unit)),
    )
    source, target = shared.ids(edge[starts])
    frame = pd.DataFrame(
        {
            "source": source,
            "target": target,
            "weight": weight.astype("int64"),
            "window": inc.window,
            "units": pd.array(
                pc.binary_join(lists, pa.scalar(UNIT_SEPARATOR, pa.large_string())), dtype="str"
            ),
            "first_date": first_date,
            "last_date": last_date,
        }
    )
    return frame[EDGE_COLUMNS]


def cooccurrence_edges(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> pd.DataFrame:
    """Edges: columns source, target (source < target), weight, window, units (ids joined by
    |, in id order), first_date, last_date (ISO, see the module's docstring); the table
    edges_from_units(edge_units(...)) gives, computed on integer codes: at 10,000 articles a
    person's article window has close to a million shared units, too many to handle as text."""
    return shared_edges(shared_units(coded_incidence(dataset, window, include_organizations)))


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


def _entities(dataset: Dataset, include_organizations: bool) -> dict[str, tuple[str, ...]]:
    """Every person (and organization) by id: (name, type, country, role); an organization
    has no role. Read as Python lists, not row by row."""
    people = dataset.people
    found = {
        entity_id: (name, "person", country, role)
        for entity_id, name, country, role in zip(
            people["person_id"].tolist(), people["name"].tolist(),
            people["country"].tolist(), people["role"].tolist(), strict=True,
        )
    }  # fmt: skip
    if include_organizations:
        orgs = dataset.organizations
        for entity_id, name, country in zip(
            orgs["org_id"].tolist(), orgs["name"].tolist(), orgs["country"].tolist(), strict=True
        ):
            found.setdefault(entity_id, (name, "organization", country, ""))
    return found


@dataclass(frozen=True)
class MentionCounts:
    """How often each entity is mentioned in each article, as codes: one row per (article,
    entity) pair of the mention table. Built once for a whole dataset; a filtered cut's counts
    are `within` the articles it keeps (it keeps their mentions, see filters.cut_rows)."""

    entity_ids: np.ndarray  # by entity code, sorted
    articles: int  # rows of the articles table
    article: np.ndarray  # by pair: the article's row in the articles table (-1: none)
    entity: np.ndarray  # by pair
    mentions: np.ndarray  # by pair: how many mentions

    def within(self, articles: np.ndarray) -> MentionCounts:
        """The counts of the articles at these rows of the articles table."""
        kept = np.zeros(self.articles + 1, dtype=bool)  # the last one: no article (-1)
        kept[articles] = True
        mask = kept[self.article]
        return replace(
            self, article=self.article[mask], entity=self.entity[mask], mentions=self.mentions[mask]
        )

    def totals(self) -> tuple[dict[str, int], dict[str, int]]:
        """(mentions, articles) of every entity mentioned at least once, by id."""
        size = len(self.entity_ids)
        mentions = np.bincount(self.entity, weights=self.mentions, minlength=size)
        articles = np.bincount(self.entity, minlength=size)
        named = np.flatnonzero(articles)
        ids = self.entity_ids[named]
        return (
            dict(zip(ids, mentions[named].astype(np.int64).tolist(), strict=True)),
            dict(zip(ids, articles[named].tolist(), strict=True)),
        )


def mention_counts(dataset: Dataset) -> MentionCounts:
    """The mention table as counts per article and entity (see `MentionCounts`)."""
    table = dataset.mentions
    entity, entity_ids = pd.factorize(table["entity_id"], sort=True)
    article, article_ids = pd.factorize(table["article_id"])
    width = max(len(entity_ids), 1)
    keys, mentions = np.unique(article.astype(np.int64) * width + entity, return_counts=True)
    rows = pd.Index(dataset.articles["article_id"]).get_indexer(article_ids)
    return MentionCounts(
        entity_ids=np.asarray(entity_ids, dtype=object),
        articles=len(dataset.articles),
        article=rows[keys // width].astype(np.int64),
        entity=keys % width,
        mentions=mentions,
    )


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
    incidence = coded_incidence(dataset, window, include_organizations)
    if edges is None:
        edges = shared_edges(shared_units(incidence))
    return graph_from_codes(dataset, incidence, mention_counts(dataset), edges)


def graph_from_codes(
    dataset: Dataset, incidence: Incidence, counts: MentionCounts, edges: pd.DataFrame
) -> nx.Graph:
    """build_cooccurrence_graph from the codes of a dataset or of a cut (`within` its
    articles): `incidence` gives the entities that occur, `counts` their mentions and articles,
    `edges` must be its edges (shared_edges), and `dataset` (the cut, or the whole dataset)
    the names, types, countries and roles."""
    import networkx as nx  # imported when a graph is built: the first screen needs none

    found = np.bincount(incidence.entity, minlength=len(incidence.entity_ids))
    occurring = incidence.entity_ids[np.flatnonzero(found)]  # sorted, as the codes are
    entities = _entities(dataset, incidence.include_organizations)
    mentions, articles = counts.totals()
    graph = nx.Graph(window=incidence.window)
    for entity_id in occurring:
        if entity_id not in entities:
            continue
        name, kind, country, role = entities[entity_id]
        graph.add_node(
            entity_id,
            name=name,
            type=kind,
            country=country,
            role=role,
            mentions=mentions.get(entity_id, 0),
            articles=articles.get(entity_id, 0),
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


# --- the network over time on the codes (the play builds every frame at each run) -------------


def time_period(shared: SharedUnits) -> tuple[str, str]:
    """The period the time control spans: from the first day of the first dated unit that names
    someone (nothing is drawn before it) to the last day of the selection's latest dated unit,
    named or not (ISO; ("", "") when no unit naming someone is dated)."""
    inc = shared.incidence
    undated = len(inc.days) - 1
    firsts = inc.first[inc.unit]
    dated = firsts[firsts < undated]
    if not len(dated):
        return "", ""
    latest = max(inc.latest, int(inc.last[inc.unit].max()))
    return str(inc.days[dated.min()]), str(inc.days[latest])


def undated_units(shared: SharedUnits) -> int:
    """How many rows of edge_units (pairs and the units they share) have no date."""
    inc = shared.incidence
    return int((inc.first[shared.unit] == len(inc.days) - 1).sum())


def _bounds(days: np.ndarray, positions: list[tuple[str, str]], mode: str) -> np.ndarray:
    """For each (since, until): (the first place in days not before since, the first after
    until): a unit is present when its first day's place is below the second and, in window
    mode with a since, its last day's place is at least the first."""
    dated = days[:-1]
    lows = [
        int(np.searchsorted(dated, since, side="left")) if mode == "window" and since else 0
        for since, _ in positions
    ]
    highs = [int(np.searchsorted(dated, until, side="right")) for _, until in positions]
    return np.array([lows, highs], dtype=np.int64).reshape(2, len(positions))


def _counts_in_time(
    first: np.ndarray, last: np.ndarray, group: np.ndarray, groups: int, bounds: np.ndarray
) -> np.ndarray:
    """For each position (columns of `_bounds`), how many rows of each group are present:
    a (positions, groups) array. Rows are the places of their first and last days."""
    lows, highs = bounds
    count = len(highs)
    out = np.zeros((count, groups), dtype=np.int64)
    if count == 0 or groups == 0:
        return out
    if np.all(np.diff(lows) >= 0) and np.all(np.diff(highs) >= 0):
        # Positions in time order: a row is present at every position from the first whose
        # upper bound passes its first day to the last whose lower bound its last day meets;
        # one count of where each row enters and leaves, summed over positions.
        enter = np.searchsorted(highs, first, side="right")
        leave = np.searchsorted(lows, last, side="right")  # one past the last position
        stays = enter < leave
        size = (count + 1) * groups
        delta = np.bincount(enter[stays] * groups + group[stays], minlength=size)
        delta -= np.bincount(leave[stays] * groups + group[stays], minlength=size)
        return np.cumsum(delta.reshape(count + 1, groups), axis=0)[:count]
    for i in range(count):
        present = (first < highs[i]) & (last >= lows[i])
        out[i] = np.bincount(group[present], minlength=groups)
    return out


def coded_snapshots(
    shared: SharedUnits, positions: list[tuple[str, str]], mode: str = "cumulative"
) -> list[tuple[pd.DataFrame, dict[str, int]]]:
    """`snapshots` of edge_units and entity_units, on the codes: what the rows present at each
    (since, until) position count is counted once for all positions, not once per frame."""
    if mode not in TIME_MODES:
        raise ValueError(f"unknown time mode {mode!r}; choose one of {', '.join(TIME_MODES)}")
    inc = shared.incidence
    bounds = _bounds(inc.days, positions, mode)
    starts = np.flatnonzero(np.r_[True, shared.edge[1:] != shared.edge[:-1]])[: len(shared.edge)]
    pair = np.cumsum(np.r_[True, shared.edge[1:] != shared.edge[:-1]])[: len(shared.edge)] - 1
    weights = _counts_in_time(
        inc.first[shared.unit], inc.last[shared.unit], pair, len(starts), bounds
    )
    size = len(inc.entity_ids)
    present = _counts_in_time(inc.first[inc.unit], inc.last[inc.unit], inc.entity, size, bounds)
    width = max(size, 1)
    codes = shared.edge[starts]
    source, target = codes // width, codes % width
    pairs = pd.DataFrame(
        {"source": _texts(inc.entity_ids, source), "target": _texts(inc.entity_ids, target)}
    )
    out = []
    for weight, there in zip(weights, present, strict=True):
        kept = weight > 0
        edges = pairs[kept].assign(weight=weight[kept]).reset_index(drop=True)
        strength = np.bincount(source, weights=weight, minlength=size) + np.bincount(
            target, weights=weight, minlength=size
        )
        shown = np.flatnonzero(there)
        values = strength[shown].astype(np.int64).tolist()
        out.append((edges, dict(zip(inc.entity_ids[shown], values, strict=True))))
    return out


def edges_in_time(
    shared: SharedUnits, until: str, since: str = "", mode: str = "cumulative"
) -> pd.DataFrame:
    """The edges (EDGE_COLUMNS) of the units present at a time position:
    edges_from_units(units_in_time(edge_units(...), until, since, mode)), on the codes."""
    if mode not in TIME_MODES:
        raise ValueError(f"unknown time mode {mode!r}; choose one of {', '.join(TIME_MODES)}")
    inc = shared.incidence
    (low,), (high,) = _bounds(inc.days, [(since, until)], mode)
    first, last = inc.first[shared.unit], inc.last[shared.unit]
    return shared_edges(shared, (first < high) & (last >= low))
