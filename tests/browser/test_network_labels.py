"""The network's names as Chromium draws them, on a 390 px phone and in a 1400 px window, at the
default filters and with organizations: no two drawn names overlap, each stays in the plot, the
strongest is named, and the key above the plot states the range of mentions and links."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .harness import Server, open_view, wait_for_charts

pytestmark = pytest.mark.browser

# Every drawn name of the node trace (the last), with its box on screen; the plot area.
NAMES_JS = """() => {
  const gd = document.querySelector('.st-key-network-chart .js-plotly-plot');
  const traces = gd.querySelectorAll('.scatterlayer .trace');
  const names = [...traces[traces.length - 1].querySelectorAll('.textpoint text')]
    .filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; });
  const box = gd.getBoundingClientRect(), xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const area = {l: box.left + xa._offset, r: box.left + xa._offset + xa._length,
                t: box.top + ya._offset, b: box.top + ya._offset + ya._length};
  const key = [...gd.querySelectorAll('.annotation-text')].map(a => a.textContent).join(' | ');
  return {names, area, key};
}"""
TOLERANCE = 1  # px: glyph boxes of neighbouring names may touch


@pytest.mark.parametrize("width", [390, 1400])
@pytest.mark.parametrize("query", ["", "?orgs=1"])
def test_drawn_names_do_not_overlap(server: Server, browser: Browser, width: int, query: str):
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
    )
    try:
        page = context.new_page()
        open_view(page, f"{server.url}/network{query}")
        wait_for_charts(page)
        page.locator(".st-key-network-chart").scroll_into_view_if_needed()
        drawn = page.evaluate(NAMES_JS)
    finally:
        context.close()
    names, area = drawn["names"], drawn["area"]
    texts = [n["text"] for n in names]
    assert len(names) >= 10, texts
    assert "Andrés Manuel López Obrador" in texts  # the strongest at these filters
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            apart = (
                a["r"] <= b["l"] + TOLERANCE
                or b["r"] <= a["l"] + TOLERANCE
                or a["b"] <= b["t"] + TOLERANCE
                or b["b"] <= a["t"] + TOLERANCE
            )
            assert apart, f"{a['text']!r} overlaps {b['text']!r} at {width} px"
        inside = (
            a["l"] >= area["l"] - TOLERANCE
            and a["r"] <= area["r"] + TOLERANCE
            and a["t"] >= area["t"] - TOLERANCE
            and a["b"] <= area["b"] + TOLERANCE
        )
        assert inside, f"{a['text']!r} is cut at the plot's edge at {width} px"
    assert (
        "Circle size: 1 to " in drawn["key"] and "shared articles (thin to thick)" in drawn["key"]
    )
