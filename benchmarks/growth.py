"""Growth: `python -m dashboard export` over seed-like corpora of growing size (wall time and
peak memory of the child process), and mention-finding throughput against one plain regular
expression over the same text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.figures import Figure, median, timed
from dashboard.mention_index import CACHE_ENV, indexed_mentions
from dashboard.mentions import (
    MentionMatcher,
    alias_key,
    entities_from_tables,
    find_mentions,
    folded_text,
)
from dashboard.schema import DEFAULT_DATA_DIR
from dashboard.tables import read_table

REPO = Path(__file__).resolve().parent.parent
GIB = 1024**3


@dataclass(frozen=True)
class Run:
    """One finished child process: wall seconds and peak resident memory in bytes."""

    seconds: float
    peak_rss: int


def run_child(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command to completion; its own peak RSS comes from wait4 (not the maximum over
    every child this process ever had, as RUSAGE_CHILDREN would give)."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            output = log.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{output}")
        log.seek(0)
        timed_here = [
            float(line.split()[1]) for line in log.read().splitlines() if line.startswith(b"BENCH-")
        ]
    # A child that times itself (BENCH-SECONDS on its output) gives its own figure.
    seconds = timed_here[-1] if timed_here else seconds
    return Run(seconds, usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux


# Run in the child: imports first (not timed), then load plus export timed in-process, so the
# interpreter's start-up and the imports (about a second, the same at every size) are left out.
_IN_PROCESS = """
import sys, time
import frictionless, networkx, pandas, pyarrow.parquet
from dashboard import cli, dataset, export, mention_index, network, validation
start = time.perf_counter()
code = cli.main(sys.argv[1:])
print("BENCH-SECONDS", time.perf_counter() - start)
sys.exit(code)
"""


def export_run(seeds: Path, out: Path) -> Run:
    """`python -m dashboard export --out out --seeds seeds` in a child process with an empty
    cache folder of its own (every article scanned, validated: the whole work); the time is
    the child's own, from after its imports to the files written."""
    cache = Path(tempfile.mkdtemp(prefix="bench-export-cache-"))
    command = [sys.executable, "-c", _IN_PROCESS, "export", "--out", str(out)]
    try:
        run = run_child([*command, "--seeds", str(seeds)], {**os.environ, CACHE_ENV: str(cache)})
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return run


def export_figures(corpora: dict[int, Path], repeats: int, log: Callable[[str], None]) -> list:
    """Export over 200 and 1,000 articles (alternately, `repeats` times) and 10,000 once, timed
    in the child after its imports (load plus export)."""
    runs: dict[int, list[Run]] = {200: [], 1000: []}
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for i in range(repeats):
            for size in (200, 1000):
                runs[size].append(export_run(corpora[size], Path(tmp) / f"{size}-{i}"))
                log(f"export {size}: {runs[size][-1].seconds:.2f} s")
        big = export_run(corpora[10_000], Path(tmp) / "10000")
        log(f"export 10000: {big.seconds:.2f} s, {big.peak_rss / 2**20:.0f} MB")
    t200 = median([r.seconds for r in runs[200]])
    t1000 = median([r.seconds for r in runs[1000]])
    rss1000 = max(r.peak_rss for r in runs[1000]) / 2**20
    note = f"load plus export, in-process, median of {repeats}"
    return [
        Figure("Export, 200 articles", t200, "s", note=note),
        Figure("Export, 1,000 articles", t1000, "s", t200, "200 articles", 6, note=note),
        Figure("Export, 1,000 articles: time", t1000, "s", limit=20, compared="value", note=note),
        Figure(
            "Export, 1,000 articles: peak RSS",
            rss1000,
            "MB",
            limit=GIB / 2**20,
            compared="value",
            note="child process, max of runs",
        ),
        Figure(
            "Export, 10,000 articles",
            big.seconds,
            "s",
            t1000,
            "1,000 articles",
            12,
            note="load plus export, in-process, once",
        ),
        Figure(
            "Export, 10,000 articles: peak RSS",
            big.peak_rss / 2**20,
            "MB",
            limit=GIB / 2**20,
            compared="value",
            note="child process, once",
        ),
    ]


def _tables():
    people = read_table(DEFAULT_DATA_DIR / "people.csv", "people").frame
    organizations = read_table(DEFAULT_DATA_DIR / "organizations.csv", "organizations").frame
    return people, organizations


def alias_regex() -> re.Pattern[str]:
    """The baseline: one compiled alternation of every folded alias, longest first, to run
    over folded text (the strong baseline: no IGNORECASE, which is several times slower)."""
    people, organizations = _tables()
    keys = {alias_key(a) for e in entities_from_tables(people, organizations) for a in e.aliases}
    ordered = sorted(keys - {""}, key=lambda k: (-len(k), k))
    return re.compile("|".join(map(re.escape, ordered)))


def throughput_figures(corpus: Path, repeats: int, log: Callable[[str], None]) -> list:
    """MB/s of MentionMatcher.find, of find_mentions (with paragraph and sentence indexes) and
    of a load from the mention index on disk, over every article of a corpus, against the
    folded alias alternation over the same texts (folding included, the same folding as the
    matcher's), taken alternately."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))}
    megabytes = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6
    people, organizations = _tables()
    matcher = MentionMatcher(entities_from_tables(people, organizations))
    baseline = alias_regex()

    def scan() -> None:
        for text in texts.values():
            for _ in baseline.finditer(folded_text(text)):
                pass

    cache = tempfile.mkdtemp(prefix="bench-mention-index-")
    indexed_mentions(texts, people, organizations, cache)  # built once, read in every round

    def find() -> None:
        for text in texts.values():
            matcher.find(text)

    times: dict[str, list[float]] = {"regex": [], "find": [], "find_mentions": [], "index": []}
    for _ in range(repeats):
        times["regex"].append(timed(scan))
        times["find"].append(timed(find))
        times["find_mentions"].append(timed(lambda: find_mentions(texts, people, organizations)))
        times["index"].append(timed(lambda: indexed_mentions(texts, people, organizations, cache)))
        log("throughput: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()))
    shutil.rmtree(cache, ignore_errors=True)
    regex = megabytes / median(times["regex"])
    note = f"{len(texts):,} articles, {megabytes:.1f} MB, median of {repeats}"
    return [
        Figure(
            "Mentions: MentionMatcher.find",
            megabytes / median(times["find"]),
            "MB/s",
            regex,
            "alias regex",
            note=note,
        ),
        Figure(
            "Mentions: find_mentions (+ paragraphs, sentences)",
            megabytes / median(times["find_mentions"]),
            "MB/s",
            regex,
            "alias regex",
            note=note,
        ),
        Figure(
            "Mentions: MentionMatcher.find, time (target: no slower than the alias regex)",
            median(times["find"]),
            "s",
            median(times["regex"]),
            "alias regex",
            1.0,
            note=note,
        ),
        Figure(
            "Mentions: from the index on disk (second load)",
            megabytes / median(times["index"]),
            "MB/s",
            regex,
            "alias regex",
            note=note,
        ),
    ]
