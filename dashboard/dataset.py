"""The Dataset: every curated table, the article texts and the mentions found in them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import schema
from dashboard.dates import overall_span
from dashboard.problems import DataError
from dashboard.seeds import load_articles
from dashboard.validation import read_tables
from dashboard.verdict import validate_remembered

MENTIONS_TABLE = "mentions"


@dataclass(frozen=True)
class Dataset:
    """The curated tables (columns as in data/*.csv, all cells strings) plus what is derived.

    `articles` adds the boolean column `curated` (False for articles a user dropped into seeds/)
    and `lead`, the first words of its text (what labels an article without a title);
    `texts` maps article_id to its text; `mentions` has the columns of
    `dashboard.mentions.MENTION_COLUMNS`; `warnings` lists skipped files and other notices.
    """

    countries: pd.DataFrame
    articles: pd.DataFrame
    organizations: pd.DataFrame
    people: pd.DataFrame
    locations: pd.DataFrame
    events: pd.DataFrame
    event_sources: pd.DataFrame
    participants: pd.DataFrame
    event_sides: pd.DataFrame
    topics: pd.DataFrame
    event_topics: pd.DataFrame
    propositions: pd.DataFrame
    claims: pd.DataFrame
    mentions: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def table(self, name: str) -> pd.DataFrame:
        """A table by name (a curated table or `mentions`)."""
        if name not in TABLE_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def replace_tables(self, **tables: pd.DataFrame) -> Dataset:
        """A copy with some tables replaced (used by filters)."""
        return replace(self, **tables)


TABLE_NAMES: tuple[str, ...] = (*schema.TABLES, MENTIONS_TABLE)


def data_span(dataset: Dataset) -> tuple[date, date] | None:
    """The first and last day that the events and the articles' publication dates stand for
    at their precision; None when nothing is dated."""
    events, articles = dataset.events, dataset.articles
    return overall_span(
        itertools.chain(
            zip(events["start_date"], events["end_date"], events["date_precision"], strict=True),
            (
                (published, "", precision)
                for published, precision in zip(
                    articles["published"], articles["date_precision"], strict=True
                )
            ),
        )
    )


def load_dataset(data: Path | str | None = None, seeds: Path | str | None = None) -> Dataset:
    """Read, validate and assemble the dataset; raises DataError listing every problem."""
    from dashboard.mention_index import indexed_mentions  # heavy: pandas, the matcher

    folder = schema.data_dir(data)
    seed_folder = schema.seeds_dir(seeds)
    tables = read_tables(folder)
    curated_texts: dict[str, str] = {}  # read once, by validation, to check the quotes
    # Validated again only when a file changed (the verdict is remembered by their hashes).
    problems, verdict_notices = validate_remembered(tables, seed_folder, folder, curated_texts)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(problems)
    warnings = [str(p) for p in problems if p.severity == "warning"]
    frames = {name: t.frame for name, t in tables.items()}
    articles, texts, seed_warnings = load_articles(frames["articles"], seed_folder, curated_texts)
    frames["articles"] = articles
    # Mentions come from the index on disk where an article was scanned before.
    mentions, run = indexed_mentions(texts, frames["people"], frames["organizations"])
    return Dataset(
        **frames,
        mentions=mentions,
        texts=texts,
        warnings=tuple(warnings + verdict_notices + seed_warnings + list(run.notices)),
    )
