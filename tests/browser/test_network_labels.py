"""The network's names as Chromium draws them, on a 390 px phone and in a 1400 px window, at the
default filters and with organizations: no two drawn names overlap, each stays in the plot, the
strongest is named, and the key above the plot states the range of mentions and links."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .harness import Server, open_view, wait_for_charts

pytestmark = pytest.mark.browser

# Every drawn name (the names layer, not its halo), with its box on screen; the plot area (the
# frame of the layered view); the subtitle's lines, which hold the key.
NAMES_JS = """() => {
  const svg = document.querySelector('.st-key-network-chart svg.marks');
  const names = [...svg.querySelectorAll('g.names_marks text')]
    .filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; });
  const frame = svg.querySelector('.role-frame path.background').getBoundingClientRect();
  const area = {l: frame.left, r: frame.right, t: frame.top, b: frame.bottom};
  const key = [...svg.querySelectorAll('.role-title-subtitle text')]
    .map(t => t.textContent).join(' | ');
  return {names, area, key, width: frame.width, height: frame.height};
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
    # The plot is as wide as the page allows and as high as the names were placed for.
    assert drawn["width"] >= 330 and 360 <= drawn["height"] <= 440, drawn
    assert (
        "Circle size: 1 to " in drawn["key"] and "shared articles (thin to thick)" in drawn["key"]
    )
