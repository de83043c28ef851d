"""Browser timings against `streamlit run`: cold start and warm visits of the dashboard against
Streamlit's own hello page, each view drawn (5 and 1,000 articles), and a filter change."""

from __future__ import annotations

import contextlib
import itertools
import math
import re
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from benchmarks import browser as b
from benchmarks.figures import Figure, median, timed

APP = b.REPO / "dashboard" / "app.py"
HELLO_SOURCE = "from streamlit.hello import streamlit_app\n\nstreamlit_app.run()\n"
FILTERED_LINK = "/?person=lopez-obrador,xi-jinping&from=2023-11-01&to=2023-11-30"
OVERVIEW = {"stVegaLiteChart": 4, "stMetric": 6}
HELLO = {"stHeading": 1}
# view -> (URL path, what must be drawn at least), as in the browser tests.
VIEWS: dict[str, tuple[str, dict[str, int]]] = {
    "overview": ("/", OVERVIEW),
    "map": ("/map", {"stDeckGlJsonChart": 1}),
    "network": ("/network", {"stVegaLiteChart": 1, "stDataFrame": 1}),
    "people": ("/people", {"stDataFrame": 1}),
    "sources": ("/sources", {"stDataFrame": 1}),
    "data": ("/data", {"stDataFrame": 1}),
    "about": ("/about", {"stMarkdown": 1}),
}
# Every view measured anywhere, the script-time states (benchmarks.script_runs.STATES) too.
TITLES = {v: v.capitalize() for v in VIEWS} | {"network-time": "Network over time"}


def hello_script(folder: Path) -> Path:
    """Write Streamlit's hello app as a script into folder."""
    path = folder / "hello_app.py"
    path.write_text(HELLO_SOURCE, encoding="utf-8")
    return path


def cold_start(
    browser: Browser, script: Path, path: str, counts: Mapping[str, int], env=None
) -> float:
    """Seconds from launching `streamlit run script` to `path` drawn in a fresh page."""
    page = b.new_page(browser)
    try:
        with b.streamlit_server(script, env) as server:
            page.goto(server.url + path)
            b.wait_drawn(page, counts)
            return time.perf_counter() - server.launched
    finally:
        b.close_page(page)


def visit(browser: Browser, url: str, counts: Mapping[str, int]) -> float:
    """Seconds from opening url in a fresh page (a new visitor, nothing cached) to drawn."""
    page = b.new_page(browser)
    try:
        return timed(lambda: (page.goto(url), b.wait_drawn(page, counts)))
    finally:
        b.close_page(page)


def cold_start_figures(
    browser: Browser, hello: Path, pairs: int, log: Callable[[str], None]
) -> tuple[list[Figure], float]:
    """Cold starts of the hello page and of the dashboard, alternately; also returns the
    dashboard's median (the baseline of the 1,000-article cold start)."""
    times: dict[str, list[float]] = {"hello": [], "app": []}
    for _ in range(pairs):
        times["hello"].append(cold_start(browser, hello, "/", HELLO))
        times["app"].append(cold_start(browser, APP, "/", OVERVIEW))
        log(f"cold start: hello {times['hello'][-1]:.2f} s, app {times['app'][-1]:.2f} s")
    app, hello_s = median(times["app"]), median(times["hello"])
    figure = Figure(
        "Cold start to Overview drawn",
        app,
        "s",
        hello_s,
        "hello page",
        1.3,
        note=f"median of {pairs} alternate pairs",
    )
    return [figure], app


@contextlib.contextmanager
def two_servers(hello: Path, env=None) -> Iterator[tuple[b.Server, b.Server]]:
    """The hello page and the dashboard, running side by side."""
    with b.streamlit_server(hello) as hello_server, b.streamlit_server(APP, env) as app_server:
        yield hello_server, app_server


def warm_visit_figures(
    browser: Browser, hello_url: str, app_url: str, repeats: int, log: Callable[[str], None]
) -> list[Figure]:
    """A filtered link against the hello page on running servers, alternately, after one
    untimed visit to each."""
    visit(browser, hello_url + "/", HELLO)
    visit(browser, app_url + FILTERED_LINK, OVERVIEW)
    times: dict[str, list[float]] = {"hello": [], "app": []}
    for _ in range(repeats):
        times["hello"].append(visit(browser, hello_url + "/", HELLO))
        times["app"].append(visit(browser, app_url + FILTERED_LINK, OVERVIEW))
        log(f"warm visit: hello {times['hello'][-1]:.2f} s, app {times['app'][-1]:.2f} s")
    return [
        Figure(
            "Warm visit of a filtered link",
            median(times["app"]),
            "s",
            median(times["hello"]),
            "hello page",
            1.5,
            note=f"median of {repeats} pairs",
        ),
    ]


def view_times(
    browser: Browser,
    url: str,
    repeats: int,
    log: Callable[[str], None],
    views: Mapping[str, tuple[str, dict[str, int]]] = VIEWS,
) -> dict[str, float]:
    """Median seconds from opening each view's address (fresh page) to the view drawn (inf when
    it did not draw within browser.DRAW_TIMEOUT_MS)."""
    medians: dict[str, float] = {}
    for view, (path, counts) in views.items():
        times = []
        for _ in range(repeats):
            try:
                times.append(visit(browser, url + path, counts))
            except PlaywrightTimeout:
                times.append(math.inf)
        medians[view] = median(times)
        log(f"view {view}: " + ", ".join(f"{t:.2f} s" for t in times))
    return medians


def _choose_person(page: Page, name: str) -> float:
    """Pick a person in the sidebar filter; seconds from the click to the rerun drawn. A click
    that started no run (it can land beside a list that is still moving) is not timed: the
    choice is made again."""
    for _ in range(3):
        page.locator(".st-key-filters-person input").click()
        page.keyboard.type(name[:8])
        # Options carry their facet count: "Xi Jinping (4)".
        option = page.get_by_role("option", name=re.compile(rf"^{re.escape(name)} \(\d+\)$"))
        option.wait_for(timeout=b.DRAW_TIMEOUT_MS)
        b.watch_runs(page)
        try:
            seconds = timed(lambda o=option: (o.click(), b.wait_rerun(page, timeout_ms=30_000)))
        except PlaywrightTimeout:
            _close_dropdown(page)
            continue
        _close_dropdown(page)
        return seconds
    raise RuntimeError(f"choosing {name!r} did not rerun the app")


def _close_dropdown(page: Page) -> None:
    """Close the multiselect's list: while it is open, a click elsewhere only closes it."""
    listbox = page.get_by_role("listbox")
    for _ in range(3):
        page.keyboard.press("Escape")
        try:
            listbox.wait_for(state="hidden", timeout=2_000)
            return
        except PlaywrightTimeout:
            continue


def _reset(page: Page) -> None:
    """Press Reset filters and wait for the rerun (untimed). The sidebar can still be settling
    after a choice, and then the click lands beside the button: it is pressed again."""
    button = page.get_by_role("button", name="Reset filters")
    for _ in range(3):
        b.watch_runs(page)
        button.click()
        try:
            b.wait_rerun(page, timeout_ms=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise RuntimeError("Reset filters did not rerun the app")


def filter_change_times(
    browser: Browser, url: str, names: list[str], repeats: int, log: Callable[[str], None]
) -> dict[str, list[float]]:
    """For each view: seconds from choosing a person in the sidebar to the rerun drawn, each
    time from no filter to a person not chosen before."""
    people = itertools.cycle(names)
    times: dict[str, list[float]] = {}
    for view, (path, counts) in VIEWS.items():
        page = b.new_page(browser)
        try:
            page.goto(url + path)
            b.wait_drawn(page, counts)
            times[view] = []
            for i in range(repeats):
                if i:
                    _reset(page)
                times[view].append(_choose_person(page, next(people)))
        finally:
            b.close_page(page)
        log(f"browser filter change {view}: " + ", ".join(f"{t:.2f} s" for t in times[view]))
    return times
