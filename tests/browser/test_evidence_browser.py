"""The evidence views in headless Chromium: links with pair=, event= and claim= open the right
evidence, a click on a timeline event opens its page, and a click through to Sources marks the
quote and brings it into view."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .harness import BrowserLog, Server, open_view, wait_for_charts, wait_for_run
from .test_browser import assert_no_errors

pytestmark = pytest.mark.browser

XI_AMLO = "xi-lopez-obrador-meeting-2023"


def test_a_pair_link_opens_its_shared_sentences(server: Server, page: Page, page_log: BrowserLog):
    open_view(page, f"{server.url}/network?pair=xi-jinping,lopez-obrador&window=sentence")
    box = page.locator(".st-key-network-evidence")
    expect(box.get_by_text("Andrés Manuel López Obrador and Xi Jinping")).to_be_visible()
    # The four shared sentences (tests/test_evidence.py), each with both names marked.
    expect(box.locator(".pd-article")).to_have_count(4)
    expect(box.locator(".pd-article").nth(2)).to_contain_text("who has denied that fentanyl")
    expect(box.locator('mark[title="Xi Jinping"]')).to_have_count(4)
    assert parse_qs(urlsplit(page.url).query)["pair"] == ["lopez-obrador,xi-jinping"]
    assert_no_errors(page, page_log)


def test_an_event_link_opens_its_page(server: Server, page: Page, page_log: BrowserLog):
    open_view(page, f"{server.url}/events?event={XI_AMLO}")
    card = page.locator(".st-key-events-card")
    expect(card.get_by_text("Xi Jinping–Andrés Manuel López Obrador meeting")).to_be_visible()
    expect(card.get_by_text("16 Nov 2023 (inferred)", exact=True)).to_be_visible()
    expect(card.get_by_text("San Francisco", exact=True)).to_be_visible()
    assert_no_errors(page, page_log)


def test_clicking_a_timeline_event_opens_its_page(
    server: Server, page: Page, page_log: BrowserLog, dataset
):
    open_view(page, f"{server.url}/")
    wait_for_charts(page)
    timeline = page.get_by_test_id("stVegaLiteChart").first
    timeline.scroll_into_view_if_needed()
    # The first bar the timeline draws (it opens on the busiest stretch of events): its tooltip
    # names the event, and a click on it opens that event's page.
    bar = timeline.locator(".mark-rect path").first
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    title = tooltip.locator("td.value").first.inner_text()
    bar.click()
    expect(page).to_have_url(re.compile(r"/events\?"))
    wait_for_run(page)
    event = parse_qs(urlsplit(page.url).query)["event"]
    ids = dataset.events.loc[dataset.events["title"] == title, "event_id"].tolist()
    assert event == ids, (title, event)
    expect(page.locator(".st-key-events-card h3")).to_contain_text(title[:40])
    assert_no_errors(page, page_log)


def test_clicking_through_to_sources_marks_the_quote(
    server: Server, page: Page, page_log: BrowserLog
):
    open_view(page, f"{server.url}/network?pair=lopez-obrador,xi-jinping&window=event")
    box = page.locator(".st-key-network-evidence")
    # The letter comes first (April 2023): López Obrador as sender, cited from 000.
    expect(box.get_by_text("sent a letter last April to Xi").first).to_be_visible()
    box.get_by_test_id("stPageLink").filter(has_text="SAN FRANCISCO").first.click()
    expect(page).to_have_url(re.compile(r"/sources\?"))
    wait_for_run(page)
    params = parse_qs(urlsplit(page.url).query)
    assert params["doc"] == ["sf-xi-lopez-obrador-report"]
    assert "quote" in params
    quote = page.locator("#pd-quote")
    expect(quote).to_have_text("sent a letter last April to ")
    expect(quote).to_be_in_viewport()
    assert_no_errors(page, page_log)


def test_a_claim_link_opens_every_claim_about_the_proposition(
    server: Server, page: Page, page_log: BrowserLog
):
    open_view(page, f"{server.url}/claims?claim=fentanyl-made-in-mexico")
    picked = page.locator(".st-key-claims-picked")
    expect(picked.locator("h4")).to_have_text("Fentanyl is manufactured in Mexico.")
    # López Obrador's denial (000) is among the claims, with its link to Sources.
    expect(picked.get_by_text("who has denied that fentanyl is manufactured")).to_be_visible()
    expect(page.locator(".pd-props")).to_contain_text("disputed")
    assert parse_qs(urlsplit(page.url).query)["claim"] == ["fentanyl-made-in-mexico"]
    assert_no_errors(page, page_log)
