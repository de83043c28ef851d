"""Articles users drop into seeds/: picked up on the next load, with or without a header block;
empty, binary and non-UTF-8 files are skipped with a warning that names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset import load_dataset
from dashboard.schema import DEFAULT_DATA_DIR
from dashboard.seeds import split_header


def test_a_new_article_is_picked_up_and_searched(seeds_copy: Path):
    text = "Ambassador Salazar met Alicia Bárcena.\nXi Jinping was not there.\n"
    (seeds_copy / "Nueva Nota 2024.txt").write_text(text, encoding="utf-8")
    data = load_dataset(DEFAULT_DATA_DIR, seeds_copy)
    row = data.articles.set_index("article_id").loc["nueva-nota-2024"]
    assert not row["curated"]
    assert row["title"] == "Ambassador Salazar met Alicia Bárcena."
    assert row["file"] == "Nueva Nota 2024.txt"
    found = data.mentions[data.mentions["article_id"] == "nueva-nota-2024"]
    assert set(found["entity_id"]) == {"ken-salazar", "alicia-barcena", "xi-jinping"}
    assert data.texts["nueva-nota-2024"] == text
    assert data.articles["curated"].sum() == 5


def test_a_header_block_fills_the_metadata(seeds_copy: Path):
    (seeds_copy / "added.txt").write_text(
        "title: Biden and Xi\npublisher: Example Wire\ndate: 2024-09-07\n"
        "url: https://example.org/a\n\nBiden spoke.\n",
        encoding="utf-8",
    )
    data = load_dataset(DEFAULT_DATA_DIR, seeds_copy)
    row = data.articles.set_index("article_id").loc["added"]
    assert (row["title"], row["publisher"], row["published"], row["url"]) == (
        "Biden and Xi", "Example Wire", "2024-09-07", "https://example.org/a",
    )  # fmt: skip
    assert (row["date_precision"], row["date_basis"]) == ("day", "stated")
    assert data.texts["added"] == "Biden spoke.\n"


def test_a_bad_header_date_is_ignored_with_a_warning(seeds_copy: Path):
    (seeds_copy / "bad-date.txt").write_text("date: 7 Sept 2024\n\nText.\n", encoding="utf-8")
    data = load_dataset(DEFAULT_DATA_DIR, seeds_copy)
    assert data.articles.set_index("article_id").loc["bad-date", "published"] == ""
    assert any("bad-date.txt" in w and "not YYYY-MM-DD" in w for w in data.warnings)


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Bárcena dijo".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_skipped_with_a_warning(seeds_copy: Path, name, content, why):
    (seeds_copy / name).write_bytes(content)
    data = load_dataset(DEFAULT_DATA_DIR, seeds_copy)
    assert name not in set(data.articles["file"])
    assert len(data.articles) == 5
    assert any(w.startswith(f"seeds/{name}:") and why in w for w in data.warnings), data.warnings


def test_two_files_with_the_same_slug_get_distinct_ids(seeds_copy: Path):
    (seeds_copy / "Same Name.txt").write_text("One.\n", encoding="utf-8")
    (seeds_copy / "same-name.txt").write_text("Two.\n", encoding="utf-8")
    data = load_dataset(DEFAULT_DATA_DIR, seeds_copy)
    added = data.articles[~data.articles["curated"]]
    assert sorted(added["article_id"]) == ["same-name", "same-name-2"]


@pytest.mark.parametrize(
    ("text", "header", "body"),
    [
        ("title: T\n\nBody", {"title": "T"}, "Body"),
        ("Title: T\nURL: u\n\nBody", {"title": "T", "url": "u"}, "Body"),
        ("title: T\nBody without blank line", {}, "title: T\nBody without blank line"),
        ("No header\n\nBody", {}, "No header\n\nBody"),
        ("author: X\n\nBody", {}, "author: X\n\nBody"),
    ],
)
def test_split_header(text, header, body):
    assert split_header(text) == (header, body)
