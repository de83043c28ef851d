"""A validation verdict remembered by the files' hashes, so a second start skips validation.

Validation (Frictionless import, types, keys, every quote in its article) is the same work
for the same files, so a verdict without errors is kept in the cache folder beside the mention
index (`dashboard.mention_index.cache_dir`), keyed by a SHA-256 digest of every file in the
data folder, of each curated article's file name and text, and of the validating code itself.
A changed file gives another key and is validated again. A verdict file that is unreadable,
foreign or altered (its own digest does not match) is ignored with a notice, never trusted.
Only verdicts without errors are kept: data with errors is validated on every load.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from dashboard import schema, seeds, tables, validation
from dashboard.problems import Problem
from dashboard.tables import RawTable

FORMAT = "dashboard-validation-verdict"
FORMAT_VERSION = "1"


def verdict_key(
    folder: Path, folder_of_seeds: Path, raw: dict[str, RawTable]
) -> tuple[str | None, dict[str, str]]:
    """The key of a validation of these files, and the curated articles' texts read for it
    (article_id -> text). The key is None when a table or an article file could not be read:
    such data has errors and is always validated."""
    if not all(t.ok for t in raw.values()):
        return None, {}
    digest = hashlib.sha256(f"{FORMAT} {FORMAT_VERSION}\n".encode())
    for module in (validation, tables, schema):
        digest.update(Path(module.__file__ or "").read_bytes())
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file())
        for path in files:
            digest.update(f"\0data\0{path.name}\0".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None, {}
    texts: dict[str, str] = {}
    articles = raw["articles"].frame
    for article_id, file in zip(articles["article_id"], articles["file"], strict=True):
        text, _ = seeds.read_text(folder_of_seeds / file)
        if text is None:
            return None, {}
        texts[article_id] = text
        digest.update(f"\0article\0{article_id}\0{file}\0".encode())
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest(), texts


def verdict_path(key: str, folder: Path | str | None = None) -> Path:
    """The file holding the verdict for one key."""
    from dashboard.mention_index import cache_dir  # the same folder as the mention index

    return cache_dir(folder) / f"validation-{key[:32]}.json"


def _body_digest(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def remembered(
    key: str, folder: Path | str | None = None
) -> tuple[list[Problem] | None, str | None]:
    """The warnings of a remembered verdict without errors, or None when there is none to
    trust; and a notice when a verdict file was there but damaged, foreign or edited."""
    path = verdict_path(key, folder)
    if not path.exists():
        return None, None
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        body = {k: stored[k] for k in ("format", "version", "key", "warnings")}
        if (body["format"], body["version"]) != (FORMAT, FORMAT_VERSION):
            raise ValueError("not a validation verdict of this version")
        if body["key"] != key:
            raise ValueError("made for other files")
        if stored.get("digest") != _body_digest(body):
            raise ValueError("its contents do not match its digest (edited or damaged)")
        warnings = [
            Problem(str(f), None if r is None else int(r), str(c), str(m), "warning")
            for f, r, c, m in body["warnings"]
        ]
        return warnings, None
    except Exception as exc:  # any failure means: do not trust it, validate again
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return None, f"validation verdict {path.name} ignored, data validated again ({reason})"


def remember(key: str, problems: list[Problem], folder: Path | str | None = None) -> str | None:
    """Keep a verdict without errors (atomically: a temporary file, then a rename). Returns a
    notice when it could not be written; a verdict with errors is not kept."""
    if any(p.severity == "error" for p in problems):
        return None
    path = verdict_path(key, folder)
    body = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "key": key,
        "warnings": [[p.file, p.row, p.column, p.message] for p in problems],
    }
    content = json.dumps({**body, "digest": _body_digest(body)}, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            os.chmod(temporary, 0o644)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"validation verdict not written to {path.parent} ({exc.strerror or exc})"
    return None


def validate_remembered(
    raw: dict[str, RawTable], seeds_folder: Path, folder: Path, texts: dict[str, str]
) -> tuple[list[Problem], list[str]]:
    """`validation.validate_tables`, or its remembered verdict for the same files; fills
    `texts` with the curated articles' texts either way. Returns the problems and notices."""
    key, read = verdict_key(folder, seeds_folder, raw)
    texts.update(read)  # each article read once: validation does not read these again
    notices: list[str] = []
    if key is not None:
        warnings, notice = remembered(key)
        notices += [notice] if notice else []
        if warnings is not None:
            return warnings, notices
    problems = validation.validate_tables(raw, seeds_folder, folder, texts)
    if key is not None:
        notice = remember(key, problems)
        notices += [notice] if notice else []
    return problems, notices
