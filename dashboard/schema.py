"""The data package descriptor (data/datapackage.json): table names, columns and field types."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_DIR / "data"
DEFAULT_SEEDS_DIR = REPO_DIR / "seeds"
DESCRIPTOR_NAME = "datapackage.json"

# The order in which tables are loaded, validated and exported.
TABLES: tuple[str, ...] = (
    "countries",
    "articles",
    "organizations",
    "people",
    "locations",
    "events",
    "event_sources",
    "participants",
    "event_sides",
    "topics",
    "event_topics",
    "propositions",
    "claims",
)
# Tables with an (article_id, quote) evidence pair checked verbatim against the article text.
EVIDENCE_TABLES: tuple[str, ...] = (
    "event_sources",
    "participants",
    "event_sides",
    "event_topics",
    "claims",
)


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The curated tables' folder: the argument, else $DASHBOARD_DATA_DIR, else data/."""
    return Path(path or os.environ.get("DASHBOARD_DATA_DIR") or DEFAULT_DATA_DIR)


def seeds_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The article texts' folder: the argument, else $DASHBOARD_SEEDS_DIR, else seeds/."""
    return Path(path or os.environ.get("DASHBOARD_SEEDS_DIR") or DEFAULT_SEEDS_DIR)


@cache
def descriptor() -> dict[str, Any]:
    """The project's data package descriptor (always the one shipped in data/)."""
    with open(DEFAULT_DATA_DIR / DESCRIPTOR_NAME, encoding="utf-8") as f:
        return json.load(f)


def resource(table: str) -> dict[str, Any]:
    """The descriptor's resource for one table."""
    for res in descriptor()["resources"]:
        if res["name"] == table:
            return res
    raise KeyError(table)


def columns(table: str) -> list[str]:
    """The public column names of a curated table, in order."""
    return [f["name"] for f in resource(table)["schema"]["fields"]]


def primary_key(table: str) -> list[str]:
    """The primary key columns of a curated table."""
    return list(resource(table)["schema"]["primaryKey"])
