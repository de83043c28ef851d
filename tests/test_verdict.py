"""The validation verdict remembered by the files' hashes: reused while nothing changed,
invalidated by a changed data file or article, ignored when damaged or edited by hand."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard import validation
from dashboard.dataset import load_dataset
from dashboard.mention_index import CACHE_ENV
from dashboard.problems import DataError
from dashboard.schema import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """Copies of the data and seeds folders, and an empty cache folder of their own."""
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    shutil.copytree(DEFAULT_SEEDS_DIR, seeds)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    yield data, seeds


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the tables were validated (a one-item list, counted up)."""
    count = [0]
    real = validation.validate_tables

    def counted(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(validation, "validate_tables", counted)
    return count


def _verdicts(data: Path) -> list[Path]:
    return sorted((data.parent / "cache").glob("validation-*.json"))


def test_a_second_load_of_the_same_files_is_not_validated(folders, validations) -> None:
    data, seeds = folders
    first = load_dataset(data, seeds)
    assert validations[0] == 1
    assert len(_verdicts(data)) == 1
    second = load_dataset(data, seeds)
    assert validations[0] == 1
    assert second.warnings == first.warnings
    assert second.texts == first.texts
    assert second.articles.equals(first.articles)


def test_a_changed_data_file_is_validated_again(folders, validations) -> None:
    data, seeds = folders
    load_dataset(data, seeds)
    # An event ending before it starts: a remembered verdict would let it load.
    path = data / "events.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("start_date")] >= "2000-01-02")
    row[header.index("end_date")] = "2000-01-01"
    row[header.index("date_precision")] = row[header.index("date_precision")] or "day"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(DataError, match="before start date"):
        load_dataset(data, seeds)
    assert validations[0] == 2
    assert len(_verdicts(data)) == 1  # a verdict with errors is not kept


def test_a_changed_article_is_validated_again(folders, validations) -> None:
    data, seeds = folders
    load_dataset(data, seeds)
    article = sorted(seeds.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    load_dataset(data, seeds)
    assert validations[0] == 2
    assert len(_verdicts(data)) == 2
    load_dataset(data, seeds)
    assert validations[0] == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "not json at all",
        lambda text: json.dumps(
            {**json.loads(text), "warnings": [["x.csv", 2, "", "edited by hand"]]}
        ),
        lambda text: json.dumps({**json.loads(text), "version": "0"}),
    ],
    ids=["truncated", "garbage", "edited", "other-version"],
)
def test_a_damaged_verdict_is_ignored_with_a_notice(folders, validations, damage) -> None:
    data, seeds = folders
    first = load_dataset(data, seeds)
    (path,) = _verdicts(data)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    second = load_dataset(data, seeds)
    assert validations[0] == 2
    notices = [w for w in second.warnings if w.startswith("validation verdict")]
    assert len(notices) == 1 and "ignored, data validated again" in notices[0]
    assert [w for w in second.warnings if w not in notices] == list(first.warnings)
    # Rewritten, and trusted again.
    load_dataset(data, seeds)
    assert validations[0] == 2
