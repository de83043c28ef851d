"""Article texts: the curated ones named in articles.csv and any *.txt a user drops in seeds/.

An added article without a row in articles.csv gets an id from its file name and its first line
as title, and is marked not curated. An optional header block of `title:`, `publisher:`, `date:`
and `url:` lines, ended by a blank line, fills its metadata and is not part of its text. Empty,
binary and non-UTF-8 files are skipped with a warning that names the file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import schema

_HEADER_LINE = re.compile(r"^(title|publisher|date|url):[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
MAX_TITLE = 200


def read_text(path: Path) -> tuple[str | None, str | None]:
    """(text, None) for a readable UTF-8 article, else (None, why it was skipped)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if not data.strip():
        return None, "is empty"
    if b"\x00" in data:
        return None, "is binary, not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"


def split_header(text: str) -> tuple[dict[str, str], str]:
    """An optional leading `key: value` block ended by a blank line, and the text after it."""
    lines = text.split("\n")
    header: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if header:
                return header, "\n".join(lines[i + 1 :])
            break
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if not match:
            break
        header[match.group(1).lower()] = match.group(2)
    return {}, text


MAX_SLUG = 80  # an id stays well under a link's value limit (filters.MAX_VALUE_LENGTH)


def slug(stem: str) -> str:
    """An id from a file name: ASCII lowercase words joined by hyphens; a long name is cut and
    ends in a digest of the whole name, so that two long names stay two ids."""
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "article"
    if len(text) <= MAX_SLUG:
        return text
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:10]
    return f"{text[: MAX_SLUG - 11].rstrip('-')}-{digest}"


def first_line(text: str) -> str:
    """The first non-blank line, shortened to a title."""
    for line in text.splitlines():
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1] + "…"
    return ""


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return ""


def load_articles(
    curated: pd.DataFrame, folder: Path, curated_texts: Mapping[str, str]
) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """All articles: the curated rows (with `curated` True) then the added files (False).

    `curated_texts` are the curated articles' texts as validation read them (validation has
    made sure each one exists and is readable), so no file is read twice. Returns the articles
    table (articles.csv columns plus `curated`, and `lead`: the first words of the text, see
    text.lead_words), the text of each article by article_id, and
    warnings for added files that were skipped.
    """
    texts = {article_id: curated_texts[article_id] for article_id in curated["article_id"]}
    warnings: list[str] = []
    rows = curated.copy()
    known_files = set(rows["file"])
    rows["curated"] = True

    added: list[dict[str, object]] = []
    used = set(rows["article_id"])
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        if path.name in known_files:
            continue
        text, why = read_text(path)
        if text is None:
            warnings.append(f"seeds/{path.name}: skipped, the file {why}")
            continue
        header, body = split_header(text)
        if not body.strip():
            warnings.append(f"seeds/{path.name}: skipped, the file has a header but no text")
            continue
        article_id = base = slug(path.stem)
        n = 2
        while article_id in used:
            article_id, n = f"{base}-{n}", n + 1
        used.add(article_id)
        published = _iso_date(header.get("date", ""))
        row = dict.fromkeys(schema.columns("articles"), "")
        row.update(
            article_id=article_id,
            file=path.name,
            title=header.get("title") or first_line(body),
            publisher=header.get("publisher", ""),
            published=published,
            date_precision="day" if published else "",
            date_basis="stated" if published else "",
            url=header.get("url", ""),
            notes="Added article, not curated: metadata from its header block or file name.",
            curated=False,
        )
        if header.get("date") and not published:
            warnings.append(
                f"seeds/{path.name}: date {header['date']!r} is not YYYY-MM-DD; ignored"
            )
        added.append(row)
        texts[article_id] = body
    if added:
        rows = pd.concat([rows, pd.DataFrame(added)], ignore_index=True)
    rows["curated"] = rows["curated"].astype(bool)
    rows["lead"] = [
        lead_words(texts[a], t, d)
        for a, t, d in zip(rows["article_id"], rows["title"], rows["dateline"], strict=True)
    ]
    return rows.reset_index(drop=True), texts, warnings


LEAD_CHARS = 60  # the first words of an article that label it when it has no title
# A dateline in capitals before the text proper: "SAN FRANCISCO. ", "USA.- ",
# "WASHINGTON, Nov. 16 (Reuters) — ".
_CAPS_DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Za-z]{3,9}\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,40}\))?"
    r"\s*(?:\.-|[.—–-])\s+"
)


def lead_words(text: str, title: str = "", dateline: str = "", limit: int = LEAD_CHARS) -> str:
    """The first words of an article's text proper, at most `limit` characters and cut between
    words (with "…" when cut): the title line(s) and a leading dateline are skipped."""
    head = text[:4000]  # the title and the first paragraph are at the start
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    title = " ".join(title.split())
    while lines and title and " ".join(lines[0].split()) == title:
        lines.pop(0)  # a title printed once or twice above the text
    if not lines:
        return ""
    first = " ".join(lines[0].split())
    if dateline and first.casefold().startswith(dateline.casefold()):
        rest = first[len(dateline) :]
        first = re.sub(r"^\s*(?:\([^)]{1,40}\))?\s*(?:\.-|[.,—–:-])*\s*", "", rest)
    else:
        match = _CAPS_DATELINE.match(first)
        if match:
            first = first[match.end() :]
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit + 1)
    return first[: cut if cut > 0 else limit].rstrip(" ,;:—–-") + "…"
