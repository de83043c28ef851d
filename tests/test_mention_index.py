"""The mention index on disk: reused, invalidated, never trusted when damaged, and equal to a
fresh scan. Every test keeps its index in its own temporary folder."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import cli
from dashboard.dataset import load_dataset
from dashboard.mention_index import (
    CACHE_ENV,
    cache_dir,
    fingerprint,
    index_path,
    indexed_mentions,
)
from dashboard.mentions import MentionMatcher, find_mentions
from dashboard.schema import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR

PEOPLE = pd.DataFrame(
    [
        ["joe-biden", "Joe Biden", "Biden", "USA", "President of the United States", "", ""],
        ["xi-jinping", "Xi Jinping", "Xi", "CHN", "President of China", "", ""],
        ["ana-ruiz", "Ana Ruiz", "Ruiz", "MEX", "Secretary of the Navy", "", ""],
    ],
    columns=["person_id", "name", "aliases", "country", "role", "organization_id", "notes"],
)
ORGANIZATIONS = pd.DataFrame(
    [["sre", "Secretaría de Relaciones Exteriores", "SRE", "Foreign Ministry", "MEX", "", "", ""]],
    columns=["org_id", "name", "acronym", "aliases", "country", "kind", "parent_id", "notes"],
)
ARTICLES = {
    "a": "Joe Biden met Xi Jinping. Biden spoke first.\nThe SRE said nothing.",
    "b": "Secretary Ruiz visited the Foreign Ministry. Ruiz left.",
    "c": "Nothing to see here.",
}


@contextmanager
def counting_scans() -> Iterator[list[int]]:
    """Count MentionMatcher.find calls (one per article scanned)."""
    calls = [0]
    original = MentionMatcher.find

    def find(self: MentionMatcher, text: str):
        calls[0] += 1
        return original(self, text)

    with mock.patch.object(MentionMatcher, "find", find):
        yield calls


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in frame.itertuples(index=False)]


def test_first_load_scans_every_article_and_second_load_none(tmp_path: Path) -> None:
    with counting_scans() as scans:
        first, run = indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    assert (scans[0], run.scanned, run.reused, run.notices) == (3, 3, 0, ())
    with counting_scans() as scans:
        second, run = indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    assert (scans[0], run.scanned, run.reused, run.notices) == (0, 0, 3, ())
    # Hand-counted: a has Joe Biden, Xi Jinping, Biden, SRE; b has Ruiz (title), Foreign
    # Ministry, Ruiz; c nothing.
    assert list(second["entity_id"]) == [
        *("joe-biden", "xi-jinping", "joe-biden", "sre"),
        *("ana-ruiz", "sre", "ana-ruiz"),
    ]
    assert rows(second) == rows(first) == rows(find_mentions(ARTICLES, PEOPLE, ORGANIZATIONS))
    assert second.dtypes.equals(find_mentions(ARTICLES, PEOPLE, ORGANIZATIONS).dtypes)


def test_a_changed_article_costs_only_its_own_scan(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    changed = {**ARTICLES, "c": "Now Xi Jinping is here."}
    with counting_scans() as scans:
        frame, run = indexed_mentions(changed, PEOPLE, ORGANIZATIONS, tmp_path)
    assert (scans[0], run.scanned, run.reused) == (1, 1, 2)
    assert rows(frame) == rows(find_mentions(changed, PEOPLE, ORGANIZATIONS))
    assert list(frame.loc[frame["article_id"] == "c", "entity_id"]) == ["xi-jinping"]


def test_an_added_article_costs_only_its_own_scan(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    added = {**ARTICLES, "d": "Joe Biden again."}
    with counting_scans() as scans:
        frame, _ = indexed_mentions(added, PEOPLE, ORGANIZATIONS, tmp_path)
    assert scans[0] == 1
    assert rows(frame) == rows(find_mentions(added, PEOPLE, ORGANIZATIONS))


def test_a_removed_article_leaves_no_mentions_and_scans_nothing(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    fewer = {k: v for k, v in ARTICLES.items() if k != "a"}
    with counting_scans() as scans:
        frame, _ = indexed_mentions(fewer, PEOPLE, ORGANIZATIONS, tmp_path)
    assert scans[0] == 0
    assert set(frame["article_id"]) == {"b"}
    assert rows(frame) == rows(find_mentions(fewer, PEOPLE, ORGANIZATIONS))


def test_two_files_with_one_text_both_get_its_mentions(tmp_path: Path) -> None:
    twins = {"x": ARTICLES["a"], "y": ARTICLES["a"]}
    with counting_scans() as scans:
        frame, _ = indexed_mentions(twins, PEOPLE, ORGANIZATIONS, tmp_path)
    assert scans[0] == 1
    assert list(frame["article_id"]) == ["x"] * 4 + ["y"] * 4


def test_a_changed_alias_rescans_everything(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    people = PEOPLE.copy()
    people.loc[people["person_id"] == "xi-jinping", "aliases"] = "Xi|Jinping"
    assert fingerprint(people, ORGANIZATIONS) != fingerprint(PEOPLE, ORGANIZATIONS)
    with counting_scans() as scans:
        frame, run = indexed_mentions(ARTICLES, people, ORGANIZATIONS, tmp_path)
    assert (scans[0], run.scanned) == (3, 3)
    assert rows(frame) == rows(find_mentions(ARTICLES, people, ORGANIZATIONS))


def test_a_changed_external_alias_rescans_everything(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    organizations = ORGANIZATIONS.assign(external_aliases="Cancillería")
    with counting_scans() as scans:
        indexed_mentions(ARTICLES, PEOPLE, organizations, tmp_path)
    assert scans[0] == 3


def _index_file(folder: Path) -> Path:
    return index_path(folder, fingerprint(PEOPLE, ORGANIZATIONS))


def _damage_and_reload(folder: Path) -> tuple[pd.DataFrame, object, int]:
    with counting_scans() as scans:
        frame, run = indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, folder)
    return frame, run, scans[0]


@pytest.mark.parametrize("keep", [0, 10, 200, -8])
def test_a_truncated_index_is_ignored_with_a_notice_and_rebuilt(tmp_path: Path, keep: int) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    path = _index_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:keep])
    frame, run, scans = _damage_and_reload(tmp_path)
    assert scans == 3
    assert len(run.notices) == 1 and "ignored and rebuilt" in run.notices[0]
    assert rows(frame) == rows(find_mentions(ARTICLES, PEOPLE, ORGANIZATIONS))
    # Rebuilt: the next load trusts it again.
    _, run, scans = _damage_and_reload(tmp_path)
    assert (scans, run.notices) == (0, ())


def test_a_hand_edited_index_is_not_trusted(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    path = _index_file(tmp_path)
    table = pq.read_table(path)
    frame = table.to_pandas()
    frame.loc[frame["entity_id"] == "xi-jinping", "entity_id"] = "ana-ruiz"  # a plausible lie
    # Written back with the same column types and the same metadata: only the digest can tell.
    schema = table.schema.remove_metadata()
    edited = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    pq.write_table(edited.replace_schema_metadata(table.schema.metadata), path)
    result, run, scans = _damage_and_reload(tmp_path)
    assert scans == 3
    assert "digest" in run.notices[0]
    assert "xi-jinping" in set(result["entity_id"])


def test_an_index_listing_an_unscanned_article_is_not_trusted(tmp_path: Path) -> None:
    indexed_mentions({"b": ARTICLES["b"]}, PEOPLE, ORGANIZATIONS, tmp_path)
    path = _index_file(tmp_path)
    table = pq.read_table(path)
    meta = json.loads(table.schema.metadata[b"dashboard"])
    from dashboard.mention_index import content_hash

    meta["hashes"].append(content_hash(ARTICLES["a"]))  # claims "a" has no mentions
    pq.write_table(table.replace_schema_metadata({b"dashboard": json.dumps(meta)}), path)
    frame, run, scans = _damage_and_reload(tmp_path)
    assert scans == 3 and run.notices
    assert rows(frame) == rows(find_mentions(ARTICLES, PEOPLE, ORGANIZATIONS))


@pytest.mark.parametrize(
    "content",
    [b"not parquet at all", b"PAR1" + b"\0" * 40 + b"PAR1"],
)
def test_a_foreign_file_under_the_index_name_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = _index_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    frame, run, scans = _damage_and_reload(tmp_path)
    assert scans == 3 and len(run.notices) == 1
    assert rows(frame) == rows(find_mentions(ARTICLES, PEOPLE, ORGANIZATIONS))


def test_a_foreign_parquet_file_is_ignored(tmp_path: Path) -> None:
    path = _index_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"x": [1, 2]}).to_parquet(path)
    _, run, scans = _damage_and_reload(tmp_path)
    assert scans == 3 and "ignored and rebuilt" in run.notices[0]


def test_an_unwritable_cache_folder_still_gives_the_mentions(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    frame, run = indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, blocked / "cache")
    assert run.path is None and "not written" in run.notices[0]
    assert rows(frame) == rows(find_mentions(ARTICLES, PEOPLE, ORGANIZATIONS))


def test_writing_leaves_no_temporary_files(tmp_path: Path) -> None:
    indexed_mentions(ARTICLES, PEOPLE, ORGANIZATIONS, tmp_path)
    indexed_mentions({**ARTICLES, "d": "Xi Jinping."}, PEOPLE, ORGANIZATIONS, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [_index_file(tmp_path).name]


def test_cache_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "env"))
    assert cache_dir() == tmp_path / "env"
    assert cache_dir(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "precursor-dashboard"


# --- the same mentions as a fresh scan, on generated articles ---------------------------------

_pieces = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["Joe Biden", "Biden", "Xi", "Xi Jinping", "SRE", "Sre", "Secretary Ruiz"]),
    st.sampled_from([" ", "\n", ". ", "ß", "\u0301", "Foreign Ministry", " of Japan"]),
)
_articles = st.dictionaries(
    st.sampled_from(["p", "q", "r", "s"]), st.lists(_pieces, max_size=15).map("".join), max_size=4
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_articles, _articles)
def test_index_gives_the_same_mentions_as_a_fresh_scan(
    first: dict[str, str], second: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for articles in (first, second, {**first, **second}):
            frame, _ = indexed_mentions(articles, PEOPLE, ORGANIZATIONS, folder)
            fresh = find_mentions(articles, PEOPLE, ORGANIZATIONS)
            assert rows(frame) == rows(fresh)
            assert list(frame.columns) == list(fresh.columns)


# --- loading and the command line -------------------------------------------------------------


def test_load_dataset_reuses_the_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = load_dataset(DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR)
    with counting_scans() as scans:
        second = load_dataset(DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR)
    assert scans[0] == 0
    assert rows(second.mentions) == rows(first.mentions)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".parquet"]  # + verdict


def test_cli_index_builds_then_reuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cli.main(["index", "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert "indexed 5 articles (5 distinct texts): 5 scanned by 2 workers, 0 from the index" in out
    # The topic filter's keyword search is kept beside it, for the app's first run.
    assert f"topic keywords: {tmp_path}/keywords-" in out
    assert len(list(tmp_path.glob("keywords-*.json"))) == 1
    assert cli.main(["index"]) == 0
    assert "none scanned, 5 from the index" in capsys.readouterr().out
    assert cli.main(["index", "--workers", "0"]) == 2
