"""The co-occurrence network: hand-counted edges on the real texts and a tiny synthetic dataset.

Every expected value below was established by reading the seed texts (paragraph = non-blank
line, counted from 0) and data/participants.csv, never by running the code under test.

Who is mentioned where (people only), by article and paragraph:
- 000 sf-xi-lopez-obrador-report: p0 Xi + López Obrador; p2 Xi + López Obrador; p3 Xi;
  p6 Bárcena; p8 López Obrador; p9 López Obrador + Xi; p11 Joe Biden + Xi; p12 Nichols;
  p15 López Obrador; p16 Xi; p17 López Obrador + Trudeau; p19 Kishida; p20 Xi + Biden;
  p23 Biden; p24 Boluarte + Castillo; p25 López Obrador + Boluarte; p26 Boric + López Obrador.
- 001 sre-press-release-341: nobody (organizations only).
- 002 latin-times-...-preview: p0 Biden + López Obrador; p1 Biden; p2 Nichols; p3 Bárcena;
  p4 López Obrador; p5 Xi + Biden; p7 López Obrador; p8 Xi; p9 López Obrador; p10 Xi + Biden;
  p11 Biden + López Obrador; p12 Biden + Trump; p13 Bárcena + Biden; p14 Maduro; p15 Biden;
  p16 Trump + Biden; p17 Biden + López Obrador; p19 López Obrador.
- 003 presidency-...-meeting: p1 López Obrador + Biden; p4 Biden; p5 López Obrador; p7 the
  eight Mexican delegates (one sentence); p8 the eight US delegates (one sentence).
- 004 xinhua-...-meeting: Xi in p0-p4 and p8-p11; López Obrador in p2, p12, p13, p16.
Every paragraph where two people meet above is a single sentence at the place where they meet.
"""

from __future__ import annotations

import io
import itertools

import networkx as nx
import pandas as pd
import pytest
from expected import A0, A1, A2, A3, A4, MEXICAN_DELEGATES, US_DELEGATES

from dashboard.dataset import Dataset
from dashboard.filters import Filters, filter_dataset
from dashboard.mentions import MENTION_COLUMNS
from dashboard.network import (
    EDGE_COLUMNS,
    NODE_COLUMNS,
    WINDOWS,
    build_cooccurrence_graph,
    cooccurrence_edges,
    gexf_bytes,
    graphml_bytes,
    incidence,
    node_table,
)

# People named only in 003 (everyone there except López Obrador, Biden, Bárcena and Nichols).
ONLY_IN_003 = tuple(
    p for p in MEXICAN_DELEGATES + US_DELEGATES if p not in ("alicia-barcena", "brian-nichols")
)


def edge_map(edges: pd.DataFrame) -> dict[tuple[str, str], tuple[int, str]]:
    return {
        (s, t): (int(w), u)
        for s, t, w, u in zip(
            edges["source"], edges["target"], edges["weight"], edges["units"], strict=True
        )
    }


@pytest.fixture(scope="module")
def real_edges(dataset: Dataset) -> dict[str, dict[tuple[str, str], tuple[int, str]]]:
    return {window: edge_map(cooccurrence_edges(dataset, window)) for window in WINDOWS}


# (source, target, window, weight, units) counted by hand; units as sets.
REAL_PAIRS = [
    # Xi and López Obrador: articles 000, 002, 004.
    ("lopez-obrador", "xi-jinping", "article", 3, {A0, A2, A4}),
    # 000 p0, p2, p9 and 004 p2 (002 never names both in one paragraph).
    (
        "lopez-obrador",
        "xi-jinping",
        "paragraph",
        4,
        {f"{A0}#p0", f"{A0}#p2", f"{A0}#p9", f"{A4}#p2"},
    ),
    # 000: "SAN FRANCISCO." is sentence 0, p0's rest s1, p1 s2, p2 s3, p3 s4-s5, p4 s6, p5 s7,
    # p6 s8, p7 s9, p8 s10-s11, p9 s12; 004: p0 s0, p1 s1 ("Nov." does not end it), p2 s2.
    (
        "lopez-obrador",
        "xi-jinping",
        "sentence",
        4,
        {f"{A0}#s1", f"{A0}#s3", f"{A0}#s12", f"{A4}#s2"},
    ),
    # participants.csv: the APEC meeting, the Xi–López Obrador meeting, the April letter, the
    # invitation to Mexico (sender and recipient).
    (
        "lopez-obrador",
        "xi-jinping",
        "event",
        4,
        {
            "apec-2023-leaders-meeting",
            "xi-lopez-obrador-meeting-2023",
            "lopez-obrador-letter-to-xi-2023",
            "lopez-obrador-invites-xi-to-mexico-2023",
        },
    ),
    # Biden and Xi: 000 and 002; 000 p11, p20; 002 p5, p10; the APEC meeting and their meeting.
    ("joe-biden", "xi-jinping", "article", 2, {A0, A2}),
    (
        "joe-biden",
        "xi-jinping",
        "paragraph",
        4,
        {f"{A0}#p11", f"{A0}#p20", f"{A2}#p5", f"{A2}#p10"},
    ),
    ("joe-biden", "xi-jinping", "event", 2, {"apec-2023-leaders-meeting", "xi-biden-meeting-2023"}),
    # Biden and López Obrador: 000, 002, 003; never in one paragraph of 000.
    ("joe-biden", "lopez-obrador", "article", 3, {A0, A2, A3}),
    (
        "joe-biden",
        "lopez-obrador",
        "paragraph",
        4,
        {f"{A2}#p0", f"{A2}#p11", f"{A2}#p17", f"{A3}#p1"},
    ),
    (
        "joe-biden",
        "lopez-obrador",
        "event",
        3,
        {
            "apec-2023-leaders-meeting",
            "biden-lopez-obrador-meeting-2023",
            "north-american-leaders-summit-2023",
        },
    ),
    # Boluarte and López Obrador: one article, one paragraph (000 p25), but two events.
    ("dina-boluarte", "lopez-obrador", "article", 1, {A0}),
    ("dina-boluarte", "lopez-obrador", "paragraph", 1, {f"{A0}#p25"}),
    ("dina-boluarte", "lopez-obrador", "sentence", 1, {f"{A0}#s29"}),
    (
        "dina-boluarte",
        "lopez-obrador",
        "event",
        2,
        {"apec-2023-leaders-meeting", "apec-2023-official-photo"},
    ),
    # Bárcena and Biden: 000, 002, 003; together only in 002 p13.
    ("alicia-barcena", "joe-biden", "article", 3, {A0, A2, A3}),
    ("alicia-barcena", "joe-biden", "paragraph", 1, {f"{A2}#p13"}),
    ("alicia-barcena", "joe-biden", "event", 1, {"biden-lopez-obrador-meeting-2023"}),
    # Trump and Biden: 002 p12 and p16 (each a single sentence); Trump takes part in nothing.
    ("donald-trump", "joe-biden", "article", 1, {A2}),
    ("donald-trump", "joe-biden", "paragraph", 2, {f"{A2}#p12", f"{A2}#p16"}),
    # Delegations of 003: same sentence within a delegation.
    ("katie-tobin", "ken-salazar", "sentence", 1, {f"{A3}#s9"}),
    ("katie-tobin", "ken-salazar", "paragraph", 1, {f"{A3}#p8"}),
    ("katie-tobin", "ken-salazar", "article", 1, {A3}),
    ("katie-tobin", "ken-salazar", "event", 1, {"biden-lopez-obrador-meeting-2023"}),
    ("alicia-barcena", "raquel-buenrostro", "sentence", 1, {f"{A3}#s8"}),
    ("brian-nichols", "ken-salazar", "sentence", 1, {f"{A3}#s9"}),
    # Across the two delegations: the same article and event, never the same paragraph.
    ("alicia-barcena", "ken-salazar", "article", 1, {A3}),
    ("alicia-barcena", "ken-salazar", "event", 1, {"biden-lopez-obrador-meeting-2023"}),
    # Bárcena and Nichols: all three articles, never the same paragraph; one event.
    ("alicia-barcena", "brian-nichols", "article", 3, {A0, A2, A3}),
    ("alicia-barcena", "brian-nichols", "event", 1, {"biden-lopez-obrador-meeting-2023"}),
    # Boluarte and Castillo: 000 p24 (one sentence); Castillo takes part in no event.
    ("dina-boluarte", "pedro-castillo", "paragraph", 1, {f"{A0}#p24"}),
    ("dina-boluarte", "pedro-castillo", "sentence", 1, {f"{A0}#s28"}),
    # Boric and López Obrador: 000 p26; the official photo.
    ("gabriel-boric", "lopez-obrador", "paragraph", 1, {f"{A0}#p26"}),
    ("gabriel-boric", "lopez-obrador", "event", 1, {"apec-2023-official-photo"}),
]


@pytest.mark.parametrize(("source", "target", "window", "weight", "units"), REAL_PAIRS)
def test_real_pair_weight_and_units(
    real_edges: dict, source: str, target: str, window: str, weight: int, units: set[str]
) -> None:
    got_weight, got_units = real_edges[window][(source, target)]
    assert got_weight == weight
    assert set(got_units.split("|")) == units
    assert got_units.split("|") == sorted(got_units.split("|"))


@pytest.mark.parametrize(
    ("source", "target", "windows_without_edge"),
    [
        # Different sentences and paragraphs of 003.
        ("alicia-barcena", "ken-salazar", ("paragraph", "sentence")),
        ("alicia-barcena", "brian-nichols", ("paragraph", "sentence")),
        # Trump and Castillo are in no participants row.
        ("donald-trump", "joe-biden", ("event",)),
        ("dina-boluarte", "pedro-castillo", ("event",)),
        # Xi is not in 003, the only text naming the delegates.
        ("ken-salazar", "xi-jinping", WINDOWS),
        # Trudeau: only 000 p17 (with López Obrador) and the meeting with López Obrador.
        ("joe-biden", "justin-trudeau", ("paragraph", "sentence", "event")),
    ],
)
def test_real_pairs_without_edge(
    real_edges: dict, source: str, target: str, windows_without_edge: tuple[str, ...]
) -> None:
    for window in windows_without_edge:
        assert (source, target) not in real_edges[window]
        assert (target, source) not in real_edges[window]


def test_delegations_of_003_are_cliques_at_sentence_level(real_edges: dict) -> None:
    sentence = real_edges["sentence"]
    for delegation, unit in ((MEXICAN_DELEGATES, f"{A3}#s8"), (US_DELEGATES, f"{A3}#s9")):
        for a, b in itertools.combinations(sorted(delegation), 2):
            # Bárcena and Nichols are named elsewhere too, but never with another delegate.
            assert sentence[(a, b)] == (1, unit)
    # Across the delegations no two people share a sentence.
    for a, b in itertools.product(ONLY_IN_003, ONLY_IN_003):
        if (a in MEXICAN_DELEGATES) != (b in MEXICAN_DELEGATES):
            assert (min(a, b), max(a, b)) not in sentence


def test_article_window_totals(real_edges: dict) -> None:
    # People per article: 000 ten, 002 seven, 003 eighteen, 004 two (Xi, López Obrador).
    # Pairs: 45 + 21 + 153 + 1; shared: 000∩002 five people (10 pairs), 000∩003 and 002∩003
    # four (6 each), all three the same four (6); 004's pair is also in 000.
    # Union: 45 + 21 + 153 - 10 - 6 - 6 + 6 = 203; total weight 45 + 21 + 153 + 1 = 220.
    article = real_edges["article"]
    assert len(article) == 203
    assert sum(weight for weight, _ in article.values()) == 220


def test_003_alone_at_sentence_and_paragraph(dataset: Dataset) -> None:
    # 003: López Obrador + Biden (p1), eight + eight delegates (p7, p8): 1 + 28 + 28 edges.
    only_003 = filter_dataset(dataset, Filters(article=(A3,)))
    for window in ("sentence", "paragraph"):
        edges = cooccurrence_edges(only_003, window)
        assert len(edges) == 57
        assert set(edges["weight"]) == {1}
    assert len(cooccurrence_edges(only_003, "article")) == 18 * 17 // 2


@pytest.mark.parametrize(
    ("source", "target", "window", "weight", "units"),
    [
        # Two delegation visits of 001 with both Chinese bodies.
        (
            "china-mfa",
            "china-nncc",
            "event",
            2,
            "china-delegation-visit-mexico-2024|working-group-second-meeting-2024",
        ),
        ("semar", "sre", "event", 1, "working-group-second-meeting-2024"),
        ("presidency-mexico", "sre", "event", 1, "mexico-statement-on-xi-meeting-2023"),
        ("joe-biden", "us-congress", "event", 1, "biden-border-funds-request-2023"),
        # 001 p11: "Ministry of the Navy (SEMAR)" and "Ministry of the National Defense
        # (SEDENA)": two mentions each in one sentence, one shared unit; 003 p7: "the National
        # Defense" and "the Navy" in its delegation list.
        ("sedena", "semar", "paragraph", 2, f"{A3}#p7|{A1}#p11"),
        ("sedena", "semar", "article", 2, f"{A3}|{A1}"),
    ],
)
def test_real_organization_edges(
    dataset: Dataset, source: str, target: str, window: str, weight: int, units: str
) -> None:
    with_orgs = edge_map(cooccurrence_edges(dataset, window, include_organizations=True))
    assert with_orgs[(source, target)] == (weight, units)
    without = edge_map(cooccurrence_edges(dataset, window))
    assert (source, target) not in without


def test_sedena_semar_sentence_counts_once(dataset: Dataset) -> None:
    # One unit per shared sentence however many mentions it holds: 003 s8 and one of 001.
    edges = edge_map(cooccurrence_edges(dataset, "sentence", include_organizations=True))
    weight, units = edges[("sedena", "semar")]
    assert weight == 2
    first, second = units.split("|")
    assert first == f"{A3}#s8"
    assert second.startswith(f"{A1}#s")


@pytest.mark.parametrize(
    ("entity_id", "mentions", "articles"),
    [
        # 000: p0, p2, p3, p9, p11, p16, p20 = 7; 002: p5, p8, p10 = 3; 004: nine paragraphs.
        ("xi-jinping", 19, 3),
        # 000: 8 (p0, p2, p8, p9, p15, p17, p25, p26); 002: 7; 003: 2; 004: 4 (p2 and three
        # times "López" alone).
        ("lopez-obrador", 21, 4),
        # 000: 3 (p11, p20, p23); 002: 10; 003: 2.
        ("joe-biden", 15, 3),
        ("alicia-barcena", 4, 3),
        ("brian-nichols", 3, 3),
        ("donald-trump", 2, 1),
        ("ken-salazar", 1, 1),
    ],
)
def test_node_mentions_and_articles(
    dataset: Dataset, entity_id: str, mentions: int, articles: int
) -> None:
    graph = build_cooccurrence_graph(dataset, "article")
    assert graph.nodes[entity_id]["mentions"] == mentions
    assert graph.nodes[entity_id]["articles"] == articles


@pytest.mark.parametrize(
    ("window", "entity_id", "degree", "weighted_degree"),
    [
        # 003 has 18 people, so everyone only there has the 17 others.
        ("article", "ken-salazar", 17, 17),
        # In every article with people: all 25 others; weights 9 (000) + 6 + 17 + 1 (004).
        ("article", "lopez-obrador", 25, 33),
        # In 000, 002 and 003, which together name all 26 people: 9 + 6 + 17.
        ("article", "joe-biden", 25, 32),
        # 000's 9 others and 002's Trump and Maduro; 9 + 6 + 1.
        ("article", "xi-jinping", 11, 16),
        ("article", "donald-trump", 6, 6),
        # The Biden–López Obrador meeting has 18 participants.
        ("event", "ken-salazar", 17, 17),
        # Paragraph: only Biden (002 p12, p16).
        ("paragraph", "donald-trump", 1, 2),
    ],
)
def test_node_degrees(
    dataset: Dataset, window: str, entity_id: str, degree: int, weighted_degree: int
) -> None:
    graph = build_cooccurrence_graph(dataset, window)
    assert graph.nodes[entity_id]["degree"] == degree
    assert graph.nodes[entity_id]["weighted_degree"] == weighted_degree


def test_article_graph_has_every_person(dataset: Dataset) -> None:
    graph = build_cooccurrence_graph(dataset, "article")
    assert set(graph.nodes) == set(dataset.people["person_id"])  # all 26 are mentioned
    assert graph.number_of_nodes() == 26
    assert graph.graph["window"] == "article"


def test_event_graph_nodes_are_participants(dataset: Dataset) -> None:
    graph = build_cooccurrence_graph(dataset, "event")
    # Castillo, Trump and Maduro take part in no event (Kishida in the scheduled meeting).
    absent = {"pedro-castillo", "donald-trump", "nicolas-maduro"}
    assert set(graph.nodes) == set(dataset.people["person_id"]) - absent


@pytest.mark.parametrize("window", WINDOWS)
def test_betweenness_and_communities(dataset: Dataset, window: str) -> None:
    graph = build_cooccurrence_graph(dataset, window)
    communities: dict[int, set[str]] = {}
    for node, data in graph.nodes(data=True):
        assert 0.0 <= data["betweenness"] <= 1.0
        assert isinstance(data["community"], int)
        assert isinstance(data["degree"], int)
        assert isinstance(data["weighted_degree"], int)
        communities.setdefault(data["community"], set()).add(node)
    assert sorted(communities) == list(range(len(communities)))
    sizes = [len(communities[i]) for i in range(len(communities))]
    assert sizes == sorted(sizes, reverse=True)


def test_betweenness_by_hand_at_article_window(dataset: Dataset) -> None:
    graph = build_cooccurrence_graph(dataset, "article")
    # Their neighbours are all linked to each other (003 is one clique, 002 another), so no
    # shortest path passes through them.
    for person in (*ONLY_IN_003, "donald-trump", "nicolas-maduro"):
        assert graph.nodes[person]["betweenness"] == 0.0
    # López Obrador links 003's delegates to the people of 000 (shortest paths of two steps).
    assert graph.nodes["lopez-obrador"]["betweenness"] > 0.0


def test_graph_is_deterministic(dataset: Dataset) -> None:
    for window in WINDOWS:
        one = build_cooccurrence_graph(dataset, window, include_organizations=True)
        two = build_cooccurrence_graph(dataset, window, include_organizations=True)
        assert dict(one.nodes(data=True)) == dict(two.nodes(data=True))
        assert sorted(one.edges(data=True)) == sorted(two.edges(data=True))
        pd.testing.assert_frame_equal(node_table(one), node_table(two))


def test_node_table_columns_and_order(dataset: Dataset) -> None:
    table = node_table(build_cooccurrence_graph(dataset, "article"))
    assert list(table.columns) == [
        "entity_id",
        "name",
        "type",
        "country",
        "role",
        "mentions",
        "articles",
        "degree",
        "weighted_degree",
        "betweenness",
        "community",
    ]
    assert list(table.columns) == NODE_COLUMNS
    # Strongest first: López Obrador (33), then the three with 32 by mentions: Biden 15,
    # Bárcena 4, Nichols 3.
    assert list(table["entity_id"][:4]) == [
        "lopez-obrador",
        "joe-biden",
        "alicia-barcena",
        "brian-nichols",
    ]
    keys = list(zip(-table["weighted_degree"], -table["mentions"], table["entity_id"], strict=True))
    assert keys == sorted(keys)
    salazar = table.set_index("entity_id").loc["ken-salazar"]
    assert salazar["name"] == "Ken Salazar"
    assert salazar["type"] == "person"
    assert salazar["country"] == "USA"
    assert salazar["role"] == "US Ambassador to Mexico"


@pytest.mark.parametrize("window", WINDOWS)
def test_graphml_round_trip(dataset: Dataset, window: str) -> None:
    graph = build_cooccurrence_graph(dataset, window, include_organizations=True)
    back = nx.read_graphml(io.BytesIO(graphml_bytes(graph)))
    assert set(back.nodes) == set(graph.nodes)
    weights = {frozenset((a, b)): d["weight"] for a, b, d in graph.edges(data=True)}
    back_weights = {frozenset((a, b)): d["weight"] for a, b, d in back.edges(data=True)}
    assert back_weights == weights
    assert back.nodes["xi-jinping"]["name"] == "Xi Jinping"


@pytest.mark.parametrize("window", WINDOWS)
def test_gexf_round_trip(dataset: Dataset, window: str) -> None:
    graph = build_cooccurrence_graph(dataset, window, include_organizations=True)
    back = nx.read_gexf(io.BytesIO(gexf_bytes(graph)))
    assert set(back.nodes) == set(graph.nodes)
    weights = {frozenset((a, b)): d["weight"] for a, b, d in graph.edges(data=True)}
    back_weights = {frozenset((a, b)): int(d["weight"]) for a, b, d in back.edges(data=True)}
    assert back_weights == weights
    assert back.nodes["lopez-obrador"]["label"] == "Andrés Manuel López Obrador"
    # The export labels a copy: the graph itself is untouched.
    assert "label" not in graph.nodes["lopez-obrador"]


# --- A synthetic dataset where every edge is known ------------------------------------------

PEOPLE_COLUMNS = ["person_id", "name", "aliases", "country", "role", "organization_id", "notes"]
ORG_COLUMNS = ["org_id", "name", "acronym", "aliases", "country", "kind", "parent_id", "notes"]
PARTICIPANT_COLUMNS = [
    "event_id",
    "entity_id",
    "entity_type",
    "role",
    "side",
    "article_id",
    "quote",
]


def frame(columns: list[str], rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)


def mentions_frame(rows: list[tuple[str, str, str, int, int]]) -> pd.DataFrame:
    """Rows of (article, entity, type, paragraph, sentence)."""
    records = [
        (article, entity, kind, 10 * i, 10 * i + 3, entity.title(), paragraph, sentence)
        for i, (article, entity, kind, paragraph, sentence) in enumerate(rows)
    ]
    mentions = pd.DataFrame(records, columns=MENTION_COLUMNS)
    return mentions.astype({c: "int64" for c in ("start", "end", "paragraph", "sentence")})


@pytest.fixture(scope="module")
def tiny(dataset: Dataset) -> Dataset:
    """zoe, amy, max (people) and org-x; the first mention of each pair is the larger id."""
    people = frame(
        PEOPLE_COLUMNS,
        [
            {"person_id": "zoe", "name": "Zoe Zed", "country": "MEX", "role": "Minister"},
            {"person_id": "amy", "name": "Amy Ash", "country": "USA", "role": "Ambassador"},
            {"person_id": "max", "name": "Max Mo", "country": "CHN", "role": "Director"},
        ],
    )
    orgs = frame(ORG_COLUMNS, [{"org_id": "org-x", "name": "Org X", "country": "MEX"}])
    mentions = mentions_frame(
        [
            ("art-a", "zoe", "person", 0, 0),
            ("art-a", "amy", "person", 0, 0),
            ("art-a", "zoe", "person", 0, 0),  # twice in the same sentence
            ("art-a", "max", "person", 1, 1),
            ("art-a", "zoe", "person", 1, 2),
            ("art-b", "zoe", "person", 0, 0),
            ("art-b", "org-x", "organization", 0, 0),
            ("art-b", "amy", "person", 0, 1),
            ("art-c", "amy", "person", 3, 5),
            ("art-c", "zoe", "person", 3, 5),
        ]
    )
    participants = frame(
        PARTICIPANT_COLUMNS,
        [
            {"event_id": "ev-1", "entity_id": "zoe", "entity_type": "person"},
            {"event_id": "ev-1", "entity_id": "amy", "entity_type": "person"},
            {"event_id": "ev-1", "entity_id": "org-x", "entity_type": "organization"},
            {"event_id": "ev-2", "entity_id": "amy", "entity_type": "person"},
            {"event_id": "ev-2", "entity_id": "zoe", "entity_type": "person"},
            {"event_id": "ev-2", "entity_id": "zoe", "entity_type": "person"},  # listed twice
            {"event_id": "ev-3", "entity_id": "max", "entity_type": "person"},
        ],
    )
    return dataset.replace_tables(
        people=people, organizations=orgs, mentions=mentions, participants=participants
    )


TINY_PEOPLE_EDGES = {
    "article": [
        ("amy", "max", 1, "art-a"),
        ("amy", "zoe", 3, "art-a|art-b|art-c"),
        ("max", "zoe", 1, "art-a"),
    ],
    "paragraph": [
        ("amy", "zoe", 3, "art-a#p0|art-b#p0|art-c#p3"),
        ("max", "zoe", 1, "art-a#p1"),
    ],
    "sentence": [("amy", "zoe", 2, "art-a#s0|art-c#s5")],
    "event": [("amy", "zoe", 2, "ev-1|ev-2")],
}
TINY_ORG_EDGES = {
    "article": [("amy", "org-x", 1, "art-b"), ("org-x", "zoe", 1, "art-b")],
    "paragraph": [("amy", "org-x", 1, "art-b#p0"), ("org-x", "zoe", 1, "art-b#p0")],
    "sentence": [("org-x", "zoe", 1, "art-b#s0")],
    "event": [("amy", "org-x", 1, "ev-1"), ("org-x", "zoe", 1, "ev-1")],
}


@pytest.mark.parametrize("window", WINDOWS)
def test_tiny_edges_people_only(tiny: Dataset, window: str) -> None:
    edges = cooccurrence_edges(tiny, window)
    assert list(edges.columns) == EDGE_COLUMNS
    assert list(edges.columns) == [
        "source", "target", "weight", "window", "units", "first_date", "last_date"
    ]  # fmt: skip
    assert edges["weight"].dtype == "int64"
    assert set(edges["window"]) == {window}
    got = sorted(edges[["source", "target", "weight", "units"]].itertuples(index=False, name=None))
    assert got == TINY_PEOPLE_EDGES[window]
    assert (edges["source"] < edges["target"]).all()


@pytest.mark.parametrize("window", WINDOWS)
def test_tiny_edges_with_organizations(tiny: Dataset, window: str) -> None:
    edges = cooccurrence_edges(tiny, window, include_organizations=True)
    got = sorted(edges[["source", "target", "weight", "units"]].itertuples(index=False, name=None))
    assert got == sorted(TINY_PEOPLE_EDGES[window] + TINY_ORG_EDGES[window])
    assert (edges["source"] < edges["target"]).all()


def test_tiny_incidence_is_unique_pairs(tiny: Dataset) -> None:
    pairs = incidence(tiny, "sentence")
    assert list(pairs.columns) == ["entity_id", "unit"]
    assert sorted(pairs.itertuples(index=False, name=None)) == [
        ("amy", "art-a#s0"),
        ("amy", "art-b#s1"),
        ("amy", "art-c#s5"),
        ("max", "art-a#s1"),
        ("zoe", "art-a#s0"),
        ("zoe", "art-a#s2"),
        ("zoe", "art-b#s0"),
        ("zoe", "art-c#s5"),
    ]
    assert sorted(incidence(tiny, "event").itertuples(index=False, name=None)) == [
        ("amy", "ev-1"),
        ("amy", "ev-2"),
        ("max", "ev-3"),
        ("zoe", "ev-1"),
        ("zoe", "ev-2"),
    ]


def test_tiny_paragraph_graph_attributes(tiny: Dataset) -> None:
    # A path amy -3- zoe -1- max: zoe lies on the one shortest path between the two others.
    graph = build_cooccurrence_graph(tiny, "paragraph")
    assert set(graph.nodes) == {"amy", "max", "zoe"}
    expected = {
        "zoe": ("Zoe Zed", "MEX", "Minister", 5, 3, 2, 4, 1.0),
        "amy": ("Amy Ash", "USA", "Ambassador", 3, 3, 1, 3, 0.0),
        "max": ("Max Mo", "CHN", "Director", 1, 1, 1, 1, 0.0),
    }
    for node, (name, country, role, mentions, articles, deg, wdeg, btw) in expected.items():
        data = graph.nodes[node]
        assert data["name"] == name
        assert data["type"] == "person"
        assert data["country"] == country
        assert data["role"] == role
        assert data["mentions"] == mentions
        assert data["articles"] == articles
        assert data["degree"] == deg
        assert data["weighted_degree"] == wdeg
        assert data["betweenness"] == btw
    # The tiny articles are not in articles.csv: undated.
    assert graph.edges["amy", "zoe"] == {
        "weight": 3, "units": "art-a#p0|art-b#p0|art-c#p3", "first_date": "", "last_date": ""
    }  # fmt: skip
    assert list(node_table(graph)["entity_id"]) == ["zoe", "amy", "max"]


def test_tiny_event_graph_isolated_node_and_communities(tiny: Dataset) -> None:
    graph = build_cooccurrence_graph(tiny, "event")
    assert set(graph.nodes) == {"amy", "max", "zoe"}
    assert graph.nodes["max"]["degree"] == 0
    assert graph.nodes["max"]["weighted_degree"] == 0
    assert graph.nodes["max"]["betweenness"] == 0.0
    # Communities by size, largest first: {amy, zoe} is 0, {max} is 1.
    assert graph.nodes["amy"]["community"] == 0
    assert graph.nodes["zoe"]["community"] == 0
    assert graph.nodes["max"]["community"] == 1
    # Mentions still come from the texts.
    assert graph.nodes["zoe"]["mentions"] == 5


def test_tiny_organizations_as_nodes(tiny: Dataset) -> None:
    without = build_cooccurrence_graph(tiny, "article")
    assert "org-x" not in without
    graph = build_cooccurrence_graph(tiny, "article", include_organizations=True)
    assert set(graph.nodes) == {"amy", "max", "zoe", "org-x"}
    org = graph.nodes["org-x"]
    assert (org["name"], org["type"], org["country"], org["role"]) == (
        "Org X",
        "organization",
        "MEX",
        "",
    )
    assert (org["mentions"], org["articles"], org["degree"], org["weighted_degree"]) == (1, 1, 2, 2)


def test_no_mentions_gives_empty_edges(tiny: Dataset) -> None:
    empty = tiny.replace_tables(mentions=tiny.mentions.iloc[0:0])
    for window in ("article", "paragraph", "sentence"):
        edges = cooccurrence_edges(empty, window)
        assert edges.empty
        assert list(edges.columns) == EDGE_COLUMNS
        graph = build_cooccurrence_graph(empty, window)
        assert graph.number_of_nodes() == 0
        assert list(node_table(graph).columns) == NODE_COLUMNS
        nx.read_graphml(io.BytesIO(graphml_bytes(graph)))
        nx.read_gexf(io.BytesIO(gexf_bytes(graph)))


@pytest.mark.parametrize("window", ["", "Article", "document", "paragraphs", "line"])
def test_unknown_window_raises(tiny: Dataset, window: str) -> None:
    with pytest.raises(ValueError, match="window"):
        incidence(tiny, window)
    with pytest.raises(ValueError, match="window"):
        cooccurrence_edges(tiny, window)
    with pytest.raises(ValueError, match="window"):
        build_cooccurrence_graph(tiny, window)


def test_ego_graph_keeps_the_links_of_the_chosen_and_recounts() -> None:
    import networkx as nx

    from dashboard.network import ego_graph

    graph = nx.Graph(window="article")
    graph.add_weighted_edges_from([("a", "b", 2), ("a", "c", 1), ("b", "c", 5), ("c", "d", 1)])
    ego = ego_graph(graph, ["a"])
    assert sorted(tuple(sorted(e)) for e in ego.edges) == [("a", "b"), ("a", "c")]
    # Recounted on what is left: a has both links (weight 3), b and c one each.
    assert {n: (d["degree"], d["weighted_degree"]) for n, d in ego.nodes(data=True)} == {
        "a": (2, 3),
        "b": (1, 2),
        "c": (1, 1),
    }
    assert ego.graph["window"] == "article"
    assert sorted(ego_graph(graph, ["a", "d"]).nodes) == ["a", "b", "c", "d"]
