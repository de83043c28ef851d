"""The Map view in headless Chromium with every request to another host blocked: the bundled
outlines draw, nothing leaves the machine, hover text is readable text, a click lists the
place's events, and the optional street basemap failing offline leaves the outlines."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, Route, expect

from .harness import (
    STCORE_PROBE,
    BrowserLog,
    Server,
    open_view,
    runs,
    wait_for_charts,
    wait_for_rerun,
    wait_for_run,
)

pytestmark = pytest.mark.browser

DECK = '[data-testid="stDeckGlJsonChart"]'
# deck.gl draws its layers a moment after its canvas appears; outlines are ~300 KB of JSON.
DRAW_MS = 2_000
# At the whole-story zoom land covers about a third of the map (measured: 0.36 on 1400x900);
# a blank map (the old offline white rectangle with a few circles) is under 0.02.
MIN_DRAWN_SHARE = 0.2
HOSTILE_NAME = '<img src=x onerror="window.__pwned=5">San Francisco\'s <b>bay</b>'


def block_other_hosts(page: Page, server: Server) -> list[str]:
    """Abort every request to a host other than the dashboard's; returns the list of them."""
    blocked: list[str] = []
    host = urlsplit(server.url).hostname

    def handle(route: Route) -> None:
        if urlsplit(route.request.url).hostname == host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return blocked


def own_problems(log: BrowserLog) -> list[str]:
    """Every problem in the page except Streamlit's own 404 probes on a direct link."""
    return [
        str(p)
        for p in log.problems
        if not (p.status == 404 and STCORE_PROBE.match(urlsplit(p.url).path))
    ]


def drawn_share(page: Page) -> float:
    """The share of the map's pixels that differ from the page background."""
    deck = page.locator(DECK)
    image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
    )
    bg = tuple(int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3])
    difference = np.abs(np.asarray(image, dtype=int) - np.array(bg)).max(axis=2)
    return float((difference > 10).mean())


def open_map(page: Page, url: str) -> None:
    open_view(page, url)
    wait_for_charts(page)
    page.wait_for_timeout(DRAW_MS)


def click_and_rerun(page: Page, target: Locator) -> None:
    """Click and wait for the rerun it causes to finish, and for the map to draw again."""
    since = runs(page)
    clicked_at = time.monotonic()
    target.click()
    wait_for_rerun(page, since, clicked_at)
    page.wait_for_timeout(DRAW_MS)


def start_view(page: Page, label: str) -> None:
    click_and_rerun(page, page.locator(".st-key-map-view").get_by_text(label, exact=True))


def hover_centre(page: Page) -> None:
    box = page.locator(DECK).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_map_draws_offline_with_nothing_from_other_hosts(
    server: Server, page: Page, page_log: BrowserLog
):
    blocked = block_other_hosts(page, server)
    open_map(page, server.url + "/map")
    assert blocked == [] and page_log.remote_requests == []
    assert own_problems(page_log) == []
    share = drawn_share(page)
    assert share > MIN_DRAWN_SHARE, share
    # Names are drawn on the map, not only in tooltips; the unplaced events are listed.
    expect(page.get_by_text("Events without a place")).to_be_visible()


def test_hover_text_is_readable_and_a_click_lists_the_place(
    server: Server, page: Page, page_log: BrowserLog
):
    block_other_hosts(page, server)
    open_map(page, server.url + "/map")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    # This view is centred on San Francisco.
    start_view(page, "APEC, San Francisco")
    hover_centre(page)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_be_visible()
    text = tooltip.inner_text()
    # The defect: "<br/>" and "&#39;" shown as text.
    assert "30th APEC Economic Leaders' Meeting, San Francisco" in text
    assert "&#39;" not in text and "<br" not in text and "&lt;" not in text
    assert text.startswith("San Francisco\n")
    page.mouse.down()
    page.mouse.up()
    wait_for_run(page)
    expect(page.locator(".st-key-map-place").get_by_role("combobox")).to_have_value("San Francisco")
    # The place's events join the table of events without a place.
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)
    assert own_problems(page_log) == []


def test_hostile_place_name_is_shown_as_text_in_the_tooltip(
    start_server, page: Page, page_log: BrowserLog, data_copy: Path
):
    path = data_copy / "locations.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    (row,) = [r for r in rows if r[0] == "san-francisco"]
    row[1] = HOSTILE_NAME
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    hostile = start_server({"DASHBOARD_DATA_DIR": str(data_copy)})
    block_other_hosts(page, hostile)
    open_map(page, hostile.url + "/map")
    start_view(page, "APEC, San Francisco")
    hover_centre(page)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_be_visible()
    # Shown exactly as written: not run, not parsed, not escaped a second time.
    assert tooltip.inner_text().startswith(HOSTILE_NAME + "\n")
    expect(tooltip.locator("img, b")).to_have_count(0)
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert own_problems(page_log) == []


def test_street_basemap_failing_offline_leaves_the_outlines(
    server: Server, page: Page, page_log: BrowserLog
):
    blocked = block_other_hosts(page, server)
    open_map(page, server.url + "/map")
    click_and_rerun(page, page.locator(".st-key-map-basemap").get_by_text("Street basemap"))
    for _ in range(20):  # the style request follows the draw
        if blocked:
            break
        page.wait_for_timeout(250)
    # The switch asked for the street map (and was refused), and the outlines are still drawn.
    assert blocked and all("carto" in urlsplit(url).hostname for url in blocked)
    assert drawn_share(page) > MIN_DRAWN_SHARE
