"""Paragraph and sentence segmentation, on hand-made strings and on the five seed articles."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import locate, paragraph_spans, sentence_spans

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> str:
    """Text of the seed article whose file name starts with prefix ("000" ... "004")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [text[start:end] for start, end in paragraph_spans(text)]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in sentence_spans(text)]


# --- paragraphs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("One.\nTwo.\nThree.", ["One.", "Two.", "Three."]),
        ("  • First bullet.\n  • Second bullet.\n", ["First bullet.", "Second bullet."]),
        ("\n\n   \n\t\nOnly line  \n\n", ["Only line"]),
        ("Windows\r\nline ends\r\n", ["Windows", "line ends"]),
        ("-5 degrees stays whole", ["-5 degrees stays whole"]),
        ("- dash bullet", ["dash bullet"]),
        ("", []),
        ("   \n  ", []),
    ],
)
def test_paragraphs_are_non_blank_lines(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("article", "count"),
    # Counted by hand: non-blank lines of each file.
    [("000", 27), ("001", 16), ("002", 21), ("003", 10), ("004", 17)],
)
def test_paragraph_count_of_each_seed(article: str, count: int) -> None:
    assert len(paragraph_spans(seed(article))) == count


def test_bullet_lines_of_001_are_separate_paragraphs_without_the_glyph() -> None:
    found = paragraphs(seed("001"))
    assert found[5] == "Secretaría de Relaciones Exteriores | September 06, 2024 | Press Release"
    assert found[6].startswith("The governments of Mexico and the People's Republic of China")
    assert found[6].endswith("in Mexico City.")
    assert found[7] == "At the meeting, the Rules of Operation of the Working Group were adopted."
    assert found[8].startswith("The meeting took place within the framework")
    assert found[8].endswith("Federal Attorney General's Office (FGR).")
    assert found[9].startswith("The Second Meeting of the Mexico-China Working Group")
    assert not any("•" in p for p in found)


def test_002_has_one_paragraph_per_line() -> None:
    found = paragraphs(seed("002"))
    assert found[0].startswith("US President Joe Biden and his Mexican counterpart")
    assert found[1].startswith("The talks on the sidelines")
    assert (
        found[-1] == "© 2024 Latin Times. All rights reserved. Do not reproduce without permission."
    )


def test_title_line_is_the_first_paragraph() -> None:
    assert paragraphs(seed("003"))[0] == (
        "Presidents of Mexico and the United States reaffirm friendship and cooperation on "
        "shared issues"
    )


# --- sentences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("The U.S. Department of State said so. It agreed.", None),
        ("Joseph R. Biden, Jr. met Dr. Smith. He left.", None),
        ("Mr. and Mrs. Smith came on Nov. 16. They left.", None),
        (
            "St. Louis, Gen. Lee and No. 5 stayed. Sen. Cruz did not.",
            ["St. Louis, Gen. Lee and No. 5 stayed.", "Sen. Cruz did not."],
        ),
        ("He said “go.” Then he left.", ["He said “go.”", "Then he left."]),
        ('He said "go." Then he left.', ['He said "go."', "Then he left."]),
        ("It ended (as planned.) Then more.", ["It ended (as planned.)", "Then more."]),
        ("“Quoted.” “Another quote.”", ["“Quoted.”", "“Another quote.”"]),
        ("It was 1969. 12 men walked on the Moon.", ["It was 1969.", "12 men walked on the Moon."]),
        ("Small letter after. it goes on.", ["Small letter after. it goes on."]),
        ("Willing to work with you to (…) Take it.", ["Willing to work with you to (…) Take it."]),
        (
            "Willing to work with you to (...) Take it.",
            ["Willing to work with you to (...) Take it."],
        ),
        ("No space.Here stays one.", ["No space.Here stays one."]),
        ("USA.- President Lopez met him.", ["USA.- President Lopez met him."]),
        ("Wait... Then go.", ["Wait...", "Then go."]),
        ("Accented start. Ángel came.", ["Accented start.", "Ángel came."]),
        # Spanish: inverted marks open a sentence, « » close one, titles are abbreviations.
        (
            "¿Vendrá la Dra. Pérez? ¡Claro! «Sí», dijo el Sr. Ruiz. Lo confirmó la Lic. Soto.",
            [
                "¿Vendrá la Dra. Pérez?",
                "¡Claro!",
                "«Sí», dijo el Sr. Ruiz.",
                "Lo confirmó la Lic. Soto.",
            ],
        ),
        ("Dijo: «Ya llegamos.» Luego partió.", ["Dijo: «Ya llegamos.»", "Luego partió."]),
        ("¿Llegó? «No.» ¡Ya!", ["¿Llegó?", "«No.»", "¡Ya!"]),
        (
            "La Sra. Núñez y la Srta. Gil viajaron a EE.UU. con el Ing. Díaz. Volvieron.",
            ["La Sra. Núñez y la Srta. Gil viajaron a EE.UU. con el Ing. Díaz.", "Volvieron."],
        ),
        ("Visitó la Av. Reforma. Dña. Inés habló.", ["Visitó la Av. Reforma.", "Dña. Inés habló."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str] | None) -> None:
    # None: the two sentences are "everything up to the last '. '" and the rest.
    if expected is None:
        cut = text.rindex(". ") + 1
        expected = [text[:cut], text[cut + 1 :]]
    assert sentences(text) == expected


def test_sentences_never_cross_paragraphs() -> None:
    text = "A title without a period\nFirst sentence. Second sentence\n\n  • A bullet."
    assert sentence_spans(text) == [(0, 24, 0), (25, 40, 1), (41, 56, 1), (62, 71, 2)]
    assert sentences(text) == [
        "A title without a period",
        "First sentence.",
        "Second sentence",
        "A bullet.",
    ]


def test_dateline_with_month_abbreviation_is_one_sentence() -> None:
    text = seed("004")
    expected = (
        "SAN FRANCISCO, Nov. 16 (Xinhua) — Chinese President Xi Jinping on Thursday called for "
        "expanding China-Mexico cooperation in finance, electric vehicles and other emerging "
        "sectors."
    )
    assert sentences(text)[1] == expected
    assert sentence_spans(text)[1][2] == 1


@pytest.mark.parametrize(
    ("article", "index", "expected"),
    # Read off the texts by hand.
    [
        ("000", 0, "SAN FRANCISCO."),
        ("000", 5, "Xi Jinping, according to the embassy of China in Mexico."),
        ("002", -3, "© 2024 Latin Times."),
        ("002", -2, "All rights reserved."),
        ("002", -1, "Do not reproduce without permission."),
        (
            "003",
            0,
            "Presidents of Mexico and the United States reaffirm friendship and "
            "cooperation on shared issues",
        ),
        (
            "003",
            4,
            "Regarding migration, he said that more progress must be made in addressing "
            "this phenomenon.",
        ),
        (
            "004",
            0,
            "EXTENSION: Xi calls for expanding China Mexico cooperation in finance, "
            "electric vehicles",
        ),
    ],
)
def test_seed_sentences(article: str, index: int, expected: str) -> None:
    assert sentences(seed(article))[index] == expected


@pytest.mark.parametrize(
    ("article", "needle"),
    [
        # Lower case after the period: no boundary, the typo stays inside one sentence.
        ("000", "Fumio Kishida. and today you will meet"),
        ("000", "drug trafficking. illicit substances"),
        ("000", "(…) take relations"),
        ("004", "(LAC). in the new era."),
        ("004", "Nov. 16 (Xinhua)"),
    ],
)
def test_no_boundary_inside(article: str, needle: str) -> None:
    text = seed(article)
    at = text.index(needle)
    (containing,) = [(s, e) for s, e, _ in sentence_spans(text) if s <= at < e]
    assert containing[1] >= at + len(needle)


@pytest.mark.parametrize(
    ("article", "count"),
    # Counted by hand: sentences per article under the rules above.
    [("000", 31), ("001", 21), ("002", 26), ("003", 11), ("004", 20)],
)
def test_sentence_count_of_each_seed(article: str, count: int) -> None:
    assert len(sentence_spans(seed(article))) == count


# --- locate -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, -1), (4, -1), (5, 0), (9, 0), (12, 0), (20, 1), (29, 1), (30, 2), (99, 2)],
)
def test_locate(offset: int, expected: int) -> None:
    spans = [(5, 10), (20, 25), (30, 40)]
    assert locate(spans, offset) == expected


def test_locate_works_on_sentence_triples() -> None:
    text = "One. Two.\nThree."
    spans = sentence_spans(text)
    assert [locate(spans, text.index(w)) for w in ("One", "Two", "Three")] == [0, 1, 2]


# --- properties -------------------------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "Word",
        "word",
        " ",
        "  ",
        "\n",
        "\n\n",
        ". ",
        "? ",
        "! ",
        "Nov. ",
        "U.S. ",
        "R. ",
        "”",
        "“",
        "(…)",
        "(...)",
        "  • ",
        "1",
        "É",
        "ß",
        "\u0301",
        "\t",
        "\r\n",
        "-",
    ]
)
_texts = st.one_of(st.text(), st.lists(_pieces, max_size=40).map("".join))


@given(_texts)
def test_paragraph_spans_are_trimmed_ordered_lines(text: str) -> None:
    spans = paragraph_spans(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        chunk = text[start:end]
        assert chunk == chunk.strip()
        assert "\n" not in chunk and "\r" not in chunk
    assert all(a[1] < b[0] for a, b in pairwise(spans))


@given(_texts)
def test_sentences_tile_their_paragraphs(text: str) -> None:
    spans = paragraph_spans(text)
    found = sentence_spans(text)
    for index, (p_start, p_end) in enumerate(spans):
        inside = [(s, e) for s, e, p in found if p == index]
        assert inside, "every paragraph has at least one sentence"
        assert inside[0][0] == p_start and inside[-1][1] == p_end
        for (s, e), (next_s, _) in pairwise(inside):
            assert s < e < next_s
            assert text[e:next_s].isspace()
        for s, e in inside:
            assert text[s:e] == text[s:e].strip()
    assert [p for _, _, p in found] == sorted(p for _, _, p in found)
