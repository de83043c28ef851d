"""The one boundary between Streamlit and the plain modules: every cache lives here.

Loading, mention finding, network building and the search index run once per process for a
given state of the data and seeds folders (their file names, sizes and modification times are
part of the key, so an article dropped into seeds/ is picked up on the next rerun). Cached
objects are shared by all sessions and never modified: filters build new tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from dashboard import schema
from dashboard.dataset import Dataset, load_dataset
from dashboard.filters import (
    Filters,
    Index,
    build_index,
    facet_counts,
    filter_dataset,
    id_kinds,
)
from dashboard.network import build_cooccurrence_graph, edge_units, entity_units, unit_spans
from dashboard.present import mention_contexts
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


def _fingerprint(folder: Path) -> str:
    """A digest of a folder's file names, sizes and modification times (a short cache key:
    Streamlit hashes the key on every rerun, and a thousand articles make a long tuple)."""
    try:
        entries = sorted((p.name, p.stat()) for p in folder.iterdir() if p.is_file())
    except OSError:
        return ""
    digest = hashlib.sha256()
    for name, stat in entries:
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


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


@st.cache_resource(max_entries=256, show_spinner=False)
def _filtered(key: tuple, query: tuple[tuple[str, str], ...], _filters: Filters) -> Dataset:
    dataset = _load(key).dataset
    assert dataset is not None
    return filter_dataset(dataset, _filters, _index(key, id_kinds()))


@st.cache_resource(max_entries=64, show_spinner=False)
def _counts(key: tuple, query: tuple[tuple[str, str], ...], _filters: Filters) -> dict:
    dataset = _load(key).dataset
    assert dataset is not None
    return facet_counts(dataset, _filters, _index(key, id_kinds()))


def counts(loaded: Loaded, filters: Filters) -> dict[str, dict[str, int]]:
    """The sidebar's facet counts for these filters (cached)."""
    return _counts(loaded.key, tuple(sorted(filters.to_query().items())), filters)


def filtered(loaded: Loaded, filters: Filters) -> Dataset:
    """The dataset cut by the filters (cached per folders state and filters)."""
    return _filtered(loaded.key, tuple(sorted(filters.to_query().items())), filters)


@st.cache_resource(max_entries=256, show_spinner="Building the network…")
def _graph(
    key: tuple, query: tuple[tuple[str, str], ...], window: str, orgs: bool, _filters: Filters
) -> nx.Graph:
    return build_cooccurrence_graph(_filtered(key, query, _filters), window, orgs)


def graph(loaded: Loaded, filters: Filters, window: str, include_organizations: bool) -> nx.Graph:
    """The co-occurrence graph of the filtered dataset (cached)."""
    query = tuple(sorted(filters.to_query().items()))
    return _graph(loaded.key, query, window, include_organizations, filters)


@st.cache_resource(max_entries=64, show_spinner=False)
def _contexts(
    key: tuple, query: tuple[tuple[str, str], ...], entity_id: str, _filters: Filters
) -> pd.DataFrame:
    return mention_contexts(_filtered(key, query, _filters), entity_id)


def contexts(loaded: Loaded, filters: Filters, entity_id: str) -> pd.DataFrame:
    """Every mention of an entity in the filtered articles, with its sentence (cached: People
    asks again for the same person at every click)."""
    return _contexts(loaded.key, tuple(sorted(filters.to_query().items())), entity_id, filters)


@st.cache_resource(max_entries=64, show_spinner=False)
def _time_units(
    key: tuple, query: tuple[tuple[str, str], ...], window: str, orgs: bool, _filters: Filters
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, str]]:
    subset = _filtered(key, query, _filters)
    spans = unit_spans(subset, window).values()
    period = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else ("", "")
    return edge_units(subset, window, orgs), entity_units(subset, window, orgs), period


def time_units(
    loaded: Loaded, filters: Filters, window: str, include_organizations: bool
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, str]]:
    """The dated units of the filtered network: edge_units, entity_units and the first and last
    day of the window's dated units in the selection (ISO; "" when none is dated), cached."""
    query = tuple(sorted(filters.to_query().items()))
    return _time_units(loaded.key, query, window, include_organizations, filters)


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
    if not filters.active:
        return None
    return frozenset(filtered(loaded, filters).articles["article_id"])


@st.cache_data(max_entries=64, show_spinner=False)
def _search_csv(key: tuple, text: str, query: tuple[tuple[str, str], ...], _scope) -> bytes:
    return search_csv(_search_index(key), text, _scope)


def search_hits_csv(loaded: Loaded, text: str, filters: Filters) -> bytes:
    """The CSV `python -m dashboard search TEXT` prints for these filters (cached)."""
    query = tuple(sorted(filters.to_query().items()))
    return _search_csv(loaded.key, text, query, search_scope(loaded, filters))


@st.cache_data(max_entries=64, show_spinner=False)
def _hit_counts(key: tuple, text: str, query: tuple[tuple[str, str], ...], _scope) -> pd.DataFrame:
    return hit_counts(_search_index(key), text, _scope)


def search_hit_counts(loaded: Loaded, text: str, filters: Filters) -> pd.DataFrame:
    """Passages and hits per article (`dashboard.search.hit_counts`, cached)."""
    query = tuple(sorted(filters.to_query().items()))
    return _hit_counts(loaded.key, text, query, search_scope(loaded, filters))
