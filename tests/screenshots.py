"""Screenshots of every view for the docs: `python -m tests.screenshots` (or `make screenshots`).

Starts the dashboard on a free loopback port, opens each view (default filters) and a few
links in headless Chromium at 1400x900, waits for charts and maps to draw and writes
docs/screenshots/<name>.png (`--only NAME ...` for some of them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Route, sync_playwright

from tests.browser.harness import (
    CHROMIUM,
    REPO,
    VIEWPORT,
    launch_chromium,
    open_view,
    running_server,
    wait_for_charts,
)

SHOTS = {
    "overview": "/",
    "map": "/map",
    "network": "/network",
    "people": "/people",
    "sources": "/sources",
    "search": "/search?q=%22precursor+chemicals%22+OR+customs",
    "data": "/data",
    "about": "/about",
    "network-filtered": "/network?person=lopez-obrador,xi-jinping&from=2023-11-01&to=2023-11-30",
    "claims": "/claims",
    "event": "/events?event=xi-lopez-obrador-meeting-2023",
    "network-evidence": "/network?pair=lopez-obrador,xi-jinping&window=sentence",
}
# Shots of one element below the fold: the element alone.
FOCUS = {"network-evidence": ".st-key-network-evidence"}
MAP_DRAW_MS = 2500  # deck.gl draws its layers (and the outlines) a moment after its canvas appears


def _own_host_only(host: str | None) -> Callable[[Route], None]:
    """A route handler that lets requests to `host` through and aborts every other."""

    def handle(route: Route) -> None:
        if urlsplit(route.request.url).hostname == host:
            route.continue_()
        else:
            route.abort()

    return handle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", nargs="+", choices=sorted(SHOTS), help="make only these")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with running_server() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, path in SHOTS.items():
            if args.only and name not in args.only:
                continue
            context = browser.new_context(viewport=VIEWPORT)
            # Made offline whatever the machine: a request to another host is refused.
            context.route("**/*", _own_host_only(urlsplit(server.url).hostname))
            page = context.new_page()
            open_view(page, server.url + path)
            wait_for_charts(page)
            if page.get_by_test_id("stDeckGlJsonChart").count():
                page.wait_for_timeout(MAP_DRAW_MS)
            page.mouse.move(0, 0)  # no hover label in the picture
            target = args.out / f"{name}.png"
            if name in FOCUS:
                page.locator(FOCUS[name]).screenshot(path=target)
            else:
                page.screenshot(path=target)
            print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
