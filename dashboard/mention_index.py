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

import pandas as pd

from dashboard import mentions as mentions_module
from dashboard import text as text_module
from dashboard.mentions import MENTION_COLUMNS, MentionMatcher, entities_from_tables, mention_rows

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


def _digest(frame: pd.DataFrame, hashes: list[str]) -> str:
    """A digest of the stored rows and the list of scanned articles."""
    digest = hashlib.sha256("\n".join(hashes).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=str) for c in _STORED})
    return frame.astype(dict.fromkeys(_INTS, "int64"))


def read_index(path: Path, print_: str) -> tuple[pd.DataFrame, set[str], str | None]:
    """The stored rows and scanned content hashes of an index file, or (empty, empty, notice)
    when the file is missing (no notice), unreadable, foreign or altered."""
    if not path.exists():
        return _empty(), set(), None
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {})[_METADATA_KEY])
        if (meta.get("format"), meta.get("version")) != (FORMAT, FORMAT_VERSION):
            raise ValueError("not a mention index of this version")
        if meta.get("fingerprint") != print_:
            raise ValueError("made for other tables or another matcher")
        frame = table.to_pandas()
        if list(frame.columns) != _STORED:
            raise ValueError(f"unexpected columns {list(frame.columns)}")
        frame = frame.astype(dict.fromkeys(_INTS, "int64"))
        hashes = list(meta["hashes"])
        if meta.get("digest") != _digest(frame, hashes):
            raise ValueError("its contents do not match its digest (edited or damaged)")
        return frame, set(hashes), None
    except Exception as exc:  # any failure means: do not trust it, rebuild it
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return _empty(), set(), f"mention index {path.name} ignored and rebuilt ({reason})"


def write_index(path: Path, print_: str, frame: pd.DataFrame, hashes: list[str]) -> None:
    """Write an index file atomically (a temporary file in the same folder, then a rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = frame[_STORED].reset_index(drop=True)
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "fingerprint": print_,
        "hashes": hashes,
        "digest": _digest(frame, hashes),
    }
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({_METADATA_KEY: json.dumps(meta).encode()})
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
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


def _scan(matcher: MentionMatcher, items: list[tuple[str, str]]) -> pd.DataFrame:
    """Stored rows (content hash for article id) of the given (content_hash, text) items."""
    rows = [row for digest, text in items for row in mention_rows(matcher, digest, text)]
    frame = pd.DataFrame(rows, columns=_STORED)
    return frame.astype(dict.fromkeys(_INTS, "int64"))


_WORKER_MATCHER: MentionMatcher | None = None


def _start_worker(people: pd.DataFrame, organizations: pd.DataFrame) -> None:
    global _WORKER_MATCHER
    _WORKER_MATCHER = MentionMatcher(entities_from_tables(people, organizations))


def _scan_in_worker(items: list[tuple[str, str]]) -> pd.DataFrame:
    assert _WORKER_MATCHER is not None
    return _scan(_WORKER_MATCHER, items)


def _scan_all(
    items: list[tuple[str, str]],
    people: pd.DataFrame,
    organizations: pd.DataFrame,
    workers: int,
) -> pd.DataFrame:
    if not items:
        return _empty()
    if workers <= 1 or len(items) < 2:
        return _scan(MentionMatcher(entities_from_tables(people, organizations)), items)
    # A map over files: chunks of articles, each worker with its own compiled matcher.
    size = max(1, len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(people, organizations)
    ) as pool:
        return pd.concat(list(pool.map(_scan_in_worker, chunks)), ignore_index=True)


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
    then written back with exactly the current articles."""
    print_ = fingerprint(people, organizations)
    path = index_path(cache_dir(folder), print_)
    stored, known, notice = read_index(path, print_)
    notices = [notice] if notice else []
    hashes = {article_id: content_hash(text) for article_id, text in articles.items()}
    wanted = list(dict.fromkeys(hashes.values()))
    missing = [h for h in wanted if h not in known]
    texts_by_hash = {hashes[a]: t for a, t in articles.items()}
    if log:
        log(f"{len(wanted) - len(missing)} articles from the index, {len(missing)} to scan")
    scanned = _scan_all([(h, texts_by_hash[h]) for h in missing], people, organizations, workers)
    live = set(wanted)
    rows = pd.concat([stored, scanned], ignore_index=True).astype(dict.fromkeys(_INTS, "int64"))
    kept = [*known, *missing]
    stale = len(known - live)
    prune = stale > max(len(live), STALE_KEPT)
    if prune:
        # Texts no longer loaded are kept (another seeds folder may come back to them) up to a
        # bound, past which only what is loaded now stays.
        rows, kept = rows[rows["content_hash"].isin(live)], wanted
    written: Path | None = path
    if missing or prune:
        try:
            write_index(path, print_, rows, sorted(kept))
        except OSError as exc:
            written = None
            notices.append(f"mention index not written to {path.parent} ({exc.strerror or exc})")
    frame = _in_article_order(rows[rows["content_hash"].isin(live)], hashes)
    run = IndexRun(len(missing), len(wanted) - len(missing), written, tuple(notices))
    return frame, run


def _in_article_order(rows: pd.DataFrame, hashes: Mapping[str, str]) -> pd.DataFrame:
    """Rows per article (an article's hash may be shared by two files), in article order."""
    order = pd.DataFrame(
        {
            "article_id": pd.Series(list(hashes), dtype=str),
            "content_hash": pd.Series(list(hashes.values()), dtype=str),
        }
    ).reset_index(names="position")
    rows = rows.astype({"content_hash": str})
    frame = order.merge(rows, on="content_hash", how="inner")
    frame = frame.sort_values(["position", "start"], kind="stable")
    frame = frame[MENTION_COLUMNS].reset_index(drop=True)
    return frame.astype(dict.fromkeys(_INTS, "int64"))
