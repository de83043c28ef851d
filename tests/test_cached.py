"""The caches have a bound (issue 13, item 6): filters that select the same thing share one
entry whatever the order of their ids, a stream of distinct links evicts the oldest entries,
and no session keeps a filtered copy of the dataset in its state between runs.

Selections are counted by wrapping `dashboard.filters.select`, which every cut calls once."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import cached, filters
from dashboard.filters import Filters, valid_ids

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture
def selections(monkeypatch: pytest.MonkeyPatch) -> list[Filters]:
    """Every selection computed while the test runs, from empty caches."""
    st.cache_resource.clear()
    st.cache_data.clear()
    seen: list[Filters] = []
    real = filters.select

    def counted(dataset, chosen, index=None):
        seen.append(chosen)
        return real(dataset, chosen, index)

    monkeypatch.setattr(filters, "select", counted)
    yield seen
    st.cache_resource.clear()


def test_the_order_of_ids_does_not_make_a_new_entry(selections: list[Filters]) -> None:
    loaded = cached.load()
    a = cached.filtered(loaded, Filters(person=("xi-jinping", "joe-biden")))
    b = cached.filtered(loaded, Filters(person=("joe-biden", "xi-jinping")))
    c = cached.filtered(loaded, Filters(person=("joe-biden", "xi-jinping", "joe-biden")))
    assert len(selections) == 1
    assert list(a.articles["article_id"]) == list(b.articles["article_id"])
    assert list(a.articles["article_id"]) == list(c.articles["article_id"])


def test_distinct_links_evict_the_oldest_selection(selections: list[Filters]) -> None:
    loaded = cached.load()
    assert loaded.dataset is not None
    people = list(valid_ids(loaded.dataset)["person"])  # 26 people: 325 pairs
    pairs = [(p, q) for i, p in enumerate(people) for q in people[i + 1 :]][:200]
    for pair in pairs:
        cached.filtered(loaded, Filters(person=pair))
    assert len(selections) == 200
    # The first pair was asked for 199 links ago: it is no longer held, the last one is.
    cached.filtered(loaded, Filters(person=pairs[-1]))
    assert len(selections) == 200
    cached.filtered(loaded, Filters(person=pairs[0]))
    assert len(selections) == 201


def test_no_filtered_dataset_stays_in_session_state() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["person"] = "xi-jinping"
    at.run()
    assert not at.exception
    kinds = {type(v).__name__ for v in at.session_state.values()}
    assert not kinds & {"Dataset", "ViewContext", "DataFrame"}, kinds
    assert "_view_context" not in at.session_state


# --- the folders' fingerprint (issue 19: a rerun does not stat every article) -----------------


def test_an_added_file_changes_the_fingerprint_at_once(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cached, "RECHECK_SECONDS", 1e9)  # only the folder's own change counts
    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    before = cached._fingerprint(tmp_path)
    assert cached._fingerprint(tmp_path) == before
    (tmp_path / "b.txt").write_text("Two.\n", encoding="utf-8")
    added = cached._fingerprint(tmp_path)
    assert added != before
    (tmp_path / "a.txt").unlink()
    assert cached._fingerprint(tmp_path) not in {before, added}


def test_a_file_edited_in_place_is_seen_after_the_recheck_interval(tmp_path, monkeypatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text("One.\n", encoding="utf-8")
    monkeypatch.setattr(cached, "RECHECK_SECONDS", 1e9)
    before = cached._fingerprint(tmp_path)
    article.write_text("One, edited.\n", encoding="utf-8")  # same folder entries, new size
    assert cached._fingerprint(tmp_path) == before  # within the interval: the listing is reused
    monkeypatch.setattr(cached, "RECHECK_SECONDS", 0.0)  # the interval has passed
    assert cached._fingerprint(tmp_path) != before


def test_a_missing_folder_has_an_empty_fingerprint(tmp_path) -> None:
    assert cached._fingerprint(tmp_path / "absent") == ""


def test_a_cut_is_taken_once_while_held_and_not_kept_after() -> None:
    import gc

    st.cache_resource.clear()
    loaded = cached.load()
    chosen = Filters(person=("xi-jinping",))
    first = cached.filtered(loaded, chosen)
    assert cached.filtered(loaded, chosen) is first  # the edges and contexts of a run share it
    assert cached.filtered(loaded, Filters(person=("joe-biden",))) is not first
    events = list(first.events["event_id"])
    del first
    gc.collect()
    assert (loaded.key, chosen.key()) not in cached._taken  # nothing keeps them after the run
    again = cached.filtered(loaded, chosen)  # taken again from the cached row positions
    assert list(again.events["event_id"]) == events


@pytest.mark.parametrize("page", ["network", "data", "people", "overview", "map"])
def test_a_view_keeps_no_cut_once_its_run_is_over(page: str) -> None:
    # A view's callbacks and download buttons outlive its run (the server keeps a closed
    # session for minutes), so its namespace must not hold the cut tables after the run.
    import gc

    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["person"] = "xi-jinping,joe-biden"
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    gc.collect()
    loaded = cached.load()
    assert (loaded.key, Filters(person=("joe-biden", "xi-jinping")).key()) not in cached._taken
