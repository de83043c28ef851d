"""What the browser tests and `python -m tests.screenshots` share: a dashboard server on a free
loopback port, Debian's Chromium, waiting for a view to finish drawing, and a log of what went
wrong in the page (console errors, failed requests) minus what is expected offline."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import (
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect as expect_

from tests.support.server import (  # noqa: F401  (re-exported for the tests and screenshots)
    CHROMIUM,
    REPO,
    Server,
    launch_chromium,
    streamlit_server,
)

VIEWPORT = {"width": 1400, "height": 900}
STARTUP_TIMEOUT = 60.0
RUN_TIMEOUT_MS = 60_000
SETTLE_MS = 300

READY = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
# A Vega-Lite chart has drawn when its SVG (or canvas) holds marks.
VEGA_DRAWN = "svg .role-mark, canvas"
NOT_RUNNING = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# The map's optional street basemap (style, tiles, fonts) comes from CARTO: offline it fails.
BASEMAP_HOSTS = (".cartocdn.com", ".carto.com")
# On a direct link to /map, /people, ... Streamlit's frontend first probes /map/_stcore/health
# and /map/_stcore/host-config (404), then the root: streamlit/streamlit#7074, not the app.
STCORE_PROBE = re.compile(r"^/[^?#]+/_stcore/(health|host-config)$")


def wait_for_run(page: Page) -> None:
    """Wait until the app is connected, its script has run and every element has drawn."""
    page.locator(READY).wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    page.locator(NOT_RUNNING).wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    # Tables draw skeletons first; cached loads show a spinner; a rerun greys stale elements.
    for testid in ("stSkeleton", "stSpinner"):
        expect_(page.get_by_test_id(testid)).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    expect_(page.locator('[data-stale="true"]')).to_have_count(0, timeout=RUN_TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)


# Counts the script runs the page has seen, so that a test can wait for the rerun an
# interaction causes even when it has not started yet (or has already ended).
_RUN_COUNTER = """() => {
  if (window.__stRuns !== undefined) return;
  window.__stRuns = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__stRuns += 1;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def open_view(page: Page, url: str) -> None:
    """Go to a view (full URL) and wait until it has finished drawing."""
    page.goto(url)
    wait_for_run(page)
    page.evaluate(_RUN_COUNTER)


def chips(page: Page, kind: str) -> Locator:
    """The selected options shown in a sidebar filter (by widget key)."""
    return page.locator(f".st-key-filters-{kind} [data-tag] [title]")


def runs(page: Page) -> int:
    """How many script runs the page has started since `open_view`."""
    return page.evaluate("window.__stRuns")


def wait_for_rerun(page: Page, since: int, clicked_at: float, grace_s: float = 1.0) -> None:
    """After a click at `clicked_at` (time.monotonic()) that may rerun the app: wait for a run
    after the first `since` to start (a rerun starts well within `grace_s` of the click, or
    not at all), then for every run to finish."""
    remaining_ms = max(50, int((clicked_at + grace_s - time.monotonic()) * 1000))
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"window.__stRuns > {since}", timeout=remaining_ms)
    wait_for_run(page)


def wait_for_charts(page: Page) -> None:
    """Wait until every plotly chart has drawn its traces, every Vega-Lite chart its marks and
    every map its canvas."""
    for chart in page.get_by_test_id("stPlotlyChart").all():
        chart.locator(".main-svg .cartesianlayer, .main-svg .pielayer").first.wait_for(
            state="attached", timeout=RUN_TIMEOUT_MS
        )
    for chart in page.get_by_test_id("stVegaLiteChart").all():
        chart.locator(VEGA_DRAWN).first.wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    for deck in page.get_by_test_id("stDeckGlJsonChart").all():
        deck.locator("canvas").first.wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
    page.wait_for_timeout(SETTLE_MS)


def _is_basemap(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host.endswith(suffix) or host == suffix[1:] for suffix in BASEMAP_HOSTS)


def _is_stcore_probe(url: str, status: int) -> bool:
    parts = urlsplit(url)
    return status == 404 and parts.hostname == "127.0.0.1" and bool(STCORE_PROBE.match(parts.path))


@dataclass(frozen=True)
class Problem:
    """One thing that went wrong in a page, with the URL it concerns (the failed resource's,
    or the script's that logged it)."""

    kind: str  # console, page error, request failed, response
    url: str
    text: str
    status: int = 0

    def __str__(self) -> str:
        status = f" HTTP {self.status}" if self.status else ""
        return f"{self.kind}{status}: {self.text} [{self.url}]"

    @property
    def expected(self) -> bool:
        """True for what fails only because the machine is offline, or is Streamlit's own."""
        if _is_basemap(self.url):
            return True
        if "Failed to fetch" in self.text and "DeckGlJsonChart" in self.url:
            return True  # the map's basemap style request, as the deck.gl chart reports it
        return _is_stcore_probe(self.url, self.status)


_STATUS = re.compile(r"status of (\d{3})")


@dataclass
class BrowserLog:
    """What went wrong in one page (console errors, uncaught exceptions, failed requests and
    responses >= 400, each with its URL) and every request that left the machine."""

    problems: list[Problem] = field(default_factory=list)
    remote_requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> BrowserLog:
        page.on("console", self._console)
        page.on(
            "pageerror", lambda error: self.problems.append(Problem("page error", "", str(error)))
        )
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        page.on("request", self._request)
        return self

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            status = _STATUS.search(message.text)
            url = message.location.get("url", "")
            self.problems.append(
                Problem("console", url, message.text, int(status.group(1)) if status else 0)
            )

    def _request_failed(self, request: Request) -> None:
        # A download goes to the download manager, which aborts the page's own request.
        if request.failure == "net::ERR_ABORTED" and "/media/" in request.url:
            return
        self.problems.append(Problem("request failed", request.url, request.failure or ""))

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(
                Problem("response", response.url, response.status_text, response.status)
            )

    def _request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname != "127.0.0.1":
            self.remote_requests.append(request.url)

    def unexpected(self) -> list[str]:
        """Every problem that is not expected offline, in the order it happened."""
        return [str(p) for p in self.problems if not p.expected]

    def off_machine(self) -> list[str]:
        """Requests to other hosts than the dashboard's, except the map's basemap."""
        return [url for url in self.remote_requests if not _is_basemap(url)]


def running_server(
    env: Mapping[str, str] | None = None,
) -> contextlib.AbstractContextManager[Server]:
    """The dashboard on a free loopback port (see tests.support.server.streamlit_server)."""
    return streamlit_server(env=env, startup_timeout=STARTUP_TIMEOUT)
