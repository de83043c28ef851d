"""`edge_units` and `cooccurrence_edges` (integer codes, issue 19) against the string path they
replaced: the incidence (`entity_units`) joined with itself on the unit's text, and the edges
grouped from those rows (`edges_from_units`). The same tables, column types included, on the
real data, on filtered cuts, on generated corpora and on arbitrary mention tables
(hypothesis). The hand-counted edges are in tests/test_network.py."""

from __future__ import annotations

import random
from datetime import date, timedelta

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import make_corpus
from dashboard.dataset import Dataset, load_dataset
from dashboard.filters import Filters, cut_rows, filter_dataset, take_rows
from dashboard.mentions import MENTION_COLUMNS
from dashboard.network import (
    TIME_MODES,
    UNIT_COLUMNS,
    WINDOWS,
    Incidence,
    _add_centrality,
    build_cooccurrence_graph,
    coded_incidence,
    coded_snapshots,
    cooccurrence_edges,
    edge_units,
    edges_from_units,
    edges_in_time,
    entity_units,
    gexf_bytes,
    graph_from_codes,
    graphml_bytes,
    mention_counts,
    node_table,
    shared_edges,
    shared_units,
    snapshot,
    time_period,
    undated_units,
    unit_spans,
    units_in_time,
)
from dashboard.schema import DEFAULT_DATA_DIR


def _joined_on_text(dataset: Dataset, window: str, orgs: bool) -> pd.DataFrame:
    """The rows of edge_units as the string path made them: a self-join on the unit's id."""
    rows = entity_units(dataset, window, orgs)
    joined = rows.merge(rows[["entity_id", "unit"]], on="unit", suffixes=("_a", "_b"))
    joined = joined[joined["entity_id_a"] < joined["entity_id_b"]]
    joined = joined.rename(columns={"entity_id_a": "source", "entity_id_b": "target"})
    return joined[UNIT_COLUMNS].sort_values(["source", "target", "unit"])


def _same_as_string_path(dataset: Dataset, window: str, orgs: bool) -> None:
    reference = _joined_on_text(dataset, window, orgs).reset_index(drop=True)
    units = edge_units(dataset, window, orgs)
    # An empty join keeps whatever type the empty input had; the codes always give text.
    pd.testing.assert_frame_equal(units, reference, check_dtype=not reference.empty)
    coded = cooccurrence_edges(dataset, window, orgs).reset_index(drop=True)
    grouped = edges_from_units(reference, window).reset_index(drop=True)
    assert dict(coded.dtypes) == dict(grouped.dtypes)
    pd.testing.assert_frame_equal(coded, grouped)


@pytest.mark.parametrize("orgs", [False, True])
@pytest.mark.parametrize("window", WINDOWS)
def test_real_data_whole_and_cut(dataset: Dataset, window: str, orgs: bool) -> None:
    _same_as_string_path(dataset, window, orgs)
    for cut in (Filters(person=("xi-jinping",)), Filters(country=("CHN",))):
        _same_as_string_path(filter_dataset(dataset, cut), window, orgs)


def test_units_in_id_order_where_paragraph_numbers_pass_ten(dataset: Dataset) -> None:
    # Xi and López Obrador share paragraphs 0, 2 and 9 of article 000 (tests/test_network.py):
    # unit ids sort as text, so "#p0" < "#p2" < "#p9"; article 004 adds p2.
    edges = cooccurrence_edges(dataset, "paragraph")
    row = edges[(edges["source"] == "lopez-obrador") & (edges["target"] == "xi-jinping")]
    units = row["units"].iloc[0].split("|")
    assert units == sorted(units)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Sixty seed-like articles: renamed copies of the seeds and generated ones."""
    folder = make_corpus(tmp_path_factory.mktemp("corpus"), 60)
    return load_dataset(DEFAULT_DATA_DIR, folder)


@pytest.mark.parametrize("orgs", [False, True])
@pytest.mark.parametrize("window", ["article", "paragraph", "sentence"])
def test_generated_corpus(generated: Dataset, window: str, orgs: bool) -> None:
    _same_as_string_path(generated, window, orgs)


_ENTITIES = [("amy", "person"), ("max", "person"), ("zoe", "person"), ("org-x", "organization")]


def _mention_table(dataset: Dataset, rows) -> pd.DataFrame:
    """A mention table of generated rows: (article position, (entity, kind), paragraph,
    sentence), every mention at 0-1 of its article."""
    articles = list(dataset.articles["article_id"])
    return pd.DataFrame(
        [
            (articles[a], entity, kind, 0, 1, entity, paragraph, sentence)
            for a, (entity, kind), paragraph, sentence in rows
        ],
        columns=MENTION_COLUMNS,
    ).astype({"start": "int64", "end": "int64", "paragraph": "int64", "sentence": "int64"})


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 4),  # article (of the five real ones)
            st.sampled_from(_ENTITIES),
            st.integers(0, 12),  # paragraph: past ten, so that text order differs
            st.integers(0, 25),  # sentence
        ),
        max_size=40,
    ),
    window=st.sampled_from(["article", "paragraph", "sentence"]),
    orgs=st.booleans(),
)
def test_arbitrary_mentions(dataset: Dataset, rows, window: str, orgs: bool) -> None:
    mentions = _mention_table(dataset, rows)
    _same_as_string_path(dataset.replace_tables(mentions=mentions), window, orgs)


# --- a filter's cut taken from the whole dataset's codes, the graph, the network over time ----
#
# The app builds the codes once for the whole dataset and takes a cut's rows by the articles it
# keeps (Incidence.within, MentionCounts.within); the references below are the string path on
# the cut itself (filter_dataset): the graph as build_cooccurrence_graph made it (counts by a
# group-by over the cut's mentions), and the time positions as units_in_time and snapshots on
# the text rows.


def _graph_on_text(dataset: Dataset, window: str, orgs: bool) -> nx.Graph:
    """The graph as the string path built it: entities from the mention (or participant) rows,
    counts by a group-by over the mentions, edges grouped from the joined rows."""
    kinds = ["person", "organization"] if orgs else ["person"]
    table = dataset.participants if window == "event" else dataset.mentions
    occurring = set(table.loc[table["entity_type"].isin(kinds), "entity_id"].unique())
    edges = edges_from_units(_joined_on_text(dataset, window, orgs), window)
    people = dataset.people.assign(type="person").rename(columns={"person_id": "entity_id"})
    frames = [people[["entity_id", "name", "type", "country", "role"]]]
    if orgs:
        found = dataset.organizations.assign(type="organization", role="")
        frames.append(found.rename(columns={"org_id": "entity_id"})[frames[0].columns])
    entities = pd.concat(frames, ignore_index=True).set_index("entity_id")
    counts = dataset.mentions.groupby("entity_id").agg(
        mentions=("start", "size"), articles=("article_id", "nunique")
    )
    graph = nx.Graph(window=window)
    for entity_id in sorted(occurring & set(entities.index)):
        row = entities.loc[entity_id]
        graph.add_node(
            entity_id, name=row["name"], type=row["type"], country=row["country"],
            role=row["role"], mentions=int(counts["mentions"].get(entity_id, 0)),
            articles=int(counts["articles"].get(entity_id, 0)),
        )  # fmt: skip
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.source, row.target, weight=int(row.weight), units=row.units,
            first_date=row.first_date, last_date=row.last_date,
        )  # fmt: skip
    _add_centrality(graph)
    return graph


def _cut_codes(dataset: Dataset, cut: Filters, window: str, orgs: bool):
    """(the cut, its incidence and mention counts) as the app takes them: from the whole
    dataset's codes, within the articles the cut keeps (the event window: from the cut)."""
    rows = cut_rows(dataset, cut)
    subset = take_rows(dataset, rows)
    if window == "event":
        incidence = coded_incidence(subset, window, orgs)
    else:
        incidence = coded_incidence(dataset, window, orgs)
        incidence = incidence if rows is None else incidence.within(rows["articles"])
    counts = mention_counts(dataset)
    return subset, incidence, counts if rows is None else counts.within(rows["articles"])


def _same_graph(one: nx.Graph, other: nx.Graph) -> None:
    assert one.graph == other.graph
    assert list(one.nodes(data=True)) == list(other.nodes(data=True))
    assert list(one.edges(data=True)) == list(other.edges(data=True))
    assert graphml_bytes(one) == graphml_bytes(other)
    assert gexf_bytes(one) == gexf_bytes(other)
    pd.testing.assert_frame_equal(node_table(one), node_table(other))


def _period_on_text(dataset: Dataset, window: str, orgs: bool) -> tuple[str, str]:
    """The time control's period as the string path computed it on the cut."""
    entities = entity_units(dataset, window, orgs)
    dated = entities["first_date"][entities["first_date"] != ""]
    last = max((s[1] for s in unit_spans(dataset, window).values()), default="")
    return (dated.min(), max(last, entities["last_date"].max())) if len(dated) else ("", "")


def _positions(units: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """Time positions to test: each month of the units' dates (cumulative and window), days
    where units start or end (a dozen at most: the string path takes a while per position),
    days outside the range and an unordered list."""
    days = sorted({d for d in [*units["first_date"], *units["last_date"]] if d})
    days = days[:: max(1, len(days) // 8)]
    months = sorted({d[:7] for d in days})
    spans = [(f"{m}-01", f"{m}-31") for m in months]
    around = [("", "1900-01-01"), ("2000-01-01", "2100-12-31")]
    return [spans, [("", d) for d in days], [(d, d) for d in days], around, spans[::-1]]


def _same_over_time(subset: Dataset, incidence: Incidence, window: str, orgs: bool) -> None:
    shared = shared_units(incidence)
    units, entities = edge_units(subset, window, orgs), entity_units(subset, window, orgs)
    assert time_period(shared) == _period_on_text(subset, window, orgs)
    assert undated_units(shared) == int((units["first_date"] == "").sum())
    for i, positions in enumerate(_positions(units)):
        for mode in TIME_MODES:
            coded = coded_snapshots(shared, positions, mode)
            for (edges, strength), (since, until) in zip(coded, positions, strict=True):
                text_edges, text_strength = snapshot(units, entities, until, since, mode)
                pd.testing.assert_frame_equal(edges, text_edges)
                assert list(strength.items()) == list(text_strength.items())
                if i % 2:  # the edges at a position: grouping text takes a while, every other
                    continue
                reference = edges_from_units(units_in_time(units, until, since, mode), window)
                at_time = edges_in_time(shared, until, since, mode)
                pd.testing.assert_frame_equal(
                    at_time.reset_index(drop=True),
                    reference.reset_index(drop=True),
                    check_dtype=not reference.empty,
                )


def _same_cut(dataset: Dataset, cut: Filters, window: str, orgs: bool) -> None:
    subset, incidence, counts = _cut_codes(dataset, cut, window, orgs)
    shared = shared_units(incidence)
    edges = shared_edges(shared)
    pd.testing.assert_frame_equal(edges, cooccurrence_edges(subset, window, orgs))
    _same_graph(
        graph_from_codes(subset, incidence, counts, edges), _graph_on_text(subset, window, orgs)
    )
    _same_graph(
        build_cooccurrence_graph(subset, window, orgs), _graph_on_text(subset, window, orgs)
    )
    _same_over_time(subset, incidence, window, orgs)


CUTS = [
    Filters(),
    Filters(person=("xi-jinping",)),
    Filters(country=("CHN",)),
    Filters(person=("xi-jinping", "joe-biden")),
    Filters(article=("nobody-wrote-this",)),
]


@pytest.mark.parametrize("orgs", [False, True])
@pytest.mark.parametrize("window", WINDOWS)
def test_cut_from_whole_codes_real_data(dataset: Dataset, window: str, orgs: bool) -> None:
    for cut in CUTS:
        _same_cut(dataset, cut, window, orgs)


def _dated(dataset: Dataset, seed: int) -> Dataset:
    """The dataset with every article given a publication date (day or month precision) drawn
    from a year and a half, a few left undated: a network that grows over many frames."""
    rng = random.Random(seed)
    published, precision = [], []
    for _ in range(len(dataset.articles)):
        kind = rng.choice(["day", "day", "month", ""])
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(540))
        published.append(day.isoformat()[: 7 if kind == "month" else 10] if kind else "")
        precision.append(kind)
    articles = dataset.articles.assign(
        published=pd.array(published, dtype=dataset.articles["published"].dtype),
        date_precision=pd.array(precision, dtype=dataset.articles["date_precision"].dtype),
    )
    return dataset.replace_tables(articles=articles)


@pytest.mark.parametrize("window", ["article", "paragraph", "sentence"])
def test_cut_from_whole_codes_generated_and_dated(generated: Dataset, window: str) -> None:
    dated = _dated(generated, 1)
    names = list(dated.articles["article_id"])
    for cut in (Filters(), Filters(person=("xi-jinping",)), Filters(article=tuple(names[::3]))):
        _same_cut(dated, cut, window, True)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 4),
            st.sampled_from(_ENTITIES),
            st.integers(0, 12),
            st.integers(0, 25),
        ),
        max_size=40,
    ),
    window=st.sampled_from(["article", "paragraph", "sentence"]),
    orgs=st.booleans(),
    kept=st.sets(st.integers(0, 4)),
    seed=st.integers(0, 1000),
)
def test_arbitrary_mentions_cut_and_dated(
    dataset: Dataset, rows, window: str, orgs: bool, kept: set[int], seed: int
) -> None:
    mentions = _mention_table(dataset, rows)
    # The five entities as people and an organization, so that the graph has nodes.
    people = dataset.people.head(3).assign(
        person_id=pd.array(["amy", "max", "zoe"], dtype=dataset.people["person_id"].dtype)
    )
    orgs_table = dataset.organizations.head(1).assign(
        org_id=pd.array(["org-x"], dtype=dataset.organizations["org_id"].dtype)
    )
    made = _dated(dataset, seed).replace_tables(
        mentions=mentions, people=people, organizations=orgs_table
    )
    articles = list(dataset.articles["article_id"])
    cut = Filters(article=tuple(articles[i] for i in sorted(kept)))
    _same_cut(made, cut, window, orgs)


def test_within_refuses_the_event_window(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="event window"):
        coded_incidence(dataset, "event").within(np.array([0]))
