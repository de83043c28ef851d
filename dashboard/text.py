"""Paragraph and sentence segmentation of article texts, as character offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from operator import itemgetter

# Glyphs that open a bullet line ("  • The governments of Mexico ..." in 001); they are layout,
# not part of the paragraph's words.
BULLETS = frozenset("•◦▪▫‣∙·●○■□–-*")

# Abbreviations whose trailing period does not end a sentence. Matched case-sensitively on the
# word before the period, so "no." at the end of a lowercase sentence still splits.
ABBREVIATIONS = frozenset(
    {
        *("Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Gov", "Sen", "Rep"),
        *("Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Prof", "Rev", "Hon", "Pres", "Sec", "Amb"),
        *("Mt", "Ft", "Ave", "Inc", "Corp", "Ltd", "Co", "Bros", "Dept", "Univ", "Vol", "vs"),
        *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
        *("e.g", "i.e", "cf", "approx", "est", "fig", "Fig"),
        # Spanish: courtesy and professional titles, and a few common short forms.
        *("Sra", "Srta", "Dra", "Lic", "Licda", "Lcdo", "Lcda", "Ing", "Mtro", "Mtra", "Arq"),
        *("Gral", "Pdte", "Pdta", "Excmo", "Excma", "Ud", "Uds", "Dña", "Núm", "Av", "Cía"),
        *("pág", "EE.UU", "Ene", "Abr", "Ago", "Dic"),
    }
)
# Number signs are abbreviations only before a number: "No. 5", but "«No.» Then" ends a sentence.
NUMBER_SIGNS = frozenset({"No", "Nos", "Núm", "núm", "Nº"})

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
# Whether it really ends a sentence depends on what follows and precedes (see sentence_spans).
_TERMINATOR = re.compile(r"([.!?]+)([”\"’')\]»›]*)(\s+)")
# Single capital initials separated by periods: "R" (Joseph R. Biden), "U.S", "D.C".
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_WORD_BEFORE = re.compile(r"(?:[^\W\d_]|\.)*\Z")
_OPENING_QUOTES = frozenset("“\"‘'«‹¿¡")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every non-blank line, without surrounding blanks or bullet glyph."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        while start < end and text[start].isspace():
            start += 1
        # A bullet counts only when a blank follows it: "-5 degrees" or "*Note" keep their glyph.
        if start + 1 < end and text[start] in BULLETS and text[start + 1].isspace():
            start += 1
            while start < end and text[start].isspace():
                start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _is_abbreviation(text: str, start: int, term_start: int, following: str) -> bool:
    """Tell whether the word ending at term_start (just before a period) is an abbreviation."""
    word = _WORD_BEFORE.search(text, max(start, term_start - 24), term_start)
    token = word.group() if word else ""
    if token in NUMBER_SIGNS:
        return following.isdigit()
    return token in ABBREVIATIONS or _INITIALS.fullmatch(token) is not None


def _sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return (sentence_end, next_sentence_start) pairs for the boundaries in text[start:end]."""
    cuts: list[tuple[int, int]] = []
    for m in _TERMINATOR.finditer(text, start, end):
        after = m.end()
        if after >= end:
            break
        following = text[after]
        if not (following.isupper() or following.isdigit() or following in _OPENING_QUOTES):
            continue
        term = m.group(1)
        term_start = m.start(1)
        # "(...)" marks an omission inside a quote, not the end of a sentence.
        if term.startswith("...") and term_start > start and text[term_start - 1] in "([":
            continue
        if term == "." and _is_abbreviation(text, start, term_start, following):
            continue
        cuts.append((m.start(3), after))
    return cuts


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """Return (start, end, paragraph_index) of every sentence; sentences never cross paragraphs."""
    spans: list[tuple[int, int, int]] = []
    for index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        start = p_start
        for cut_end, next_start in _sentence_ends(text, p_start, p_end):
            spans.append((start, cut_end, index))
            start = next_start
        spans.append((start, p_end, index))
    return spans


_START = itemgetter(0)


def locate(spans: Sequence[tuple[int, ...]], offset: int) -> int:
    """Return the index of the last span starting at or before offset, or -1 if there is none."""
    # Spans are sorted and disjoint, so this is the span containing offset whenever one does;
    # an offset in the blank gap between two spans belongs to the earlier one. The key is a C
    # itemgetter rather than a lambda: bisect calls it for every comparison.
    return bisect_right(spans, offset, key=_START) - 1


def locate_all(spans: Sequence[tuple[int, ...]], offsets: Iterable[int]) -> list[int]:
    """Return locate(spans, offset) for every offset, in order.

    The span starts are listed once, so each offset costs one bisect over plain integers: for
    the mentions of a long article this is many times faster than calling locate for each.
    """
    starts = [span[0] for span in spans]
    return [bisect_right(starts, offset) - 1 for offset in offsets]
