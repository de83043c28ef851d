"""Full-text search: the query language, hits counted by hand in the five seeds, offsets into
the original text, ranking, filters, paging, hostile queries, and the CSV of the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from expected import A0, A1, A2, A3, A4
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.dataset import load_dataset
from dashboard.export import BOM
from dashboard.filters import Filters
from dashboard.schema import DEFAULT_DATA_DIR
from dashboard.search import (
    HIT_COLUMNS,
    MAX_QUERY_CHARS,
    Term,
    article_hits,
    build_index,
    hit_counts,
    hit_rows,
    index_dataset,
    parse_query,
    scope,
    search,
    search_csv,
    tokens,
)

HEADER = b'"article_id","paragraph","sentence","start","end","score","snippet"\n'


@pytest.fixture(scope="module")
def index(dataset):
    return index_dataset(dataset)


def hit_texts(index, query, articles=None) -> list[str]:
    """The text of every hit, in text order per article (articles in id order)."""
    out = []
    for article_id in sorted(articles or index.texts):
        text = index.texts[article_id]
        out += [text[a:b] for a, b in article_hits(index, query, article_id)]
    return out


# ---- the query language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reading", "fts"),
    [
        ("fentanyl", "fentanyl", '("fentanyl")'),
        ("Fentanyl  CHINA", "fentanyl china", '("fentanyl") AND ("china")'),
        ("Bárcena", "barcena", '("barcena")'),
        ('"precursor chemicals"', '"precursor chemicals"', '("precursor chemicals")'),
        ("“precursor chemicals”", '"precursor chemicals"', '("precursor chemicals")'),
        ("„precursor chemicals“", '"precursor chemicals"', '("precursor chemicals")'),
        ("a OR b c", "(a OR b) c", '("a" OR "b") AND ("c")'),
        ("a OR b OR c", "(a OR b OR c)", '("a" OR "b" OR "c")'),
        ("a or b", "a or b", '("a") AND ("or") AND ("b")'),  # only upper-case OR is the operator
        ("fentanyl -China", "fentanyl -china", '(("fentanyl")) NOT ("china")'),
        ("fentanyl NOT China", "fentanyl -china", '(("fentanyl")) NOT ("china")'),
        ('x -"a b"', 'x -"a b"', '(("x")) NOT ("a b")'),
        ("precurs*", "precurs*", '("precurs"*)'),
        ('"precursor chem"*', '"precursor chem"*', '("precursor chem"*)'),
        ("Sherwood-Randall", '"sherwood randall"', '("sherwood randall")'),
        ("Mexico's", '"mexico s"', '("mexico s")'),
        ("fentanyl AND China", "fentanyl china", '("fentanyl") AND ("china")'),
        ("-NOT", "-not", ""),  # an excluded word alone: nothing to search for
    ],
)
def test_queries_are_read_into_quoted_fts5_strings(typed, reading, fts):
    query = parse_query(typed)
    assert (query.reading(), query.fts()) == (reading, fts)


@pytest.mark.parametrize(
    ("typed", "reading", "notice"),
    [
        ('"open quote', '"open quote"', "A quote was not closed"),
        ("OR fentanyl", "fentanyl", "Ignored an OR"),
        ("fentanyl OR", "fentanyl", "Ignored an OR"),
        ("a OR OR b", "a b", "Ignored an OR"),
        ("a OR -b", "a -b", "Ignored an OR"),
        ("-china", "-china", "every word is excluded"),
        ("fentanyl <> **", "fentanyl", "no letters or digits"),
        ("fen\x00tanyl", "fen tanyl", "Control characters"),
        ("x" * 10_000, "x" * MAX_QUERY_CHARS, f"first {MAX_QUERY_CHARS} characters"),
        (" ".join(f"w{i}" for i in range(40)), " ".join(f"w{i}" for i in range(32)), "first 32"),
    ],
)
def test_a_malformed_query_gets_a_notice_and_its_best_reading(typed, reading, notice):
    query = parse_query(typed)
    assert query.reading() == reading
    assert any(notice in n for n in query.notices), query.notices


def test_tokens_are_cut_and_folded_by_fts5_itself():
    assert tokens("Bárcena Sherwood-Randall O’Malley LÓPEZ Mexicobecause") == [
        "barcena", "sherwood", "randall", "o", "malley", "lopez", "mexicobecause",
    ]  # fmt: skip
    assert tokens("<>&*") == []
    assert Term(("a",), prefix=True).fts() == '"a"*'


# ---- hits counted by hand in the five seeds ------------------------------------------------


def test_a_word_customs(index):
    # 000 once ("strengthen its customs"), 001 twice in one paragraph ("General Bureau of
    # Customs", "National Customs Agency").
    results = search(index, "customs")
    assert (results.total, results.articles) == (2, 2)
    assert hit_texts(index, "customs") == ["customs", "Customs", "Customs"]  # 000, then 001
    assert hit_counts(index, "customs").to_dict("records") == [
        {"article_id": A1, "passages": 1, "hits": 2},
        {"article_id": A0, "passages": 1, "hits": 1},
    ]


@pytest.mark.parametrize("typed", ["barcena", "Bárcena", "BARCENA", "bárcena"])
def test_an_accent_free_spelling_finds_the_accented_one(index, typed):
    # "Barcena" twice in 002, "Bárcena" once in 003; "Barcenaindicated" (000) is another word.
    results = search(index, typed)
    assert (results.total, results.articles) == (3, 2)
    assert sorted(hit_texts(index, typed)) == ["Barcena", "Barcena", "Bárcena"]


def test_a_prefix_finds_a_run_together_word_with_its_offsets(index, dataset):
    assert sorted(hit_texts(index, "barcena*")) == [
        "Barcena", "Barcena", "Barcenaindicated", "Bárcena",
    ]  # fmt: skip
    text = dataset.texts[A0]
    start = text.index("Barcenaindicated")
    assert article_hits(index, "barcena*", A0) == [(start, start + len("Barcenaindicated"))]


def test_accented_hits_point_into_the_original_text(index, dataset):
    # López/Lopez: 000 has 6 + 2, 002 7, 003 2, 004 4 (001 none): 21 hits in 4 articles.
    texts = hit_texts(index, "lopez")
    assert len(texts) == 21 and set(texts) == {"López", "Lopez"}
    assert texts.count("López") == 12
    text = dataset.texts[A3]
    first = text.index("López")
    assert article_hits(index, "lopez", A3)[0] == (first, first + 5)
    assert hit_texts(index, "sre") == ["SRE", "SRE", "SRE"]  # 000, 003 and 001, once each


def test_a_phrase(index):
    # "precursor chemicals" (any case) 8 times in 001, on 7 lines: twice on the line that
    # starts "The Second Meeting", once on each of 6 others; nowhere else.
    results = search(index, '"precursor chemicals"')
    assert (results.total, results.articles) == (7, 1)
    texts = hit_texts(index, '"Precursor Chemicals"')
    assert len(texts) == 8 and {t.lower() for t in texts} == {"precursor chemicals"}
    # The words apart do not make the phrase: "chemical precursors" in 000 is not a hit.
    assert search(index, '"chemicals precursor"').total == 0


def test_or(index):
    # "Justin Trudeau" and "Fumio Kishida": once each in 000, in two paragraphs.
    results = search(index, "Trudeau OR Kishida")
    assert (results.total, results.articles) == (2, 1)
    assert [index.texts[A0][p.hits[0][0] : p.hits[0][1]] for p in results.passages] == [
        "Trudeau",
        "Kishida",
    ]  # the same term weight: the shorter paragraph (19 words) first
    assert search(index, "Trudeau Kishida").total == 0  # never in the same paragraph


def test_an_exclusion(index):
    # fentanyl is on 10 lines (paragraphs); 4 of them also say China: 000 (the first line,
    # "China then ignored it"), 001 ("Mexico-China") and 002 ("in China").
    assert search(index, "fentanyl").total == 10
    results = search(index, "fentanyl -China")
    assert (results.total, results.articles) == (6, 3)
    for passage in results.passages:
        paragraph = index.texts[passage.article_id][passage.start : passage.end]
        assert "china" not in tokens(paragraph)


def test_a_prefix(index):
    # precursors (000) 7, Precursor 4 + precursor 4 (001), precursor 1 (003): 16 hits on 15
    # lines (one line of 001 has two).
    results = search(index, "precurs*")
    assert (results.total, results.articles) == (15, 3)
    texts = hit_texts(index, "PRECURS*")
    assert sorted(set(texts)) == ["Precursor", "precursor", "precursors"]
    assert (texts.count("precursors"), texts.count("Precursor"), texts.count("precursor")) == (
        7, 4, 5,
    )  # fmt: skip


def test_a_phrase_with_a_hyphen_marks_it_whole(index, dataset):
    text = dataset.texts[A3]
    start = text.index("Sherwood-Randall")
    assert article_hits(index, "sherwood-randall", A3) == [(start, start + 16)]


# ---- ranking -------------------------------------------------------------------------------


def test_more_occurrences_rank_first(index):
    # One query word: every paragraph shares its weight (IDF), so BM25 orders by
    # tf / (tf + 1.2 (0.25 + 0.75 len / avg len)). 001's paragraph has "Customs" twice in 91
    # words, 000's once in 62: 2 / (2 + 1.2 (0.25 + 0.75 * 91 / L)) beats
    # 1 / (1 + 1.2 (0.25 + 0.75 * 62 / L)) for every average length L.
    results = search(index, "customs")
    assert [p.article_id for p in results.passages] == [A1, A0]
    assert len(tokens(index.texts[A1][results.passages[0].start : results.passages[0].end])) == 91
    assert results.passages[0].score > results.passages[1].score > 0


def test_equal_scores_keep_the_text_order_and_then_the_newest_first(seeds_copy, dataset):
    # 001's title is its paragraphs 2 and 3, word for word, the only places with "hold":
    # equal scores, text order.
    index = index_dataset(dataset)
    first, second = search(index, "hold").passages
    assert (first.article_id, first.paragraph, second.paragraph) == (A1, 2, 3)
    assert first.score == second.score
    # A copy of 004 dated later than 004 (2023-11-16): its passage comes first.
    text = (seeds_copy / "004_07aa21c5bf2af563.txt").read_text("utf-8")
    (seeds_copy / "copy.txt").write_text("date: 2025-01-01\n\n" + text, "utf-8")
    added = index_dataset(load_dataset(DEFAULT_DATA_DIR, seeds_copy))
    ranked = search(added, '"Sino-Mexican"').passages  # once in 004, so once in the copy
    assert [p.article_id for p in ranked] == ["copy", A4]
    assert ranked[0].score == ranked[1].score


# ---- passages, paging, filters ------------------------------------------------------------


def test_a_passage_is_the_hit_sentence_with_its_neighbours_in_the_paragraph(index, dataset):
    text = dataset.texts[A3]
    (passage,) = search(index, "Tobin").passages  # the last sentence of a one-sentence line
    assert text[passage.start : passage.end].startswith("For the United States, the following")
    assert text[passage.start : passage.end].endswith("Katie Tobin.")
    (passage,) = search(index, "heroin").passages  # 000's 13th paragraph: one sentence
    assert index.texts[A0][passage.start : passage.end].startswith("According to Washingtonthe")
    # 004's "Both Mexico and China defend" paragraph has three sentences; a hit in the first
    # shows it and the second, not the third.
    (passage,) = search(index, "interference").passages
    shown = dataset.texts[A4][passage.start : passage.end]
    assert shown.startswith("Both Mexico and China defend") and "As always" in shown
    assert "Mexico will provide facilities" not in shown


def test_results_are_paged_not_cut(index):
    first = search(index, "precurs*", per_page=10)
    second = search(index, "precurs*", page=2, per_page=10)
    assert (first.pages, len(first.passages), len(second.passages)) == (2, 10, 5)
    keys = [(p.article_id, p.paragraph) for p in first.passages + second.passages]
    assert len(set(keys)) == 15
    beyond = search(index, "precurs*", page=9, per_page=10)
    assert beyond.page == 2 and any("no page 9" in n for n in beyond.notices)


def test_the_filters_limit_the_search_to_their_articles(index, dataset):
    only_001 = scope(dataset, Filters(article=(A1,)))
    assert only_001 == {A1}
    assert hit_texts(index, "customs", only_001) == ["Customs", "Customs"]
    assert search(index, "customs", only_001).total == 1
    # Xi is named in 000, 002 and 004: "customs" is only in 000 among them.
    xi = scope(dataset, Filters(person=("xi-jinping",)))
    assert xi == {A0, A2, A4}
    assert [p.article_id for p in search(index, "customs", xi).passages] == [A0]
    assert scope(dataset, Filters()) is None


def test_a_passage_knows_its_first_hit_in_the_article(index):
    # "fentanyl" in 002: lines 1, 3, 4 and 6 (one each), so the passages are hits 0..3.
    passages = [p for p in search(index, "fentanyl", per_page=20).passages if p.article_id == A2]
    assert sorted((p.paragraph, p.first_hit) for p in passages) == [(0, 0), (2, 1), (3, 2), (5, 3)]
    assert search(index, "fentanyl", per_page=20).article_hits[A2] == 4


def test_an_added_article_is_searchable(seeds_copy):
    (seeds_copy / "manzanillo.txt").write_text(
        "Port news\n\nInspectors at Manzanillo seized precursors.\n", "utf-8"
    )
    index = index_dataset(load_dataset(DEFAULT_DATA_DIR, seeds_copy))
    (passage,) = search(index, "manzanillo").passages
    assert passage.article_id == "manzanillo"
    text = index.texts["manzanillo"]
    assert [text[a:b] for a, b in passage.hits] == ["Manzanillo"]


# ---- hostile queries and texts ------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        '"fentanyl',
        '"',
        "x" * 10_000,
        "fentanyl\x00",
        "\x00",
        "*",
        "-",
        "OR",
        "NEAR(fentanyl china)",
        "col:fentanyl",
        "'; DROP TABLE passages; --",
        '"""""',
        "(((",
        "",
        "   ",
    ],
)
def test_a_hostile_query_gives_a_notice_or_no_hits(index, typed):
    results = search(index, typed)
    assert results.notices or results.total == 0
    assert not any("could not be run" in n for n in results.notices)
    assert index.size == 91  # every paragraph still there


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_no_query_is_refused_by_sqlite(index, typed):
    results = search(index, typed)
    assert not any("could not be run" in n for n in results.notices), (typed, results.notices)
    for passage in results.passages:
        assert passage.hits


def test_texts_holding_the_marker_characters_keep_exact_offsets():
    # Private-use characters are word characters for FTS5, so they stand apart here.
    text = "\ue000\ue001 a fentanyl \ue002 b\n\ue003 fentanyl \ue004"
    index = build_index({"x": text})
    hits = article_hits(index, "fentanyl", "x")
    assert [text[a:b] for a, b in hits] == ["fentanyl", "fentanyl"]
    assert hits[0] == (text.index("fentanyl"), text.index("fentanyl") + 8)


# ---- CSV and the command line -------------------------------------------------------------


def test_hit_rows(index, dataset):
    rows = hit_rows(index, "customs")
    assert tuple(rows.columns) == HIT_COLUMNS
    assert list(rows["article_id"]) == [A1, A1, A0]
    for row in rows.itertuples():
        assert dataset.texts[row.article_id][row.start : row.end].lower() == "customs"
    assert rows["snippet"][2] == (
        "Given this agreement, the US affirmed that it is up to Mexico to strengthen its "
        "«customs», invest in resources of the Attorney General’s Office and enforce the law "
        "within the country” to…"
    )
    assert len(hit_rows(index, "precurs*", limit=5)) == 5
    assert len(hit_rows(index, "precurs*", limit=0)) == 16


def test_csv_is_spreadsheet_safe(index):
    data = search_csv(index, "customs")
    assert data.startswith(BOM.encode() + HEADER)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["snippet"].count("«") for r in rows] == [1, 1, 1]
    hostile = build_index({"h": "=HYPERLINK(1) fentanyl"})
    assert b',"\'=HYPERLINK(1) \xc2\xabfentanyl\xc2\xbb"\n' in search_csv(hostile, "fentanyl")


def test_the_cli_prints_the_csv_of_the_view(capsysbinary, index, dataset):
    assert main(["search", '"precursor chemicals" OR customs']) == 0
    out, err = capsysbinary.readouterr()
    assert out == search_csv(index, '"precursor chemicals" OR customs')
    assert b"11 hits in 9 passages of 2 articles" in err  # 8 + 3 hits, 7 + 2 passages


def test_the_cli_applies_filters_and_limit(capsysbinary, index, dataset):
    args = ["search", "precurs*", "--person", "xi-jinping", "--limit", "2"]
    assert main(args) == 0
    out, err = capsysbinary.readouterr()
    assert out == search_csv(index, "precurs*", {A0, A2, A4}, 2)
    assert len(out.decode("utf-8-sig").splitlines()) == 3
    assert b"7 hits in 7 passages of 1 article; printed the first 2" in err  # 000's "precursors"
    assert main(["search", "x", "--person", "nobody"]) == 2
    assert main(["search", "x", "--limit", "-1"]) == 2


def test_the_cli_reports_notices(capsysbinary):
    assert main(["search", "--", "-china"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == BOM.encode() + HEADER
    assert b"notice: Nothing to search for" in err


def test_the_cli_as_a_module(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "search", "Manzanillo OR Veracruz"],
        capture_output=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert [r["article_id"] for r in rows] == [A1, A1]  # Veracruz twice in 001, Manzanillo never


# ---- marked text ---------------------------------------------------------------------------


def test_hits_are_marked_inside_names_and_everything_else_is_escaped():
    from dashboard.present import highlight_html, passage_html, scroll_script

    text = "<b>Xi Jinping</b> & López\nXi again"
    xi, jin, lopez = text.index("Xi"), text.index("Jinping"), text.index("López")
    names = [(xi, xi + 10, "person", "Xi <Jinping>")]
    body = highlight_html(text, names, hits=[(jin, jin + 7), (lopez, lopez + 5)], current_hit=1)
    assert (
        '<p>&lt;b&gt;<mark class="person" title="Xi &lt;Jinping&gt;">Xi </mark>'
        '<mark class="person" title="Xi &lt;Jinping&gt;"><mark class="hit" id="pd-hit-0">'
        'Jinping</mark></mark>&lt;/b&gt; &amp; <mark class="hit current" id="pd-hit-1">López'
        "</mark></p>\n<p>Xi again</p>"
    ) in body
    # Without hits, a name is one mark, as before.
    assert '<mark class="person" title="Xi &lt;Jinping&gt;">Xi Jinping</mark>' in highlight_html(
        text, names
    )
    # A passage: no ids (several passages share a page), the rest of the text escaped.
    assert passage_html(text, 0, 25, [(lopez, lopez + 5)]).endswith(
        '<div class="pd-article"><p>&lt;b&gt;Xi Jinping&lt;/b&gt; &amp; '
        '<mark class="hit">López</mark></p></div>'
    )
    assert "<" not in scroll_script(3)[8:-9] and 'getElementById("pd-hit-3")' in scroll_script(3)
