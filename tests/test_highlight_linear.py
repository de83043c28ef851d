"""Marking an article is linear in its paragraphs plus its names and hits (issue 13, item 7):
each name and each hit is looked at a bounded number of times, however many paragraphs there
are. Nothing is timed: the test counts how often the code reads the spans, and checks the
output against the markup written out by hand."""

from __future__ import annotations

from dashboard.present import highlight_html

PARAGRAPHS = 600


class Counted(tuple):
    """A span that counts every time it is unpacked or indexed."""

    reads = 0

    def __iter__(self):
        Counted.reads += 1
        return super().__iter__()

    def __getitem__(self, key):
        Counted.reads += 1
        return super().__getitem__(key)


def _article() -> tuple[str, list[Counted], list[Counted]]:
    """PARAGRAPHS one-line paragraphs "Name<i> says <i>.", each with a name and a hit."""
    lines, names, hits = [], [], []
    at = 0
    for i in range(PARAGRAPHS):
        name = f"Name{i}"
        line = f"{name} says {i}."
        names.append(Counted((at, at + len(name), "person", name)))
        says = at + len(name) + 1
        hits.append(Counted((says, says + 4)))
        lines.append(line)
        at += len(line) + 1
    return "\n".join(lines), names, hits


def _expected(i: int) -> str:
    return (
        f'<p><mark class="person" title="Name{i}">Name{i}</mark> '
        f'<mark class="hit" id="pd-hit-{i}">says</mark> {i}.</p>'
    )


def test_marking_reads_each_span_a_bounded_number_of_times() -> None:
    text, names, hits = _article()
    Counted.reads = 0
    body = highlight_html(text, names, hits=hits).split("</style>\n", 1)[1]
    spans = len(names) + len(hits)
    # The quadratic version read every name for every paragraph: 600 * 600 times and more.
    assert Counted.reads <= 12 * spans, Counted.reads
    assert body == "\n".join(
        ['<div class="pd-article">', *(_expected(i) for i in range(PARAGRAPHS)), "</div>"]
    )


def test_a_name_across_a_line_break_is_marked_on_both_lines() -> None:
    # The sweep carries a span that starts in one paragraph into the next; the hit's id goes
    # on its first piece only.
    text = "Alpha Beta\nGamma"
    body = highlight_html(text, [(6, 16, "person", "B")], hits=[(8, 13)]).split("</style>\n")[1]
    assert body == (
        '<div class="pd-article">\n'
        '<p>Alpha <mark class="person" title="B">Be</mark><mark class="person" title="B">'
        '<mark class="hit" id="pd-hit-0">ta</mark></mark></p>\n'
        '<p><mark class="person" title="B"><mark class="hit">Ga</mark></mark>'
        '<mark class="person" title="B">mma</mark></p>\n'
        "</div>"
    )
