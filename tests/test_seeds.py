"""The seed texts stay byte-identical: checked against seeds/SHA256SUMS."""

from __future__ import annotations

import hashlib

import pytest
from conftest import REPO

SEEDS = REPO / "seeds"


def _manifest() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines)}


def test_every_seed_is_in_the_manifest_and_unchanged():
    manifest = _manifest()
    on_disk = {p.name for p in SEEDS.glob("*.txt")}
    assert on_disk == set(manifest), "seeds/ and SHA256SUMS list different files"
    for name, digest in manifest.items():
        actual = hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
        assert actual == digest, f"seeds/{name} was edited"


def test_seeds_match_the_shared_originals_when_present():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared/seeds beside this clone; the manifest test covers it")
    for original in shared.glob("*.txt"):
        assert (SEEDS / original.name).read_bytes() == original.read_bytes()


def test_each_article_is_read_once_per_load(monkeypatch, seeds_copy) -> None:
    from collections import Counter

    from dashboard import seeds, validation
    from dashboard.dataset import load_dataset
    from dashboard.schema import DEFAULT_DATA_DIR

    reads: Counter[str] = Counter()
    original = seeds.read_text

    def counting(path):
        reads[path.name] += 1
        return original(path)

    monkeypatch.setattr(seeds, "read_text", counting)
    monkeypatch.setattr(validation, "read_text", counting)
    (seeds_copy / "added.txt").write_text("An added article.\n", encoding="utf-8")
    dataset = load_dataset(DEFAULT_DATA_DIR, seeds_copy)
    # Five curated articles (read by validation, reused by the loader) and one added file.
    assert len(dataset.articles) == 6
    assert sorted(reads.values()) == [1] * 6


@pytest.mark.parametrize(
    ("text", "title", "dateline", "lead"),
    [
        # The real untitled articles (seeds/000 and 002), their first words written by hand.
        (
            "SAN FRANCISCO. The presidents Xi Jinping and Andrés Manuel López Obrador They "
            "agreed to lead relations",
            "",
            "SAN FRANCISCO",
            "The presidents Xi Jinping and Andrés Manuel López Obrador…",
        ),
        (
            "US President Joe Biden and his Mexican counterpart Andres Manuel Lopez Obrador "
            "will meet Friday",
            "",
            "",
            "US President Joe Biden and his Mexican counterpart Andres…",
        ),
        # A title printed twice above the text, a dateline with a date and an agency.
        ("A title\n\nA title\n\nThe text.", "A title", "", "The text."),
        ("SAN FRANCISCO, Nov. 16 (Xinhua) — Xi spoke.", "", "SAN FRANCISCO, Nov. 16", "Xi spoke."),
        ("USA.- President met.", "", "USA", "President met."),
        # Without a dateline in the metadata, one in capitals is still skipped; "NATO:" is not.
        ("WASHINGTON, Nov. 16 (Reuters) — The talks went on.", "", "", "The talks went on."),
        ("NATO: allies met.", "", "", "NATO: allies met."),
        ("", "", "", ""),
        ("x" * 80, "", "", "x" * 60 + "…"),
    ],
)
def test_lead_words(text: str, title: str, dateline: str, lead: str) -> None:
    from dashboard.seeds import lead_words

    assert lead_words(text, title, dateline) == lead
