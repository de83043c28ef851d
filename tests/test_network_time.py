"""The network over time: each unit dated, edges present up to a date or inside a window, and
the dynamic GEXF that Gephi's timeline reads. Counts by hand from the seed texts."""

from __future__ import annotations

import io
from itertools import combinations

import networkx as nx
import pandas as pd
import pytest

from dashboard.dataset import Dataset
from dashboard.network import (
    build_cooccurrence_graph,
    cooccurrence_edges,
    edge_units,
    entity_units,
    gexf_bytes,
    merged_spells,
    units_in_time,
    with_spells,
)
from tests.expected import A0, A1, A2, A3, A4, PEOPLE_BY_ARTICLE


def pairs(people: set[str]) -> set[tuple[str, str]]:
    return set(combinations(sorted(people), 2))


def present(units: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(units["source"], units["target"], strict=True))


# Publication dates in articles.csv: 000 17 Nov 2023 (day), 002 Nov 2023 (month: 1-30 Nov),
# 004 16 Nov 2023 (day), 001 6 Sep 2024 (day, names no person), 003 undated.
P000, P002, P004 = PEOPLE_BY_ARTICLE["000"], PEOPLE_BY_ARTICLE["002"], PEOPLE_BY_ARTICLE["004"]


def test_article_units_carry_the_publication_interval(dataset: Dataset) -> None:
    units = entity_units(dataset, "article")
    spans = dict(zip(units["unit"], zip(units["first_date"], units["last_date"], strict=True),
                     strict=False))  # fmt: skip
    assert spans[A0] == ("2023-11-17", "2023-11-17")
    assert spans[A2] == ("2023-11-01", "2023-11-30")  # month precision: the whole month
    assert spans[A4] == ("2023-11-16", "2023-11-16")
    assert spans[A3] == ("", "")  # 003 gives no date
    assert A1 not in spans  # 001 names institutions only


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2023-10-31", set()),  # nothing published yet
        ("2023-11-01", pairs(P002)),  # the Latin Times preview counts from the month's start
        ("2023-11-16", pairs(P002) | pairs(P004)),  # Xinhua adds no new pair
        ("2023-11-17", pairs(P002) | pairs(P000)),  # 000 adds the APEC leaders
        ("2026-12-31", pairs(P002) | pairs(P000)),  # 003 is undated: never on the timeline
    ],
)
def test_article_edges_up_to_a_date(dataset: Dataset, until: str, expected: set) -> None:
    units = units_in_time(edge_units(dataset, "article"), until)
    assert present(units) == expected


def test_article_edge_counts_by_hand(dataset: Dataset) -> None:
    units = edge_units(dataset, "article")
    assert len(present(units_in_time(units, "2023-11-01"))) == 21  # 7 people: 7*6/2
    # 000's 10 people give 45 pairs, 10 of them (5 shared people) already in 002's 21.
    assert len(present(units_in_time(units, "2023-11-17"))) == 56
    both = units_in_time(units, "2023-11-17")
    xi_amlo = both[(both["source"] == "lopez-obrador") & (both["target"] == "xi-jinping")]
    assert sorted(xi_amlo["unit"]) == sorted([A0, A2, A4])


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2023-11-16", "2023-11-16", pairs(P002) | pairs(P004)),  # 000 not yet, 002 all month
        ("2023-11-17", "2023-11-17", pairs(P002) | pairs(P000)),  # 004 was the day before
        ("2023-12-01", "2024-12-31", set()),  # 001 names no person
    ],
)
def test_article_edges_inside_a_window(
    dataset: Dataset, since: str, until: str, expected: set
) -> None:
    units = units_in_time(edge_units(dataset, "article"), until, since, mode="window")
    assert present(units) == expected


def test_unknown_time_mode_is_refused(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown time mode"):
        units_in_time(edge_units(dataset, "article"), "2023-11-17", mode="sometimes")


def test_edges_carry_first_and_last_dates(dataset: Dataset) -> None:
    edges = cooccurrence_edges(dataset, "article").set_index(["source", "target"])
    assert tuple(edges.loc[("lopez-obrador", "xi-jinping"), ["first_date", "last_date"]]) == (
        "2023-11-01",
        "2023-11-30",
    )
    # Named together only in 000 (17 Nov 2023).
    assert tuple(edges.loc[("fumio-kishida", "justin-trudeau"), ["first_date", "last_date"]]) == (
        "2023-11-17",
        "2023-11-17",
    )
    # Only in the undated 003.
    assert tuple(edges.loc[("jake-sullivan", "ken-salazar"), ["first_date", "last_date"]]) == (
        "",
        "",
    )


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([], []),
        ([("", "")], []),
        ([("2023-11-17", "2023-11-17"), ("2023-11-01", "2023-11-30")],
         [("2023-11-01", "2023-11-30")]),
        ([("2023-11-16", "2023-11-16"), ("2023-11-17", "2023-11-17")],
         [("2023-11-16", "2023-11-17")]),
        ([("2023-04-01", "2023-04-30"), ("2023-11-16", "2023-11-16")],
         [("2023-04-01", "2023-04-30"), ("2023-11-16", "2023-11-16")]),
    ],
)  # fmt: skip
def test_merged_spells(spans: list, merged: list) -> None:
    assert merged_spells(spans) == merged


def test_dynamic_gexf_read_back_gives_the_same_spells(dataset: Dataset) -> None:
    units = edge_units(dataset, "article")
    graph = build_cooccurrence_graph(dataset, "article")
    dynamic = with_spells(graph, entity_units(dataset, "article"), units)
    data = gexf_bytes(dynamic)
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    back = nx.read_gexf(io.BytesIO(data))
    # Xi and López Obrador: 002 (all of November) holds 000 and 004.
    assert back.edges["lopez-obrador", "xi-jinping"]["spells"] == [("2023-11-01", "2023-11-30")]
    assert back.nodes["fumio-kishida"]["spells"] == [("2023-11-17", "2023-11-17")]
    # 003 is undated: an edge only there has no spell (always present in Gephi).
    assert "spells" not in back.edges["jake-sullivan", "ken-salazar"]
    for source, target, data_ in dynamic.edges(data=True):
        if "spells" in data_:
            assert back.edges[source, target]["spells"] == data_["spells"]
    # The graph itself is untouched.
    assert "spells" not in graph.edges["lopez-obrador", "xi-jinping"]


# --- time positions: periods, snapshots, the animated figure ------------------------------------


def test_months_and_weeks_by_hand() -> None:
    from datetime import date

    from dashboard.dates import period_label, periods

    months = periods(date(2023, 11, 17), date(2024, 1, 2))
    assert months == [
        (date(2023, 11, 1), date(2023, 11, 30)),
        (date(2023, 12, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2024, 1, 31)),
    ]
    assert [period_label(m) for m in months] == ["Nov 2023", "Dec 2023", "Jan 2024"]
    weeks = periods(date(2023, 11, 17), date(2023, 12, 2), "week")  # 17 Nov 2023 is a Friday
    assert [period_label(w, "week") for w in weeks] == [
        "13–19 Nov 2023",
        "20–26 Nov 2023",
        "27 Nov – 3 Dec 2023",
    ]
    assert periods(date(2024, 1, 2), date(2023, 1, 1)) == []
    with pytest.raises(ValueError, match="unknown period"):
        periods(date(2023, 1, 1), date(2023, 2, 1), "fortnight")


def test_snapshot_weights_so_far(dataset: Dataset) -> None:
    from dashboard.network import snapshot

    units = edge_units(dataset, "article")
    entities = entity_units(dataset, "article")
    edges, strength = snapshot(units, entities, "2023-11-16")
    weights = {(s, t): w for s, t, w in edges.itertuples(index=False, name=None)}
    assert weights[("lopez-obrador", "xi-jinping")] == 2  # 002 and 004
    assert weights[("joe-biden", "lopez-obrador")] == 1  # 002 only
    assert set(strength) == P002 | P004
    # López Obrador's partners in 002 (6 of them, 1 each) and Xi again in 004.
    assert strength["lopez-obrador"] == 7
    edges, strength = snapshot(units, entities, "2023-10-31")
    assert edges.empty and strength == {}


def test_time_figure_frames_keep_positions_and_fade_in(dataset: Dataset) -> None:
    from dashboard.network import snapshot
    from dashboard.network_figure import network_time_figure

    units = edge_units(dataset, "article")
    entities = entity_units(dataset, "article")
    graph = build_cooccurrence_graph(dataset, "article")
    frames = [
        (label, *snapshot(units, entities, until))
        for label, until in (("Oct 2023", "2023-10-31"), ("16 Nov", "2023-11-16"),
                             ("Nov 2023", "2023-11-30"))
    ]  # fmt: skip
    fig = network_time_figure(graph, frames, start=1)
    assert [f.name for f in fig.frames] == ["Oct 2023", "16 Nov", "Nov 2023"]
    assert fig.layout.sliders[0].active == 1
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ Play", "❚❚ Pause"]
    node_traces = [frame.data[-1] for frame in fig.frames]
    # One layout for all: every frame places every node at the same point.
    assert len({(tuple(t.x), tuple(t.y)) for t in node_traces}) == 1
    import math

    nodes = list(node_traces[0].customdata)
    opacity = [dict(zip(nodes, t.marker.opacity, strict=True)) for t in node_traces]
    assert opacity[0]["xi-jinping"] < 1 and opacity[1]["xi-jinping"] == 1
    assert opacity[1]["fumio-kishida"] < 1 and opacity[2]["fumio-kishida"] == 1  # 000, 17 Nov
    # Edge segments drawn per frame: none in October, 21 pairs on 16 Nov, 56 by the end.
    segments = [sum(sum(math.isnan(x) for x in t.x) for t in f.data[:-1]) for f in fig.frames]
    assert segments == [0, 21, 56]
    # The figure opens on the start frame.
    assert list(fig.data[-1].marker.opacity) == list(node_traces[1].marker.opacity)


def test_time_figure_escapes_names(dataset: Dataset) -> None:
    from dashboard.network import snapshot
    from dashboard.network_figure import network_time_figure

    people = dataset.people.copy()
    people.loc[people["person_id"] == "xi-jinping", "name"] = "<img src=x onerror=alert(1)>"
    hostile = dataset.replace_tables(people=people)
    units = edge_units(hostile, "article")
    entities = entity_units(hostile, "article")
    fig = network_time_figure(
        build_cooccurrence_graph(hostile, "article"),
        [("Nov 2023", *snapshot(units, entities, "2023-11-30"))],
    )
    text = " ".join(str(t) for t in fig.frames[0].data[-1].text) + str(
        fig.frames[0].data[-1].hovertext
    )
    assert "<img" not in text and "&lt;img" in text


# --- the event window: each event's own interval -----------------------------------------------
# Counted by hand from participants.csv (people only) and the events' dates in events.csv:
# Jan 2023 the North American Leaders' Summit (Biden, López Obrador); Apr 2023 the letter to Xi;
# 1-17 Nov the Trudeau meeting (window); 15-17 Nov the APEC leaders' meeting (Boluarte, Biden,
# López Obrador, Xi); 15 Nov Xi-Biden; 16 Nov Xi-López Obrador, the official photo (Boluarte,
# Boric, López Obrador), the Kishida meeting; 16-17 Nov the invitation to Xi; 17 Nov the
# Biden-López Obrador meeting with both delegations (18 people).
APEC = {("dina-boluarte", "joe-biden"), ("dina-boluarte", "lopez-obrador"),
        ("dina-boluarte", "xi-jinping"), ("joe-biden", "xi-jinping")}  # fmt: skip
BIDEN_AMLO, AMLO_XI = ("joe-biden", "lopez-obrador"), ("lopez-obrador", "xi-jinping")
TRUDEAU = ("justin-trudeau", "lopez-obrador")
SIXTEENTH = {("dina-boluarte", "gabriel-boric"), ("gabriel-boric", "lopez-obrador"),
             ("fumio-kishida", "lopez-obrador")}  # fmt: skip


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("2022-12-31", set()),
        ("2023-01-31", {BIDEN_AMLO}),
        ("2023-04-30", {BIDEN_AMLO, AMLO_XI}),
        ("2023-11-15", {BIDEN_AMLO, AMLO_XI, TRUDEAU} | APEC),
        ("2023-11-16", {BIDEN_AMLO, AMLO_XI, TRUDEAU} | APEC | SIXTEENTH),
    ],
)
def test_event_edges_up_to_a_date(dataset: Dataset, until: str, expected: set) -> None:
    assert present(units_in_time(edge_units(dataset, "event"), until)) == expected


def test_event_edges_by_count(dataset: Dataset) -> None:
    units = edge_units(dataset, "event")
    # The 17 Nov meeting adds its 18 people's 153 pairs, of which Biden-López Obrador was there.
    assert len(present(units_in_time(units, "2023-11-17"))) == 10 + 153 - 1
    # Inside 16 Nov only: the events whose interval meets that day (not Xi-Biden on the 15th).
    day = units_in_time(units, "2023-11-16", "2023-11-16", mode="window")
    assert present(day) == {BIDEN_AMLO, AMLO_XI, TRUDEAU} | APEC | SIXTEENTH
    april = units_in_time(units, "2023-04-30", "2023-04-01", mode="window")
    assert present(april) == {AMLO_XI}
