"""A filtered dataset keeps every row its kept rows refer to, so each filtered export is a valid
data package with its foreign keys declared (issue 13, item 5).

The foreign keys are read here straight from data/datapackage.json, not through the code under
test; the hand-counted cases come from data/events.csv and data/claims.csv.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from expected import A0
from frictionless import Package

from dashboard.dataset import Dataset
from dashboard.export import export_files, write_files
from dashboard.filters import Filters, filter_dataset, valid_ids
from dashboard.schema import DEFAULT_DATA_DIR

DESCRIPTOR = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
FOREIGN_KEYS = [
    (
        res["name"],
        fk["fields"],
        fk["reference"]["resource"] or res["name"],
        fk["reference"]["fields"],
    )
    for res in DESCRIPTOR["resources"]
    for fk in res["schema"].get("foreignKeys", [])
]


def dangling(cut: Dataset) -> list[tuple[str, str, list[str]]]:
    """Every (table, column, missing ids) whose non-empty values have no row in the target."""
    found = []
    for table, column, target, target_column in FOREIGN_KEYS:
        values = set(cut.table(table)[column]) - {""}
        missing = values - set(cut.table(target)[target_column])
        if missing:
            found.append((table, column, sorted(missing)))
    return found


def test_the_descriptor_declares_the_references_checked_here() -> None:
    # claims.topic_id and events.parent_event_id are the two the issue names.
    assert ("claims", "topic_id", "topics", "topic_id") in FOREIGN_KEYS
    assert ("events", "parent_event_id", "events", "event_id") in FOREIGN_KEYS


def _every_single_id(dataset: Dataset) -> list[Filters]:
    return [Filters(**{kind: (i,)}) for kind, ids in valid_ids(dataset).items() for i in ids]


def test_no_filter_of_one_id_leaves_a_dangling_reference(dataset: Dataset) -> None:
    problems = {
        f.describe(): d
        for f in _every_single_id(dataset)
        if (d := dangling(filter_dataset(dataset, f)))
    }
    assert problems == {}


def test_a_kept_claims_topic_is_kept(dataset: Dataset) -> None:
    # 000's claim nichols-mexico-must-investigate-companies-000 is about
    # drug-trafficking-enforcement, a topic none of 000's event_topics rows carries.
    cut = filter_dataset(dataset, Filters(article=(A0,)))
    assert "nichols-mexico-must-investigate-companies-000" in set(cut.claims["claim_id"])
    assert set(cut.topics["topic_id"]) == {
        # 000's event topics
        "customs-port-security", "disaster-aid", "emerging-industries", "infrastructure",
        "migration", "multilateral-diplomacy", "precursor-chemicals", "trade-investment",
        # its claims'
        "drug-trafficking-enforcement",
    }  # fmt: skip


def test_a_kept_events_parent_and_its_place_are_kept(dataset: Dataset) -> None:
    # The one event at mexico-city is working-group-second-meeting-2024, part of
    # china-delegation-visit-mexico-2024, which took place in "mexico".
    cut = filter_dataset(dataset, Filters(location=("mexico-city",)))
    assert set(cut.events["event_id"]) == {
        "working-group-second-meeting-2024",
        "china-delegation-visit-mexico-2024",
    }
    assert set(cut.locations["location_id"]) == {"mexico-city", "mexico"}
    # The parent is kept as a referenced row, not as a selected event: its evidence is not.
    assert set(cut.event_sources["event_id"]) == {"working-group-second-meeting-2024"}


@pytest.mark.parametrize(
    "filters",
    [
        Filters(location=("mexico-city",)),
        Filters(article=(A0,)),
        Filters(organization=("us-nsc",)),
        Filters(country=("CAN",)),
        Filters(topic=("border",)),
        Filters(person=("ken-salazar",)),
    ],
    ids=lambda f: f.describe(),
)
def test_a_filtered_export_is_a_valid_package_with_its_foreign_keys(
    dataset: Dataset, filters: Filters, tmp_path: Path
) -> None:
    write_files(export_files(dataset, filters), tmp_path)
    exported = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    declared = {res["name"]: res["schema"].get("foreignKeys", []) for res in exported["resources"]}
    for res in DESCRIPTOR["resources"]:
        assert declared[res["name"]] == res["schema"].get("foreignKeys", []), res["name"]
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:5]
