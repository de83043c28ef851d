"""`python -m benchmarks [--quick] [--only SECTION ...]`: measure, then print one table.

Every ratio compares with a baseline measured in the same run (Streamlit's hello page, the
200-article export, a plain regular expression, the 5-article app). Targets are shown as met
or not; nothing here fails on a timing. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import growth, memory, scale, script_runs, search, stages, visits
from benchmarks.corpus import make_corpus
from benchmarks.figures import Figure, median, table
from dashboard.mention_index import CACHE_ENV

SECTIONS = (
    "growth", "throughput", "search", "script", "browser", "firstdraw", "scale", "stages",
    "memory", "floors",
)  # fmt: skip
NAN = math.nan


@dataclass(frozen=True)
class Repeats:
    """How many times each measurement is taken."""

    cold_pairs: int = 3
    warm_pairs: int = 5
    view_visits: int = 2
    browser_changes: int = 3
    script_changes: int = 5
    exports: int = 3
    throughput: int = 5
    searches: int = 5
    # Each 1,000-article view is visited once: its ratio to the 5-article view moves little.
    large_view_visits: int = 1
    # New server pairs for every view's first draw.
    first_draws: int = 2
    # Rounds of visits to the hello page and every floor.
    floor_visits: int = 6


QUICK = Repeats(1, 2, 1, 1, 2, 1, 2, 2, 1, 1, 3)


class Log:
    """Progress lines on stderr with the seconds since the start."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.start:6.1f} s] {message}", file=sys.stderr, flush=True)


def _total_memory() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        return f"{kib / 2**20:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        return "unknown"


def machine(chromium: str) -> str:
    """One line describing the machine and the versions measured."""
    import streamlit

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"nproc {len(os.sched_getaffinity(0))}, memory {_total_memory()}, load average {load}; "
        f"Python {platform.python_version()}, Streamlit {streamlit.__version__}, "
        f"Chromium {chromium}; {platform.platform()}"
    )


def view_figures(
    script_5: dict[str, list[float]],
    script_1000: dict[str, list[float]],
    browser_change: dict[str, list[float]],
    repeats: Repeats,
) -> list[Figure]:
    """Per view: script time after a filter change (target), the browser time beside it, and
    the script time with 1,000 articles against 5."""
    figures: list[Figure] = []
    for view in script_runs.VIEWS:
        title = visits.TITLES[view]
        s5 = median(script_5.get(view, []))
        figures += [
            Figure(
                f"Filter change, {title}: script time (AppTest)",
                s5,
                "s",
                limit=0.3,
                compared="value",
                note=f"median of {repeats.script_changes}",
            ),
            Figure(
                f"Filter change, {title}: browser, click to rerun drawn",
                median(browser_change.get(view, [])),
                "s",
                note=f"median of {repeats.browser_changes}",
            ),
            Figure(
                f"Filter change, {title}: script time, 1,000 articles",
                median(script_1000.get(view, [])),
                "s",
                s5,
                "5 articles",
                note=f"median of {repeats.script_changes}",
            ),
        ]
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--only", nargs="+", choices=SECTIONS, default=SECTIONS, help="run only these sections"
    )
    parser.add_argument(
        "--sizes", nargs="+", type=int, choices=(1000, 10_000), default=(1000, 10_000),
        help="corpus sizes of the memory section",
    )  # fmt: skip
    args = parser.parse_args(argv)
    repeats = QUICK if args.quick else Repeats()
    log = Log()
    chromium = "not measured"
    groups: dict[str, list[Figure]] = {}
    script_5: dict[str, list[float]] = {}
    script_1000: dict[str, list[float]] = {}
    browser_change: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp)
        # The run's own cache folder (mention index, validation verdict), shared with the
        # servers it starts; the user's is left alone.
        os.environ[CACHE_ENV] = str(folder / "cache")
        corpora = {n: make_corpus(folder / f"corpus-{n}", n) for n in (200, 1000, 10_000)}
        log("corpora written")
        if "growth" in args.only:
            groups["growth"] = growth.export_figures(corpora, repeats.exports, log)
        if "throughput" in args.only:
            groups["throughput"] = growth.throughput_figures(corpora[1000], repeats.throughput, log)
        if "search" in args.only:
            groups["search"] = search.search_figures(corpora, repeats.searches, log)
        if "script" in args.only:
            script_5 = script_runs.filter_change_times(None, repeats.script_changes, log)
            script_1000 = script_runs.filter_change_times(
                corpora[1000], repeats.script_changes, log
            )
        if "browser" in args.only:
            chromium = _browser(folder, corpora[1000], repeats, log, groups, browser_change)
        if "stages" in args.only:
            sized = {n: corpora[n] for n in (1000, 10_000)}
            groups["stages"] = stages.stage_figures(sized, log)
        if "firstdraw" in args.only or "scale" in args.only:
            chromium = _scale(folder, corpora[10_000], repeats, log, groups, args.only, script_5)
        if "memory" in args.only:
            chromium = _memory(corpora, log, groups, tuple(args.sizes))
        if "floors" in args.only:
            chromium = _floors(folder, repeats, log, groups)
    groups["views"] = view_figures(script_5, script_1000, browser_change, repeats)
    order = ("cold", "warm", "views", "growth", "throughput", "search", "large")
    order += ("first", "scale", "stages", "memory", "floors")
    figures = [f for name in order for f in groups.get(name, []) if not math.isnan(f.value)]
    print(f"Machine: {machine(chromium)}")
    command = "python -m benchmarks" + (" --quick" if args.quick else "")
    command += f" --only {' '.join(args.only)}" if list(args.only) != list(SECTIONS) else ""
    print(f"Run: {command}, {time.perf_counter() - log.start:.0f} s in all\n")
    print(table(figures))
    return 0


def _browser(
    folder: Path,
    corpus_1000: Path,
    repeats: Repeats,
    log: Log,
    groups: dict[str, list[Figure]],
    browser_change: dict[str, list[float]],
) -> str:
    """Every browser measurement; returns Chromium's version."""
    from playwright.sync_api import sync_playwright

    from benchmarks import browser as b
    from benchmarks.script_runs import person_selections
    from dashboard.dataset import load_dataset

    hello = visits.hello_script(folder)
    people = load_dataset().people
    names = dict(zip(people["person_id"], people["name"], strict=True))
    chosen = [names[s[0]] for s in person_selections(None) if len(s) == 1]
    with sync_playwright() as playwright:
        chromium = b.launch_chromium(playwright)
        try:
            groups["cold"], app_cold = visits.cold_start_figures(
                chromium, hello, repeats.cold_pairs, log
            )
            with visits.two_servers(hello) as (hello_server, app_server):
                groups["warm"] = visits.warm_visit_figures(
                    chromium, hello_server.url, app_server.url, repeats.warm_pairs, log
                )
                views_5 = visits.view_times(chromium, app_server.url, repeats.view_visits, log)
                browser_change.update(
                    visits.filter_change_times(
                        chromium, app_server.url, chosen, repeats.browser_changes, log
                    )
                )
            groups["large"] = _large_app(chromium, corpus_1000, app_cold, views_5, repeats, log)
            return chromium.version
        finally:
            chromium.close()


def _memory(corpora, log: Log, groups: dict[str, list[Figure]], sizes) -> str:
    """The memory section (a browser following 200 links); returns Chromium's version."""
    from playwright.sync_api import sync_playwright

    from benchmarks import browser as b

    with sync_playwright() as playwright:
        chromium = b.launch_chromium(playwright)
        try:
            groups["memory"] = memory.memory_figures(chromium, corpora, log, sizes)
            return chromium.version
        finally:
            chromium.close()


def _scale(
    folder: Path,
    corpus: Path,
    repeats: Repeats,
    log: Log,
    groups: dict[str, list[Figure]],
    only: Sequence[str],
    script_5: dict[str, list[float]],
) -> str:
    """Every view's first draw against the hello page, and the 10,000-article app; returns
    Chromium's version."""
    from playwright.sync_api import sync_playwright

    from benchmarks import browser as b
    from dashboard.dataset import load_dataset

    hello = visits.hello_script(folder)
    load_dataset()  # the index and the verdict on disk, as after any earlier start
    with sync_playwright() as playwright:
        chromium = b.launch_chromium(playwright)
        try:
            groups["first"], first_5 = scale.first_draws(chromium, hello, repeats.first_draws, log)
            if "scale" in only:
                index = scale.build_index(corpus, log)
                cold = groups.get("cold")
                if cold is None:
                    cold, _ = visits.cold_start_figures(chromium, hello, repeats.cold_pairs, log)
                    groups["cold"] = cold
                if "warm" not in groups:
                    with visits.two_servers(hello) as (hello_server, app_server):
                        groups["warm"] = visits.warm_visit_figures(
                            chromium, hello_server.url, app_server.url, repeats.warm_pairs, log
                        )
                app_cold = cold[0].value
                large = scale.large_app(chromium, corpus, app_cold, first_5, log)
                groups["scale"] = [index, *large]
            version = chromium.version
        finally:
            chromium.close()
    if "scale" in only:
        if not script_5:  # the 5-article baseline, in the same run
            script_5.update(script_runs.filter_change_times(None, repeats.script_changes, log))
        groups["scale"] += scale.script_figures(corpus, repeats.script_changes, script_5, log)
    return version


def _floors(folder: Path, repeats: Repeats, log: Log, groups: dict[str, list[Figure]]) -> str:
    """The floors of the browser targets (benchmarks/floors.py); returns Chromium's version."""
    from playwright.sync_api import sync_playwright

    from benchmarks import browser as b
    from benchmarks.floors import floor_figures

    with sync_playwright() as playwright:
        chromium = b.launch_chromium(playwright)
        try:
            groups["floors"] = floor_figures(
                chromium, folder, visits.hello_script(folder), repeats.floor_visits, log
            )
            return chromium.version
        finally:
            chromium.close()


def _large_app(chromium, corpus: Path, app_cold: float, views_5, repeats: Repeats, log: Log):
    """The dashboard over 1,000 articles: cold start to the Overview, then every other view in a
    fresh page. The Overview is timed once, by the cold start: its first visit also loads the
    articles (its row counts from opening the page)."""
    from benchmarks import browser as b

    env = {"DASHBOARD_SEEDS_DIR": str(corpus)}
    page = b.new_page(chromium)
    try:
        with b.streamlit_server(visits.APP, env) as server:
            opened = time.perf_counter()
            page.goto(server.url + "/")
            b.wait_drawn(page, visits.OVERVIEW)
            drawn = time.perf_counter()
            log(f"1,000 articles: cold start {drawn - server.launched:.2f} s")
            others = {v: p for v, p in visits.VIEWS.items() if v != "overview"}
            views = visits.view_times(chromium, server.url, repeats.large_view_visits, log, others)
    finally:
        b.close_page(page)
    visited = f"fresh page, median of {repeats.large_view_visits}"
    figures = [
        Figure(
            "Cold start to Overview drawn, 1,000 articles",
            drawn - server.launched,
            "s",
            app_cold,
            "5 articles",
            note="once",
        ),
        Figure(
            "View drawn, 1,000 articles: Overview",
            drawn - opened,
            "s",
            views_5["overview"],
            "5 articles",
            note="first visit, loads the articles; baseline: a fresh page",
        ),
    ]
    figures += [
        Figure(
            f"View drawn, 1,000 articles: {visits.TITLES[v]}",
            t,
            "s",
            views_5[v],
            "5 articles",
            note=visited,
        )
        for v, t in views.items()
    ]
    return figures


if __name__ == "__main__":
    sys.exit(main())
