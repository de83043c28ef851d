"""Why two entities are linked: every unit an edge of the co-occurrence network rests on.

An edge's `units` (see `dashboard.network`) are ids: an article id, `<article>#p<n>` for a
paragraph, `<article>#s<n>` for a sentence, an event id. Here each becomes a row with the
place in the article and the unit as text, so a reader sees the sentences behind a line.
"""

from __future__ import annotations

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.network import UNIT_SEPARATOR, cooccurrence_edges
from dashboard.present import article_title
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
) -> pd.DataFrame:
    """One row per shared unit of every edge (or of one `pair`, in either order): columns
    EVIDENCE_COLUMNS. `text` is the paragraph or sentence itself, the article's title for the
    article window, the event's title for the event window. Rows are ordered by pair, then
    article and place (or event date). `edges`, when given, must be cooccurrence_edges(dataset,
    window, include_organizations) or a subset of its rows."""
    if edges is None:
        edges = cooccurrence_edges(dataset, window, include_organizations)
    if pair is not None:
        low, high = sorted(pair)
        edges = edges[(edges["source"] == low) & (edges["target"] == high)]
    rows = []
    texts = _UnitTexts(dataset)
    for source, target, units in zip(edges["source"], edges["target"], edges["units"], strict=True):
        for unit in str(units).split(UNIT_SEPARATOR):
            article_id, paragraph, sentence, event_id = parse_unit(window, unit)
            if window == "sentence":
                paragraph = texts.paragraph_of_sentence(article_id, sentence)
            rows.append(
                {
                    "source": source,
                    "target": target,
                    "window": window,
                    "unit": unit,
                    "article_id": article_id,
                    "paragraph": paragraph,
                    "sentence": sentence,
                    "event_id": event_id,
                    "text": texts.text(window, article_id, paragraph, sentence, event_id),
                    "_order": texts.order(window, event_id),
                }
            )
    frame = pd.DataFrame(rows, columns=[*EVIDENCE_COLUMNS, "_order"])
    frame = frame.astype({"paragraph": _INT, "sentence": _INT})
    frame = frame.sort_values(
        ["source", "target", "_order", "article_id", "paragraph", "sentence", "event_id"],
        kind="stable",
        na_position="first",
    )
    return frame[EVIDENCE_COLUMNS].reset_index(drop=True)


class _UnitTexts:
    """Segmentation of each article done once, and the titles by id."""

    def __init__(self, dataset: Dataset) -> None:
        self._texts = dataset.texts
        self._spans: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int, int]]]] = {}
        self._titles = {
            r["article_id"]: article_title(r) for r in dataset.articles.to_dict("records")
        }
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
