"""Mention finding: synthetic entities for the rules, the curated tables for the five seeds.

Every expected value below was counted by reading the texts, not computed by the code.
"""

from __future__ import annotations

import ast
import re
import time
import unicodedata
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from expected import PEOPLE_BY_ARTICLE
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard.mentions import (
    MENTION_COLUMNS,
    Entity,
    Mention,
    MentionMatcher,
    alias_key,
    entities_from_tables,
    find_mentions,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"

PEOPLE_COLUMNS = ["person_id", "name", "aliases", "country", "role", "organization_id", "notes"]
ORG_COLUMNS = ["org_id", "name", "acronym", "aliases", "country", "kind", "parent_id", "notes"]


def table(columns: list[str], rows: list[dict[str, str]]) -> pd.DataFrame:
    """A table shaped like the curated CSVs: every column present, empty cells as ""."""
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)


def people_table(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """A people.csv-shaped table from (person_id, name, aliases, role) rows."""
    keys = ("person_id", "name", "aliases", "role")
    return table(PEOPLE_COLUMNS, [dict(zip(keys, row, strict=True)) for row in rows])


def organizations_table(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """An organizations.csv-shaped table from (org_id, name, acronym, aliases) rows."""
    keys = ("org_id", "name", "acronym", "aliases")
    return table(ORG_COLUMNS, [dict(zip(keys, row, strict=True)) for row in rows])


# Synthetic tables, so the rules are tested whatever the curator writes. Two people share
# "González" on purpose (the curated data avoids that).
# fmt: off
PEOPLE = people_table([
    ("joe-biden", "Joe Biden", "Joseph Biden|Biden", "President of the United States"),
    ("xi-jinping", "Xi Jinping", "Xi", "President of China"),
    ("lopez-obrador", "Andrés Manuel López Obrador",
     "Andres Manuel Lopez Obrador|López Obrador|Lopez Obrador|López", "President of Mexico"),
    ("gabriel-boric", "Gabriel Boric", "Boric", "President of Chile"),
    ("ken-salazar", "Ken Salazar", "Salazar", "US Ambassador to Mexico"),
    ("katie-tobin", "Katie Tobin", "Tobin", "Director of Cross-Border Security"),
    ("elizabeth-sherwood-randall", "Elizabeth Sherwood-Randall", "Sherwood-Randall",
     "Homeland Security Advisor"),
    ("juan-gonzalez", "Juan González", "Juan Gonzalez|González|Gonzalez", "Senior Director, NSC"),
    ("luis-cresencio-sandoval", "Luis Cresencio Sandoval González",
     "Luis Cresencio Sandoval Gonzalez|Sandoval|González|Gonzalez",
     "Secretary of National Defense; General"),
    ("johann-strauss", "Johann Strauss", "Strauss", "Composer"),
])
ORGANIZATIONS = organizations_table([
    ("sre", "Secretaría de Relaciones Exteriores", "SRE",
     "Ministry of Foreign Affairs of the United Mexican States|Ministry of Foreign Affairs|"
     "foreign ministry"),
    ("apec", "Asia-Pacific Economic Cooperation", "APEC", ""),
    ("us-government", "Government of the United States", "", "Washington|US government"),
    ("china-government", "Government of China", "", "Beijing"),
    ("nagano-group", "Nagano Group", "", ""),
])
# fmt: on
MATCHER = MentionMatcher(entities_from_tables(PEOPLE, ORGANIZATIONS))


def found(text: str, matcher: MentionMatcher = MATCHER) -> list[tuple[str, str]]:
    """(entity_id, surface text) of every mention, in order."""
    return [(m.entity_id, m.text) for m in matcher.find(text)]


# --- tables to entities -----------------------------------------------------------------------


def test_entities_from_tables_counts_name_and_acronym_as_aliases() -> None:
    entities = {e.entity_id: e for e in entities_from_tables(PEOPLE, ORGANIZATIONS)}
    assert entities["joe-biden"] == Entity(
        "joe-biden",
        "person",
        "Joe Biden",
        ("Joe Biden", "Joseph Biden", "Biden"),
        "President of the United States",
    )
    sre = entities["sre"]
    assert sre.entity_type == "organization"
    assert sre.aliases[:2] == ("Secretaría de Relaciones Exteriores", "SRE")
    assert "foreign ministry" in sre.aliases
    assert len(entities) == len(PEOPLE) + len(ORGANIZATIONS)


def test_entities_from_tables_drops_blank_and_duplicate_aliases() -> None:
    people = people_table([("p", "Ana Ruiz", " Ruiz || Ana Ruiz|", "")])
    (entity,) = entities_from_tables(people, organizations_table([]))
    assert entity.aliases == ("Ana Ruiz", "Ruiz")


# --- case, accents, possessives ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lopez Obrador spoke", [("lopez-obrador", "Lopez Obrador")]),
        ("López Obrador spoke", [("lopez-obrador", "López Obrador")]),
        ("LÓPEZ OBRADOR spoke", [("lopez-obrador", "LÓPEZ OBRADOR")]),
        ("Andres Manuel López Obrador", [("lopez-obrador", "Andres Manuel López Obrador")]),
        ("PRESIDENT BIDEN spoke", [("joe-biden", "BIDEN")]),
        ("President Biden's speech", [("joe-biden", "Biden")]),
        ("President Biden’s speech", [("joe-biden", "Biden")]),
        ("the Presidents' and President Biden' views", [("joe-biden", "Biden")]),
        ("Lopez Obrador's administration", [("lopez-obrador", "Lopez Obrador")]),
        (
            "Joseph R. Biden, Jr. met Joe Biden",
            [("joe-biden", "Biden"), ("joe-biden", "Joe Biden")],
        ),
        ("Advisor Sherwood-Randall", [("elizabeth-sherwood-randall", "Sherwood-Randall")]),
        ("López  Obrador\u00a0spoke", [("lopez-obrador", "López  Obrador")]),
    ],
)
def test_case_accents_and_possessives(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_name_split_across_lines_is_not_one_mention() -> None:
    assert found("Ken\nSalazar. Ken Salazar") == [
        ("ken-salazar", "Salazar"),
        ("ken-salazar", "Ken Salazar"),
    ]


# --- run-together words and word boundaries ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "President Xi and President Bidenwhere the",
            [("xi-jinping", "Xi"), ("joe-biden", "Biden")],
        ),
        ("Gabriel Boricin the front row", [("gabriel-boric", "Gabriel Boric")]),
        ("and Lopez Obradorin the second", [("lopez-obrador", "Lopez Obrador")]),
        ("with Beijingwhich has", [("china-government", "Beijing")]),
        ("According to Washingtonthe cartels", [("us-government", "Washington")]),
        ("Ambassador Salazardespite it", [("ken-salazar", "Salazar")]),
        ("Ambassador Salazarindicated it", [("ken-salazar", "Salazar")]),
        # Not a listed word after the name: an ordinary word, no mention.
        ("Tobinx and Tobins", []),
        ("Bidenomics", []),
        ("Xiang", []),
        # Names never start inside a word.
        ("Xinhua, a taxi to Mexico", []),
        ("Xi'an is a city", []),
        ("Obiden, taxicab", []),
        ("Bidenthe2", []),
    ],
)
def test_run_together_words_and_boundaries(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# --- capitals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("boric acid and salazar and biden", []),
        ("PRESIDENT BORIC", [("gabriel-boric", "BORIC")]),
        # An acronym in title case, as Spanish texts write them; never in lower case.
        ("the sre and the Sre", [("sre", "Sre")]),
        ("the SRE said", [("sre", "SRE")]),
        ("The apec summit", []),
        ("his foreign ministry said", [("sre", "foreign ministry")]),
        ("the ministry of foreign affairs", [("sre", "ministry of foreign affairs")]),
        ("in washington and beijing", []),
        ("the us government", [("us-government", "us government")]),
    ],
)
def test_capitalisation_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


# --- longest match and shared short forms -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Luis Cresencio Sandoval González and Juan González",
            [
                ("luis-cresencio-sandoval", "Luis Cresencio Sandoval González"),
                ("juan-gonzalez", "Juan González"),
            ],
        ),
        (
            "the Ministry of Foreign Affairs of the United Mexican States and SRE",
            [
                ("sre", "Ministry of Foreign Affairs of the United Mexican States"),
                ("sre", "SRE"),
            ],
        ),
        (
            "Asia-Pacific Economic Cooperation (APEC)",
            [("apec", "Asia-Pacific Economic Cooperation"), ("apec", "APEC")],
        ),
    ],
)
def test_longest_match_wins(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Alone, with nothing to tell the two apart: nobody's.
        ("González spoke.", []),
        ("gonzález spoke.", []),
        # (a) exactly one of them is named in full in the article.
        (
            "Juan González arrived. Later González spoke.",
            [("juan-gonzalez", "Juan González"), ("juan-gonzalez", "González")],
        ),
        (
            "González spoke first; Luis Cresencio Sandoval González came later.",
            [
                ("luis-cresencio-sandoval", "González"),
                ("luis-cresencio-sandoval", "Luis Cresencio Sandoval González"),
            ],
        ),
        # "General Sandoval" is his alone: evidence too, although no longer than "González".
        (
            "General Sandoval arrived. González spoke.",
            [("luis-cresencio-sandoval", "Sandoval"), ("luis-cresencio-sandoval", "González")],
        ),
        # Both named in full: the short form stays ambiguous.
        (
            "Juan González met Luis Cresencio Sandoval González. González spoke.",
            [
                ("juan-gonzalez", "Juan González"),
                ("luis-cresencio-sandoval", "Luis Cresencio Sandoval González"),
            ],
        ),
        # (b) a title right before it that only one role contains.
        ("General González spoke.", [("luis-cresencio-sandoval", "González")]),
        ("Secretary Gonzalez spoke.", [("luis-cresencio-sandoval", "Gonzalez")]),
        ("Senior Director González spoke.", [("juan-gonzalez", "González")]),
        # The title beats the article-level evidence.
        (
            "Juan González met General González.",
            [("juan-gonzalez", "Juan González"), ("luis-cresencio-sandoval", "González")],
        ),
        # A title no role contains, or not right before the name: no help.
        ("President González spoke.", []),
        ("Mr. González spoke.", []),
        ("General, González spoke.", []),
        ("The general said González spoke.", []),
        # "Secretary" inside "Undersecretary" is no title, however far back the word starts.
        ("Undersecretary González spoke.", []),
        ("Undersecretary" + " " * 23 + "González spoke.", []),
    ],
)
def test_shared_short_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime Minister Kishida", [("pm", "Kishida")]),
        ("PRIME MINISTER KISHIDA", [("pm", "KISHIDA")]),
        ("Foreign Minister Kishida", [("fm", "Kishida")]),
        ("Minister Kishida", []),
        ("Ministers Kishida", []),
        ("Dr. Kishida", [("fm", "Kishida")]),
        ("Dr Kishida", [("fm", "Kishida")]),
    ],
)
def test_title_words_are_matched_longest_first(text: str, expected: list[tuple[str, str]]) -> None:
    people = people_table(
        [
            ("pm", "Fumio Kishida", "Kishida", "Prime Minister of Japan"),
            ("fm", "Hana Kishida", "Kishida", "Foreign Minister (Dr.)"),
        ]
    )
    matcher = MentionMatcher(entities_from_tables(people, organizations_table([])))
    assert found(text, matcher) == expected


# --- a surname alone needs evidence in its article (issue 13) ---------------------------------

# fmt: off
EVIDENCE_PEOPLE = people_table([
    ("lopez-obrador", "Andrés Manuel López Obrador", "López Obrador|López", "President of Mexico"),
    ("pedro-castillo", "Pedro Castillo", "Castillo", "Former President of Peru"),
    ("jose-rafael-ojeda", "José Rafael Ojeda Durán", "José Rafael Ojeda|Ojeda",
     "Secretary of the Navy"),
])
EVIDENCE_ORGANIZATIONS = table(ORG_COLUMNS, [
    {"org_id": "sre", "name": "Secretaría de Relaciones Exteriores", "acronym": "SRE",
     "aliases": "Ministry of Foreign Affairs|Foreign Ministry", "country": "MEX"},
])
# fmt: on
EVIDENCE_MATCHER = MentionMatcher(entities_from_tables(EVIDENCE_PEOPLE, EVIDENCE_ORGANIZATIONS))

# An added article about other people who share the curated surnames and generic words.
FARMERS = (
    "Pedro López, a farmer in Sonora, said the harvest failed. Carlos Castillo, his neighbour, "
    "agreed. They sell their maize on Ojeda Street.\n"
    "The Ministry of Foreign Affairs of China and the Foreign Ministry of Japan issued "
    "statements; China's Foreign Ministry added nothing."
)
# An article naming the curated people in full or by title: their surnames count.
SUMMIT = (
    "President Andrés Manuel López Obrador met Pedro Castillo in Lima. López said the talks "
    "went well; Castillo agreed.\n"
    "Secretary Ojeda attended. Ojeda later spoke to the Ministry of Foreign Affairs of Mexico, "
    "and the Foreign Ministry confirmed it."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hand-counted: nothing in FARMERS is a curated person or the Mexican ministry.
        (FARMERS, {}),
        # López Obrador 2 (full, "López"), Castillo 2 (full, "Castillo"), Ojeda 2 (with the
        # title "Secretary", then alone), SRE 2 (qualified by Mexico, then unqualified).
        (
            SUMMIT,
            {"lopez-obrador": 2, "pedro-castillo": 2, "jose-rafael-ojeda": 2, "sre": 2},
        ),
        # Both in one article: the full names count; the farmer, his neighbour and the street
        # (a place word after the surname) do not.
        (
            SUMMIT + "\n" + FARMERS,
            {"lopez-obrador": 2, "pedro-castillo": 2, "jose-rafael-ojeda": 2, "sre": 2},
        ),
        # A surname alone, with no full name and no title in the article: nobody.
        ("López spoke and Castillo listened.", {}),
        # A matching title anywhere in the article is evidence for the surname elsewhere.
        ("Former President Castillo spoke. Castillo left.", {"pedro-castillo": 2}),
        # A title that the role does not hold is no evidence.
        ("Ambassador Castillo spoke. Castillo left.", {}),
        # Another given name before the surname, even in an article naming the person in full.
        ("Pedro Castillo met Carlos Castillo.", {"pedro-castillo": 1}),
    ],
)
def test_surname_alone_needs_evidence_in_the_article(text: str, expected: dict[str, int]) -> None:
    counts: dict[str, int] = {}
    for mention in EVIDENCE_MATCHER.find(text):
        counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    assert counts == expected


def test_surname_evidence_keeps_the_surfaces_of_the_true_mentions() -> None:
    assert found(SUMMIT, EVIDENCE_MATCHER) == [
        ("lopez-obrador", "Andrés Manuel López Obrador"),
        ("pedro-castillo", "Pedro Castillo"),
        ("lopez-obrador", "López"),
        ("pedro-castillo", "Castillo"),
        ("jose-rafael-ojeda", "Ojeda"),
        ("jose-rafael-ojeda", "Ojeda"),
        ("sre", "Ministry of Foreign Affairs"),
        ("sre", "Foreign Ministry"),
    ]


# --- Spanish-language sources (issue 14) -------------------------------------------------------

# fmt: off
SPANISH_PEOPLE = table([*PEOPLE_COLUMNS, "external_aliases"], [
    {"person_id": "alicia-barcena", "name": "Alicia Bárcena Ibarra", "aliases": "Bárcena",
     "role": "Foreign Minister of Mexico", "country": "MEX"},
    {"person_id": "ken-salazar", "name": "Ken Salazar", "aliases": "Salazar",
     "role": "US Ambassador to Mexico", "country": "USA"},
    {"person_id": "luis-cresencio-sandoval", "name": "Luis Cresencio Sandoval González",
     "aliases": "Sandoval|González", "role": "Secretary of National Defense", "country": "MEX"},
    {"person_id": "juan-gonzalez", "name": "Juan González", "aliases": "González",
     "role": "Senior Director, NSC", "country": "USA"},
])
# The Spanish names sit in external_aliases, as data/ keeps aliases from outside the texts.
SPANISH_ORGANIZATIONS = table([*ORG_COLUMNS, "external_aliases"], [
    {"org_id": "sre", "name": "Secretaría de Relaciones Exteriores", "acronym": "SRE",
     "aliases": "Ministry of Foreign Affairs", "country": "MEX"},
    {"org_id": "semar", "name": "Ministry of the Navy", "acronym": "SEMAR",
     "external_aliases": "Secretaría de Marina", "country": "MEX"},
    {"org_id": "sedena", "name": "Ministry of the National Defense", "acronym": "SEDENA",
     "external_aliases": "Secretaría de la Defensa Nacional", "country": "MEX"},
    {"org_id": "fgr", "name": "Federal Attorney General's Office", "acronym": "FGR",
     "external_aliases": "Fiscalía General de la República", "country": "MEX"},
    {"org_id": "anam", "name": "Mexican National Customs Agency", "acronym": "ANAM",
     "external_aliases": "Agencia Nacional de Aduanas de México", "country": "MEX"},
    {"org_id": "cofepris", "name": "Federal Commission for Protection Against Health Risks",
     "acronym": "COFEPRIS", "country": "MEX", "external_aliases":
     "Comisión Federal para la Protección contra Riesgos Sanitarios"},
    {"org_id": "china-nncc", "name": "National Narcotics Control Commission", "acronym": "NNCC",
     "external_aliases": "Comisión Nacional de Control de Narcóticos", "country": "CHN"},
    # Acronyms that are ordinary words in title case.
    {"org_id": "pan", "name": "Partido Acción Nacional", "acronym": "PAN", "country": "MEX"},
    {"org_id": "sat", "name": "Servicio de Administración Tributaria", "acronym": "SAT",
     "country": "MEX"},
])
# fmt: on
SPANISH_MATCHER = MentionMatcher(entities_from_tables(SPANISH_PEOPLE, SPANISH_ORGANIZATIONS))

# Written for these tests in the style of an SRE press release (not a real one).
SPANISH_RELEASE = (
    "Ciudad de México, 12 de marzo de 2025.\n"
    "La Secretaría de Relaciones Exteriores (SRE) informa que la canciller Bárcena recibió hoy "
    "al embajador Salazar. ¿El motivo? La cooperación contra el tráfico de precursores químicos.\n"
    "En la reunión participaron la Semar, la Sedena, la Fgr, la Anam y la Cofepris, así como la "
    "Comisión Nacional de Control de Narcóticos de China.\n"
    "«Trabajamos juntos», dijo el secretario González. La Lic. Bárcena agradeció el apoyo del "
    "Sr. Salazar.\n"
    "¡Seguiremos adelante! La Secretaría de Marina y la Secretaría de la Defensa Nacional "
    "firmaron el acta; el SAT y el Sat no asistieron, y se sirvió pan de muerto."
)


def test_spanish_release_mentions_counted_by_hand() -> None:
    counts: dict[str, int] = {}
    for mention in SPANISH_MATCHER.find(SPANISH_RELEASE):
        counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    assert counts == {
        "sre": 2,  # Secretaría de Relaciones Exteriores, SRE
        "alicia-barcena": 2,  # la canciller Bárcena (title), la Lic. Bárcena
        "ken-salazar": 2,  # el embajador Salazar (title), el Sr. Salazar
        "semar": 2,  # Semar, Secretaría de Marina
        "sedena": 2,  # Sedena, Secretaría de la Defensa Nacional
        "fgr": 1,  # Fgr
        "anam": 1,  # Anam
        "cofepris": 1,  # Cofepris
        "china-nncc": 1,  # Comisión Nacional de Control de Narcóticos (de China: its own)
        "luis-cresencio-sandoval": 1,  # el secretario González: only his role is a secretary
        "sat": 1,  # SAT in capitals; "Sat" is an English word, so not in title case
    }


def test_spanish_release_sentences_counted_by_hand() -> None:
    frame = find_mentions({"es": SPANISH_RELEASE}, SPANISH_PEOPLE, SPANISH_ORGANIZATIONS)
    # Sentences: 0 the dateline; 1-3 "La Secretaría ...", "¿El motivo?", "La cooperación ...";
    # 4 "En la reunión ..."; 5-6 "«Trabajamos juntos», ...", "La Lic. Bárcena ... Sr. Salazar.";
    # 7-8 "¡Seguiremos adelante!", "La Secretaría de Marina ...".
    by_sentence = frame.groupby("sentence")["entity_id"].apply(list).to_dict()
    assert by_sentence == {
        1: ["sre", "sre", "alicia-barcena", "ken-salazar"],
        4: ["semar", "sedena", "fgr", "anam", "cofepris", "china-nncc"],
        5: ["luis-cresencio-sandoval"],
        6: ["alicia-barcena", "ken-salazar"],
        8: ["semar", "sedena", "sat"],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Spanish titles decide a shared short form as the English ones do.
        ("El secretario González habló.", [("luis-cresencio-sandoval", "González")]),
        ("La secretaria González habló.", [("luis-cresencio-sandoval", "González")]),
        ("El presidente González habló.", []),
        # Title case only where the acronym is no ordinary word, and never in lower case.
        ("la Cofepris y la cofepris", [("cofepris", "Cofepris")]),
        ("el Pan y el PAN", [("pan", "PAN")]),
        # Spanish qualifiers of another country.
        ("la Secretaría de Relaciones Exteriores de Japón", []),
        (
            "la Secretaría de Relaciones Exteriores de México",
            [
                ("sre", "Secretaría de Relaciones Exteriores"),
            ],
        ),
    ],
)
def test_spanish_titles_acronyms_and_qualifiers(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, SPANISH_MATCHER) == expected


def test_external_aliases_are_read_and_optional() -> None:
    with_column = {
        e.entity_id: e for e in entities_from_tables(SPANISH_PEOPLE, SPANISH_ORGANIZATIONS)
    }
    assert with_column["semar"].aliases == ("Ministry of the Navy", "SEMAR", "Secretaría de Marina")
    without = entities_from_tables(
        SPANISH_PEOPLE.drop(columns="external_aliases"),
        SPANISH_ORGANIZATIONS.drop(columns="external_aliases"),
    )
    assert {e.entity_id: e.aliases for e in without}["semar"] == ("Ministry of the Navy", "SEMAR")


# --- offsets through folding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Decomposed accents: the name still matches and keeps its marks.
        (
            unicodedata.normalize("NFD", "Pres. López Obrador"),
            [("lopez-obrador", unicodedata.normalize("NFD", "López Obrador"))],
        ),
        ("President Bi\u0301den\u0301 came", [("joe-biden", "Bi\u0301den\u0301")]),
        # Characters whose casefold is longer: offsets after them stay right.
        (
            "Straße: Johann Strauß and ßßß President Biden",
            [("johann-strauss", "Johann Strauß"), ("joe-biden", "Biden")],
        ),
        ("ﬁne İstanbul President Biden", [("joe-biden", "Biden")]),
        # "ŉ" folds to "'n": the alias would start inside that one character, so it does not count.
        ("ŉagano group", []),
        ("Nagano group", [("nagano-group", "Nagano group")]),
    ],
)
def test_offsets_survive_folding(text: str, expected: list[tuple[str, str]]) -> None:
    mentions = MATCHER.find(text)
    assert [(m.entity_id, m.text) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_exact_offsets_after_expanding_characters() -> None:
    text = "ßß İ Joe Biden"
    assert MATCHER.find(text) == [Mention("joe-biden", "person", 5, 14, "Joe Biden")]


def test_matcher_compiles_once_and_not_per_text() -> None:
    matcher = MentionMatcher(entities_from_tables(PEOPLE, ORGANIZATIONS))
    with mock.patch.object(re, "compile", side_effect=AssertionError("compiled in find()")):
        assert found("President Biden met President Xi in Beijing.", matcher) == [
            ("joe-biden", "Biden"),
            ("xi-jinping", "Xi"),
            ("china-government", "Beijing"),
        ]


def test_no_entities_no_mentions() -> None:
    assert MentionMatcher([]).find("Biden") == []


# --- properties -------------------------------------------------------------------------------

NAMES = [
    "Biden",
    "BIDEN",
    "López Obrador",
    "Lo\u0301pez Obrador",
    "Strauß",
    "González",
    "Juan González",
    "Xi",
    "SRE",
    "foreign ministry",
    "Bidenwhere",
    "Biden’s",
    "Washington",
]
_pieces = st.one_of(
    st.text(max_size=8),
    st.sampled_from(NAMES),
    st.sampled_from([" ", "\n", ". ", "ß", "\u0301", "İ", "ﬁ", "ŉ", "’", "General "]),
)
_texts = st.lists(_pieces, max_size=30).map("".join)
ALIAS_KEYS = {
    e.entity_id: {alias_key(a) for a in e.aliases}
    for e in entities_from_tables(PEOPLE, ORGANIZATIONS)
}


@settings(max_examples=300)
@given(_texts)
@example("Straße Strauß ŉagano group")
def test_offsets_slice_back_on_any_text(text: str) -> None:
    mentions = MATCHER.find(text)
    previous_end = 0
    for m in mentions:
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        # The slice is one of the entity's aliases, so the offsets point at the name itself.
        assert alias_key(m.text) in ALIAS_KEYS[m.entity_id]
        previous_end = m.end


@settings(max_examples=300)
@given(
    st.text(),
    st.sampled_from(
        ["Joe Biden", "JOE BIDEN", "Johann Strauß", "JOHANN STRAUSS", "Lo\u0301pez Obrador"]
    ),
    st.text(),
)
def test_name_between_blanks_is_found_where_it_is(before: str, name: str, after: str) -> None:
    text = f"{before} {name} {after}"
    start = len(before) + 1
    # A longer alias may start earlier ("Joe" + " Biden"), but something must cover the name.
    assert any(
        m.start <= start and start + len(name) <= m.end and text[m.start : m.end] == m.text
        for m in MATCHER.find(text)
    )


# --- find_mentions ----------------------------------------------------------------------------


def test_find_mentions_frame_shape_order_and_positions() -> None:
    articles = {
        "b": "Title with President Biden\n\nPresident Xi spoke. Then López Obrador and Xi spoke.",
        "a": "  • The SRE said.\nNothing here.",
        "c": "",
    }
    frame = find_mentions(articles, PEOPLE, ORGANIZATIONS)
    assert list(frame.columns) == MENTION_COLUMNS
    assert {
        c: str(frame[c].dtype) for c in ("start", "end", "paragraph", "sentence")
    } == dict.fromkeys(("start", "end", "paragraph", "sentence"), "int64")
    rows = frame[["article_id", "entity_id", "text", "start", "end", "paragraph", "sentence"]]
    assert [tuple(r) for r in rows.itertuples(index=False)] == [
        ("b", "joe-biden", "Biden", 21, 26, 0, 0),
        ("b", "xi-jinping", "Xi", 38, 40, 1, 1),
        ("b", "lopez-obrador", "López Obrador", 53, 66, 1, 2),
        ("b", "xi-jinping", "Xi", 71, 73, 1, 2),
        ("a", "sre", "SRE", 8, 11, 0, 0),
    ]
    assert set(frame.loc[frame["entity_type"] == "person", "entity_id"]) == {
        "joe-biden",
        "xi-jinping",
        "lopez-obrador",
    }


def test_find_mentions_without_any_mention_keeps_columns_and_types() -> None:
    frame = find_mentions({"x": "nothing to see"}, PEOPLE, ORGANIZATIONS)
    assert frame.empty
    assert list(frame.columns) == MENTION_COLUMNS
    assert str(frame["start"].dtype) == "int64"


def test_throughput_is_reasonable() -> None:
    # A loose bound, only to catch an accidental aliases x positions loop.
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    big = "\n\n".join(texts) * 50
    started = time.perf_counter()
    MATCHER.find(big)
    assert time.perf_counter() - started < 5


# --- the curated tables on the five seeds ------------------------------------------------------
# Expectations counted by reading seeds/*.txt; "000" ... "004" are the file name prefixes.

ARTICLES = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def curated() -> tuple[pd.DataFrame, pd.DataFrame]:
    """data/people.csv and data/organizations.csv as the loaders read them."""
    read = {"dtype": str, "keep_default_na": False}
    return (
        pd.read_csv(DATA / "people.csv", **read),
        pd.read_csv(DATA / "organizations.csv", **read),
    )


@pytest.fixture(scope="module")
def mentions(curated: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    return find_mentions(ARTICLES, *curated)


def in_article(mentions: pd.DataFrame, article: str) -> pd.DataFrame:
    return mentions[mentions["article_id"] == article]


@pytest.mark.parametrize(("article", "people"), sorted(PEOPLE_BY_ARTICLE.items()))
def test_people_mentioned_in_each_article(
    mentions: pd.DataFrame, article: str, people: set[str]
) -> None:
    rows = in_article(mentions, article)
    assert set(rows.loc[rows["entity_type"] == "person", "entity_id"]) == people


@pytest.mark.parametrize(
    ("article", "entity_id", "count"),
    [
        ("000", "xi-jinping", 7),
        ("000", "lopez-obrador", 8),
        ("000", "joe-biden", 3),
        ("000", "dina-boluarte", 2),
        ("000", "alicia-barcena", 1),
        ("000", "gabriel-boric", 1),
        ("002", "joe-biden", 10),
        ("002", "lopez-obrador", 7),
        ("002", "xi-jinping", 3),
        ("002", "alicia-barcena", 2),
        ("002", "donald-trump", 2),
        ("002", "nicolas-maduro", 1),
        ("003", "lopez-obrador", 2),
        ("003", "joe-biden", 2),
        ("003", "juan-gonzalez", 1),
        ("003", "luis-cresencio-sandoval", 1),
        ("003", "elizabeth-sherwood-randall", 1),
        ("004", "xi-jinping", 9),
        ("004", "lopez-obrador", 4),
    ],
)
def test_mention_counts(mentions: pd.DataFrame, article: str, entity_id: str, count: int) -> None:
    rows = in_article(mentions, article)
    assert (rows["entity_id"] == entity_id).sum() == count


@pytest.mark.parametrize(
    ("article", "accented", "unaccented", "lopez_alone"),
    # Mentions of lopez-obrador containing "López Obrador", "Lopez Obrador", or just "López".
    [("000", 6, 2, 0), ("002", 0, 7, 0), ("003", 2, 0, 0), ("004", 1, 0, 3)],
)
def test_accent_variants_of_lopez_obrador(
    mentions: pd.DataFrame, article: str, accented: int, unaccented: int, lopez_alone: int
) -> None:
    rows = in_article(mentions, article)
    texts = list(rows.loc[rows["entity_id"] == "lopez-obrador", "text"])
    assert sum("López Obrador" in t for t in texts) == accented
    assert sum("Lopez Obrador" in t for t in texts) == unaccented
    assert sum(t == "López" for t in texts) == lopez_alone


@pytest.mark.parametrize(
    ("article", "needle", "entity_id", "surface"),
    [
        # Run-together words of the translated article.
        ("000", "Alicia Barcenaindicated", "alicia-barcena", "Alicia Barcena"),
        ("000", "Bidenwhere", "joe-biden", "Biden"),
        ("000", "Dina Boluartewhom", "dina-boluarte", "Dina Boluarte"),
        ("000", "Boluartedespite", "dina-boluarte", "Boluarte"),
        ("000", "Gabriel Boricin", "gabriel-boric", "Gabriel Boric"),
        ("000", "Lopez Obradorin", "lopez-obrador", "Lopez Obrador"),
        ("000", "Beijingwhich", "china-government", "Beijing"),
        ("000", "Washingtonthe", "us-government", "Washington"),
        # Possessives, curly and straight.
        ("000", "Biden’s speech", "joe-biden", "Biden"),
        ("002", "Lopez Obrador's administration", "lopez-obrador", "Lopez Obrador"),
        ("000", "Attorney General’s Office", "fgr", "Attorney General’s Office"),
        # Longest match; same surname, different people.
        (
            "003",
            "Luis Cresencio Sandoval González",
            "luis-cresencio-sandoval",
            "Luis Cresencio Sandoval González",
        ),
        ("003", "Juan González", "juan-gonzalez", "Juan González"),
        ("003", "Alicia Bárcena Ibarra", "alicia-barcena", "Alicia Bárcena Ibarra"),
        ("003", "Joseph Biden", "joe-biden", "Joseph Biden"),
        ("003", "Jennifer O'Malley Dillon", "jennifer-omalley-dillon", "Jennifer O'Malley Dillon"),
        (
            "001",
            "Ministry of Foreign Affairs of the United Mexican States",
            "sre",
            "Ministry of Foreign Affairs of the United Mexican States",
        ),
        ("002", "his foreign ministry", "sre", "foreign ministry"),
        # Institutions 001 and 003 name only in passing (issue 14).
        ("001", "Ministries of Foreign Affairs and", "china-mfa", "Ministries of Foreign Affairs"),
        ("001", "Affairs and Commerce,", "china-mofcom", "Commerce"),
        ("003", "of Economy, Raquel", "economia", "Economy"),
        ("003", "secretaries of the National Defense,", "sedena", "National Defense"),
        ("003", "and of the Navy, José", "semar", "Navy"),
        # The title line is text too.
        ("004", "Xi calls", "xi-jinping", "Xi"),
        ("000", "Xi Jinping and", "xi-jinping", "Xi Jinping"),
    ],
)
def test_surface_forms_in_the_seeds(
    mentions: pd.DataFrame, article: str, needle: str, entity_id: str, surface: str
) -> None:
    start = ARTICLES[article].index(needle) + needle.index(surface)
    rows = in_article(mentions, article)
    hit = rows[rows["start"] == start]
    assert list(zip(hit["entity_id"], hit["text"], hit["end"], strict=True)) == [
        (entity_id, surface, start + len(surface))
    ]


@pytest.mark.parametrize(
    ("article", "needle"),
    [
        ("004", "Xinhua"),
        ("000", "Mexicobecause"),
        ("000", "United Statesmain"),
        # The Chinese ministries, not the SRE's "Ministry of Foreign Affairs".
        ("001", "Ministries of Foreign Affairs"),
        ("001", "Felipe Angeles"),
        ("003", "With information from the Presidency"),
        ("002", "rotating presidency"),
    ],
)
def test_no_person_or_wrong_name_inside(mentions: pd.DataFrame, article: str, needle: str) -> None:
    start = ARTICLES[article].index(needle)
    end = start + len(needle)
    rows = in_article(mentions, article)
    overlapping = rows[(rows["start"] < end) & (rows["end"] > start)]
    allowed = {
        "Xinhua": {"xinhua"},
        "Ministries of Foreign Affairs": {"china-mfa"},
    }.get(needle, set())
    assert set(overlapping["entity_id"]) == allowed


@pytest.mark.parametrize(
    ("acronym", "entity_id", "count"),
    [
        ("SRE", "sre", 1),
        ("FGR", "fgr", 3),
        ("AIC", "aic", 2),
        ("SEMAR", "semar", 1),
        ("SEDENA", "sedena", 1),
        ("ANAM", "anam", 1),
        ("COFEPRIS", "cofepris", 1),
    ],
)
def test_acronyms_in_the_press_release(
    mentions: pd.DataFrame, acronym: str, entity_id: str, count: int
) -> None:
    rows = in_article(mentions, "001")
    assert ((rows["text"] == acronym) & (rows["entity_id"] == entity_id)).sum() == count


@pytest.mark.parametrize(
    ("article", "needle", "paragraph", "sentence"),
    # Indexes counted by hand: blank lines are not paragraphs; "SAN FRANCISCO." is 000's
    # first sentence.
    [
        ("000", "Xi Jinping, according", 3, 5),
        ("000", "Gabriel Boricin", 26, 30),
        ("002", "Nicolas Maduro", 14, 16),
        ("003", "Katie Tobin", 8, 9),
        ("004", "Xi calls", 0, 0),
        ("004", "López pointed", 16, 19),
    ],
)
def test_paragraph_and_sentence_of_a_mention(
    mentions: pd.DataFrame, article: str, needle: str, paragraph: int, sentence: int
) -> None:
    rows = in_article(mentions, article)
    (row,) = rows[rows["start"] == ARTICLES[article].index(needle)].itertuples(index=False)
    assert (row.paragraph, row.sentence) == (paragraph, sentence)


def test_every_mention_slices_back_to_its_text(
    mentions: pd.DataFrame, curated: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    keys = {e.entity_id: {alias_key(a) for a in e.aliases} for e in entities_from_tables(*curated)}
    assert len(mentions) > 100
    for row in mentions.itertuples(index=False):
        assert ARTICLES[row.article_id][row.start : row.end] == row.text
        assert alias_key(row.text) in keys[row.entity_id]


def test_mentions_follow_the_given_article_order(
    curated: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    order = ["004", "000", "003"]
    frame = find_mentions({a: ARTICLES[a] for a in order}, *curated)
    assert list(dict.fromkeys(frame["article_id"])) == order
    for article in order:
        starts = list(in_article(frame, article)["start"])
        assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PRESIDENT BIDEN MET PRESIDENT LÓPEZ OBRADOR",
            [("joe-biden", "BIDEN"), ("lopez-obrador", "LÓPEZ OBRADOR")],
        ),
        (
            "Joseph R. Biden, Jr. and Advisor Sherwood-Randall",
            [("joe-biden", "Biden"), ("elizabeth-sherwood-randall", "Sherwood-Randall")],
        ),
        ("boric acid, a taxi in Mexico, a salazar", []),
    ],
)
def test_curated_matcher_on_new_text(
    curated: tuple[pd.DataFrame, pd.DataFrame], text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text, MentionMatcher(entities_from_tables(*curated))) == expected


@pytest.mark.parametrize("module", ["dashboard/text.py", "dashboard/mentions.py"])
def test_plain_modules_do_not_import_streamlit(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] == "streamlit"}
