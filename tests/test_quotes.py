"""A quote marked in its article: found verbatim, carried in a link as a character range, and
wrapped around (never through) the highlighted names."""

from __future__ import annotations

import pytest
from expected import A0

from dashboard.dataset import Dataset
from dashboard.present import highlight_html, parse_span, quote_span, unparse_span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("10-50", (10, 50)),
        ("0-1", (0, 1)),
        ("50-10", None),
        ("10-10", None),
        ("-5", None),
        ("a-b", None),
        ("10", None),
        ("１-２", None),  # full-width digits are not ASCII
        ("1-9999999999", None),
    ],
)
def test_parse_span(text: str, span: tuple[int, int] | None) -> None:
    assert parse_span(text) == span
    if span:
        assert unparse_span(span) == text


def test_quote_span_finds_a_curated_quote(dataset: Dataset) -> None:
    text = dataset.texts[A0]
    quote = "sent a letter last April to Xi"
    start, end = quote_span(text, quote)
    assert text[start:end] == quote
    assert quote_span(text, "not in the article") is None
    assert quote_span(text, "") is None


def test_the_quote_is_marked_once_with_an_anchor_and_names_stay_whole() -> None:
    text = "Hello Xi Jinping and <Biden>.\nSecond line."
    marks = [(6, 16, "person", "Xi"), (21, 28, "person", "B")]
    html = highlight_html(text, marks, quote=(6, 20))
    body = html.split("</style>", 1)[1]
    assert body.count('id="pd-quote"') == 1
    anchored = '<span class="pd-quote" id="pd-quote">'
    assert anchored + '<mark class="person" title="Xi">Xi Jinping</mark></span>' in body
    assert '<span class="pd-quote"> and</span>' in body
    assert "&lt;Biden&gt;" in body and "<Biden>" not in body


def test_a_quote_across_a_name_splits_the_mark_not_the_text() -> None:
    text = "Xi Jinping spoke."
    body = highlight_html(text, [(0, 10, "person", "Xi")], quote=(3, 16)).split("</style>")[1]
    assert '<mark class="person" title="Xi">Xi </mark>' in body
    assert (
        '<span class="pd-quote" id="pd-quote"><mark class="person" title="Xi">Jinping</mark></span>'
        in body
    )
    assert '<span class="pd-quote"> spoke</span>.' in body


def test_no_quote_no_anchor() -> None:
    assert 'pd-quote"' not in highlight_html("Some text.", [])
