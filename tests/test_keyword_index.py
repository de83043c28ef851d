"""Which topics' keywords each text contains, kept on disk: reused, invalidated by a changed text
or keyword, never trusted when damaged, and equal to a fresh search. Every test keeps its file in
its own temporary folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import filters
from dashboard.dataset import load_dataset
from dashboard.keyword_index import fingerprint, index_path, keyword_matches, keyword_pattern

TOPICS = {"border": "border|crossing", "chem": "precursor|fentanyl", "none": ""}
TEXTS = {
    "a": "Fentanyl PRECURSORS crossed the border.",  # case and plurals
    "b": "Cross-border trade; an illegal crossing.",  # "-border" starts a word; "illegal" is one
    "c": "Nothing to see here: preborder, nonfentanyl.",  # inside words: no match
}
# Hand-checked: "a" has Fentanyl, PRECURSORS and border; "b" has border (after "-") and
# crossing; "c" has the words only inside others; "none" has no keywords at all.
EXPECTED = {"border": {"a", "b"}, "chem": {"a"}, "none": set()}


class Counter:
    """A `search` that counts the texts searched (one call per topic with keywords)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, pattern: re.Pattern[str], text: str) -> bool:
        self.calls += 1
        return pattern.search(text) is not None


def test_the_answer_is_the_hand_checked_one(tmp_path: Path):
    assert keyword_matches(TEXTS, TOPICS, tmp_path) == EXPECTED


def test_a_second_run_searches_nothing(tmp_path: Path):
    first, second = Counter(), Counter()
    keyword_matches(TEXTS, TOPICS, tmp_path, first)
    assert first.calls == 3 * 2  # three texts, two topics with keywords
    assert keyword_matches(TEXTS, TOPICS, tmp_path, second) == EXPECTED
    assert second.calls == 0


def test_a_changed_text_is_searched_alone(tmp_path: Path):
    keyword_matches(TEXTS, TOPICS, tmp_path)
    counter = Counter()
    changed = {**TEXTS, "c": "A fentanyl seizure."}
    assert keyword_matches(changed, TOPICS, tmp_path, counter) == {**EXPECTED, "chem": {"a", "c"}}
    assert counter.calls == 2  # one text, two topics
    # A removed text is simply not asked for; the rest still come from the file.
    fewer, counter = {k: TEXTS[k] for k in "ab"}, Counter()
    assert keyword_matches(fewer, TOPICS, tmp_path, counter) == EXPECTED
    assert counter.calls == 0


def test_a_changed_keyword_searches_everything_again(tmp_path: Path):
    keyword_matches(TEXTS, TOPICS, tmp_path)
    counter = Counter()
    topics = {**TOPICS, "chem": "precursor"}
    assert fingerprint(topics) != fingerprint(TOPICS)
    assert keyword_matches(TEXTS, topics, tmp_path, counter) == {**EXPECTED, "chem": {"a"}}
    assert counter.calls == 6
    topics = {**TOPICS, "chem": "seizure"}
    assert keyword_matches(TEXTS, topics, tmp_path)["chem"] == frozenset()


def test_a_damaged_or_edited_file_is_never_trusted(tmp_path: Path):
    keyword_matches(TEXTS, TOPICS, tmp_path)
    path = index_path(tmp_path, fingerprint(TOPICS))
    good = path.read_text(encoding="utf-8")
    stored = json.loads(good)
    # An edit that keeps the JSON valid: "c" said to match every topic, digest unchanged.
    edited = dict(stored, matches={h: [0, 1] for h in stored["matches"]})
    damaged = [good[: len(good) // 2], "", "[]", json.dumps(edited), good.replace("1", "9")]
    for content in damaged:
        path.write_text(content, encoding="utf-8")
        counter = Counter()
        assert keyword_matches(TEXTS, TOPICS, tmp_path, counter) == EXPECTED
        assert counter.calls == 6, content[:40]
        assert json.loads(path.read_text(encoding="utf-8")) == stored  # rebuilt as it was


def test_an_unwritable_folder_still_gives_the_answer(tmp_path: Path):
    folder = tmp_path / "file"
    folder.write_text("not a folder", encoding="utf-8")
    assert keyword_matches(TEXTS, TOPICS, folder) == EXPECTED


def test_the_topic_filter_reads_the_same_articles_as_a_search_of_the_seeds():
    dataset = load_dataset()
    index = filters.build_index(dataset, ["topic"])["topic"]
    for topic, keywords in zip(dataset.topics["topic_id"], dataset.topics["keywords"], strict=True):
        pattern = keyword_pattern(keywords.split("|"))
        found = {a for a, text in dataset.texts.items() if pattern and pattern.search(text)}
        events = index[topic][1]
        assert index[topic][0] == filters._reporting(dataset, events) | found


WORDS = st.sampled_from(["Border", "border", "borders", "cross", "crossing", "x", "é", "-", " "])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.dictionaries(
        st.sampled_from("abcdef"), st.lists(WORDS, max_size=12).map("".join), max_size=6
    ),
    keywords=st.lists(st.sampled_from(["border", "crossing", "cross", "ÉX"]), max_size=3),
)
def test_the_file_gives_what_a_fresh_search_gives(tmp_path: Path, texts, keywords):
    topics = {"t": "|".join(keywords), "u": "border"}
    fresh = {
        t: frozenset(
            a for a, x in texts.items() if (p := keyword_pattern(k.split("|"))) and p.search(x)
        )
        for t, k in topics.items()
    }
    assert keyword_matches(texts, topics, tmp_path) == fresh
    assert keyword_matches(texts, topics, tmp_path) == fresh  # from the file
