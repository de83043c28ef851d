"""What the browser benchmarks need: `streamlit run <script>` on a free loopback port, Debian's
headless Chromium, and `wait_drawn(page)`, which returns once a run has finished and its charts
have drawn. Timings are taken by the caller around these calls."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Browser, Page

# Re-exported for the benchmark modules (b.streamlit_server, b.launch_chromium, ...).
from tests.support.server import REPO, Server, launch_chromium, streamlit_server  # noqa: F401

VIEWPORT = {"width": 1400, "height": 900}
STARTUP_TIMEOUT_S = 120.0
# Generous: before the matrices were bounded, the 1,000-article Overview took minutes to draw.
DRAW_TIMEOUT_MS = 300_000

APP = '[data-testid="stApp"]'
NOT_RUNNING = f'{APP}[data-test-script-state="notRunning"]'
CONNECTED = f'{APP}[data-test-connection-state="CONNECTED"]'
# Plotly has drawn when its SVG has a plot layer, Vega-Lite when its SVG (or canvas) holds marks,
# deck.gl and tables when they have a canvas.
_DRAWN = {
    "stPlotlyChart": ".main-svg .cartesianlayer, .main-svg .pielayer",
    "stVegaLiteChart": "svg .role-mark, canvas",
    "stDeckGlJsonChart": "canvas",
    "stDataFrame": "canvas",
}
# Called in the page: true once every visible chart and table has drawn (those in closed
# expanders and hidden tabs never do) and nothing is pending.
_ALL_DRAWN_JS = """
([drawn]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"],'
                             + ' [data-testid="stSpinner"]')) return false;
  for (const [testid, inner] of Object.entries(drawn)) {
    for (const el of document.querySelectorAll(`[data-testid="${testid}"]`)) {
      if (el.checkVisibility() && !el.querySelector(inner)) return false;
    }
  }
  return true;
}
"""
# Counts the runs of the app's script that the page saw finish ("running" -> anything), and
# keeps the address: a filter change rewrites it, which tells of a run too short to be seen.
_WATCH_RUNS_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__benchRuns = 0;
  window.__benchHref = location.href;
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchObserver = new MutationObserver((records) => {
    for (const r of records) if (r.oldValue === 'running') window.__benchRuns += 1;
  });
  window.__benchObserver.observe(app, {attributes: true, attributeOldValue: true,
                                       attributeFilter: ['data-test-script-state']});
}
"""


def new_page(browser: Browser) -> Page:
    """A page in a fresh context: no cookies, no cache, a new Streamlit session."""
    return browser.new_context(viewport=VIEWPORT).new_page()


def close_page(page: Page) -> None:
    """Close a page and its context."""
    page.context.close()


def wait_drawn(
    page: Page, counts: Mapping[str, int] | None = None, timeout_ms: int = DRAW_TIMEOUT_MS
) -> None:
    """Wait until the app is connected and its script has finished, at least `counts[testid]`
    elements of each test id exist (e.g. {"stVegaLiteChart": 4}), and every visible chart,
    deck.gl map and table has drawn, with no stale element, skeleton or spinner left."""
    page.locator(CONNECTED).wait_for(state="attached", timeout=timeout_ms)
    page.locator(NOT_RUNNING).wait_for(state="attached", timeout=timeout_ms)
    for testid, count in (counts or {}).items():
        page.wait_for_function(
            "([t, n]) => document.querySelectorAll(`[data-testid='${t}']`).length >= n",
            arg=[testid, count],
            timeout=timeout_ms,
            polling="raf",
        )
    page.wait_for_function(_ALL_DRAWN_JS, arg=[_DRAWN], timeout=timeout_ms, polling="raf")


def watch_runs(page: Page) -> None:
    """Start counting the script runs the page sees (see wait_rerun)."""
    page.evaluate(_WATCH_RUNS_JS)


def wait_rerun(
    page: Page, counts: Mapping[str, int] | None = None, timeout_ms: int = DRAW_TIMEOUT_MS
) -> None:
    """After watch_runs and an interaction: wait for a run (seen to finish, or seen by the
    address it rewrote) to start within timeout_ms, then for everything to be drawn."""
    page.wait_for_function(
        "() => window.__benchRuns > 0 || location.href !== window.__benchHref",
        timeout=timeout_ms,
        polling="raf",
    )
    wait_drawn(page, counts)
