"""Full-text search: building the FTS5 index and answering a query over 1,000 and 10,000
generated articles, against one compiled regular expression scanning the same texts for the
same word in the same run."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.figures import Figure, median, timed
from dashboard.search import build_index, hit_counts, search

# A typical query: one word found in many articles (the generated ones repeat seed paragraphs).
QUERY = "fentanyl"
BASELINE = re.compile(r"\bfentanyl\b", re.IGNORECASE)
LIMIT = 0.1  # seconds for a page of results over 10,000 articles


def _texts(corpus: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))}


def search_figures(corpora: dict[int, Path], repeats: int, log: Callable[[str], None]) -> list:
    """Index build, first page of a query and the hits per article, over 1,000 and 10,000
    articles; the baseline is one regex scan of every text, timed alternately with the query."""
    figures: list[Figure] = []
    for size in (1000, 10_000):
        texts = _texts(corpora[size])
        builds: list[float] = []
        index = None
        for _ in range(repeats):
            index = None  # the previous index is freed before the next is built
            start = time.perf_counter()
            index = build_index(texts)
            builds.append(time.perf_counter() - start)
        times: dict[str, list[float]] = {"regex": [], "query": [], "counts": []}

        def scan(t: dict[str, str] = texts) -> None:
            for text in t.values():
                for _ in BASELINE.finditer(text):
                    pass

        for _ in range(repeats):
            times["regex"].append(timed(scan))
            times["query"].append(timed(lambda i=index: search(i, QUERY)))
            times["counts"].append(timed(lambda i=index: hit_counts(i, QUERY)))
        results = search(index, QUERY)
        log(
            f"search {size}: build {median(builds):.2f} s, query {median(times['query']):.3f} s, "
            f"regex {median(times['regex']):.3f} s ({results.total} passages)"
        )
        regex = median(times["regex"])
        note = f"{size:,} articles, {index.size:,} paragraphs, median of {repeats}"
        figures += [
            Figure(f"Search: index build, {size:,} articles", median(builds), "s", regex,
                   "regex scan", note=note),
            Figure(f"Search: query '{QUERY}', first page, {size:,} articles",
                   median(times["query"]), "s", regex, "regex scan",
                   LIMIT if size == 10_000 else None, "value",
                   note=f"{note}; {results.total:,} passages match"),
            Figure(f"Search: hits per article '{QUERY}', {size:,} articles",
                   median(times["counts"]), "s", regex, "regex scan", note=note),
        ]  # fmt: skip
    return figures
