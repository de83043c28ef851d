"""The one boundary between Streamlit and the plain modules: every cache lives here.

Loading, mention finding, network building and the search index run once per process for a
given state of the data and seeds folders (their file names, sizes and modification times are
part of the key, so an article dropped into seeds/ is picked up on the next rerun, and one
edited in place within a second). Cached
objects are shared by all sessions and never modified: filters build new tables. Filtered
results are keyed by the canonical filters (`Filters.key`), held for a few links and a time to
live, and a cut is held as the rows it keeps rather than as a copy of the tables.
"""

from __future__ import annotations

import hashlib
import os
import time
import weakref
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from dashboard import schema
from dashboard.dataset import Dataset, data_span, load_dataset
from dashboard.filters import (
    Filters,
    Index,
    Positions,
    Rows,
    build_index,
    cut_rows,
    facet_counts,
    id_kinds,
    mention_positions,
    take_rows,
    valid_ids,
)
from dashboard.network import (
    WINDOWS,
    Incidence,
    MentionCounts,
    SharedUnits,
    coded_incidence,
    graph_from_codes,
    mention_counts,
    shared_edges,
    shared_units,
    time_period,
)
from dashboard.present import article_titles, mention_contexts
from dashboard.problems import DataError, Problem
from dashboard.search import SearchIndex, hit_counts, index_dataset, search_csv
from dashboard.search import article_hits as search_article_hits

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Loaded:
    """The dataset, or the problems that stopped it from loading."""

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    key: tuple = ()


# A folder's listing is read again when the folder itself changed (a file added, removed or
# renamed changes its modification time at once) or RECHECK_SECONDS after the last reading (a
# file edited in place): statting 10,000 articles at every rerun took a fifth of a filter change.
RECHECK_SECONDS = 1.0
_listings: dict[str, tuple[int, float, str]] = {}  # folder: (its mtime, read at, fingerprint)


def _fingerprint(folder: Path) -> str:
    """A digest of a folder's file names, sizes and modification times (a short cache key:
    Streamlit hashes the key on every rerun, and a thousand articles make a long tuple)."""
    try:
        changed = os.stat(folder).st_mtime_ns
        known = _listings.get(str(folder))
        now = time.monotonic()
        if known and known[0] == changed and now - known[1] < RECHECK_SECONDS:
            return known[2]
        with os.scandir(folder) as found:  # no Path per file: 10,000 files in tens of ms
            entries = sorted((e.name, e.stat()) for e in found if e.is_file())
    except OSError:
        return ""
    listing = "".join(f"{name}\0{s.st_size}\0{s.st_mtime_ns}\n" for name, s in entries)
    digest = hashlib.sha256(listing.encode()).hexdigest()
    _listings[str(folder)] = (changed, now, digest)
    return digest


def folders_key() -> tuple[str, str, str, str]:
    """Which folders are loaded and what state they are in."""
    data, seeds = schema.data_dir(), schema.seeds_dir()
    return (str(data), str(seeds), _fingerprint(data), _fingerprint(seeds))


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def _load(key: tuple) -> Loaded:
    data, seeds = key[0], key[1]
    try:
        return Loaded(load_dataset(data, seeds), [], key)
    except DataError as exc:
        return Loaded(None, exc.problems, key)


def load() -> Loaded:
    """The dataset for the current folders (cached per process)."""
    return _load(folders_key())


@st.cache_resource(max_entries=4, show_spinner=False)
def _index(key: tuple, kinds: tuple[str, ...]) -> dict[str, Index]:
    dataset = _load(key).dataset
    assert dataset is not None
    return build_index(dataset, kinds)


def index(loaded: Loaded) -> dict[str, Index]:
    """What every id of every filter kind selects (cached per folders state and kinds)."""
    return _index(loaded.key, id_kinds())


@st.cache_resource(max_entries=4, show_spinner=False)
def _positions(key: tuple) -> Positions:
    dataset = _load(key).dataset
    assert dataset is not None
    return mention_positions(dataset)


@st.cache_resource(max_entries=4, show_spinner=False)
def _valid_ids(key: tuple, kinds: tuple[str, ...]) -> dict[str, dict[str, str]]:
    dataset = _load(key).dataset
    assert dataset is not None
    return valid_ids(dataset)


def options(loaded: Loaded) -> dict[str, dict[str, str]]:
    """Every valid id of every filter kind with its display name (`filters.valid_ids`), built
    once per folders state: the sidebar asks for them at every run, and naming 10,000
    articles takes a third of a second."""
    return _valid_ids(loaded.key, id_kinds())


# Entries are held by every session of the process, so they are few and expire: a cut is held
# as the row positions it keeps (small), never as a copy of the tables, and its tables are taken
# from the shared dataset at each run and freed with it. A link followed again after the time to
# live is simply recomputed.
TTL_SECONDS = 15 * 60
SELECTIONS = 32  # row positions, facet counts: kilobytes to a few MB each at 10,000 articles
NETWORKS = 4  # edge tables, graphs, dated units, contexts: larger, and one view asks for them


@st.cache_resource(max_entries=SELECTIONS, ttl=TTL_SECONDS, show_spinner=False)
def _rows(key: tuple, query: tuple, _filters: Filters) -> Rows | None:
    dataset = _load(key).dataset
    assert dataset is not None
    return cut_rows(dataset, _filters, _index(key, id_kinds()), _positions(key))


# The cut tables a run is using, while something holds them (the run's view context): the
# edges, the graph and the contexts built in the same run take them from here rather than
# taking 400,000 mention rows again. Nothing is kept once the run lets go of them.
_taken: weakref.WeakValueDictionary[tuple, Dataset] = weakref.WeakValueDictionary()


def _subset(key: tuple, query: tuple, filters: Filters) -> Dataset:
    found = _taken.get((key, query))
    if found is not None:
        return found
    dataset = _load(key).dataset
    assert dataset is not None
    subset = take_rows(dataset, _rows(key, query, filters))
    if subset is not dataset:  # no filter: the dataset itself, held by _load anyway
        _taken[(key, query)] = subset
    return subset


@st.cache_resource(max_entries=SELECTIONS, ttl=TTL_SECONDS, show_spinner=False)
def _counts(key: tuple, query: tuple, _filters: Filters) -> dict:
    dataset = _load(key).dataset
    assert dataset is not None
    return facet_counts(dataset, _filters, _index(key, id_kinds()))


def counts(loaded: Loaded, filters: Filters) -> dict[str, dict[str, int]]:
    """The sidebar's facet counts for these filters (cached)."""
    return _counts(loaded.key, filters.key(), filters)


def filtered(loaded: Loaded, filters: Filters) -> Dataset:
    """The dataset cut by the filters: which rows it keeps is cached per folders state and
    canonical filters; the tables are taken from the shared dataset for this run only."""
    return _subset(loaded.key, filters.key(), filters)


@st.cache_resource(max_entries=4, show_spinner=False)
def _titles(key: tuple) -> dict[str, str]:
    dataset = _load(key).dataset
    assert dataset is not None
    return article_titles(dataset.articles)


def titles(loaded: Loaded) -> dict[str, str]:
    """What to call every article, by id (built once per folders state, not per run)."""
    return _titles(loaded.key)


@st.cache_resource(max_entries=4, show_spinner=False)
def _data_span(key: tuple) -> tuple[date, date] | None:
    dataset = _load(key).dataset
    assert dataset is not None
    return data_span(dataset)


def date_span(loaded: Loaded) -> tuple[date, date] | None:
    """The first and last day of the data's events and articles (once per folders state)."""
    return _data_span(loaded.key)


# The network's codes for the whole dataset, once per folders state, window and choice of
# organizations: a cut's network takes its rows by the articles it keeps, so no filter change
# reads the ids of 400,000 mentions again (issue 19).
@st.cache_resource(max_entries=4 * len(WINDOWS) * 2, show_spinner="Indexing the network…")
def _incidence(key: tuple, window: str, orgs: bool) -> Incidence:
    dataset = _load(key).dataset
    assert dataset is not None
    return coded_incidence(dataset, window, orgs)


@st.cache_resource(max_entries=4, show_spinner=False)
def _mention_counts(key: tuple) -> MentionCounts:
    dataset = _load(key).dataset
    assert dataset is not None
    return mention_counts(dataset)


def _cut_incidence(
    key: tuple, query: tuple, window: str, orgs: bool, filters: Filters
) -> Incidence:
    """The incidence of a cut: the whole dataset's, within the articles the cut keeps (a few
    ms: not cached)."""
    if window == "event":  # participants are cut by events and articles: a small table
        return coded_incidence(_subset(key, query, filters), window, orgs)
    incidence = _incidence(key, window, orgs)
    rows = _rows(key, query, filters)
    return incidence if rows is None else incidence.within(rows["articles"])


@st.cache_resource(max_entries=NETWORKS, ttl=TTL_SECONDS, show_spinner=False)
def _edges(key: tuple, query: tuple, window: str, orgs: bool, _filters: Filters) -> pd.DataFrame:
    # The shared units (millions of rows for a popular person) are not kept: the edges are.
    return shared_edges(shared_units(_cut_incidence(key, query, window, orgs, _filters)))


def edges(
    loaded: Loaded, filters: Filters, window: str, include_organizations: bool
) -> pd.DataFrame:
    """The co-occurrence edges of the filtered dataset (network.EDGE_COLUMNS), cached: the
    Network view, its downloads and People's co-mentions read the same table."""
    return _edges(loaded.key, filters.key(), window, include_organizations, filters)


@st.cache_resource(max_entries=NETWORKS, ttl=TTL_SECONDS, show_spinner="Building the network…")
def _graph(key: tuple, query: tuple, window: str, orgs: bool, _filters: Filters) -> nx.Graph:
    # Built on the cached edge table: its unit strings are the table's, not copies.
    table = _edges(key, query, window, orgs, _filters)
    incidence = _cut_incidence(key, query, window, orgs, _filters)
    counts = _mention_counts(key)
    rows = _rows(key, query, _filters)
    if rows is not None:
        counts = counts.within(rows["articles"])
    # The cut's people and organizations: taken for this run anyway (the view's context).
    return graph_from_codes(_subset(key, query, _filters), incidence, counts, table)


def graph(loaded: Loaded, filters: Filters, window: str, include_organizations: bool) -> nx.Graph:
    """The co-occurrence graph of the filtered dataset (cached)."""
    return _graph(loaded.key, filters.key(), window, include_organizations, filters)


@st.cache_resource(max_entries=NETWORKS, ttl=TTL_SECONDS, show_spinner=False)
def _contexts(
    key: tuple, query: tuple, entity_id: str, articles: int | None, _filters: Filters
) -> tuple[pd.DataFrame, int]:
    subset = _subset(key, query, _filters)
    mine = (subset.mentions["entity_id"] == entity_id).to_numpy()
    total = subset.mentions["article_id"][mine].nunique()
    return mention_contexts(subset, entity_id, articles), total


def contexts(
    loaded: Loaded, filters: Filters, entity_id: str, articles: int | None = None
) -> tuple[pd.DataFrame, int]:
    """The mentions of an entity in its first `articles` filtered articles (all for None), with
    their sentences, and how many articles name it (cached: People asks again for the same
    person at every click)."""
    return _contexts(loaded.key, filters.key(), entity_id, articles, filters)


@st.cache_resource(max_entries=NETWORKS, ttl=TTL_SECONDS, show_spinner=False)
def _time_units(
    key: tuple, query: tuple, window: str, orgs: bool, _filters: Filters
) -> tuple[SharedUnits, tuple[str, str]]:
    shared = shared_units(_cut_incidence(key, query, window, orgs, _filters))
    return shared, time_period(shared)


def time_units(
    loaded: Loaded, filters: Filters, window: str, include_organizations: bool
) -> tuple[SharedUnits, tuple[str, str]]:
    """The dated units of the filtered network (the rows of edge_units and entity_units, as
    codes) and the period the time control spans (network.time_period), cached: the play
    counts its frames from them at every run."""
    return _time_units(loaded.key, filters.key(), window, include_organizations, filters)


@st.cache_resource(max_entries=4, show_spinner="Indexing the texts for search…")
def _search_index(key: tuple) -> SearchIndex:
    dataset = _load(key).dataset
    assert dataset is not None
    return index_dataset(dataset)


def search_index(loaded: Loaded) -> SearchIndex:
    """The full-text index of every article (built once per folders state, so an article added
    to seeds/ is searchable on the next load)."""
    return _search_index(loaded.key)


def article_hits(loaded: Loaded, text: str | None, article_id: str) -> list[tuple[int, int]]:
    """Where a search's words are in one article (none for an empty search)."""
    if not (text or "").strip():
        return []
    return search_article_hits(search_index(loaded), text, article_id)


def search_scope(loaded: Loaded, filters: Filters) -> frozenset[str] | None:
    """The articles a search looks in: those the filters select, or None (all)."""
    if not filters.active or loaded.dataset is None:
        return None
    rows = _rows(loaded.key, filters.key(), filters)
    assert rows is not None
    return frozenset(loaded.dataset.articles["article_id"].to_numpy()[rows["articles"]])


@st.cache_data(max_entries=SELECTIONS, ttl=TTL_SECONDS, show_spinner=False)
def _search_csv(key: tuple, text: str, query: tuple, _scope) -> bytes:
    return search_csv(_search_index(key), text, _scope)


def search_hits_csv(loaded: Loaded, text: str, filters: Filters) -> bytes:
    """The CSV `python -m dashboard search TEXT` prints for these filters (cached)."""
    return _search_csv(loaded.key, text, filters.key(), search_scope(loaded, filters))


@st.cache_data(max_entries=SELECTIONS, ttl=TTL_SECONDS, show_spinner=False)
def _hit_counts(key: tuple, text: str, query: tuple, _scope) -> pd.DataFrame:
    return hit_counts(_search_index(key), text, _scope)


def search_hit_counts(loaded: Loaded, text: str, filters: Filters) -> pd.DataFrame:
    """Passages and hits per article (`dashboard.search.hit_counts`, cached)."""
    return _hit_counts(loaded.key, text, filters.key(), search_scope(loaded, filters))
