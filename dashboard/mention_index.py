"""The mention index on disk: each article's mentions, kept between runs.

Keyed by each article's content hash and by a fingerprint of everything that changes matching
(the people and organization tables, the matcher's version and source), so an article added,
changed or removed costs only its own scan, and a changed alias rescans everything. One Parquet
file per fingerprint in the cache folder (`DASHBOARD_CACHE_DIR`, else the user's cache folder),
written atomically. A file that is unreadable, foreign or edited by hand (its digest does not
match) is ignored with a notice and rebuilt: never trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard import mentions as mentions_module
from dashboard import text as text_module
from dashboard.mentions import MENTION_COLUMNS, MentionMatcher, entities_from_tables, mention_rows

if TYPE_CHECKING:
    import pyarrow as pa

CACHE_ENV = "DASHBOARD_CACHE_DIR"
FORMAT = "dashboard-mention-index"
FORMAT_VERSION = "1"
_METADATA_KEY = b"dashboard"
# The columns stored: the mention columns, with the article's content hash for its id.
_STORED = ["content_hash", *MENTION_COLUMNS[1:]]
_INTS = ("start", "end", "paragraph", "sentence")
# How many texts not loaded now the index may keep (edited versions, other seeds folders).
STALE_KEPT = 20_000


@dataclass(frozen=True)
class IndexRun:
    """What one use of the index did: articles scanned, reused, and notices for the user."""

    scanned: int
    reused: int
    path: Path | None
    notices: tuple[str, ...] = ()


def cache_dir(folder: Path | str | None = None) -> Path:
    """The cache folder: the argument, $DASHBOARD_CACHE_DIR, or the user's cache folder.

    The default ($XDG_CACHE_HOME or ~/.cache, then /tmp if there is no home) is writable on a
    laptop and on Streamlit Community Cloud alike; the repository is never written to.
    """
    if folder:
        return Path(folder)
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or (
        str(Path.home() / ".cache") if Path.home().is_dir() else tempfile.gettempdir()
    )
    return Path(base) / "precursor-dashboard"


def content_hash(text: str) -> str:
    """SHA-256 of an article's text (UTF-8), hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(people: pd.DataFrame, organizations: pd.DataFrame) -> str:
    """SHA-256 over everything that changes what the matcher finds: both tables, the matcher
    version and the source of the matching and segmentation modules."""
    digest = hashlib.sha256(f"{FORMAT} {FORMAT_VERSION} {mentions_module.MATCHER_VERSION}".encode())
    for module in (mentions_module, text_module):
        digest.update(Path(module.__file__ or "").read_bytes())
    for frame in (people, organizations):
        digest.update(frame.to_csv(index=False).encode("utf-8"))
    return digest.hexdigest()


def index_path(folder: Path, print_: str) -> Path:
    """The index file for one fingerprint."""
    return folder / f"mentions-{print_[:32]}.parquet"


def _schema() -> pa.Schema:
    import pyarrow as pa

    types = {"start": pa.int64(), "end": pa.int64(), "paragraph": pa.int64()}
    types["sentence"] = pa.int64()
    return pa.schema([(c, types.get(c, pa.string())) for c in _STORED])


def _pages(parquet: bytes) -> bytes:
    """A Parquet file's bytes before its footer: the rows themselves. (The footer, which holds
    the key-value metadata with the digest, follows them: 4-byte length, then "PAR1".)"""
    if len(parquet) < 12 or parquet[:4] != b"PAR1" or parquet[-4:] != b"PAR1":
        raise ValueError("not a Parquet file")
    footer = int.from_bytes(parquet[-8:-4], "little")
    if not 0 < footer <= len(parquet) - 12:
        raise ValueError("damaged Parquet footer")
    return parquet[: len(parquet) - 8 - footer]


def _digest(pages: bytes, hashes: list[str], counts: list[int]) -> str:
    """A digest of the stored rows (the file's pages) and of the scanned texts' list."""
    digest = hashlib.sha256(json.dumps([hashes, counts]).encode())
    digest.update(pages)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Stored:
    """Rows grouped by text, in the order of `hashes`; `counts[i]` rows for `hashes[i]`."""

    table: pa.Table
    hashes: list[str]
    counts: list[int]


def _empty() -> _Stored:
    return _Stored(_schema().empty_table(), [], [])


def read_index(path: Path, print_: str) -> tuple[_Stored, str | None]:
    """The stored rows of an index file, or (nothing stored, notice) when the file is missing
    (no notice), unreadable, foreign or altered."""
    if not path.exists():
        return _empty(), None
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        content = path.read_bytes()
        pages = _pages(content)
        table = pq.read_table(pa.BufferReader(content))
        meta = json.loads((table.schema.metadata or {})[_METADATA_KEY])
        if (meta.get("format"), meta.get("version")) != (FORMAT, FORMAT_VERSION):
            raise ValueError("not a mention index of this version")
        if meta.get("fingerprint") != print_:
            raise ValueError("made for other tables or another matcher")
        table = table.replace_schema_metadata(None)
        if not table.schema.equals(_schema()):
            raise ValueError(f"unexpected columns or types: {table.schema.to_string()[:120]}")
        hashes, counts = list(meta["hashes"]), [int(n) for n in meta["counts"]]
        if (
            len(hashes) != len(counts)
            or sum(counts) != table.num_rows
            or min(counts, default=0) < 0
        ):
            raise ValueError("its list of texts does not match its rows")
        if meta.get("digest") != _digest(pages, hashes, counts):
            raise ValueError("its contents do not match its digest (edited or damaged)")
        return _Stored(table, hashes, counts), None
    except Exception as exc:  # any failure means: do not trust it, rebuild it
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return _empty(), f"mention index {path.name} ignored and rebuilt ({reason})"


def write_index(path: Path, print_: str, stored: _Stored) -> None:
    """Write an index file atomically (a temporary file in the same folder, then a rename)."""
    import pyarrow.parquet as pq

    # The pages do not depend on the footer: written once without it to take their digest,
    # then with the digest in the footer.
    table = stored.table.replace_schema_metadata(None)
    draft = io.BytesIO()
    pq.write_table(table, draft)
    pages = _pages(draft.getvalue())
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fingerprint": print_,
        "hashes": stored.hashes,
        "counts": stored.counts,
        "digest": _digest(pages, stored.hashes, stored.counts),
    }
    table = table.replace_schema_metadata({_METADATA_KEY: json.dumps(meta).encode()})
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    if _pages(buffer.getvalue()) != pages:
        raise RuntimeError("Parquet pages differ between two writes of one table")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the index holds nothing secret
        with os.fdopen(handle, "wb") as out:
            out.write(buffer.getvalue())
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _scan(matcher: MentionMatcher, items: list[tuple[str, str]]) -> tuple[list[tuple], list[int]]:
    """Stored rows (content hash for article id) of the given (content_hash, text) items, and
    the number of rows of each item."""
    rows: list[tuple] = []
    counts: list[int] = []
    for digest, text in items:
        found = mention_rows(matcher, digest, text)
        rows += found
        counts.append(len(found))
    return rows, counts


def _select(stored: _Stored, hashes: list[str]) -> tuple[pa.Table, np.ndarray]:
    """The rows of the given texts, in that order (a text may repeat), and each one's count."""
    import pyarrow as pa

    all_counts = np.asarray(stored.counts, dtype=np.int64)
    all_firsts = np.cumsum(all_counts) - all_counts
    where = {h: i for i, h in enumerate(stored.hashes)}
    at = np.array([where[h] for h in hashes], dtype=np.int64)
    counts, firsts = all_counts[at], all_firsts[at]
    total = int(counts.sum())
    # Row j of the i-th text's run is stored row firsts[i] + (j - where that run starts).
    run_starts = np.cumsum(counts) - counts
    indexes = np.repeat(firsts - run_starts, counts) + np.arange(total, dtype=np.int64)
    if total == stored.table.num_rows and np.array_equal(indexes, np.arange(total)):
        return stored.table, counts  # the common case: the same texts in the same order
    return stored.table.take(pa.array(indexes)), counts


_WORKER_MATCHER: MentionMatcher | None = None


def _start_worker(people: pd.DataFrame, organizations: pd.DataFrame) -> None:
    global _WORKER_MATCHER
    _WORKER_MATCHER = MentionMatcher(entities_from_tables(people, organizations))


def _scan_in_worker(items: list[tuple[str, str]]) -> tuple[list[tuple], list[int]]:
    assert _WORKER_MATCHER is not None
    return _scan(_WORKER_MATCHER, items)


def _scan_all(
    items: list[tuple[str, str]],
    people: pd.DataFrame,
    organizations: pd.DataFrame,
    workers: int,
) -> _Stored:
    import pyarrow as pa

    if not items:
        return _empty()
    if workers <= 1 or len(items) < 2:
        rows, counts = _scan(MentionMatcher(entities_from_tables(people, organizations)), items)
    else:
        # A map over files: chunks of articles, each worker with its own compiled matcher.
        size = max(1, len(items) // (workers * 4))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        rows, counts = [], []
        with ProcessPoolExecutor(
            workers, initializer=_start_worker, initargs=(people, organizations)
        ) as pool:
            for chunk_rows, chunk_counts in pool.map(_scan_in_worker, chunks):
                rows += chunk_rows
                counts += chunk_counts
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in _STORED]
    table = pa.table(dict(zip(_STORED, map(list, columns), strict=True)), schema=_schema())
    return _Stored(table, [h for h, _ in items], counts)


def indexed_mentions(
    articles: Mapping[str, str],
    people: pd.DataFrame,
    organizations: pd.DataFrame,
    folder: Path | str | None = None,
    workers: int = 1,
    log: Callable[[str], None] | None = None,
) -> tuple[pd.DataFrame, IndexRun]:
    """The mentions of every article (as dashboard.mentions.find_mentions returns them), read
    from the index where an article's text was scanned before, scanned otherwise; the index is
    then written back if anything was scanned."""
    import pyarrow as pa

    print_ = fingerprint(people, organizations)
    path = index_path(cache_dir(folder), print_)
    stored, notice = read_index(path, print_)
    notices = [notice] if notice else []
    hashes = {article_id: content_hash(text) for article_id, text in articles.items()}
    wanted = list(dict.fromkeys(hashes.values()))
    known = set(stored.hashes)
    missing = [h for h in wanted if h not in known]
    texts_by_hash = {hashes[a]: t for a, t in articles.items()}
    if log:
        log(f"{len(wanted) - len(missing)} texts from the index, {len(missing)} to scan")
    scanned = _scan_all([(h, texts_by_hash[h]) for h in missing], people, organizations, workers)
    everything = _Stored(
        pa.concat_tables([stored.table, scanned.table]),
        stored.hashes + scanned.hashes,
        stored.counts + scanned.counts,
    )
    live = set(wanted)
    stale = len(known - live)
    prune = stale > max(len(live), STALE_KEPT)
    written: Path | None = path
    if missing or prune:
        kept = everything
        if prune:
            # Texts no longer loaded are kept (another seeds folder may come back to them) up
            # to a bound, past which only what is loaded now stays.
            table, counts = _select(everything, wanted)
            kept = _Stored(table, wanted, [int(n) for n in counts])
        try:
            write_index(path, print_, kept)
        except OSError as exc:
            written = None
            notices.append(f"mention index not written to {path.parent} ({exc.strerror or exc})")
    table, counts = _select(everything, list(hashes.values()))
    article_ids = np.repeat(np.array(list(hashes), dtype=object), counts)
    table = table.drop_columns(["content_hash"]).add_column(
        0, "article_id", pa.array(article_ids, type=pa.string())
    )
    frame = table.to_pandas()[MENTION_COLUMNS]
    run = IndexRun(len(missing), len(wanted) - len(missing), written, tuple(notices))
    return frame.astype(dict.fromkeys(_INTS, "int64")), run
