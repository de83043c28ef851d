"""Which topics' keywords each article's text contains, kept between runs.

The topic filter selects the articles whose text contains one of a topic's keywords at the start
of a word. At 10,000 articles that is ten regular expressions over 44 MB, about 4 s at every
start, for an answer that changes only when a text or the topics' keywords change. So, as for
the mention index (dashboard.mention_index), the answer is kept on disk by each text's content
hash, in a file named by a fingerprint of the keywords and of the matching rule: an article
added or changed costs only its own search. A file that is unreadable, foreign or altered (its
digest does not match) is ignored and rebuilt, never trusted; the answer is the same either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from dashboard.mention_index import cache_dir, content_hash

FORMAT = "dashboard-keyword-index"
FORMAT_VERSION = "1"
# How many texts not loaded now a file may keep (edited versions, other seeds folders).
STALE_KEPT = 20_000


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """One topic's keywords as a pattern: any of them at the start of a word, ignoring case
    ("legal channels" is not in "illegal channels"; plurals still match); None for none."""
    words = sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def fingerprint(topics: Mapping[str, str]) -> str:
    """SHA-256 over everything that changes the answer: each topic's keywords (topic id ->
    "|"-joined keywords), the format and the pattern's source."""
    digest = hashlib.sha256(f"{FORMAT} {FORMAT_VERSION}".encode())
    digest.update(Path(__file__).read_bytes())  # the matching rule is this module's code
    digest.update(json.dumps(sorted(topics.items())).encode("utf-8"))
    return digest.hexdigest()


def index_path(folder: Path, print_: str) -> Path:
    """The file for one fingerprint."""
    return folder / f"keywords-{print_[:32]}.json"


def _digest(matches: Mapping[str, list[int]]) -> str:
    return hashlib.sha256(json.dumps(matches, sort_keys=True).encode()).hexdigest()


def _read(path: Path, print_: str, topics: int) -> dict[str, list[int]]:
    """The stored answers (content hash -> positions of the matching topics), or nothing when
    the file is missing, unreadable, foreign or altered."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if (stored.get("format"), stored.get("version")) != (FORMAT, FORMAT_VERSION):
            return {}
        if stored.get("fingerprint") != print_:
            return {}
        matches = stored["matches"]
        if not isinstance(matches, dict) or stored.get("digest") != _digest(matches):
            return {}
        valid = all(
            isinstance(found, list) and all(isinstance(i, int) and 0 <= i < topics for i in found)
            for found in matches.values()
        )
        return matches if valid else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write(path: Path, print_: str, matches: Mapping[str, list[int]]) -> None:
    """Write the file atomically (a temporary file in the same folder, then a rename); a
    folder that cannot be written to only means the next start searches again."""
    content = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fingerprint": print_,
        "matches": matches,
        "digest": _digest(matches),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            os.chmod(temporary, 0o644)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(content, out, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def keyword_matches(
    texts: Mapping[str, str],
    topics: Mapping[str, str],
    folder: Path | str | None = None,
    search: Callable[[re.Pattern[str], str], bool] | None = None,
) -> dict[str, frozenset[str]]:
    """For each topic (id -> "|"-joined keywords), the ids of the texts that contain one of its
    keywords at the start of a word (keyword_pattern): read from the file where a text was
    searched before, searched otherwise; the file is then written back if anything was
    searched. `search` (a pattern and a text: found or not) is for tests that count searches."""
    ids = list(topics)
    patterns = [keyword_pattern(topics[t].split("|")) for t in ids]
    print_ = fingerprint(topics)
    path = index_path(cache_dir(folder), print_)
    stored = _read(path, print_, len(ids))
    found = search or (lambda pattern, text: pattern.search(text) is not None)
    hashes = {article: content_hash(text) for article, text in texts.items()}
    changed = False  # anything searched or pruned: the file is written back
    for article, text in texts.items():
        digest = hashes[article]
        if digest not in stored:
            stored[digest] = [
                i
                for i, pattern in enumerate(patterns)
                if pattern is not None and found(pattern, text)
            ]
            changed = True
    live = set(hashes.values())
    if len(stored) - len(live) > max(len(live), STALE_KEPT):
        stored = {h: m for h, m in stored.items() if h in live}
        changed = True
    if changed:
        _write(path, print_, stored)
    matching: dict[str, set[str]] = {t: set() for t in ids}
    for article, digest in hashes.items():
        for i in stored[digest]:
            matching[ids[i]].add(article)
    return {t: frozenset(articles) for t, articles in matching.items()}
