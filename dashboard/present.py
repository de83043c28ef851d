"""Plain helpers that turn data into what a view shows: names, escaped and highlighted text,
mentions in context. No streamlit here: every string that leaves this module for HTML is
escaped first, and only the markup added here is live."""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from urllib.parse import quote, urlencode

import pandas as pd

from dashboard.colours import ENTITY_COLORS, FOCUS_COLOR, HIT_COLOR, TEXT, rgba, shade
from dashboard.dataset import Dataset
from dashboard.dates import MONTHS, short_date
from dashboard.text import paragraph_spans, sentence_spans

UNKNOWN = "unknown"
MAX_SHOWN_CHARS = 200_000  # a browser stays responsive; longer texts are cut at a paragraph
# The article's marks have one style for both bases: the shades that read on white also read
# on Streamlit's dark background (tests/test_colours.py checks both).
_PERSON, _ORG = (shade(ENTITY_COLORS[kind]) for kind in ("person", "organization"))
HIGHLIGHT_CSS = f"""
<style>
.pd-article p {{ margin: 0 0 0.8em 0; line-height: 1.6; white-space: pre-wrap; }}
.pd-article mark {{ padding: 0 0.15em; border-radius: 0.2em; color: inherit; }}
.pd-article mark.person {{ background: {rgba(_PERSON, 0.22)}; border-bottom: 2px solid {_PERSON}; }}
.pd-article mark.organization {{
  background: {rgba(_ORG, 0.25)}; border-bottom: 2px dotted {_ORG};
}}
.pd-article mark.focus {{ outline: 2px solid {FOCUS_COLOR}; }}
.pd-article .pd-quote {{ background: {rgba(FOCUS_COLOR, 0.15)}; outline: 2px solid {FOCUS_COLOR};
  scroll-margin-top: 6rem; }}
/* Dark text on the yellow on either base: light text on yellow is 2.3 to 1. */
.pd-article mark.hit {{ background: {rgba(HIT_COLOR, 0.7)}; padding: 0; color: {TEXT["light"]}; }}
.pd-article mark.hit.current {{ outline: 2px solid {FOCUS_COLOR}; outline-offset: 1px; }}
.pd-article mark mark {{ padding: 0; }}
</style>
"""


def entity_names(dataset: Dataset) -> dict[str, str]:
    """Display name of every person and organization by id."""
    names = dict(zip(dataset.people["person_id"], dataset.people["name"], strict=True))
    names.update(zip(dataset.organizations["org_id"], dataset.organizations["name"], strict=True))
    return names


def country_names(dataset: Dataset) -> dict[str, str]:
    """Country name by ISO code."""
    return dict(zip(dataset.countries["country_id"], dataset.countries["name"], strict=True))


def article_title(row: Mapping[str, object]) -> str:
    """What to call an article: its title; else who or where it is from, its date and the
    first words of its text ("Latin Times, Nov 2023 — “US President Joe Biden and…”"; the
    `lead` column, see seeds.lead_words); without a lead, who or where and when; else
    "Untitled (file)"."""
    title = str(row.get("title") or "").strip()
    if title:
        return title
    source = str(row.get("publisher") or row.get("dateline") or "").strip()
    when = short_date(str(row.get("published") or ""), str(row.get("date_precision") or ""))
    head = f"{source}, {when or 'undated'}" if source else when
    lead = str(row.get("lead") or "").strip()
    if lead:
        return f"{head} — “{lead}”" if head else f"“{lead}”"
    if source:
        return head
    return f"Untitled ({row.get('file', '')})"


def article_titles(articles: pd.DataFrame) -> dict[str, str]:
    """article_title of every row of an articles table, by article_id."""
    return {r["article_id"]: article_title(r) for r in articles.to_dict("records")}


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")


def md_escape(text: str) -> str:
    """Data text made literal for Streamlit elements that read markdown (headings, labels,
    captions): every markdown and HTML special character is backslash-escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(text.split()))


def escape_html(text: object) -> str:
    """text with &, <, > and quotes as entities, safe in plotly labels and pydeck tooltips
    (both render a subset of HTML in them)."""
    # Quotes become numeric entities: plotly decodes those but shows "&quot;" literally.
    escaped = html.escape(str(text), quote=False)
    return escaped.replace('"', "&#34;").replace("'", "&#39;")


def count(number: int, noun: str) -> str:
    """ "1 hit", "2 hits", "1,204 passages"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def or_unknown(value: str) -> str:
    """The value, or 'unknown' when it is empty."""
    return value if value else UNKNOWN


def shown_text(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """The text, or its beginning up to the last line break before `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > 0 else limit]


def highlight_html(
    text: str,
    spans: Iterable[tuple[int, int, str, str]],
    focus: str | None = None,
    quote: tuple[int, int] | None = None,
    hits: Sequence[tuple[int, int]] = (),
    current_hit: int | None = None,
) -> str:
    """The article as escaped HTML paragraphs with each (start, end, entity_type, label) span
    wrapped in <mark>; spans of the `focus` label get an outline. Overlaps keep the first.
    The characters of `quote` (start, end) are wrapped in <span class="pd-quote">, the first
    piece with id="pd-quote" so that it can be scrolled into view.

    `hits` (start, end) are a search's matched words, marked inside or across the names; hit n
    carries the id `pd-hit-n` on its first mark, and the `current_hit` is outlined."""
    # One sweep over the paragraphs, the names and the hits (all in text order), so that each
    # paragraph sees only what touches it: linear, not paragraphs x names.
    marks = _first_of_overlaps(sorted(spans))
    starts = [m[0] for m in marks]
    ends = [m[1] for m in marks]  # ascending too: the kept marks do not overlap
    by_start = sorted((a, b, n) for n, (a, b) in enumerate(hits))
    waiting = 0
    active: list[tuple[int, int, int]] = []  # hits begun before the paragraph's end
    parts: list[str] = ['<div class="pd-article">']
    placed: set[str] = set()  # ids given already: each goes on the first piece only
    for p_start, p_end in paragraph_spans(text):
        inside = marks[bisect.bisect_right(ends, p_start) : bisect.bisect_left(starts, p_end)]
        while waiting < len(by_start) and by_start[waiting][0] < p_end:
            active.append(by_start[waiting])
            waiting += 1
        active = [h for h in active if h[1] > p_start]
        numbered = [(n, a, b) for a, b, n in active]
        body = _marked_range(
            text, p_start, p_end, inside, numbered, focus, current_hit, quote=quote, placed=placed
        )
        parts.append("<p>" + body + "</p>")
    parts.append("</div>")
    return HIGHLIGHT_CSS + "\n".join(parts)


def excerpt_html(
    text: str, start: int, end: int, spans: Iterable[tuple[int, int, str, str]]
) -> str:
    """text[start:end] (a sentence or paragraph) as escaped HTML with the (start, end, kind,
    label) spans inside it highlighted; offsets are the article's."""
    inside = [(a - start, b - start, k, lab) for a, b, k, lab in spans if start <= a and b <= end]
    return highlight_html(text[start:end], inside)


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where a verbatim quote first occurs in the text, as (start, end), or None."""
    at = text.find(quote) if quote else -1
    return None if at < 0 else (at, at + len(quote))


def parse_span(value: str) -> tuple[int, int] | None:
    """ "120-180" as (120, 180): a character range of an article (start < end), or None."""
    start, dash, end = value.partition("-")
    if not (dash and start.isascii() and start.isdigit() and end.isascii() and end.isdigit()):
        return None
    if len(start) > 9 or len(end) > 9 or int(start) >= int(end):
        return None
    return int(start), int(end)


def unparse_span(span: tuple[int, int]) -> str:
    """A character range as it travels in a link ("120-180")."""
    return f"{span[0]}-{span[1]}"


def source_page(
    article_id: str, span: tuple[int, int] | None, query: Mapping[str, str] | None = None
) -> str:
    """A relative link to the article in Sources (with the filters of `query`), with the quote
    at `span` marked and scrolled into view when given: for link columns in tables."""
    params = {**(query or {}), "doc": article_id}
    if span:
        params["quote"] = unparse_span(span)
    return "sources?" + urlencode(params, safe=",", quote_via=quote)


def passage_html(text: str, start: int, end: int, hits: Sequence[tuple[int, int]]) -> str:
    """A stretch of an article (a search result's passage) as escaped HTML with its hits
    marked; line breaks inside it are kept."""
    numbered = sorted(((n, a, b) for n, (a, b) in enumerate(hits)), key=lambda h: h[1:])
    body = _marked_range(text, start, end, [], numbered, None, None, anchors=False)
    return HIGHLIGHT_CSS + f'<div class="pd-article"><p>{body}</p></div>'


def scroll_script(hit: int) -> str:
    """A script that scrolls the page to hit `hit` of highlight_html once it is drawn. It holds
    nothing but the hit's number, and no "<" (the sanitizer drops a script whose text looks
    like markup)."""
    return (
        "<script>(function(){var tries=0;function go(){"
        f'var el=document.getElementById("pd-hit-{int(hit)}");'
        'if(el){el.scrollIntoView({block:"center"});}'
        "else if(50>tries++){setTimeout(go,100);}}go();})();</script>"
    )


def _anchor(name: str, anchors: bool, placed: set[str]) -> str:
    """' id="name"' the first time (when anchors are wanted), else ""."""
    if not anchors or name in placed:
        return ""
    placed.add(name)
    return f' id="{name}"'


def _first_of_overlaps(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    kept: list[tuple[int, int, str, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _marked_range(
    text: str,
    start: int,
    end: int,
    marks: Sequence[tuple[int, int, str, str]],
    hits: Sequence[tuple[int, int, int]],
    focus: str | None,
    current_hit: int | None,
    anchors: bool = True,
    quote: tuple[int, int] | None = None,
    placed: set[str] | None = None,
) -> str:
    """text[start:end] escaped, cut at every edge of a name, a hit (numbered: (n, start, end),
    in text order) or the quote; each piece
    wrapped in the hit's mark (inside), the name's mark, then the quote's span (outside).
    Without hits or a quote a name is one mark. `placed` collects the ids given (with
    `anchors`), so that each goes on one piece only, across calls."""
    placed = set() if placed is None else placed
    edges = {start, end}
    if quote is not None:
        edges.update(c for c in quote if start < c < end)
    for a, b, *_ in marks:
        if a < end and b > start:
            edges.update((max(a, start), min(b, end)))
    numbered = [(n, a, b) for n, a, b in hits if a < end and b > start]
    for _, a, b in numbered:
        edges.update((max(a, start), min(b, end)))
    cuts = sorted(edges)
    out: list[str] = []
    m = h = 0
    for a, b in itertools.pairwise(cuts):
        while m < len(marks) and marks[m][1] <= a:
            m += 1
        while h < len(numbered) and numbered[h][2] <= a:
            h += 1
        piece = html.escape(text[a:b])
        if h < len(numbered) and numbered[h][1] <= a:
            n = numbered[h][0]
            css = "hit current" if n == current_hit else "hit"
            piece = f'<mark class="{css}"{_anchor(f"pd-hit-{n}", anchors, placed)}>{piece}</mark>'
        if m < len(marks) and marks[m][0] <= a:
            _, _, kind, label = marks[m]
            css = kind + (" focus" if focus is not None and label == focus else "")
            piece = f'<mark class="{html.escape(css)}" title="{html.escape(label)}">{piece}</mark>'
        if quote is not None and quote[0] <= a < quote[1]:
            piece = f'<span class="pd-quote"{_anchor("pd-quote", anchors, placed)}>{piece}</span>'
        out.append(piece)
    return "".join(out)


def supported_by(dataset: Dataset, article_id: str) -> dict[str, pd.DataFrame]:
    """What one article supports, with names instead of ids: "Events it reports" (event,
    quote), "Topics" (topic, event, quote) and "Claims" (speaker, stance, claim, quote)."""
    names = entity_names(dataset)
    events = dict(zip(dataset.events["event_id"], dataset.events["title"], strict=True))
    topics = dict(zip(dataset.topics["topic_id"], dataset.topics["label"], strict=True))
    sources = dataset.event_sources[dataset.event_sources["article_id"] == article_id]
    tagged = dataset.event_topics[dataset.event_topics["article_id"] == article_id]
    claims = dataset.claims[dataset.claims["article_id"] == article_id]
    return {
        "Events it reports": pd.DataFrame(
            {"event": sources["event_id"].map(events), "quote": sources["quote"]}
        ),
        "Topics": pd.DataFrame(
            {
                "topic": tagged["topic_id"].map(topics),
                "event": tagged["event_id"].map(events),
                "quote": tagged["quote"],
            }
        ),
        "Claims": pd.DataFrame(
            {
                "speaker": claims["speaker_id"].map(names),
                "stance": claims["stance"],
                "claim": claims["summary"],
                "quote": claims["quote"],
            }
        ),
    }


def mention_contexts(dataset: Dataset, entity_id: str, articles: int | None = None) -> pd.DataFrame:
    """Every mention of an entity with its sentence, in its first `articles` articles (in the
    mentions' order; all for None): columns article_id, title, sentence, before, match, after
    (plain text, not escaped)."""
    rows = []
    mentions = dataset.mentions[dataset.mentions["entity_id"] == entity_id]
    if articles is not None:
        first = pd.unique(mentions["article_id"].to_numpy())[:articles]
        mentions = mentions[mentions["article_id"].isin(set(first))]
    named = dataset.articles[dataset.articles["article_id"].isin(set(mentions["article_id"]))]
    titles = {r["article_id"]: article_title(r) for r in named.to_dict("records")}
    sentences: dict[str, list[tuple[int, int, int]]] = {}  # each article's, split once
    for m in mentions.itertuples(index=False):
        text = dataset.texts.get(m.article_id, "")
        if m.article_id not in sentences:
            sentences[m.article_id] = sentence_spans(text)
        spans = sentences[m.article_id]
        s_start, s_end = (spans[m.sentence][0], spans[m.sentence][1]) if spans else (0, len(text))
        rows.append(
            {
                "article_id": m.article_id,
                "title": titles.get(m.article_id, m.article_id),
                "sentence": int(m.sentence),
                "before": text[s_start : m.start],
                "match": text[m.start : m.end],
                "after": text[m.end : s_end],
            }
        )
    return pd.DataFrame(
        rows, columns=["article_id", "title", "sentence", "before", "match", "after"]
    )


def context_html(before: str, match: str, after: str) -> str:
    """One sentence, escaped, with the name highlighted."""
    return (
        f"{html.escape(before)}<mark style='color:inherit;background:{rgba(_PERSON, 0.22)}'>"
        f"{html.escape(match)}</mark>{html.escape(after)}"
    )


def overview_intro(dataset: Dataset, periods: Sequence[tuple[date, date]] = ()) -> str:
    """The Overview's opening paragraph (Markdown): what the dataset covers, how many sources
    and where to click first. Counts come from the whole dataset, not the filters; periods
    (vegalite.event_periods) say where most events are."""
    n_articles, n_events, n_people = len(dataset.articles), len(dataset.events), len(dataset.people)
    months = [f"{MONTHS[first.month - 1]} {first.year}" for first, _ in periods]
    where = ""
    if months:
        around = months[0] if len(months) == 1 else ", ".join(months[:-1]) + " and " + months[-1]
        where = f", most of them around {around}"
    return (
        "Evidence on the diplomacy between Mexico, China and the United States over fentanyl "
        f"precursor chemicals, curated from **{n_articles} news article"
        f"{'s' if n_articles != 1 else ''}**: {n_events} events{where}, and {n_people} people, "
        "each fact with a verbatim quote from its article. **Start with the timeline below** "
        "(click an event for its page and sources), then open **Network** for who is named with "
        "whom, or **Sources** to read the articles. The filters on the left apply to every view."
    )


# The share link's copy button: a few hundred bytes of HTML and script run in the page, where
# st.code's copy button would load a 1.5 MB syntax highlighter. The script holds no data and no
# "<" (the sanitizer drops a script whose text looks like markup); the clipboard API needs a
# secure page (https or localhost), so elsewhere it selects the link and uses the copy command.
COPY_SCRIPT = (
    "<script>(function(){document.querySelectorAll('.pd-share').forEach(function(box){"
    "if(box.dataset.bound){return;}box.dataset.bound='1';"
    "var input=box.querySelector('input'),button=box.querySelector('button'),"
    "said=box.querySelector('.pd-said');"
    "function done(ok){said.textContent=ok?'Copied':'Press Ctrl+C to copy';}"
    "button.addEventListener('click',function(){input.focus();input.select();"
    "if(navigator.clipboard&&window.isSecureContext){"
    "navigator.clipboard.writeText(input.value).then(function(){done(true);},"
    "function(){done(document.execCommand('copy'));});}"
    "else{done(document.execCommand('copy'));}});});})();</script>"
)
_COPY_CSS = """<style>
.pd-share { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.pd-share input { flex: 1 1 16rem; min-width: 0; font: inherit; font-size: 0.875rem;
  padding: 0.35rem 0.5rem; color: inherit; background: transparent;
  border: 1px solid rgba(128, 128, 128, 0.5); border-radius: 0.4rem; }
.pd-share button { font: inherit; font-size: 0.875rem; padding: 0.35rem 0.9rem;
  color: inherit; background: transparent; cursor: pointer;
  border: 1px solid rgba(128, 128, 128, 0.7); border-radius: 0.4rem; }
.pd-share .pd-said { font-size: 0.8rem; opacity: 0.8; }
</style>"""


def copy_link_html(link: str) -> str:
    """The share link in a read-only field with a Copy button (the link escaped, as data)."""
    value = html.escape(link, quote=True)
    return (
        _COPY_CSS + '<div class="pd-share">'
        f'<input type="text" readonly value="{value}" aria-label="Link to this view">'
        '<button type="button">Copy link</button>'
        '<span class="pd-said" role="status" aria-live="polite"></span></div>'
    )


def citation(row: Mapping[str, object]) -> str:
    """How to cite an article, from what its metadata knows: publisher, title (or, without
    one, what kind of text it is, its first words and its dateline), date with its precision,
    URL; what is not known is said to be unknown, never guessed."""
    from dashboard.dates import format_date_range  # dates imports nothing from here

    def text(key: str) -> str:
        return str(row.get(key) or "").strip()

    who = text("publisher") or "Publisher unknown"
    if text("title"):
        what = f"“{text('title')}”"
    else:
        what = f"Untitled {text('kind') or 'article'}"
        what += f" beginning “{text('lead')}”" if text("lead") else ""
        what += f", datelined {text('dateline')}" if text("dateline") else ""
    when = format_date_range(text("published"), "", text("date_precision"), text("date_basis"))
    when = "Date unknown" if when in ("", UNKNOWN) else when
    url = text("url") or "URL unknown"
    return f"{who}. {what}. {when}. {url}."
