"""Browser fixtures: a dashboard server on a free loopback port, Debian's headless Chromium and
a fresh page per test with a log of its console errors and failed requests.

Without /usr/bin/chromium the whole folder is skipped, except on CI (CI=true), where a missing
browser makes every browser test fail with the reason instead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ON_CI = os.environ.get("CI", "").lower() == "true"

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError as exc:  # `make test` installs it; only a hand-made environment lacks it
    if ON_CI:
        raise pytest.UsageError(f"CI=true but Playwright is not installed: {exc}") from exc
    MISSING = "Playwright is not installed (pip install -e '.[test]')"
else:
    from .harness import CHROMIUM, VIEWPORT, BrowserLog, Server, launch_chromium, running_server

    MISSING = "" if CHROMIUM.exists() else f"{CHROMIUM} is missing (apt-get install chromium)"
    expect.set_options(timeout=20_000)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # Without Playwright the test module cannot even be imported.
    if MISSING.startswith("Playwright") and collection_path.suffix == ".py":
        return HERE in collection_path.parents and collection_path.name.startswith("test_")
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not MISSING or ON_CI:
        return
    skip = pytest.mark.skip(reason=f"browser tests skipped: {MISSING}")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


@pytest.fixture
def start_server() -> Iterator[Callable[..., Server]]:
    """Start a dashboard with extra environment variables (e.g. DASHBOARD_SEEDS_DIR); every
    server started this way is stopped when the test ends."""
    with contextlib.ExitStack() as stack:

        def start(env: Mapping[str, str] | None = None) -> Server:
            return stack.enter_context(running_server(env))

        yield start


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The dashboard over the real data/ and seeds/, shared by the read-only tests."""
    with running_server() as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if MISSING:  # only reached on CI, where a missing browser is a failure
        pytest.fail(f"CI=true but the browser tests cannot run: {MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page_log() -> BrowserLog:
    """Console errors and failed requests of `page`, recorded from its first navigation."""
    return BrowserLog()


@pytest.fixture
def page(browser: Browser, page_log: BrowserLog) -> Iterator[Page]:
    """A new 1400x900 page that accepts downloads, logging into `page_log`."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page_log.attach(page)
    yield page
    context.close()
