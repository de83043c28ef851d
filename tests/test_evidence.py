"""Edge evidence: the units behind an edge, counted by hand in the seed texts.

Paragraphs are non-blank lines counted from 0; sentences are counted from 0 over the whole
article (see the header of tests/test_network.py for who is named where). In 000 the
sentences run: p0 s0 ("SAN FRANCISCO.") and s1, p1 s2, p2 s3, p3 s4-s5, p4 s6, p5 s7, p6 s8,
p7 s9, p8 s10-s11, p9 s12, p10 s13 ("trafficking. illicit" goes on in lower case), p11 s14-s15,
p12 s16 ... p18 s22, p19 s23 ("Kishida. and" goes on in lower case), p20 s24, p21 s25, p22 s26,
p23 s27, p24 s28, p25 s29. In 002: p0-p3 one sentence each (s0-s3), p4 two (s4, s5), then one
each: p5 s6, p6 s7, p7 s8, p8 s9, p9 s10, p10 s11. In 004: p0 s0, p1 s1, p2 s2.
Events are ordered by start date: the April 2023 letter, APEC (15 Nov), the Xi–López Obrador
meeting (16 Nov); the official photo is dated 2023-11-17.
"""

from __future__ import annotations

import pandas as pd
import pytest
from expected import A0, A2, A3, A4

from benchmarks.corpus import make_corpus
from dashboard.dataset import Dataset, load_dataset
from dashboard.evidence import (
    EVIDENCE_COLUMNS,
    directed_pairs,
    edge_evidence,
    mention_marks,
    naming_sentences,
    pair_evidence,
    parse_pair,
    parse_unit,
    strongest_edges,
    unit_span,
    with_mentions_of,
)
from dashboard.network import WINDOWS, cooccurrence_edges
from dashboard.present import article_titles
from dashboard.schema import DEFAULT_DATA_DIR

XI, AMLO, BIDEN, BOLUARTE = "xi-jinping", "lopez-obrador", "joe-biden", "dina-boluarte"
APEC, PHOTO = "apec-2023-leaders-meeting", "apec-2023-official-photo"

# pair, window -> rows as (article_id, paragraph, sentence, event_id, start of the text).
EXPECTED = {
    ((AMLO, XI), "article"): [
        (A2, None, None, "", "Latin Times, Nov 2023"),
        (A0, None, None, "", "SAN FRANCISCO, 17 Nov 2023"),
        (A4, None, None, "", "EXTENSION: Xi calls for expanding"),
    ],
    ((AMLO, XI), "paragraph"): [
        (A0, 0, None, "", "SAN FRANCISCO. The presidents Xi Jinping and Andrés"),
        (A0, 2, None, "", "Xi also congratulated López Obrador"),
        (A0, 9, None, "", "López Obrador, who has denied that fentanyl"),
        (A4, 2, None, "", "Xi made this statement during a meeting"),
    ],
    ((AMLO, XI), "sentence"): [
        (A0, 0, 1, "", "The presidents Xi Jinping and Andrés Manuel López Obrador They agreed"),
        (A0, 2, 3, "", "Xi also congratulated López Obrador"),
        (A0, 9, 12, "", "López Obrador, who has denied that fentanyl"),
        (A4, 2, 2, "", "Xi made this statement during a meeting"),
    ],
    ((AMLO, XI), "event"): [
        ("", None, None, "lopez-obrador-letter-to-xi-2023", "López Obrador's letter to Xi"),
        ("", None, None, APEC, "30th APEC Economic Leaders' Meeting"),
        # The invitation (sender and recipient, 000), 16–17 Nov: the same first day as the
        # meeting, ordered by id.
        ("", None, None, "lopez-obrador-invites-xi-to-mexico-2023", "López Obrador invites Xi"),
        ("", None, None, "xi-lopez-obrador-meeting-2023", "Xi Jinping–Andrés Manuel López"),
    ],
    ((BIDEN, XI), "article"): [
        (A2, None, None, "", "Latin Times"),
        (A0, None, None, "", "SAN FRANCISCO"),
    ],
    ((BIDEN, XI), "paragraph"): [
        (A2, 5, None, "", "Chinese President Xi Jinping promised"),
        (A2, 10, None, "", "The fact that both Xi and Biden"),
        (A0, 11, None, "", "On Wednesday, during a meeting with US President Joe Biden"),
        (A0, 20, None, "", "The APEC summit, that brings together"),
    ],
    ((BIDEN, XI), "sentence"): [
        (A2, 5, 6, "", "Chinese President Xi Jinping promised"),
        (A2, 10, 11, "", "The fact that both Xi and Biden"),
        (A0, 11, 14, "", "On Wednesday, during a meeting with US President Joe Biden"),
        (A0, 20, 24, "", "The APEC summit, that brings together"),
    ],
    ((BIDEN, XI), "event"): [
        ("", None, None, APEC, "30th APEC"),
        ("", None, None, "xi-biden-meeting-2023", "Xi Jinping–Joe Biden meeting"),
    ],
    ((BOLUARTE, AMLO), "article"): [(A0, None, None, "", "SAN FRANCISCO")],
    ((BOLUARTE, AMLO), "paragraph"): [(A0, 25, None, "", "López Obrador avoided crossing")],
    ((BOLUARTE, AMLO), "sentence"): [(A0, 25, 29, "", "López Obrador avoided crossing")],
    ((BOLUARTE, AMLO), "event"): [
        ("", None, None, APEC, "30th APEC"),
        ("", None, None, PHOTO, "APEC 2023 leaders' official photo"),
    ],
    # Two US delegates of 003: one sentence (s9, p8), one article, one meeting.
    (("katie-tobin", "ken-salazar"), "sentence"): [(A3, 8, 9, "", "")],
    (("katie-tobin", "ken-salazar"), "paragraph"): [(A3, 8, None, "", "")],
    (("katie-tobin", "ken-salazar"), "event"): [
        ("", None, None, "biden-lopez-obrador-meeting-2023", "Joe Biden–Andrés Manuel")
    ],
}


def _na(value: object) -> object:
    return None if pd.isna(value) else int(value)


@pytest.mark.parametrize(("key", "rows"), EXPECTED.items(), ids=lambda v: str(v)[:40])
def test_evidence_rows_counted_by_hand(dataset: Dataset, key, rows) -> None:
    (one, other), window = key
    # The pair may be given in either order; rows carry it sorted, like the edges.
    evidence = edge_evidence(dataset, window, pair=(other, one))
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    got = [
        (r.article_id, _na(r.paragraph), _na(r.sentence), r.event_id, r.text)
        for r in evidence.itertuples()
    ]
    assert [g[:4] for g in got] == [r[:4] for r in rows]
    for (*_, text), (*_, start) in zip(got, rows, strict=True):
        assert text.startswith(start)
    assert set(evidence["source"]) == {min(one, other)}
    assert set(evidence["target"]) == {max(one, other)}
    assert set(evidence["window"]) == {window}


def test_sentence_text_is_the_whole_sentence(dataset: Dataset) -> None:
    evidence = edge_evidence(dataset, "sentence", pair=(BOLUARTE, AMLO))
    assert evidence["text"].tolist() == [
        "López Obrador avoided crossing paths with Boluartedespite the fact that both had to be"
        " very close to each other during the official photo."
    ]
    # 000 p11 has two sentences; only the first names Biden and Xi.
    (text,) = edge_evidence(dataset, "sentence", pair=(BIDEN, XI))["text"][2:3]
    assert text.endswith("chemical supplies for the production of opioid synthetic.")
    assert "Given this agreement" not in text


def test_the_delegation_sentence_names_both(dataset: Dataset) -> None:
    (text,) = edge_evidence(dataset, "sentence", pair=("ken-salazar", "katie-tobin"))["text"]
    assert "Ken Salazar" in text
    assert "Katie Tobin" in text


@pytest.mark.parametrize("window", WINDOWS)
def test_one_row_per_unit_of_every_edge(dataset: Dataset, window: str) -> None:
    edges = cooccurrence_edges(dataset, window)
    evidence = edge_evidence(dataset, window, edges=edges)
    assert len(evidence) == edges["weight"].sum()
    by_pair = evidence.groupby(["source", "target"])["unit"].apply(set)
    for source, target, units in zip(edges["source"], edges["target"], edges["units"], strict=True):
        assert by_pair[(source, target)] == set(units.split("|"))
    assert (evidence["text"] != "").all()


@pytest.mark.parametrize("window", ["paragraph", "sentence"])
def test_both_names_lie_in_the_unit(dataset: Dataset, window: str) -> None:
    evidence = edge_evidence(dataset, window)
    mentions = dataset.mentions
    for row in evidence.itertuples():
        here = mentions[mentions["article_id"] == row.article_id]
        index = row.sentence if window == "sentence" else row.paragraph
        here = here[here[window] == index]
        assert {row.source, row.target} <= set(here["entity_id"])
        for m in here[here["entity_id"].isin([row.source, row.target])].itertuples():
            assert m.text in row.text


def test_an_unknown_pair_has_no_rows(dataset: Dataset) -> None:
    assert edge_evidence(dataset, "event", pair=("donald-trump", BIDEN)).empty
    assert list(edge_evidence(dataset, "event", pair=("x", "y")).columns) == EVIDENCE_COLUMNS


@pytest.mark.parametrize(
    ("window", "unit", "parsed"),
    [
        ("article", "a#b", ("a#b", None, None, "")),
        ("paragraph", "a#p#p12", ("a#p", 12, None, "")),
        ("sentence", "x#s3", ("x", None, 3, "")),
        ("event", "e#s1", ("", None, None, "e#s1")),
    ],
)
def test_parse_unit(window: str, unit: str, parsed: tuple) -> None:
    assert parse_unit(window, unit) == parsed


def test_directed_pairs_are_sender_and_recipient(dataset: Dataset) -> None:
    # participants.csv: two senders and two recipients: López Obrador's April letter to Xi and
    # Biden's request for border funds to Congress.
    assert directed_pairs(dataset) == [(BIDEN, "us-congress"), (AMLO, XI)]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("xi-jinping,lopez-obrador", "lopez-obrador,xi-jinping"),
        ("lopez-obrador,xi-jinping", "lopez-obrador,xi-jinping"),
        ("sre,semar", "semar,sre"),  # organizations too
        ("xi-jinping,xi-jinping", None),
        ("xi-jinping", None),
        ("xi-jinping,nobody", None),
        ("xi-jinping,lopez-obrador,joe-biden", None),
    ],
)
def test_parse_pair(dataset: Dataset, text: str, parsed: str | None) -> None:
    ids = [*dataset.people["person_id"], *dataset.organizations["org_id"]]
    assert parse_pair(text, ids) == parsed


def test_unit_span_and_naming_sentences(dataset: Dataset) -> None:
    (row,) = edge_evidence(dataset, "sentence", pair=(BOLUARTE, AMLO)).to_dict("records")
    start, end = unit_span(dataset, "sentence", row)
    assert dataset.texts[A0][start:end] == row["text"]
    # 004 names Xi or López Obrador in 13 paragraphs, from the headline (p0) on.
    sentences = naming_sentences(dataset, A4, (XI, AMLO))
    texts = [dataset.texts[A4][a:b] for a, b in sentences]
    assert texts[0].startswith("EXTENSION: Xi calls")
    assert all(("Xi" in t) or ("López" in t) for t in texts)
    assert sentences == sorted(sentences)


def test_strongest_edges_first(dataset: Dataset) -> None:
    edges = cooccurrence_edges(dataset, "paragraph")
    names = dict(zip(dataset.people["person_id"], dataset.people["name"], strict=True))
    table = strongest_edges(edges, names)
    assert list(table.columns) == ["pair", "source", "target", "weight"]
    # Paragraph window: Biden–López Obrador, Biden–Xi and López Obrador–Xi share 4 each.
    assert table["pair"][:3].tolist() == [f"{BIDEN},{AMLO}", f"{BIDEN},{XI}", f"{AMLO},{XI}"]
    assert table["weight"][:3].tolist() == [4, 4, 4]
    assert table["source"][0] == "Joe Biden"
    assert table["weight"].is_monotonic_decreasing


# --- the first rows for the view (pair_evidence) and the mentions it reads --------------------


def _same_head(dataset: Dataset, window: str, edges: pd.DataFrame, firsts: list[int]) -> int:
    """pair_evidence against the head of the whole table, for every edge; how many times the
    rows were cut short."""
    titles = article_titles(dataset.articles)
    cut = 0
    for source, target in zip(edges["source"], edges["target"], strict=True):
        whole = edge_evidence(dataset, window, edges=edges, pair=(target, source))
        for first in firsts:
            rows, total = pair_evidence(dataset, window, edges, (target, source), first, titles)
            assert total == len(whole)
            pd.testing.assert_frame_equal(rows, whole.head(first).reset_index(drop=True))
            cut += total > first
    return cut


@pytest.mark.parametrize("window", WINDOWS)
def test_pair_evidence_is_the_head_of_edge_evidence(dataset: Dataset, window: str) -> None:
    edges = cooccurrence_edges(dataset, window, include_organizations=True)
    # Every edge with more than one unit (those can be cut short), a few with one.
    edges = pd.concat([edges[edges["weight"] > 1], edges[edges["weight"] == 1].head(3)])
    assert _same_head(dataset, window, edges, [1, 2, 3, 50]) > 0


@pytest.mark.parametrize("window", ["article", "paragraph", "sentence"])
def test_pair_evidence_over_many_articles(tmp_path, window: str) -> None:
    # Generated articles: strong pairs share dozens of units over many articles.
    corpus = load_dataset(DEFAULT_DATA_DIR, make_corpus(tmp_path / "corpus", 40))
    edges = cooccurrence_edges(corpus, window).sort_values("weight").tail(6)
    assert edges["weight"].max() > 20
    assert _same_head(corpus, window, edges, [7]) == len(edges)


def test_pair_evidence_of_an_unlinked_pair(dataset: Dataset) -> None:
    edges = cooccurrence_edges(dataset, "sentence")
    rows, total = pair_evidence(dataset, "sentence", edges, ("nobody", XI), 50)
    assert total == 0 and rows.empty and list(rows.columns) == EVIDENCE_COLUMNS


@pytest.mark.parametrize("window", ["article", "paragraph", "sentence"])
def test_marks_from_only_the_pair_mentions_are_the_same(dataset: Dataset, window: str) -> None:
    names = {XI: "Xi", AMLO: "AMLO"}
    rows = edge_evidence(dataset, window, pair=(XI, AMLO))
    shown = with_mentions_of(dataset, set(rows["article_id"]), (XI, AMLO))
    assert 0 < len(shown.mentions) < len(dataset.mentions)
    for article_id in rows["article_id"]:
        marks = mention_marks(dataset, article_id, (XI, AMLO), names)
        assert marks and mention_marks(shown, article_id, (XI, AMLO), names) == marks
        named = naming_sentences(dataset, article_id, (XI, AMLO))
        assert naming_sentences(shown, article_id, (XI, AMLO)) == named
