"""The co-occurrence network of officials.

Two entities are linked once per unit of the chosen window they share: an `article`, a
`paragraph` or a `sentence` in which both are mentioned, or an `event` in which both take part;
the weight is the number of shared units. The edges come from the sparse entity-by-unit
incidence (one row per entity and unit) joined with itself on the unit, never from a loop over
all pairs of entities.
"""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd

from dashboard.dataset import Dataset

WINDOWS: tuple[str, ...] = ("article", "paragraph", "sentence", "event")
EDGE_COLUMNS = ["source", "target", "weight", "window", "units"]
NODE_COLUMNS = [
    "entity_id", "name", "type", "country", "role", "mentions", "articles",
    "degree", "weighted_degree", "betweenness", "community",
]  # fmt: skip
UNIT_SEPARATOR = "|"


def incidence(dataset: Dataset, window: str, include_organizations: bool = False) -> pd.DataFrame:
    """Which entity occurs in which unit: columns entity_id, unit (unique pairs)."""
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; choose one of {', '.join(WINDOWS)}")
    kinds = {"person", "organization"} if include_organizations else {"person"}
    if window == "event":
        parts = dataset.participants
        parts = parts[parts["entity_type"].isin(kinds)]
        pairs = pd.DataFrame({"entity_id": parts["entity_id"], "unit": parts["event_id"]})
    else:
        m = dataset.mentions
        m = m[m["entity_type"].isin(kinds)]
        unit = m["article_id"].astype(str)
        if window == "paragraph":
            unit = unit + "#p" + m["paragraph"].astype(str)
        elif window == "sentence":
            unit = unit + "#s" + m["sentence"].astype(str)
        pairs = pd.DataFrame({"entity_id": m["entity_id"], "unit": unit})
    return pairs.drop_duplicates().sort_values(["unit", "entity_id"]).reset_index(drop=True)


def cooccurrence_edges(
    dataset: Dataset, window: str = "article", include_organizations: bool = False
) -> pd.DataFrame:
    """Edges: columns source, target (source < target), weight, window, units (ids joined by |)."""
    pairs = incidence(dataset, window, include_organizations)
    joined = pairs.merge(pairs, on="unit", suffixes=("_a", "_b"))
    joined = joined[joined["entity_id_a"] < joined["entity_id_b"]]
    if joined.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"weight": "int64"})
    # Sorted once, so each pair's units arrive in order (groupby keeps the order within groups).
    joined = joined.sort_values("unit", kind="stable")
    edges = (
        joined.groupby(["entity_id_a", "entity_id_b"], sort=True)["unit"]
        .agg(weight="size", units=UNIT_SEPARATOR.join)
        .reset_index()
        .rename(columns={"entity_id_a": "source", "entity_id_b": "target"})
    )
    edges["window"] = window
    edges["weight"] = edges["weight"].astype("int64")
    return edges[EDGE_COLUMNS]


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
    pairs = incidence(dataset, window, include_organizations)
    if edges is None:
        edges = cooccurrence_edges(dataset, window, include_organizations)
    entities = _entities(dataset, include_organizations).set_index("entity_id")
    counts = dataset.mentions.groupby("entity_id").agg(
        mentions=("start", "size"), articles=("article_id", "nunique")
    )
    graph = nx.Graph(window=window)
    for entity_id in sorted(set(pairs["entity_id"]) & set(entities.index)):
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
    for source, target, weight, _, units in edges.itertuples(index=False, name=None):
        graph.add_edge(source, target, weight=int(weight), units=units)
    _add_centrality(graph)
    return graph


def _add_centrality(graph: nx.Graph) -> None:
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
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    """The graph as GEXF, which opens in Gephi (labels are the names)."""
    labelled = graph.copy()
    for _, data in labelled.nodes(data=True):
        data["label"] = data.get("name", "")
    buffer = io.BytesIO()
    nx.write_gexf(labelled, buffer, encoding="utf-8")
    return buffer.getvalue()
