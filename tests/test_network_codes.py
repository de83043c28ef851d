"""`edge_units` and `cooccurrence_edges` (integer codes, issue 19) against the string path they
replaced: the incidence (`entity_units`) joined with itself on the unit's text, and the edges
grouped from those rows (`edges_from_units`). The same tables, column types included, on the
real data, on filtered cuts, on generated corpora and on arbitrary mention tables
(hypothesis). The hand-counted edges are in tests/test_network.py."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import make_corpus
from dashboard.dataset import Dataset, load_dataset
from dashboard.filters import Filters, filter_dataset
from dashboard.mentions import MENTION_COLUMNS
from dashboard.network import (
    UNIT_COLUMNS,
    WINDOWS,
    cooccurrence_edges,
    edge_units,
    edges_from_units,
    entity_units,
)
from dashboard.schema import DEFAULT_DATA_DIR


def _joined_on_text(dataset: Dataset, window: str, orgs: bool) -> pd.DataFrame:
    """The rows of edge_units as the string path made them: a self-join on the unit's id."""
    rows = entity_units(dataset, window, orgs)
    joined = rows.merge(rows[["entity_id", "unit"]], on="unit", suffixes=("_a", "_b"))
    joined = joined[joined["entity_id_a"] < joined["entity_id_b"]]
    joined = joined.rename(columns={"entity_id_a": "source", "entity_id_b": "target"})
    return joined[UNIT_COLUMNS].sort_values(["source", "target", "unit"])


def _same_as_string_path(dataset: Dataset, window: str, orgs: bool) -> None:
    reference = _joined_on_text(dataset, window, orgs).reset_index(drop=True)
    units = edge_units(dataset, window, orgs)
    # An empty join keeps whatever type the empty input had; the codes always give text.
    pd.testing.assert_frame_equal(units, reference, check_dtype=not reference.empty)
    coded = cooccurrence_edges(dataset, window, orgs).reset_index(drop=True)
    grouped = edges_from_units(reference, window).reset_index(drop=True)
    assert dict(coded.dtypes) == dict(grouped.dtypes)
    pd.testing.assert_frame_equal(coded, grouped)


@pytest.mark.parametrize("orgs", [False, True])
@pytest.mark.parametrize("window", WINDOWS)
def test_real_data_whole_and_cut(dataset: Dataset, window: str, orgs: bool) -> None:
    _same_as_string_path(dataset, window, orgs)
    for cut in (Filters(person=("xi-jinping",)), Filters(country=("CHN",))):
        _same_as_string_path(filter_dataset(dataset, cut), window, orgs)


def test_units_in_id_order_where_paragraph_numbers_pass_ten(dataset: Dataset) -> None:
    # Xi and López Obrador share paragraphs 0, 2 and 9 of article 000 (tests/test_network.py):
    # unit ids sort as text, so "#p0" < "#p2" < "#p9"; article 004 adds p2.
    edges = cooccurrence_edges(dataset, "paragraph")
    row = edges[(edges["source"] == "lopez-obrador") & (edges["target"] == "xi-jinping")]
    units = row["units"].iloc[0].split("|")
    assert units == sorted(units)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Sixty seed-like articles: renamed copies of the seeds and generated ones."""
    folder = make_corpus(tmp_path_factory.mktemp("corpus"), 60)
    return load_dataset(DEFAULT_DATA_DIR, folder)


@pytest.mark.parametrize("orgs", [False, True])
@pytest.mark.parametrize("window", ["article", "paragraph", "sentence"])
def test_generated_corpus(generated: Dataset, window: str, orgs: bool) -> None:
    _same_as_string_path(generated, window, orgs)


_ENTITIES = [("amy", "person"), ("max", "person"), ("zoe", "person"), ("org-x", "organization")]


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 4),  # article (of the five real ones)
            st.sampled_from(_ENTITIES),
            st.integers(0, 12),  # paragraph: past ten, so that text order differs
            st.integers(0, 25),  # sentence
        ),
        max_size=40,
    ),
    window=st.sampled_from(["article", "paragraph", "sentence"]),
    orgs=st.booleans(),
)
def test_arbitrary_mentions(dataset: Dataset, rows, window: str, orgs: bool) -> None:
    articles = list(dataset.articles["article_id"])
    mentions = pd.DataFrame(
        [
            (articles[a], entity, kind, 0, 1, entity, paragraph, sentence)
            for a, (entity, kind), paragraph, sentence in rows
        ],
        columns=MENTION_COLUMNS,
    ).astype({"start": "int64", "end": "int64", "paragraph": "int64", "sentence": "int64"})
    _same_as_string_path(dataset.replace_tables(mentions=mentions), window, orgs)
