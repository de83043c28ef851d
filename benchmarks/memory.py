"""Memory: the resident memory of one `streamlit run` server while a browser follows 200
distinct filter links to the Network view (each a new session, as when links are shared), over
a generated corpus. The caches are bounded and hold selections, not copies (issue 13, item 6),
so the server should stop growing once the first links have filled them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from benchmarks import browser as b
from benchmarks.figures import Figure
from dashboard.schema import DEFAULT_DATA_DIR
from dashboard.tables import read_table

LINKS = 200
FIRST = 20  # growth is measured after these: the caches fill while they are followed
NETWORK_DRAWN = {"stVegaLiteChart": 1, "stDataFrame": 1}
MB = 1e6


def rss(pid: int) -> int:
    """Resident memory of a process in bytes (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        kib = next(line for line in f if line.startswith("VmRSS:")).split()[1]
    return int(kib) * 1024


def links(count: int = LINKS) -> list[str]:
    """`count` distinct Network links: pairs of people (either order), each with a window."""
    people = list(read_table(DEFAULT_DATA_DIR / "people.csv", "people").frame["person_id"])
    windows = itertools.cycle(("article", "paragraph", "sentence"))
    out = []
    for a, c in itertools.combinations(people, 2):
        out.append(f"/network?person={a},{c}&window={next(windows)}")
        if len(out) == count:
            break
    return out


def rss_after_links(
    chromium, corpus: Path, size: int, log: Callable[[str], None]
) -> tuple[float, float, float]:
    """(RSS after the first link, after FIRST links, after LINKS links), in bytes."""
    env = {"DASHBOARD_SEEDS_DIR": str(corpus)}
    page = b.new_page(chromium)
    after: dict[int, float] = {}
    try:
        with b.streamlit_server(b.REPO / "dashboard" / "app.py", env, 300) as server:
            for n, link in enumerate(links(), start=1):
                page.goto(server.url + link)
                b.wait_drawn(page, NETWORK_DRAWN)
                if n in (1, FIRST, LINKS) or n % 50 == 0:
                    after[n] = rss(server.process.pid)
                    log(f"memory, {size:,} articles: {n} links, RSS {after[n] / MB:.0f} MB")
    finally:
        b.close_page(page)
    return after[1], after[FIRST], after[LINKS]


def memory_figures(
    chromium, corpora: dict[int, Path], log, sizes: tuple[int, ...] = (1000, 10_000)
) -> list[Figure]:
    """Server RSS after 200 distinct links, and its growth after the first 20, at each size."""
    figures = []
    for size in sizes:
        first, filled, last = rss_after_links(chromium, corpora[size], size, log)
        at = f"{size:,} articles"
        figures += [
            Figure(
                f"Memory: server RSS after {LINKS} distinct filter links (Network), {at}",
                last / MB, "MB", first / MB, "after the first link",
                limit=1500 if size == 10_000 else None, compared="value",
            ),
            Figure(
                f"Memory: server RSS growth from link {FIRST} to {LINKS}, {at}",
                (last - filled) / MB, "MB", limit=300, compared="value",
            ),
        ]  # fmt: skip
    return figures
