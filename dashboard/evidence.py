"""Why two entities are linked: every unit an edge of the co-occurrence network rests on.

An edge's `units` (see `dashboard.network`) are ids: an article id, `<article>#p<n>` for a
paragraph, `<article>#s<n>` for a sentence, an event id. Here each becomes a row with the
place in the article and the unit as text, so a reader sees the sentences behind a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.dataset import Dataset
from dashboard.filters import isin
from dashboard.network import UNIT_SEPARATOR, cooccurrence_edges
from dashboard.present import article_titles
from dashboard.text import paragraph_spans, sentence_spans

EVIDENCE_COLUMNS = [
    "source", "target", "window", "unit", "article_id", "paragraph", "sentence", "event_id",
    "text",
]  # fmt: skip
_INT = "Int64"  # paragraph and sentence are empty where the window has none


def parse_unit(window: str, unit: str) -> tuple[str, int | None, int | None, str]:
    """A unit id as (article_id, paragraph, sentence, event_id); absent parts are "" or None.
    The paragraph of a sentence is not in its id (see edge_evidence)."""
    if window == "event":
        return "", None, None, unit
    if window == "article":
        return unit, None, None, ""
    marker = "#p" if window == "paragraph" else "#s"
    article_id, _, index = unit.rpartition(marker)
    number = int(index)
    return (
        (article_id, number, None, "") if window == "paragraph" else (article_id, None, number, "")
    )


def edge_evidence(
    dataset: Dataset,
    window: str = "article",
    include_organizations: bool = False,
    edges: pd.DataFrame | None = None,
    pair: tuple[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per shared unit of every edge (or of one `pair`, in either order): columns
    EVIDENCE_COLUMNS. `text` is the paragraph or sentence itself, the article's title for the
    article window, the event's title for the event window. Rows are ordered by pair, then
    article and place (or event date). `edges`, when given, must be cooccurrence_edges(dataset,
    window, include_organizations) or a subset of its rows; `titles`, when given, the
    present.article_titles of the dataset's articles (or of a table that holds them)."""
    if edges is None:
        edges = cooccurrence_edges(dataset, window, include_organizations)
    if pair is not None:
        low, high = sorted(pair)
        edges = edges[(edges["source"] == low) & (edges["target"] == high)]
    texts = _UnitTexts(dataset, titles)
    # Every (edge, unit) row, split by Arrow; each distinct unit is read and cut out once.
    lists = pc.split_pattern(
        pa.array(edges["units"].to_numpy(dtype=object), type=pa.large_string()), UNIT_SEPARATOR
    )
    parent = pc.list_parent_indices(lists).to_numpy()
    encoded = pc.dictionary_encode(pc.list_flatten(lists))
    units = encoded.dictionary.to_pylist()
    per_unit = []
    for unit in units:
        article_id, paragraph, sentence, event_id = parse_unit(window, unit)
        if window == "sentence":
            paragraph = texts.paragraph_of_sentence(article_id, sentence)
        text = texts.text(window, article_id, paragraph, sentence, event_id)
        per_unit.append((unit, article_id, paragraph, sentence, event_id, text,
                         texts.order(window, event_id)))  # fmt: skip
    columns = ["unit", "article_id", "paragraph", "sentence", "event_id", "text", "_order"]
    by_unit = {c: np.array([u[i] for u in per_unit], dtype=object) for i, c in enumerate(columns)}
    code = encoded.indices.to_numpy(zero_copy_only=False)
    frame = pd.DataFrame(
        {
            "source": edges["source"].to_numpy(dtype=object)[parent],
            "target": edges["target"].to_numpy(dtype=object)[parent],
            "window": np.full(len(code), window, dtype=object),
            **{c: values[code] for c, values in by_unit.items()},
        },
        columns=[*EVIDENCE_COLUMNS, "_order"],
    )
    frame = frame.astype({"paragraph": _INT, "sentence": _INT})
    frame = frame.sort_values(
        ["source", "target", "_order", "article_id", "paragraph", "sentence", "event_id"],
        kind="stable",
        na_position="first",
    )
    return frame[EVIDENCE_COLUMNS].reset_index(drop=True)


def pair_evidence(
    dataset: Dataset,
    window: str,
    edges: pd.DataFrame,
    pair: tuple[str, str],
    first: int,
    titles: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, int]:
    """The first `first` rows of edge_evidence(dataset, window, edges=edges, pair=pair) and how
    many rows it has in all. Text units are ordered by article first, so those rows come from
    the pair's first articles (by id): only those are segmented and cut, not the thousands of
    articles a strong pair shares at 10,000 articles. The event window (ordered by date, and
    small) takes the whole table."""
    low, high = sorted(pair)
    mine = edges[(edges["source"] == low) & (edges["target"] == high)]
    units = [u for text in mine["units"] for u in str(text).split(UNIT_SEPARATOR) if u]
    if window == "event" or len(units) <= first:
        rows = edge_evidence(dataset, window, edges=mine, titles=titles)
        return rows.head(first).reset_index(drop=True), len(rows)
    articles = [parse_unit(window, unit)[0] for unit in units]
    count: dict[str, int] = {}
    for article_id in articles:
        count[article_id] = count.get(article_id, 0) + 1
    needed: set[str] = set()
    rows_so_far = 0
    for article_id in sorted(count):  # the order edge_evidence sorts articles in
        if rows_so_far >= first:
            break
        needed.add(article_id)
        rows_so_far += count[article_id]
    kept = UNIT_SEPARATOR.join(u for u, a in zip(units, articles, strict=True) if a in needed)
    fewer = mine.head(1).assign(units=pd.array([kept], dtype=mine["units"].dtype))
    rows = edge_evidence(dataset, window, edges=fewer, titles=titles)
    return rows.head(first).reset_index(drop=True), len(units)


class _UnitTexts:
    """Segmentation of each article done once, and the titles by id."""

    def __init__(self, dataset: Dataset, titles: Mapping[str, str] | None = None) -> None:
        self._texts = dataset.texts
        self._spans: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int, int]]]] = {}
        self._titles = titles if titles is not None else article_titles(dataset.articles)
        events = dataset.events
        self._events = dict(zip(events["event_id"], events["title"], strict=True))
        self._dates = dict(zip(events["event_id"], events["start_date"], strict=True))

    def _segments(
        self, article_id: str
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
        if article_id not in self._spans:
            text = self._texts.get(article_id, "")
            self._spans[article_id] = (paragraph_spans(text), sentence_spans(text))
        return self._spans[article_id]

    def paragraph_of_sentence(self, article_id: str, sentence: int | None) -> int | None:
        sentences = self._segments(article_id)[1]
        if sentence is None or not 0 <= sentence < len(sentences):
            return None
        return sentences[sentence][2]

    def text(
        self,
        window: str,
        article_id: str,
        paragraph: int | None,
        sentence: int | None,
        event_id: str,
    ) -> str:
        if window == "event":
            return self._events.get(event_id, event_id)
        if window == "article":
            return self._titles.get(article_id, article_id)
        body = self._texts.get(article_id, "")
        paragraphs, sentences = self._segments(article_id)
        spans = sentences if window == "sentence" else paragraphs
        index = sentence if window == "sentence" else paragraph
        if index is None or not 0 <= index < len(spans):
            return ""
        return body[spans[index][0] : spans[index][1]]

    def order(self, window: str, event_id: str) -> str:
        # Events read best in time order; other units by their place in the article.
        return self._dates.get(event_id, "") if window == "event" else ""


# --- what a view shows for one pair -----------------------------------------------------------

SENDER, RECIPIENT = "sender", "recipient"


def unit_span(dataset: Dataset, window: str, row: Mapping[str, object]) -> tuple[int, int] | None:
    """Where a paragraph or sentence evidence row lies in its article, as (start, end)."""
    text = dataset.texts.get(str(row["article_id"]), "")
    if window == "paragraph" and not pd.isna(row["paragraph"]):
        spans, index = paragraph_spans(text), int(row["paragraph"])
    elif window == "sentence" and not pd.isna(row["sentence"]):
        spans, index = sentence_spans(text), int(row["sentence"])
    else:
        return None
    return (spans[index][0], spans[index][1]) if 0 <= index < len(spans) else None


def mention_marks(
    dataset: Dataset, article_id: str, entity_ids: Iterable[str], names: Mapping[str, str]
) -> list[tuple[int, int, str, str]]:
    """The mentions of some entities in one article as (start, end, entity_type, name) spans,
    the form dashboard.present.highlight_html marks."""
    m = dataset.mentions
    m = m[(m["article_id"] == article_id) & m["entity_id"].isin(list(entity_ids))]
    return [
        (int(r.start), int(r.end), r.entity_type, names.get(r.entity_id, r.entity_id))
        for r in m.itertuples()
    ]


def with_mentions_of(
    dataset: Dataset, article_ids: Iterable[str], entity_ids: Iterable[str]
) -> Dataset:
    """The dataset with only the mentions of these entities in these articles: what
    mention_marks and naming_sentences read for a few articles (their results are the same),
    picked from the 400,000 mention rows of 10,000 articles once rather than once a call."""
    m = dataset.mentions
    kept = isin(m["article_id"], set(article_ids)) & isin(m["entity_id"], set(entity_ids))
    return dataset.replace_tables(mentions=m[kept])


def naming_sentences(
    dataset: Dataset, article_id: str, entity_ids: Iterable[str]
) -> list[tuple[int, int]]:
    """The sentences of an article that name any of the entities, as (start, end), in order."""
    m = dataset.mentions
    m = m[(m["article_id"] == article_id) & m["entity_id"].isin(list(entity_ids))]
    spans = sentence_spans(dataset.texts.get(article_id, ""))
    wanted = sorted({int(i) for i in m["sentence"]})
    return [(spans[i][0], spans[i][1]) for i in wanted if 0 <= i < len(spans)]


def participations(dataset: Dataset, event_id: str, entity_ids: Iterable[str]) -> pd.DataFrame:
    """How the entities take part in an event: participants.csv rows (entity_id, role, side,
    article_id, quote), in the order of entity_ids."""
    parts = dataset.participants
    parts = parts[(parts["event_id"] == event_id) & parts["entity_id"].isin(list(entity_ids))]
    order = {entity: i for i, entity in enumerate(entity_ids)}
    parts = parts.assign(_o=parts["entity_id"].map(order)).sort_values(["_o", "article_id"])
    return parts[["entity_id", "role", "side", "article_id", "quote"]].reset_index(drop=True)


def directed_pairs(dataset: Dataset) -> list[tuple[str, str]]:
    """(sender, recipient) for every event (a letter, a message) with both roles recorded."""
    parts = dataset.participants
    senders = parts[parts["role"] == SENDER][["event_id", "entity_id"]]
    recipients = parts[parts["role"] == RECIPIENT][["event_id", "entity_id"]]
    both = senders.merge(recipients, on="event_id", suffixes=("_s", "_r"))
    pairs = zip(both["entity_id_s"], both["entity_id_r"], strict=True)
    return sorted({(s, r) for s, r in pairs if s != r})


def strongest_edges(edges: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Edges strongest first, with names: columns pair ("a,b" as in a link), source, target
    (names), weight."""
    ordered = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True])
    return pd.DataFrame(
        {
            "pair": (ordered["source"] + "," + ordered["target"]).tolist(),
            "source": ordered["source"].map(names).fillna(ordered["source"]).tolist(),
            "target": ordered["target"].map(names).fillna(ordered["target"]).tolist(),
            "weight": ordered["weight"].astype("int64").tolist(),
        }
    )


def parse_pair(text: str, entity_ids: Iterable[str]) -> str | None:
    """A pair from a link ("a,b", either order) as "a,b" sorted, or None unless both are
    known, different entities."""
    one, comma, other = text.partition(",")
    known = set(entity_ids)
    if not comma or one == other or one not in known or other not in known:
        return None
    return ",".join(sorted((one, other)))
