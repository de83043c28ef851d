"""One event's page, counted by hand in data/events.csv, participants.csv, event_sources.csv,
claims.csv and event_topics.csv."""

from __future__ import annotations

from expected import A0, A2, A4

from dashboard.dataset import Dataset
from dashboard.events import (
    accounts,
    event_card,
    event_claims,
    event_topic_labels,
    events_by_date,
    participants_by_side,
)

XI_AMLO = "xi-lopez-obrador-meeting-2023"


def test_card_of_the_xi_lopez_obrador_meeting(dataset: Dataset) -> None:
    card = event_card(dataset, XI_AMLO)
    assert card.title == "Xi Jinping–Andrés Manuel López Obrador meeting"
    assert card.kind == "bilateral meeting"
    assert card.dates == "16 Nov 2023 (inferred)"
    assert card.place == "San Francisco"
    assert card.parent == (
        "apec-2023-leaders-meeting",
        "30th APEC Economic Leaders' Meeting, San Francisco",
    )
    # The invitation to Mexico names the meeting as its parent (000).
    assert card.children == (
        ("lopez-obrador-invites-xi-to-mexico-2023", "López Obrador invites Xi Jinping to Mexico"),
    )


def test_children_of_apec_in_date_order(dataset: Dataset) -> None:
    # Seven events name APEC as parent: the speech and Xi–Biden (15 Nov), Trudeau (Nov 2023,
    # stored as 2023-11-01), Kishida, the photo, Xi–López Obrador (16 Nov), Biden–López Obrador.
    children = [
        event_id for event_id, _ in event_card(dataset, "apec-2023-leaders-meeting").children
    ]
    assert children == [
        "lopez-obrador-trudeau-meeting-2023",
        "biden-apec-speech-2023",
        "xi-biden-meeting-2023",
        "apec-2023-official-photo",
        "lopez-obrador-kishida-meeting-2023",
        XI_AMLO,
        "biden-lopez-obrador-meeting-2023",
    ]
    assert event_card(dataset, "apec-2023-leaders-meeting").parent is None


def test_an_event_without_place_or_dates_reads_unknown(dataset: Dataset) -> None:
    card = event_card(dataset, "lopez-obrador-biden-meeting-post-2023")
    assert card.place == "unknown"
    assert card.dates == "unknown"


def test_accounts_one_column_per_source(dataset: Dataset) -> None:
    # event_sources.csv: 000, 002 and 004 report the meeting; by published date 002 (Nov 2023,
    # stored as 2023-11-01), 004 (16 Nov), 000 (17 Nov).
    got = accounts(dataset, XI_AMLO)
    assert got["article_id"].tolist() == [A2, A4, A0]
    assert got["quote"].iloc[0].startswith("The Mexican president also addressed the issue")


def test_participants_by_side(dataset: Dataset) -> None:
    # Xi (CHN) and López Obrador (MEX), each cited by 000, 002 and 004: six rows, China first.
    parts = participants_by_side(dataset, XI_AMLO)
    assert parts["side"].tolist() == ["China"] * 3 + ["Mexico"] * 3
    assert set(parts["entity_id"][:3]) == {"xi-jinping"}
    assert set(parts["role"]) == {"leader"}
    assert parts["article_id"][:3].tolist() == [A2, A0, A4]


def test_claims_at_the_meeting_grouped_by_side(dataset: Dataset) -> None:
    # claims.csv: 24 claims carry the event: Xi 12 (China, with both "new level" statements);
    # López Obrador 10 and the Mexican government 1 (Mexico); 000's unnamed "he said" (unknown).
    # The SRE's basic goods and the invitation belong to their own events now.
    claims = event_claims(dataset, XI_AMLO)
    assert len(claims) == 24
    assert claims["side"].value_counts().to_dict() == {"China": 12, "Mexico": 11, "unknown": 1}
    assert claims["side"].tolist() == ["China"] * 12 + ["Mexico"] * 11 + ["unknown"]
    mexico = claims[claims["side"] == "Mexico"]
    assert mexico["speaker_id"].value_counts().to_dict() == {
        "lopez-obrador": 10,
        "mexico-government": 1,
    }


def test_topics_of_the_meeting(dataset: Dataset) -> None:
    assert len(event_topic_labels(dataset, XI_AMLO)) == 8


def test_events_by_date_puts_undated_last(dataset: Dataset) -> None:
    order = list(events_by_date(dataset))
    assert order[0] == "china-mexico-diplomatic-relations-1972"
    assert set(order[-6:]) == {
        "lopez-obrador-biden-meeting-post-2023",
        "hurricane-otis",
        "plan-sonora",
        "interoceanic-corridor",
        "mexico-request-hurricane-supplies-2023",
        "china-covid-supplies-to-mexico",
    }
    assert len(order) == 36
