"""Screenshots of every view for the docs: `python -m tests.screenshots` (or `make screenshots`).

Starts the dashboard on a free loopback port, opens each view (default filters) and a few
links in headless Chromium at 1400x900, waits for charts and maps to draw and writes
docs/screenshots/<name>.png (`--only NAME ...` for some of them). `--viewport 390x844` and
`--color-scheme dark` make the phone and dark pictures, named <name>-<width>-<scheme>.png
(for example overview-390-dark.png) whenever either is given; `--full-page` captures the
whole scrolling page.
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
    "network-time": "/network?window=event&at=2023-11",
    "network-multiples": "/network?window=event&time=multiples",
}
# Shots of one element below the fold: the element alone.
FOCUS = {
    "network-evidence": ".st-key-network-evidence",
    "network-time": ".st-key-network-time_chart",
    "network-multiples": ".st-key-network-multiples_chart",
}
MAP_DRAW_MS = 2500  # deck.gl draws its layers (and the outlines) a moment after its canvas appears


def _own_host_only(host: str | None) -> Callable[[Route], None]:
    """A route handler that lets requests to `host` through and aborts every other."""

    def handle(route: Route) -> None:
        if urlsplit(route.request.url).hostname == host:
            route.continue_()
        else:
            route.abort()

    return handle


def _size(text: str) -> dict[str, int]:
    width, _, height = text.partition("x")
    return {"width": int(width), "height": int(height)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", nargs="+", choices=sorted(SHOTS), help="make only these")
    parser.add_argument("--viewport", type=_size, help="WIDTHxHEIGHT (default 1400x900)")
    parser.add_argument("--color-scheme", choices=["light", "dark"], help="the system's scheme")
    parser.add_argument("--full-page", action="store_true", help="the whole scrolling page")
    args = parser.parse_args(argv)
    viewport = args.viewport or VIEWPORT
    suffix = ""
    if args.viewport or args.color_scheme:
        suffix = f"-{viewport['width']}-{args.color_scheme or 'light'}"
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with running_server() as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, path in SHOTS.items():
            if args.only and name not in args.only:
                continue
            context = browser.new_context(
                viewport=viewport,
                color_scheme=args.color_scheme or "light",
                # A phone's screen: touch, and twice the pixels per CSS pixel.
                is_mobile=viewport["width"] < 600,
                has_touch=viewport["width"] < 600,
            )
            # Made offline whatever the machine: a request to another host is refused.
            context.route("**/*", _own_host_only(urlsplit(server.url).hostname))
            page = context.new_page()
            open_view(page, server.url + path)
            wait_for_charts(page)
            if page.get_by_test_id("stDeckGlJsonChart").count():
                page.wait_for_timeout(MAP_DRAW_MS)
            page.mouse.move(0, 0)  # no hover label in the picture
            target = args.out / f"{name}{suffix}.png"
            if name in FOCUS:
                page.locator(FOCUS[name]).screenshot(path=target)
            else:
                page.screenshot(path=target, full_page=args.full_page)
            print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
