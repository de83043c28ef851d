"""Many users at once: ten browser sessions with different filters open the dashboard together;
each shows only its own selection and the server stays healthy. The times to a finished view
are reported (median and 95th percentile), not asserted: the machines are shared and noisy."""

from __future__ import annotations

import re
import statistics
import time
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from dashboard.filters import Filters, filter_dataset

from .harness import NOT_RUNNING, RUN_TIMEOUT_MS, VIEWPORT, Server, chips, wait_for_run

pytestmark = pytest.mark.browser

_SERVED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelectorAll('[data-testid="stMetricValue"]').length === 6;
}"""
PEOPLE = [
    "xi-jinping", "joe-biden", "lopez-obrador", "alicia-barcena", "brian-nichols",
    "ken-salazar", "justin-trudeau", "dina-boluarte", "donald-trump", "katie-tobin",
]  # fmt: skip
# Counted by hand, (articles, events, the chip's count): the articles that name the person
# (tests/expected.py, PEOPLE_BY_ARTICLE); the events they take part in,
#   grep ",$person,person," data/participants.csv | cut -d, -f1 | sort -u | wc -l
# which is the chip's facet count, plus each one's parent event (events.csv parent_event_id)
# when it is not among them: APEC for the Biden–López Obrador and Trudeau meetings,
# hurricane-otis for Xi's aid pledge.
BY_HAND = {
    "xi-jinping": (3, 7, 6), "joe-biden": (3, 6, 6), "lopez-obrador": (4, 13, 13),
    "alicia-barcena": (3, 3, 2), "brian-nichols": (3, 2, 1), "ken-salazar": (1, 2, 1),
    "justin-trudeau": (1, 2, 1), "dina-boluarte": (1, 2, 2), "donald-trump": (1, 0, 0),
    "katie-tobin": (1, 2, 1),
}  # fmt: skip


def test_ten_sessions_at_once_each_see_only_their_selection(
    server: Server, browser: Browser, dataset, record_property, capsys
):
    names = dict(zip(dataset.people["person_id"], dataset.people["name"], strict=True))
    contexts = [browser.new_context(viewport=VIEWPORT) for _ in PEOPLE]
    pages = [context.new_page() for context in contexts]
    try:
        started = []
        for person, page in zip(PEOPLE, pages, strict=True):
            started.append(time.perf_counter())
            page.goto(f"{server.url}/?person={person}", wait_until="commit")
        # Served: the script has run and its elements (the metrics) have arrived; drawn: the
        # charts have drawn too, which for ten pages in one headless browser is mostly the
        # browser's own work on two cores, not the server's.
        served: dict[int, float] = {}
        # Generous: this asserts what each session shows, not how fast (a busy machine took
        # 70-77 s for ten sessions); the times are reported below.
        deadline = time.perf_counter() + 3 * RUN_TIMEOUT_MS / 1000
        while len(served) < len(pages) and time.perf_counter() < deadline:
            for i, page in enumerate(pages):
                if i not in served and page.evaluate(_SERVED_JS):
                    served[i] = time.perf_counter() - started[i]
            time.sleep(0.05)
        assert len(served) == len(pages), "some sessions never finished their run"
        drawn = []
        for start, page in zip(started, pages, strict=True):
            page.locator(NOT_RUNNING).wait_for(state="attached", timeout=RUN_TIMEOUT_MS)
            wait_for_run(page)
            drawn.append(time.perf_counter() - start)
        for person, page in zip(PEOPLE, pages, strict=True):
            subset = filter_dataset(dataset, Filters(person=(person,)))
            articles, events, facet = BY_HAND[person]
            assert (len(subset.articles), len(subset.events)) == (articles, events), person
            caption = page.get_by_test_id("stCaptionContainer").first
            expect(caption).to_contain_text(
                f"Filtered: {articles} of 5 articles, {events} of 36 events"
            )
            expect(caption).to_contain_text(
                f"Filtered: {len(subset.articles)} of {len(dataset.articles)} articles, "
                f"{len(subset.events)} of {len(dataset.events)} events"
            )
            # The chip is the name with its facet count.
            expect(chips(page, "person")).to_have_text(
                [re.compile(rf"^{re.escape(names[person])} \(\d+\)$")]
            )
            expect(chips(page, "person")).to_have_text([f"{names[person]} ({facet})"])
            values = page.get_by_test_id("stMetricValue")
            expect(values.nth(0)).to_have_text(str(articles))  # Articles
            expect(values.nth(1)).to_have_text(str(events))  # Events
            metric = values.nth(5)  # Mentions
            expect(metric).to_have_text(str(len(subset.mentions)))
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as answer:
            assert answer.status == 200
    finally:
        for context in contexts:
            context.close()
    lines = []
    for what, times in (("served", list(served.values())), ("drawn", drawn)):
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
        record_property(f"ten_sessions_{what}_median_s", round(median, 2))
        record_property(f"ten_sessions_{what}_p95_s", round(p95, 2))
        lines.append(f"{what} median {median:.2f} s, 95th percentile {p95:.2f} s")
    with capsys.disabled():  # a report in the test output, not an assertion
        print("\n10 concurrent sessions, Overview: " + "; ".join(lines))
