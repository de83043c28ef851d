"""The curated tables against the curation rules: propositions and positions, event sides,
letters with a direction, aliases from the texts and from outside, every entity findable.

Expectations were counted by hand from data/*.csv and the seed texts."""

from __future__ import annotations

import re

import pandas as pd
from expected import A0, A1, A2

from dashboard.dataset import Dataset
from dashboard.filters import Filters, filter_dataset

# Propositions with both an affirming and a denying claim, and who takes each position:
# 000 "López Obrador, who has denied that fentanyl is manufactured in his country" and 002
# "Lopez Obrador's administration denies the accusation" against 000 "According to
# Washingtonthe Mexican cartels use chemical precursors from China to manufacture this opioid"
# and 002 "the drug that US officials allege is being made by Mexican cartels"; 002 "his
# administration announced plans to extend the border wall" against "which Biden had
# previously said he would never follow".
DISPUTED = {
    "fentanyl-made-in-mexico": {
        "affirms": {"us-government"},
        "denies": {"lopez-obrador", "mexico-government"},
    },
    "us-extends-border-wall": {
        "affirms": {"us-government"},
        "denies": {"joe-biden"},
    },
}


def positions(claims: pd.DataFrame) -> dict[str, dict[str, set[str]]]:
    """proposition_id -> position -> speaker ids."""
    out: dict[str, dict[str, set[str]]] = {}
    for proposition, position, speaker in zip(
        claims["proposition_id"], claims["position"], claims["speaker_id"], strict=True
    ):
        out.setdefault(proposition, {}).setdefault(position, set()).add(speaker)
    return out


def test_disputed_propositions_and_who_disputes_them(dataset: Dataset) -> None:
    by_proposition = positions(dataset.claims)
    disputed = {
        p: sides for p, sides in by_proposition.items() if {"affirms", "denies"} <= set(sides)
    }
    assert disputed == DISPUTED
    # Each side's country: the dispute on fentanyl is Mexico against the United States.
    people = dict(zip(dataset.people["person_id"], dataset.people["country"], strict=True))
    orgs = dict(zip(dataset.organizations["org_id"], dataset.organizations["country"], strict=True))
    countries = {**people, **orgs}
    fentanyl = DISPUTED["fentanyl-made-in-mexico"]
    assert {countries[s] for s in fentanyl["affirms"]} == {"USA"}
    assert {countries[s] for s in fentanyl["denies"]} == {"MEX"}


def test_the_fentanyl_dispute_rests_on_four_claims_from_two_sources(dataset: Dataset) -> None:
    claims = dataset.claims[dataset.claims["proposition_id"] == "fentanyl-made-in-mexico"]
    assert len(claims) == 4
    assert set(claims["article_id"]) == {A0, A2}
    assert sorted(claims["stance"]) == ["allege", "allege", "deny", "deny"]


def test_every_claim_has_a_proposition_and_every_proposition_a_claim(dataset: Dataset) -> None:
    claims, propositions = dataset.claims, dataset.propositions
    assert (claims["proposition_id"] != "").all()
    assert set(claims["proposition_id"]) == set(propositions["proposition_id"])
    assert len(propositions) == 27
    assert len(claims) == 53
    # A denial is a denying position; the reverse need not hold (Biden's pledge denies).
    assert set(claims.loc[claims["stance"] == "deny", "position"]) == {"denies"}


def test_the_journalists_forecast_is_not_a_government_claim(dataset: Dataset) -> None:
    claims = dataset.claims.set_index("claim_id")
    forecast = claims.loc["latin-times-forecasts-us-pressure-on-mexico-002"]
    assert (forecast["speaker_id"], forecast["stance"]) == ("latin-times", "assert")
    assert "us-government-pushes-mexico-to-do-more-002" not in claims.index
    # 000's "he said" on the lines of precursors names no one.
    unnamed = claims.loc["unknown-speaker-control-asia-precursor-lines-000"]
    assert (unnamed["speaker_id"], unnamed["speaker_type"]) == ("unknown-speaker", "unknown")
    assert "he said" in unnamed["quote"]


def test_every_event_has_its_sides_and_leading_organizations_match_them(
    dataset: Dataset,
) -> None:
    sides = dataset.event_sides
    assert set(sides["event_id"]) == set(dataset.events["event_id"])
    assert len(sides) == 67
    orgs = dict(zip(dataset.organizations["org_id"], dataset.organizations["country"], strict=True))
    led = sides[sides["organization_id"] != ""]
    for country, org in zip(led["country_id"], led["organization_id"], strict=True):
        assert orgs[org] == country
    # 001: the Chinese delegation, led by the NNCC, at each stop of its visit.
    nncc = set(led.loc[led["organization_id"] == "china-nncc", "event_id"])
    assert nncc == {
        "china-delegation-visit-mexico-2024",
        "working-group-second-meeting-2024",
        "veracruz-port-visit-2024",
        "aifa-visit-2024",
        "aic-fgr-working-meeting-2024",
    }
    assert set(led.loc[led["organization_id"] == "china-nncc", "article_id"]) == {A1}


def test_letters_invitations_and_requests_have_a_direction(dataset: Dataset) -> None:
    parts = dataset.participants
    directed = parts[parts["role"].isin(["sender", "recipient"])]
    pairs = {
        event: (
            set(rows.loc[rows["role"] == "sender", "entity_id"]),
            set(rows.loc[rows["role"] == "recipient", "entity_id"]),
        )
        for event, rows in directed.groupby("event_id")
    }
    assert pairs == {
        "lopez-obrador-letter-to-xi-2023": ({"lopez-obrador"}, {"xi-jinping"}),
        "lopez-obrador-invites-xi-to-mexico-2023": ({"lopez-obrador"}, {"xi-jinping"}),
        "biden-border-funds-request-2023": ({"joe-biden"}, {"us-congress"}),
    }


def test_every_person_and_organization_is_found_in_the_seeds(dataset: Dataset) -> None:
    found = set(dataset.mentions["entity_id"])
    for table, key in (("people", "person_id"), ("organizations", "org_id")):
        frame = dataset.table(table)
        for entity, notes in zip(frame[key], frame["notes"], strict=True):
            # An entity the texts never name needs its row to say so.
            assert entity in found or "never named" in notes, f"{table}: {entity}"


def test_institutions_named_only_in_passing_are_found(dataset: Dataset) -> None:
    mentions = dataset.mentions
    expected = {
        ("china-mfa", A1, "Ministries of Foreign Affairs"),
        ("china-mofcom", A1, "Commerce"),
        ("economia", "presidency-lopez-obrador-biden-meeting", "Economy"),
        ("sedena", "presidency-lopez-obrador-biden-meeting", "National Defense"),
        ("semar", "presidency-lopez-obrador-biden-meeting", "Navy"),
    }
    rows = set(zip(mentions["entity_id"], mentions["article_id"], mentions["text"], strict=True))
    assert expected <= rows


def test_external_aliases_are_not_in_the_texts(dataset: Dataset) -> None:
    texts = "\n".join(dataset.texts.values())
    for table in ("people", "organizations"):
        for cell in dataset.table(table)["external_aliases"]:
            for alias in filter(None, cell.split("|")):
                assert not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", texts), alias


def test_external_aliases_find_spanish_institutions(dataset: Dataset) -> None:
    from dashboard.mentions import find_mentions

    text = (
        "La Secretaría de Marina y la Sedena recibieron a la Comisión Nacional de Control de "
        "Narcóticos; la Fiscalía General de la República y Cofepris asistieron."
    )
    found = find_mentions({"es": text}, dataset.people, dataset.organizations)
    assert list(found["entity_id"]) == ["semar", "sedena", "china-nncc", "fgr", "cofepris"]


def test_the_cut_keeps_the_sides_and_propositions_of_what_is_kept(dataset: Dataset) -> None:
    cut = filter_dataset(dataset, Filters(article=(A2,)))
    assert set(cut.event_sides["article_id"]) == {A2}
    assert set(cut.propositions["proposition_id"]) == set(cut.claims["proposition_id"])
    # 002's twelve claims, all about its events or none, on nine propositions: two claims each on
    # fentanyl made in Mexico, the meeting's central topic and the border wall.
    assert len(cut.claims) == 12
    assert len(cut.propositions) == 9
