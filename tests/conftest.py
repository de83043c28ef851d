"""Shared fixtures: the real dataset (loaded once) and broken copies of the data folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from dashboard.dataset import Dataset, load_dataset
from dashboard.schema import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR

REPO = Path(__file__).resolve().parent.parent
_CACHE_KEY = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Every load in the tests (and the apps they start) keeps its mention index in a fresh
    temporary folder, never in the user's cache or the repository."""
    if not os.environ.get("DASHBOARD_CACHE_DIR"):
        folder = tempfile.mkdtemp(prefix="dashboard-test-cache-")
        os.environ["DASHBOARD_CACHE_DIR"] = folder
        config.stash[_CACHE_KEY] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the temporary cache folder made by pytest_configure."""
    folder = config.stash.get(_CACHE_KEY, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The real curated dataset with the five seed articles."""
    return load_dataset(DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/ to add articles to."""
    target = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS_DIR, target)
    return target
