"""Claims grouped by proposition, on a small fixture that follows the data contract
(propositions.csv; claims.csv with proposition_id and position). Counted by hand below."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import HOSTILE

from dashboard.claims import (
    CLAIM_COLUMNS,
    MIXED,
    claim_rows,
    kept_propositions,
    proposition_table,
    propositions_html,
    speaker_matrix,
)

PROPOSITIONS = pd.DataFrame(
    [
        ("made-in-mexico", "Fentanyl is manufactured in Mexico", "precursor-chemicals", ""),
        (
            "china-curbs",
            "China will curb exports of precursor chemicals",
            "precursor-chemicals",
            "",
        ),
        ("mexico-more", "Mexico must do more against fentanyl production", "drugs", ""),
        ("unused", "A proposition nobody speaks about", "drugs", ""),
    ],
    columns=["proposition_id", "statement", "topic_id", "notes"],
)
PEOPLE = pd.DataFrame(
    [("amlo", "López Obrador", "MEX"), ("xi", "Xi", "CHN"), ("biden", "Biden", "USA")],
    columns=["person_id", "name", "country"],
)
ORGS = pd.DataFrame([("us-gov", "US government", "USA")], columns=["org_id", "name", "country"])
COUNTRIES = pd.DataFrame(
    [("MEX", "Mexico"), ("CHN", "China"), ("USA", "United States")],
    columns=["country_id", "name"],
)
ARTICLES = pd.DataFrame(
    [
        ("a1", "First", "2023-11-17", "day"),
        ("a2", "Second", "2023-11-01", "month"),
        ("a3", "Third", "2024-09-06", "day"),
    ],
    columns=["article_id", "title", "published", "date_precision"],
)
# made-in-mexico: US government affirms (a1, a2), López Obrador denies (a1): disputed, 2 sources.
# china-curbs: Xi affirms (a1), Biden affirms (a1): one side only, single source.
# mexico-more: Biden affirms (a2), López Obrador qualifies (a3) then affirms (a3): not disputed
#   (no denial), two sources; López Obrador's position is mixed.
CLAIMS = pd.DataFrame(
    [
        ("c1", "us-gov", "organization", "allege", "made-in-mexico", "affirms", "a1", "q1"),
        ("c2", "us-gov", "organization", "allege", "made-in-mexico", "affirms", "a2", "q2"),
        ("c3", "amlo", "person", "deny", "made-in-mexico", "denies", "a1", "q3"),
        ("c4", "xi", "person", "pledge", "china-curbs", "affirms", "a1", "q4"),
        ("c5", "biden", "person", "assert", "china-curbs", "affirms", "a1", "q5"),
        ("c6", "biden", "person", "demand", "mexico-more", "affirms", "a2", "q6"),
        ("c7", "amlo", "person", "agree", "mexico-more", "qualifies", "a3", "q7"),
        ("c8", "amlo", "person", "pledge", "mexico-more", "affirms", "a3", "q8"),
    ],
    columns=[
        "claim_id", "speaker_id", "speaker_type", "stance", "proposition_id", "position",
        "article_id", "quote",
    ],
).assign(summary="", event_id="")  # fmt: skip


@pytest.fixture
def rows() -> pd.DataFrame:
    return claim_rows(CLAIMS, PROPOSITIONS, PEOPLE, ORGS, COUNTRIES, ARTICLES)


def test_claim_rows_have_names_sides_and_dates(rows: pd.DataFrame) -> None:
    assert list(rows.columns) == CLAIM_COLUMNS
    assert len(rows) == 8
    c3 = rows.set_index("claim_id").loc["c3"]
    assert (c3["speaker"], c3["side"], c3["country"]) == ("López Obrador", "MEX", "Mexico")
    assert c3["statement"] == "Fentanyl is manufactured in Mexico"
    assert c3["date"] == "17 Nov 2023"
    assert rows.set_index("claim_id").loc["c2", "date"] == "Nov 2023"
    # The disputed proposition's claims come first.
    assert rows["proposition_id"][:3].tolist() == ["made-in-mexico"] * 3


def test_propositions_disputed_first_with_flags(rows: pd.DataFrame) -> None:
    table = proposition_table(rows, PROPOSITIONS)
    assert table["proposition_id"].tolist() == ["made-in-mexico", "mexico-more", "china-curbs"]
    by_id = table.set_index("proposition_id")
    assert by_id["disputed"].to_dict() == {
        "made-in-mexico": True,
        "mexico-more": False,
        "china-curbs": False,
    }
    assert by_id["single_source"].to_dict() == {
        "made-in-mexico": False,
        "mexico-more": False,
        "china-curbs": True,
    }
    assert by_id.loc["made-in-mexico", "sources"] == 2
    assert by_id.loc["made-in-mexico", "claims"] == 3
    assert by_id.loc["made-in-mexico", "affirms"] == [("us-gov", "US government", "USA")]
    assert by_id.loc["made-in-mexico", "denies"] == [("amlo", "López Obrador", "MEX")]
    assert by_id.loc["mexico-more", "qualifies"] == [("amlo", "López Obrador", "MEX")]
    assert [n for _, n, _ in by_id.loc["china-curbs", "affirms"]] == ["Biden", "Xi"]
    assert "unused" not in by_id.index  # no claim, no row


def test_speaker_matrix_marks_mixed_positions(rows: pd.DataFrame) -> None:
    matrix = speaker_matrix(rows).set_index(["speaker_id", "proposition_id"])
    assert len(matrix) == 6  # us-gov, amlo ×2, xi, biden ×2
    assert matrix.loc[("amlo", "mexico-more"), "position"] == MIXED
    assert matrix.loc[("amlo", "mexico-more"), "claims"] == 2
    assert matrix.loc[("amlo", "made-in-mexico"), "position"] == "denies"
    assert matrix.loc[("us-gov", "made-in-mexico"), "claims"] == 2


@pytest.mark.parametrize(
    ("people", "orgs", "countries", "kept"),
    [
        ((), (), (), {"made-in-mexico", "mexico-more", "china-curbs"}),
        ((), (), ("CHN",), {"china-curbs"}),
        ((), (), ("MEX",), {"made-in-mexico", "mexico-more"}),
        ((), (), ("USA",), {"made-in-mexico", "mexico-more", "china-curbs"}),
        (("xi", "amlo"), (), (), {"made-in-mexico", "mexico-more", "china-curbs"}),
        ((), ("us-gov",), (), {"made-in-mexico"}),
        # Across kinds all must match: a claim by Biden and one by a Mexican speaker.
        (("biden",), (), ("MEX",), {"mexico-more"}),
    ],
)
def test_speaker_filters_keep_propositions(rows, people, orgs, countries, kept) -> None:
    assert kept_propositions(rows, people, orgs, countries) == kept


def test_propositions_html_escapes_and_colours(rows: pd.DataFrame) -> None:
    hostile = PROPOSITIONS.assign(statement=HOSTILE)
    titles = {"a1": "First <b>", "a2": "Second"}
    html = propositions_html(
        proposition_table(rows, hostile), {"MEX": "Mexico", "USA": "US"}, titles
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert html.count(">disputed</span>") == 1
    # The flag's word in the vermilion's text shade (4.5:1): darker on white, as is on dark.
    assert 'style="color:#C25600">disputed' in html
    dark = propositions_html(proposition_table(rows, hostile), {}, titles, base="dark")
    assert 'style="color:#D55E00">disputed' in dark
    # On a phone each proposition's cells stack, each named by its column.
    assert "@media (max-width: 640px)" in html
    for column in ("Affirms", "Denies", "Qualifies", "Sources"):
        assert html.count(f'<td data-label="{column}">') == len(proposition_table(rows, hostile))
    assert html.count(">single source</span>") == 1
    assert "border-left-color:#009E73" in html  # Mexico's colour on López Obrador's chip
    assert "López Obrador (Mexico)" in html
    # Which sources: the disputed proposition's two articles by title, escaped.
    assert "2<br><small>First &lt;b&gt;<br>Second</small>" in html


def test_matrix_spec_colours_positions_and_picks_propositions(rows: pd.DataFrame) -> None:
    from dashboard.colours import POSITION_COLORS, shade
    from dashboard.vegalite import CLAIMS_PICK, claims_matrix_spec

    order = proposition_table(rows, PROPOSITIONS)["proposition_id"].tolist()
    spec = claims_matrix_spec(speaker_matrix(rows), order)
    assert spec["params"][0]["name"] == CLAIMS_PICK
    assert spec["params"][0]["select"]["fields"] == ["proposition_id"]
    scale = spec["encoding"]["color"]["scale"]
    # López Obrador's only qualified position is part of a mixed cell: no "qualifies" cell.
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        p: shade(POSITION_COLORS[p]) for p in ("affirms", "denies", MIXED)
    }
    # Columns numbered in the table's order: the disputed proposition first.
    assert spec["encoding"]["x"]["sort"][0].startswith("1. Fentanyl is manufactured")
    assert len(spec["data"]["values"]) == 6


@pytest.mark.parametrize("speaker_id", ["", "unknown-speaker"])
def test_a_claim_without_speaker_reads_unknown_speaker(speaker_id: str) -> None:
    anonymous = CLAIMS.assign(speaker_id=[speaker_id, *CLAIMS["speaker_id"][1:]])
    rows = claim_rows(anonymous, PROPOSITIONS, PEOPLE, ORGS, COUNTRIES, ARTICLES)
    c1 = rows.set_index("claim_id").loc["c1"]
    assert (c1["speaker"], c1["side"], c1["country"]) == ("unknown speaker", "", "unknown")


# --- the real data ------------------------------------------------------------------------------
# Read in the texts: 000 p9 López Obrador "has denied that fentanyl is manufactured in his
# country"; 000 p13 "According to Washington the Mexican cartels use chemical precursors from
# China to manufacture this opioid"; 002 p6 "the drug that US officials allege is being made by
# Mexican cartels"; 002 p7 "Lopez Obrador's administration denies the accusation". And 002 p16:
# Biden's administration extends the border wall, "which Biden had previously said he would
# never follow".


def test_real_disputes_first_and_who_takes_each_side(dataset) -> None:
    from dashboard.claims import dataset_claims

    rows, propositions = dataset_claims(dataset)
    table = proposition_table(rows, propositions)
    assert table["proposition_id"][:2].tolist() == [
        "fentanyl-made-in-mexico",
        "us-extends-border-wall",
    ]
    assert int(table["disputed"].sum()) == 2
    made = table.set_index("proposition_id").loc["fentanyl-made-in-mexico"]
    assert [s for s, _, _ in made["affirms"]] == ["us-government"]
    assert {s for s, _, _ in made["denies"]} == {"lopez-obrador", "mexico-government"}
    assert (made["claims"], made["sources"], made["single_source"]) == (4, 2, False)
    wall = table.set_index("proposition_id").loc["us-extends-border-wall"]
    assert [s for s, _, _ in wall["denies"]] == ["joe-biden"]
    assert wall["single_source"]


def test_real_country_filter_keeps_propositions_of_its_speakers(dataset) -> None:
    from dashboard.claims import dataset_claims

    rows, _ = dataset_claims(dataset)
    sides = dict(zip(dataset.people["person_id"], dataset.people["country"], strict=True))
    orgs = dataset.organizations
    sides.update(zip(orgs["org_id"], orgs["country"], strict=True))
    claims = dataset.claims
    chinese = set(claims.loc[claims["speaker_id"].map(sides) == "CHN", "proposition_id"])
    assert kept_propositions(rows, countries=["CHN"]) == chinese
    # The disputed fentanyl proposition has no Chinese speaker; it has Mexican ones.
    assert "fentanyl-made-in-mexico" not in chinese
    assert "fentanyl-made-in-mexico" in kept_propositions(rows, countries=["MEX"])
