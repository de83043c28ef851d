"""The network over time in a real browser: a link with `at` shows the network as of that date,
and the play button steps through the months without a server rerun."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .harness import BrowserLog, Server, open_view, runs, wait_for_charts

pytestmark = pytest.mark.browser


def test_link_with_at_shows_the_network_as_of_that_month_and_plays(
    server: Server, page: Page, page_log: BrowserLog
):
    open_view(page, f"{server.url}/network?at=2023-11")
    wait_for_charts(page)
    # Hand count (tests/test_network_time.py): 56 pairs among 12 people by the end of Nov 2023.
    expect(
        page.get_by_text(re.compile(r"^Nov 2023: 56 links among 12 of 26 people"))
    ).to_be_visible()
    chart = page.locator(".st-key-network-time_chart .js-plotly-plot")
    current = chart.locator(".slider-group > .slider-label")
    expect(current).to_have_text("As of Nov 2023")
    before = runs(page)
    chart.locator(".updatemenu-button", has_text="Play").click()
    # The frames play in the browser: the slider moves on, and the server sees no rerun.
    expect(current).not_to_have_text("As of Nov 2023", timeout=10_000)
    assert runs(page) == before
    assert "at=2023-11" in page.url
    assert page_log.unexpected() == [], "\n".join(page_log.unexpected())
