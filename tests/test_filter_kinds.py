"""The filter-kind registry: a kind registered in one place reaches parsing, selection, the
CLI, the About view and the sidebar; the sidebar's facet counts, against hand counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cli, filters
from dashboard.dataset import Dataset
from dashboard.filters import (
    KINDS,
    FilterKind,
    Filters,
    build_index,
    facet_counts,
    filter_dataset,
    parse_filters,
    select,
)

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def _kind_index(dataset: Dataset) -> filters.Index:
    """Each event kind selects its events and the articles that report them."""
    events, sources = dataset.events, dataset.event_sources
    index = {}
    for kind in sorted(set(events["kind"]) - {""}):
        chosen = frozenset(events.loc[events["kind"] == kind, "event_id"])
        reporting = frozenset(sources.loc[sources["event_id"].isin(chosen), "article_id"])
        index[kind] = (reporting, chosen)
    return index


EVENT_KIND = FilterKind(
    name="kind",
    label="Event kind",
    help="event kinds (events.kind)",
    rule="the events of that kind, and the articles that report them",
    options=lambda dataset: {k: k for k in sorted(set(dataset.events["kind"]) - {""})},
    index=_kind_index,
)


@pytest.fixture
def event_kind(monkeypatch: pytest.MonkeyPatch) -> FilterKind:
    """The registry with one more kind; nothing else is edited."""
    monkeypatch.setitem(KINDS, "kind", EVENT_KIND)
    return EVENT_KIND


def test_a_registered_kind_is_parsed_and_selects(dataset: Dataset, event_kind) -> None:
    chosen, notices = parse_filters({"kind": "letter,nonsense"}, dataset)
    assert notices == ["The link named a kind that is not in the data: 'nonsense'."]
    assert chosen == Filters(kind=("letter",)) and chosen.kind == ("letter",)
    assert chosen.to_query() == {"kind": "letter"}
    # events.csv has one letter: López Obrador's letter to Xi, reported by article 000.
    articles, events = select(dataset, chosen)
    assert events == {"lopez-obrador-letter-to-xi-2023"}
    assert articles == {"sf-xi-lopez-obrador-report"}
    assert list(filter_dataset(dataset, chosen).events["event_id"]) == sorted(events)


def test_a_registered_kind_is_a_cli_flag_and_an_about_rule(event_kind, capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--kind IDS event kinds (events.kind); comma-separated or repeated" in help_text
    rule = "**Event kind** (`kind`): the events of that kind, and the articles that report them."
    assert rule in filters.rules()


def test_a_registered_kind_is_in_the_sidebar_and_the_url(event_kind) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["kind"] = "letter"
    at.run()
    assert not at.exception
    widget = at.multiselect(key="filters.kind")
    assert widget.label == "Event kind" and widget.value == ["letter"]
    assert {m.label: m.value for m in at.metric}["Events"] == "1"
    assert at.query_params["kind"] in ("letter", ["letter"])


def test_an_unregistered_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="unknown filter kind"):
        Filters(colour=("red",))


# --- facet counts -----------------------------------------------------------------------------

# With country=CHN the selected events are the eighteen with a Chinese participant
# (participants.csv) or a Chinese side (event_sides.csv): apec-2023-leaders-meeting,
# xi-biden-meeting-2023, xi-lopez-obrador-meeting-2023, lopez-obrador-letter-to-xi-2023,
# lopez-obrador-invites-xi-to-mexico-2023, china-hurricane-aid-commitment-2023 (Xi),
# china-embassy-account-xi-meeting-2023, working-group-second-meeting-2024,
# china-delegation-visit-mexico-2024 (organizations), and by their sides the delegation's three
# stops, the October 2023 visit to China, Mexico's request for supplies, the two
# anniversaries, diplomatic relations and the COVID-19 supplies. Of those, by participants.csv:
CHN_PERSON_COUNTS = {
    "xi-jinping": 6,  # APEC, Biden meeting, López Obrador meeting, letter, invitation, aid
    "lopez-obrador": 4,  # APEC, the meeting with Xi, the letter, the invitation
    "joe-biden": 2,  # APEC, the meeting with Xi
    "dina-boluarte": 1,  # APEC
}  # the 22 other people: 0


def test_facet_counts_by_hand_with_one_country(dataset: Dataset) -> None:
    counts = facet_counts(dataset, Filters(country=("CHN",)), build_index(dataset))
    people = counts["person"]
    assert {p: n for p, n in people.items() if n} == CHN_PERSON_COUNTS
    assert len(people) == 26 and sum(1 for n in people.values() if n == 0) == 22
    # A kind's own filter does not narrow its counts: CHN keeps 18 events; MEX all 36 but the
    # Xi–Biden meeting, Biden's speech and funds request, Castillo's ouster and the Chinese
    # embassy's account, 31.
    assert counts["country"]["CHN"] == 18
    assert counts["country"]["MEX"] == 31
    # Source articles count articles (each its own, when the other filters keep it).
    assert set(counts["article"].values()) <= {0, 1}


def test_sidebar_shows_the_counts_and_puts_empty_options_last() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["country"] = "CHN"
    at.run()
    assert not at.exception
    options = at.multiselect(key="filters.person").options
    # Non-empty options in name order, then the 22 that would keep nothing.
    assert options[:4] == [
        "Andrés Manuel López Obrador (4)",
        "Dina Boluarte (1)",
        "Joe Biden (2)",
        "Xi Jinping (6)",
    ]
    assert len(options) == 26 and all(o.endswith(" (0)") for o in options[4:])
