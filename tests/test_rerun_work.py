"""What People reads per run (issue 13, item 7): one person's row of the cached edges rather
than every edge rebuilt, the contexts of the articles it draws rather than of all, and titles
built once."""

from __future__ import annotations

import pandas as pd
from expected import A0, A2, A4

from dashboard.dataset import Dataset
from dashboard.network import EDGE_COLUMNS, neighbours
from dashboard.present import article_title, article_titles, mention_contexts


def test_neighbours_are_the_entitys_row_of_the_edges() -> None:
    edges = pd.DataFrame(
        [("a", "b", 2), ("b", "c", 1), ("a", "c", 3), ("b", "d", 5)],
        columns=["source", "target", "weight"],
    ).reindex(columns=EDGE_COLUMNS, fill_value="")
    near = neighbours(edges, "c")
    assert list(zip(near["entity_id"], near["weight"], strict=True)) == [("b", 1), ("a", 3)]
    assert neighbours(edges, "e").empty


def test_contexts_of_the_first_articles_only(dataset: Dataset) -> None:
    every = mention_contexts(dataset, "xi-jinping")
    # Xi is named in 000, 002 and 004 (the mentions table, in article order).
    assert list(pd.unique(every["article_id"])) == [A0, A2, A4]
    first = mention_contexts(dataset, "xi-jinping", 1)
    assert set(first["article_id"]) == {A0}
    pd.testing.assert_frame_equal(first, every[every["article_id"] == A0])
    two = mention_contexts(dataset, "xi-jinping", 2)
    assert set(two["article_id"]) == {A0, A2}


def test_titles_of_every_article(dataset: Dataset) -> None:
    titles = article_titles(dataset.articles)
    assert len(titles) == 5
    for row in dataset.articles.to_dict("records"):
        assert titles[row["article_id"]] == article_title(row)
