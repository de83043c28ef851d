"""Every view's first draw for a new visitor against the hello page, and the dashboard over
10,000 articles: its second start (mention index and validation verdict on disk) against the
5-article start, every view's first draw, the server's memory after every view, and the
script time of a filter change on every view."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks import browser as b
from benchmarks import script_runs, visits
from benchmarks.figures import Figure, median
from benchmarks.growth import run_child

# Visited first on a new server, untimed: it loads the dataset (as any first visit does) and
# draws only text, so each view's own first draw is still to come.
WARM_UP = "/about"
RSS_LIMIT_MB = 1.5 * 1024


def _first_visit(browser: Browser, url: str, counts: Mapping[str, int]) -> float:
    try:
        return visits.visit(browser, url, counts)
    except PlaywrightTimeout:
        return math.inf


def first_draws(
    browser: Browser, hello: Path, repeats: int, log: Callable[[str], None]
) -> tuple[list[Figure], dict[str, float]]:
    """Each view's first draw on a server that has just started (a new visitor, empty browser
    cache; the server builds what the view needs for the first time), alternately with a
    fresh visit of the hello page; `repeats` new server pairs, medians. Also returns the
    medians per view (the baselines of the 10,000-article rows)."""
    times: dict[str, list[float]] = {v: [] for v in visits.VIEWS}
    hello_times: list[float] = []
    for _ in range(repeats):
        with visits.two_servers(hello) as (hello_server, app_server):
            visits.visit(browser, hello_server.url + "/", visits.HELLO)
            visits.visit(browser, app_server.url + WARM_UP, {"stMarkdown": 1})
            for view, (path, counts) in visits.VIEWS.items():
                hello_times.append(visits.visit(browser, hello_server.url + "/", visits.HELLO))
                times[view].append(_first_visit(browser, app_server.url + path, counts))
                log(f"first draw {view}: {times[view][-1]:.2f} s, hello {hello_times[-1]:.2f} s")
    hello_s = median(hello_times)
    medians = {v: median(t) for v, t in times.items()}
    figures = [
        Figure(
            f"First draw, new visitor, fresh server: {visits.TITLES[v]}",
            medians[v],
            "s",
            hello_s,
            "hello page",
            2,
            note=f"median of {repeats}; hello: median of {len(hello_times)}",
        )
        for v in visits.VIEWS
    ]
    return figures, medians


def _rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory now and at its peak (VmRSS, VmHWM) of a process, in MB."""
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in {"VmRSS", "VmHWM"}:
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def build_index(corpus: Path, log: Callable[[str], None]) -> Figure:
    """`python -m dashboard index` over the corpus (the first start's work, done ahead)."""
    command = [sys.executable, "-m", "dashboard", "index", "--seeds", str(corpus)]
    run = run_child([*command, "--workers", "2"])
    log(f"10,000 articles: index built in {run.seconds:.1f} s")
    return Figure(
        "Mention index build, 10,000 articles (`python -m dashboard index --workers 2`)",
        run.seconds,
        "s",
        note="once, before the app",
    )


def large_app(
    browser: Browser,
    corpus: Path,
    app_cold: float,
    first_5: Mapping[str, float],
    log: Callable[[str], None],
) -> list[Figure]:
    """The dashboard over 10,000 articles with the index on disk: launch to the Overview drawn
    (second start), then every other view's first draw in a fresh page, then the server's
    memory."""
    env = {"DASHBOARD_SEEDS_DIR": str(corpus)}
    page = b.new_page(browser)
    try:
        with b.streamlit_server(visits.APP, env) as server:
            page.goto(server.url + "/")
            b.wait_drawn(page, visits.OVERVIEW)
            start = time.perf_counter() - server.launched
            log(f"10,000 articles: second start {start:.2f} s")
            others = {v: p for v, p in visits.VIEWS.items() if v != "overview"}
            views = {
                v: _first_visit(browser, server.url + path, counts)
                for v, (path, counts) in others.items()
            }
            log("10,000 articles: " + ", ".join(f"{v} {t:.2f} s" for v, t in views.items()))
            rss, peak = _rss_mb(server.process.pid)
            log(f"10,000 articles: server RSS {rss:.0f} MB, peak {peak:.0f} MB")
    finally:
        b.close_page(page)
    figures = [
        Figure(
            "Second start to Overview drawn, 10,000 articles (index on disk)",
            start,
            "s",
            app_cold,
            "5-article start",
            2,
            note="once",
        ),
    ]
    figures += [
        Figure(
            f"First draw, 10,000 articles: {visits.TITLES[v]}",
            t,
            "s",
            first_5.get(v),
            "5 articles",
            note="fresh page, once",
        )
        for v, t in views.items()
    ]
    figures += [
        Figure(
            "Server RSS after every view, 10,000 articles",
            rss,
            "MB",
            limit=RSS_LIMIT_MB,
            compared="value",
            note=f"VmRSS; peak VmHWM {peak:.0f} MB",
        )
    ]
    return figures


def script_figures(
    corpus: Path, repeats: int, baseline: Mapping[str, list[float]], log: Callable[[str], None]
) -> list[Figure]:
    """Script time of a filter change on every view over 10,000 articles (AppTest)."""
    times = script_runs.filter_change_times(corpus, repeats, log)
    return [
        Figure(
            f"Filter change, {visits.TITLES[v]}: script time, 10,000 articles",
            median(times.get(v, [])),
            "s",
            median(baseline.get(v, [])) if baseline.get(v) else None,
            "5 articles",
            0.3,
            compared="value",
            note=f"AppTest, median of {repeats}",
        )
        for v in script_runs.VIEWS
    ]
