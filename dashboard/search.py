"""Full-text search over the article texts: SQLite FTS5 (standard library), in memory.

Each paragraph of each article is one row of an FTS5 table tokenized with `unicode61
remove_diacritics 2`, so matching is case- and accent-insensitive ("barcena" finds "Bárcena").
A passage matches when its paragraph contains every word of the query; passages are ranked by
BM25, ties by the article's date (newest first), then by their place in the corpus.

Query language: words (all must match), "exact phrases" (straight or curly quotes), `OR`
between two words or phrases, `-excluded` (or `NOT excluded`), and `prefix*`. The user's text
never reaches MATCH: it is parsed here and rebuilt as quoted FTS5 strings, so a malformed query
gets notices and its best reading, never an error.

Offsets always point into the original article text: FTS5's highlight() copies the paragraph
as stored with markers around each hit, and the markers are characters that occur in no text.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sqlite3
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.filters import Filters, select
from dashboard.text import locate, paragraph_spans, sentence_spans

TOKENIZER = "unicode61 remove_diacritics 2"
MAX_QUERY_CHARS = 500  # longer queries are cut (with a notice)
MAX_TERMS = 32  # words and phrases beyond this are dropped (with a notice)
PER_PAGE = 10
FEW_ARTICLES = 50  # up to this many, an article's hits are read from its own range of rows
DEFAULT_LIMIT = 1000  # hit rows in the CSV unless told otherwise (0: all)
SNIPPET_CONTEXT = 100  # characters of the sentence kept on each side of a hit in a snippet
HIT_COLUMNS: tuple[str, ...] = ("article_id", "paragraph", "sentence", "start", "end", "score",
                                "snippet")  # fmt: skip
COUNT_COLUMNS: tuple[str, ...] = ("article_id", "passages", "hits")
# The query language, for people (the view's help and the README say the same).
SYNTAX = (
    ("words", "fentanyl customs", "every word, in the same paragraph"),
    ('"exact phrase"', '"precursor chemicals"', "the words together, in this order"),
    ("OR", "Veracruz OR Manzanillo", "either word (upper-case OR)"),
    ("-excluded", "fentanyl -China", "paragraphs without the word (also NOT China)"),
    ("prefix*", "precursor*", "words that start so: precursor, precursors"),
)
SYNTAX_NOTE = (
    "Case and accents do not matter (barcena finds Bárcena, sre finds SRE); curly quotes "
    "work like straight ones."
)
# Curly, low and angle double quotes are read as the straight one.
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»″＂", '"'))
_BLANKS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# One item: an optional minus, then a quoted phrase (maybe never closed, maybe with a trailing
# *) or a bare run of characters up to a blank or a quote.
_ITEM = re.compile(
    r'(?P<neg>-(?=\S))?(?:"(?P<phrase>[^"]*)(?P<close>"?)(?P<star>\*?)|(?P<word>[^\s"]+))'
)


class _Tokenizer:
    """FTS5's own tokenizer, run on a scratch table: the words of a query are cut and folded
    exactly as the index cuts and folds the texts (its Unicode tables are SQLite's, not
    Python's)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE scratch USING fts5(body, tokenize='{TOKENIZER}')")
        self._db.execute("CREATE VIRTUAL TABLE scratch_terms USING fts5vocab(scratch, instance)")

    def __call__(self, text: str) -> list[str]:
        with self._lock:
            self._db.execute("INSERT INTO scratch(rowid, body) VALUES (1, ?)", (text,))
            rows = self._db.execute("SELECT term FROM scratch_terms ORDER BY offset").fetchall()
            self._db.execute("DELETE FROM scratch")
        return [term for (term,) in rows]


@functools.cache
def _tokenizer() -> _Tokenizer:
    return _Tokenizer()


def tokens(text: str) -> list[str]:
    """The words FTS5 indexes in a text, folded as it folds them (lower case, no accents)."""
    return _tokenizer()(text)


@dataclass(frozen=True)
class Term:
    """A word, a phrase or a prefix: its folded tokens (in order)."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts(self) -> str:
        """The term as an FTS5 string: always quoted, so no word is read as an operator."""
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")

    def reading(self) -> str:
        """How the term is read, for people: `word`, `"two words"`, `pref*`."""
        text = " ".join(self.words)
        text = f'"{text}"' if len(self.words) > 1 else text
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    """A parsed query: groups that must all match (the terms of a group are alternatives),
    excluded terms, and notices about what was read differently from how it was typed."""

    text: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    notices: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when there is nothing to search for."""
        return not self.groups

    def fts(self) -> str:
        """The FTS5 MATCH expression ("" when empty)."""
        if self.empty:
            return ""
        expression = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in self.groups)
        if self.excluded:
            expression = f"({expression}) NOT (" + " OR ".join(t.fts() for t in self.excluded) + ")"
        return expression

    def reading(self) -> str:
        """The query as it is searched: `fentanyl (china OR mexico) -cuba "precursor chemicals"`."""
        parts = []
        for group in self.groups:
            text = " OR ".join(t.reading() for t in group)
            parts.append(f"({text})" if len(group) > 1 else text)
        parts += ["-" + t.reading() for t in self.excluded]
        return " ".join(parts)


def _show(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def parse_query(text: str) -> Query:
    """Read a query typed by a person; never raises. What is ignored or read differently is
    described in the notices."""
    notices: list[str] = []
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_QUERY_CHARS:
        notices.append(f"The query is long: only its first {MAX_QUERY_CHARS} characters are used.")
        text = text[:MAX_QUERY_CHARS]
    if _CONTROL.search(text):
        notices.append("Control characters in the query were read as spaces.")
        text = _CONTROL.sub(" ", text)
    text = text.translate(_QUOTES)

    items: list[tuple[Term, bool] | str] = []  # (term, excluded) or the operator "OR"
    negate_next = False
    for match in _ITEM.finditer(text):
        word, neg = match.group("word"), bool(match.group("neg"))
        if word in ("OR", "AND", "NOT") and not neg:
            if word == "OR":
                items.append("OR")
            negate_next = word == "NOT"
            continue
        if word is not None:
            prefix = word.endswith("*")
            raw = word.rstrip("*")
        else:
            raw, prefix = match.group("phrase"), bool(match.group("star"))
            if not match.group("close"):
                notices.append(f"A quote was not closed: read {_show(raw)} as a phrase.")
        words = tuple(tokens(raw))
        if not words:
            notices.append(f"Ignored {_show(match.group())}: it has no letters or digits.")
            continue
        items.append((Term(words, prefix), neg or negate_next))
        negate_next = False

    groups: list[list[Term]] = []
    excluded: list[Term] = []
    previous: tuple[Term, bool] | str | None = None
    for i, item in enumerate(items):
        following = items[i + 1] if i + 1 < len(items) else None
        if item == "OR":
            if not (_positive(previous) and _positive(following)):
                notices.append("Ignored an OR without a word to search for on each side.")
        elif isinstance(item, tuple):
            term, is_excluded = item
            if is_excluded:
                excluded.append(term)
            elif previous == "OR" and groups and _positive(items[i - 2] if i >= 2 else None):
                groups[-1].append(term)
            else:
                groups.append([term])
        previous = item
    count = 0
    kept_groups: list[tuple[Term, ...]] = []
    for group in groups:
        kept = group[: max(0, MAX_TERMS - count)]
        count += len(group)
        if kept:
            kept_groups.append(tuple(kept))
    kept_excluded = tuple(excluded[: max(0, MAX_TERMS - count)])
    if count + len(excluded) > MAX_TERMS:
        notices.append(f"Only the first {MAX_TERMS} words and phrases are used.")
    if not kept_groups and kept_excluded:
        notices.append("Nothing to search for: every word is excluded. Add a word without '-'.")
    return Query(text, tuple(kept_groups), kept_excluded, tuple(dict.fromkeys(notices)))


def _positive(item: tuple[Term, bool] | str | None) -> bool:
    return isinstance(item, tuple) and not item[1]


@dataclass(frozen=True)
class Passage:
    """One result: the sentences around the hits of a matching paragraph.

    `start`/`end` delimit the passage and `hits` the matched words, as offsets into the article
    text; `paragraph` and `sentence` (the passage's first) count from 0 like mentions.csv;
    `score` is BM25 with the sign turned (higher is better); `first_hit` is the number of the
    passage's first hit among the article's hits (0-based), for "open at this hit".
    """

    article_id: str
    published: str
    paragraph: int
    sentence: int
    start: int
    end: int
    score: float
    hits: tuple[tuple[int, int], ...]
    first_hit: int = 0


@dataclass(frozen=True)
class SearchResults:
    """One page of results, with the totals over every page."""

    query: Query
    passages: tuple[Passage, ...] = ()
    total: int = 0  # matching passages
    articles: int = 0  # articles with a matching passage
    page: int = 1
    pages: int = 0
    article_hits: dict[str, int] = field(default_factory=dict)  # of the articles on this page
    notices: tuple[str, ...] = ()


class SearchIndex:
    """An in-memory FTS5 index of every paragraph of a set of articles. Safe to share between
    threads (one connection, used under a lock); never modified after it is built.

    Paragraphs are numbered (rowid) newest article first, then in the articles' order and the
    text's, so ordering by (BM25, rowid) breaks ties by date without reading another table.
    """

    def __init__(self, texts: Mapping[str, str], dates: Mapping[str, str]) -> None:
        self.texts = dict(texts)
        self.dates = {a: dates.get(a, "") for a in self.texts}
        self._rows: list[tuple[str, int, int]] = []  # rowid -> (article_id, paragraph, start)
        self._ranges: dict[str, tuple[int, int]] = {}  # article_id -> first and last rowid
        self._sentences: dict[str, list[tuple[int, int, int]]] = {}
        self._lock = threading.Lock()
        self._open, self._close = _free_markers(self.texts.values())
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.execute(f"CREATE VIRTUAL TABLE passages USING fts5(body, tokenize='{TOKENIZER}')")
        db.execute("CREATE TABLE meta(rowid INTEGER PRIMARY KEY, article TEXT)")
        body, meta = [], []
        newest_first = sorted(self.texts, key=lambda a: self.dates[a], reverse=True)  # stable
        for article_id in newest_first:
            text = self.texts[article_id]
            first = len(self._rows)
            for number, (start, end) in enumerate(paragraph_spans(text)):
                rowid = len(self._rows)
                self._rows.append((article_id, number, start))
                body.append((rowid, text[start:end]))
                meta.append((rowid, article_id))
            if len(self._rows) > first:
                self._ranges[article_id] = (first, len(self._rows) - 1)
        db.executemany("INSERT INTO passages(rowid, body) VALUES (?, ?)", body)
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
        db.execute("INSERT INTO passages(passages) VALUES ('optimize')")
        db.commit()
        self._db = db

    @property
    def size(self) -> int:
        """Number of indexed paragraphs."""
        return len(self._rows)

    def row(self, rowid: int) -> tuple[str, int, int]:
        """(article_id, paragraph number, paragraph start) of an indexed paragraph."""
        return self._rows[rowid]

    def sentences(self, article_id: str) -> list[tuple[int, int, int]]:
        """The sentence spans of an article (computed once)."""
        spans = self._sentences.get(article_id)
        if spans is None:
            spans = self._sentences[article_id] = sentence_spans(self.texts.get(article_id, ""))
        return spans

    def _run(self, sql: str, params: tuple) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def matches(
        self, query: Query, articles: Collection[str] | None, limit: int = -1, offset: int = 0
    ) -> list[tuple[int, float]]:
        """(rowid, bm25) of matching paragraphs, best first; ties newest first."""
        source, where, params = _scoped(query, articles)
        sql = (
            f"SELECT passages.rowid, bm25(passages) AS score FROM {source} WHERE {where} "
            "ORDER BY score, passages.rowid LIMIT ? OFFSET ?"
        )
        return self._run(sql, (*params, limit, offset))

    def count(self, query: Query, articles: Collection[str] | None) -> tuple[int, int]:
        """Matching paragraphs and the articles they are in."""
        _, where, params = _scoped(query, articles)
        sql = (
            "SELECT count(*), count(DISTINCT meta.article) FROM passages JOIN meta "
            f"ON meta.rowid = passages.rowid WHERE {where}"
        )
        rows = self._run(sql, params)
        return int(rows[0][0]), int(rows[0][1])

    def highlights(
        self,
        query: Query,
        articles: Collection[str] | None = None,
        rowids: Collection[int] = (),
        count_only: bool = False,
    ) -> dict[int, Any]:
        """The hits of matching paragraphs (of some articles, or some rowids) as offsets into
        their article's text, by rowid; with `count_only`, how many hits each has."""
        head = "SELECT passages.rowid, highlight(passages, 0, ?, ?) FROM "
        markers = (self._open, self._close)
        if rowids:
            sql = head + "passages WHERE passages MATCH ? AND passages.rowid IN "
            sql += "(SELECT value FROM json_each(?))"
            rows = self._run(sql, (*markers, query.fts(), json.dumps(sorted(rowids))))
        elif articles is not None and len(articles) <= FEW_ARTICLES:
            # An article's paragraphs are consecutive rowids: FTS5 reads only that range.
            sql = head + "passages WHERE passages MATCH ? AND rowid BETWEEN ? AND ?"
            ranges = [self._ranges[a] for a in sorted(articles) if a in self._ranges]
            rows = [r for lo, hi in ranges for r in self._run(sql, (*markers, query.fts(), lo, hi))]
        else:
            source, where, params = _scoped(query, articles)
            rows = self._run(f"{head}{source} WHERE {where}", (*markers, *params))
        if count_only:
            return {rowid: marked.count(self._open) for rowid, marked in rows}
        out = {}
        for rowid, marked in rows:
            base = self._rows[rowid][2]
            spans = _marked_spans(marked, self._open, self._close)
            out[rowid] = [(base + a, base + b) for a, b in spans]
        return out


def _scoped(query: Query, articles: Collection[str] | None) -> tuple[str, str, tuple]:
    """FROM, WHERE and parameters for the query's paragraphs within some articles (or all)."""
    if articles is None:
        return "passages", "passages MATCH ?", (query.fts(),)
    return (
        "passages JOIN meta ON meta.rowid = passages.rowid",
        "passages MATCH ? AND meta.article IN (SELECT value FROM json_each(?))",
        (query.fts(), json.dumps(sorted(articles))),
    )


def _free_markers(texts: Collection[str]) -> tuple[str, str]:
    """Two private-use characters that occur in none of the texts."""
    chosen: list[str] = []
    for code in range(0xE000, 0xF900):
        char = chr(code)
        if not any(char in text for text in texts):
            chosen.append(char)
            if len(chosen) == 2:
                return chosen[0], chosen[1]
    raise ValueError("every private-use character occurs in the texts")  # pragma: no cover


def _marked_spans(marked: str, open_: str, close: str) -> list[tuple[int, int]]:
    """(start, end) of each marked stretch, as offsets into the text without the markers."""
    spans, removed = [], 0
    opening = marked.find(open_)
    while opening != -1:
        closing = marked.find(close, opening + 1)
        if closing == -1:
            break
        spans.append((opening - removed, closing - removed - 1))
        removed += 2
        opening = marked.find(open_, closing + 1)
    return spans


def index_dataset(dataset: Dataset) -> SearchIndex:
    """The search index of every article of a dataset (curated and added)."""
    articles = dataset.articles
    dates = dict(zip(articles["article_id"], articles["published"], strict=True))
    return build_index(dataset.texts, dates)


def scope(dataset: Dataset, filters: Filters) -> frozenset[str] | None:
    """The articles a search looks in: those the filters select, or None (all) without
    filters."""
    return frozenset(select(dataset, filters)[0]) if filters.active else None


def build_index(texts: Mapping[str, str], dates: Mapping[str, str] | None = None) -> SearchIndex:
    """The search index of some articles' texts (article_id -> text), with their publication
    dates (ISO, for ties)."""
    return SearchIndex(texts, dates or {})


def _as_query(query: str | Query) -> Query:
    return query if isinstance(query, Query) else parse_query(query)


def _failed(query: Query, exc: sqlite3.Error) -> SearchResults:
    # A safety net: queries are built from quoted strings, so SQLite should never refuse one.
    return SearchResults(query, notices=(*query.notices, f"The search could not be run ({exc})."))


def search(
    index: SearchIndex,
    query: str | Query,
    articles: Collection[str] | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """One page of passages matching the query (within `articles` when given)."""
    parsed = _as_query(query)
    if parsed.empty:
        return SearchResults(parsed, notices=parsed.notices)
    try:
        total, n_articles = index.count(parsed, articles)
        pages = math.ceil(total / per_page)
        notices = list(parsed.notices)
        if pages and not 1 <= page <= pages:
            notices.append(f"There is no page {page}: showing page {min(max(page, 1), pages)}.")
            page = min(max(page, 1), pages)
        ranked = index.matches(parsed, articles, per_page, (page - 1) * per_page) if total else []
        on_page = {index.row(rowid)[0] for rowid, _ in ranked}
        marked = index.highlights(parsed, on_page) if on_page else {}
    except sqlite3.Error as exc:
        return _failed(parsed, exc)
    # Hits of each article on the page, in text order: for counts and each passage's number.
    by_article: dict[str, list[tuple[int, int]]] = {}
    for rowid in sorted(marked):
        by_article.setdefault(index.row(rowid)[0], []).extend(marked[rowid])
    passages = []
    for rowid, score in ranked:
        article_id, number, _ = index.row(rowid)
        hits = marked.get(rowid, [])
        passages.append(_passage(index, article_id, number, score, hits, by_article[article_id]))
    return SearchResults(
        parsed,
        tuple(passages),
        total,
        n_articles,
        page,
        pages,
        {a: len(h) for a, h in by_article.items()},
        tuple(notices),
    )


def _passage(
    index: SearchIndex,
    article_id: str,
    paragraph: int,
    score: float,
    hits: list[tuple[int, int]],
    article_hits: list[tuple[int, int]],
) -> Passage:
    """The hit sentences of a paragraph with one neighbour on each side (within it)."""
    spans = index.sentences(article_id)
    own = [i for i, s in enumerate(spans) if s[2] == paragraph]
    hit_sentences = [locate(spans, start) for start, _ in hits] or own[:1]
    first = max(min(hit_sentences) - 1, own[0])
    last = min(max(hit_sentences) + 1, own[-1])
    first_hit = article_hits.index(hits[0]) if hits else 0
    return Passage(
        article_id,
        index.dates.get(article_id, ""),
        paragraph,
        first,
        spans[first][0],
        spans[last][1],
        round(-score, 6),
        tuple(hits),
        first_hit,
    )


def article_hits(index: SearchIndex, query: str | Query, article_id: str) -> list[tuple[int, int]]:
    """Every hit of the query in one article (in its matching paragraphs), in text order."""
    parsed = _as_query(query)
    if parsed.empty or article_id not in index.texts:
        return []
    try:
        marked = index.highlights(parsed, [article_id])
    except sqlite3.Error:
        return []
    return [hit for rowid in sorted(marked) for hit in marked[rowid]]


def hit_counts(
    index: SearchIndex, query: str | Query, articles: Collection[str] | None = None
) -> pd.DataFrame:
    """Matching passages and hits per article, most hits first (ties by article_id): columns
    article_id, passages, hits."""
    parsed = _as_query(query)
    counts: dict[str, list[int]] = {}
    if not parsed.empty:
        try:
            numbers = index.highlights(parsed, articles, count_only=True)
        except sqlite3.Error:
            numbers = {}
        for rowid, hits in numbers.items():
            entry = counts.setdefault(index.row(rowid)[0], [0, 0])
            entry[0] += 1
            entry[1] += hits
    frame = pd.DataFrame(
        [(a, p, h) for a, (p, h) in counts.items()], columns=list(COUNT_COLUMNS)
    ).astype({"passages": int, "hits": int})
    return frame.sort_values(["hits", "article_id"], ascending=[False, True], ignore_index=True)


def hit_rows(
    index: SearchIndex,
    query: str | Query,
    articles: Collection[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> pd.DataFrame:
    """One row per hit, passages best first and hits in text order, at most `limit` rows (0:
    all): columns article_id, paragraph, sentence (0-based, as in mentions.csv), start, end
    (text[start:end] is the hit), score (BM25, higher is better) and snippet (the hit's
    sentence with the hit between « and »)."""
    parsed = _as_query(query)
    rows: list[tuple] = []
    if not parsed.empty:
        try:
            # Every passage has at least one hit, so `limit` passages give enough rows.
            ranked = index.matches(parsed, articles, limit if limit > 0 else -1)
            marked = index.highlights(parsed, articles, [r for r, _ in ranked]) if ranked else {}
        except sqlite3.Error:
            ranked, marked = [], {}
        for rowid, score in ranked:
            article_id, paragraph, _ = index.row(rowid)
            text, spans = index.texts[article_id], index.sentences(article_id)
            for start, end in marked.get(rowid, []):
                sentence = locate(spans, start)
                rows.append(
                    (article_id, paragraph, sentence, start, end, round(-score, 6),
                     snippet(text, spans[sentence][:2], start, end))
                )  # fmt: skip
    if limit > 0:
        rows = rows[:limit]
    return pd.DataFrame(rows, columns=list(HIT_COLUMNS)).astype(
        {"paragraph": int, "sentence": int, "start": int, "end": int, "score": float}
    )


def snippet(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The sentence around a hit on one line, the hit between « and », cut to
    SNIPPET_CONTEXT characters on each side."""
    before = _BLANKS.sub(" ", text[min(sentence[0], start) : start])
    after = _BLANKS.sub(" ", text[end : max(sentence[1], end)])
    if len(before) > SNIPPET_CONTEXT:  # cut at a blank, so no word is shown in part
        kept = before[-SNIPPET_CONTEXT:]
        before = "…" + kept[kept.find(" ") + 1 :]
    if len(after) > SNIPPET_CONTEXT:
        kept = after[:SNIPPET_CONTEXT]
        after = kept[: kept.rfind(" ")] + "…" if " " in kept else kept + "…"
    return f"{before}«{_BLANKS.sub(' ', text[start:end])}»{after}"


def search_csv(
    index: SearchIndex,
    query: str | Query,
    articles: Collection[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> bytes:
    """The hit rows as spreadsheet-safe CSV (the export's writer): the bytes the command line
    prints and the Search view offers."""
    from dashboard.export import csv_bytes

    return csv_bytes(hit_rows(index, query, articles, limit))
