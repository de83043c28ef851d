"""Cost per article of each stage of loading, for docs/scaling.md: read the files, fold the
texts, match the aliases, segment paragraphs and sentences, and the co-occurrence network
(the self-join of the mention table, then the graph with its centrality); and the memory of
the mention table. Taken over corpora of growing size, so that a stage that grows faster
than the articles shows."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.figures import Figure, timed
from dashboard.mention_index import indexed_mentions
from dashboard.mentions import MentionMatcher, entities_from_tables, folded_text
from dashboard.seeds import read_text
from dashboard.text import paragraph_spans, sentence_spans

MICRO = 1e6


def _per_article(name: str, seconds: float, articles: int, note: str) -> Figure:
    return Figure(name, seconds / articles * MICRO, "µs/article", note=note)


def stage_figures(corpora: dict[int, Path], log: Callable[[str], None]) -> list[Figure]:
    """Per corpus size: µs per article of each stage (once each: these are the figures of a
    projection, not a target), mentions per article and the mention table's bytes per row."""
    return [f for size, corpus in sorted(corpora.items()) for f in _stages(size, corpus, log)]


def _stages(size: int, corpus: Path, log: Callable[[str], None]) -> list[Figure]:
    from dashboard.dataset import load_dataset
    from dashboard.network import build_cooccurrence_graph, cooccurrence_edges

    load = os.getloadavg()[0]
    paths = sorted(corpus.glob("*.txt"))
    texts: dict[str, str] = {}
    read = timed(lambda: texts.update((p.stem, read_text(p)[0] or "") for p in paths))
    megabytes = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6
    fold = timed(lambda: [folded_text(t) for t in texts.values()])
    dataset = load_dataset(None, corpus)  # the mention index: built here if not yet
    matcher = MentionMatcher(entities_from_tables(dataset.people, dataset.organizations))
    match = timed(lambda: [matcher.find(t) for t in texts.values()])
    segment = timed(lambda: [(paragraph_spans(t), sentence_spans(t)) for t in texts.values()])
    index = timed(lambda: indexed_mentions(dataset.texts, dataset.people, dataset.organizations))
    edges = {}
    join = {}
    for window in ("article", "sentence"):
        start = time.perf_counter()
        edges[window] = cooccurrence_edges(dataset, window, True)
        join[window] = time.perf_counter() - start
    graph = timed(lambda: build_cooccurrence_graph(dataset, "article", True, edges["article"]))
    mentions = len(dataset.mentions)
    table_bytes = int(dataset.mentions.memory_usage(deep=True).sum())
    note = f"{size:,} articles, {megabytes:.1f} MB, once; load average {load:.1f}"
    log(
        f"stages {size}: read {read:.2f} s, fold {fold:.2f} s, match {match:.2f} s, "
        f"segment {segment:.2f} s, index {index:.2f} s, join {join}, graph {graph:.2f} s"
    )
    n = len(texts)
    edge_notes = {w: f"{len(e):,} edges; {note}" for w, e in edges.items()}
    size_mb = f"{mentions:,} mentions, {table_bytes / 2**20:.0f} MB"
    return [
        _per_article(f"Stage read, {size:,}", read, n, note),
        _per_article(f"Stage fold, {size:,}", fold, n, note),
        _per_article(f"Stage match (MentionMatcher.find), {size:,}", match, n, note),
        _per_article(f"Stage segment (paragraphs, sentences), {size:,}", segment, n, note),
        _per_article(f"Stage second load from the index, {size:,}", index, n, note),
        _per_article(
            f"Stage network: edges, article window, {size:,}",
            join["article"],
            n,
            edge_notes["article"],
        ),
        _per_article(
            f"Stage network: edges, sentence window, {size:,}",
            join["sentence"],
            n,
            edge_notes["sentence"],
        ),
        _per_article(f"Stage network: graph and centrality, {size:,}", graph, n, note),
        Figure(f"Mentions per article, {size:,}", mentions / n, "", note=note),
        Figure(
            f"Mention table, bytes per mention (pandas, deep), {size:,}",
            table_bytes / max(mentions, 1),
            "B",
            note=size_mb,
        ),
    ]
