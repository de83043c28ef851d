"""The dashboard in headless Chromium against `streamlit run`: every view draws without errors,
links reproduce filters, downloads equal the CLI's export, a network node opens People, and an
article full of markup stays text."""

from __future__ import annotations

import csv
import io
import math
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .harness import (
    REPO,
    VIEWPORT,
    BrowserLog,
    Server,
    chips,
    open_view,
    runs,
    wait_for_charts,
    wait_for_rerun,
    wait_for_run,
)

pytestmark = pytest.mark.browser

ARTICLE_001 = "sre-press-release-341"
# One filtered link, and the same filters for the CLI.
FILTERS = {"person": "lopez-obrador,xi-jinping", "from": "2023-11-01", "to": "2023-11-30"}
FILTERED = urlencode(FILTERS, safe=",")
# The chips carry facet counts, by hand from participants.csv and events.csv: of the events
# whose dates meet November 2023, López Obrador takes part in nine and Xi in five.
FILTERED_CHIPS = ["Andrés Manuel López Obrador (9)", "Xi Jinping (5)"]
FILTERED_CLI = [arg for name, value in FILTERS.items() for arg in (f"--{name}", value)]
DOWNLOAD_TIMEOUT_MS = 8_000  # a download normally arrives within a second
# Files of the CLI's export that belong to the Network view, not to the Data view's tables.
NETWORK_FILES = {
    "cooccurrence.csv", "nodes.csv", "edge_evidence.csv", "network.graphml", "network.gexf",
}  # fmt: skip

# view path -> (data-testid, at least how many) that must be drawn.
VIEWS = {
    "/": {"stVegaLiteChart": 4, "stMetric": 6},
    "/map": {"stDeckGlJsonChart": 1},
    "/network": {"stVegaLiteChart": 1, "stDataFrame": 1, "stDownloadButton": 5},
    "/events": {"stMarkdown": 3},
    "/claims": {"stMarkdown": 1},
    "/people": {"stDataFrame": 1},
    "/sources": {"stDataFrame": 1},
    "/search": {"stTable": 1, "stTextInput": 1},
    "/data": {"stDataFrame": 1, "stDownloadButton": 2},
    "/about": {"stMarkdown": 1},
}
ABOUT_TEXT = ("About this dashboard", "Evidence rules", "How the filters work", "Data dictionary")


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def assert_no_errors(page: Page, log: BrowserLog) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert log.unexpected() == [], "\n".join(log.unexpected())


def cli_export(out: Path, args: list[str]) -> dict[str, bytes]:
    """File name -> bytes written by `python -m dashboard export --out OUT ARGS`."""
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "--out", str(out), *args],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def download(page: Page, view_url: str, container: str, tab: str = "") -> tuple[str, bytes]:
    """Click the download button inside a keyed container (on its tab, if any); returns the
    suggested file name and the bytes. A stall fails the test: every download button is drawn
    with on_click="ignore", so its click starts no rerun that could race the file's URL (the
    stall users could hit when it did); a button that stalls again is a bug to fix, not to
    retry."""
    if tab:
        page.get_by_role("tab", name=re.compile(rf"^{re.escape(tab)} \(\d+\)$")).click()
    before, clicked_at = runs(page), time.monotonic()
    try:
        with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            page.locator(f"{container} button").click()
    except PlaywrightTimeoutError:
        pytest.fail(
            f"{container} stalled ({view_url}): no download within {DOWNLOAD_TIMEOUT_MS // 1000} s"
        )
    done = info.value
    data = Path(done.path()).read_bytes()
    # Were a click to rerun the app, a click during that rerun could go to the old button.
    wait_for_rerun(page, before, clicked_at)
    return done.suggested_filename, data


@pytest.mark.parametrize("path", list(VIEWS))
def test_view_draws_without_errors(server: Server, page: Page, page_log: BrowserLog, path: str):
    open_view(page, server.url + path)
    for testid, least in VIEWS[path].items():
        shown = page.get_by_test_id(testid)
        expect(shown.nth(least - 1)).to_be_visible()
    if path == "/about":
        for text in ABOUT_TEXT:
            expect(page.get_by_text(text, exact=True).first).to_be_visible()
    else:
        expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text("No filters")
    wait_for_charts(page)
    assert_no_errors(page, page_log)


def test_no_request_leaves_the_machine(server: Server, page: Page, page_log: BrowserLog):
    # README: the map draws its own outlines; only the optional street basemap needs internet.
    for path in ("/", "/map"):
        open_view(page, server.url + path)
        wait_for_charts(page)
    assert page_log.remote_requests == []


def test_link_reproduces_filters_and_survives_navigation(
    server: Server, page: Page, page_log: BrowserLog
):
    open_view(page, f"{server.url}/network?{FILTERED}")
    expect(chips(page, "person")).to_have_text(FILTERED_CHIPS)
    expect(page.locator(".st-key-filters-from input")).to_have_value(re.compile(r"2023.+11.+01"))
    expect(page.locator(".st-key-filters-to input")).to_have_value(re.compile(r"2023.+11.+30"))
    expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text("Filtered:")
    assert query(page)["person"] == ["lopez-obrador,xi-jinping"]

    page.locator('[data-testid="stSidebarNav"] a', has_text="Sources").click()
    expect(page).to_have_url(re.compile(r"/sources\?"))
    wait_for_run(page)
    params = query(page)
    assert params["person"] == ["lopez-obrador,xi-jinping"]
    assert (params["from"], params["to"]) == (["2023-11-01"], ["2023-11-30"])
    expect(chips(page, "person")).to_have_text(FILTERED_CHIPS)
    expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text("Filtered:")
    assert_no_errors(page, page_log)


def test_choosing_a_person_writes_the_url_and_reset_clears_it(
    server: Server, page: Page, page_log: BrowserLog
):
    open_view(page, server.url + "/people")
    assert "person" not in query(page)
    page.locator(".st-key-filters-person input").click()
    page.keyboard.type("Xi Jin")
    page.get_by_role("option", name="Xi Jinping (6)", exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]person=xi-jinping(&|$)"))
    wait_for_run(page)
    expect(chips(page, "person")).to_have_text(["Xi Jinping (6)"])  # his six events
    assert urlsplit(page.url).path == "/people"

    page.get_by_role("button", name="Reset filters").click()
    expect(page).not_to_have_url(re.compile(r"person="))
    wait_for_run(page)
    expect(chips(page, "person")).to_have_count(0)
    assert_no_errors(page, page_log)


ZIP_NAMES = {
    "": "precursor-diplomacy.zip",
    FILTERED: "precursor-diplomacy_person-lopez-obrador+xi-jinping"
    "_from-2023-11-01_to-2023-11-30.zip",
}


@pytest.mark.parametrize(
    ("link", "args"), [("", []), (FILTERED, FILTERED_CLI)], ids=["no-filters", "filtered"]
)
def test_data_downloads_equal_the_cli_export(
    server: Server, page: Page, page_log: BrowserLog, tmp_path: Path, link: str, args: list[str]
):
    expected = cli_export(tmp_path / "cli", args)
    url = f"{server.url}/data" + (f"?{link}" if link else "")
    open_view(page, url)
    keys = page.locator(".stElementContainer").evaluate_all(
        "els => els.flatMap(e => [...e.classList]).filter(c => /^st-key-data-.+-csv$/.test(c))"
    )
    names = [key.removeprefix("st-key-data-").removesuffix("-csv") for key in keys]
    assert {f"{n}.csv" for n in names} == set(expected) - NETWORK_FILES - {
        "datapackage.json",
        "README.md",
    }
    for name in names:
        file_name, data = download(page, url, f".st-key-data-{name}-csv", tab=name)
        assert file_name == f"{name}.csv"
        assert data == expected[file_name], f"{file_name} differs from the CLI's"

    file_name, data = download(page, url, ".st-key-data-zip")
    assert file_name == ZIP_NAMES[link]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    assert sorted(members) == sorted(expected)
    for member, content in members.items():
        assert content == expected[member], f"{member} in the ZIP differs from the CLI's"
    assert_no_errors(page, page_log)


# Where each circle (its name, from the aria description) and each edge's diamond (its pair)
# is on screen, and whether a click at its centre reaches it rather than a name drawn over it.
MARKERS_JS = """(layer) => {
  const svg = document.querySelector('.st-key-network-chart svg.marks');
  return [...svg.querySelectorAll(`g.${layer}_marks path`)].map(p => {
    const r = p.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    return {label: p.getAttribute('aria-label'), x, y, hit: document.elementFromPoint(x, y) === p};
  });
}"""


def network_markers(page: Page, layer: str) -> list[dict]:
    """The markers of a layer of the network chart ("nodes", "edge_details") that a click at
    their centre reaches, inside the viewport."""
    chart = page.locator(".st-key-network-chart")
    chart.scroll_into_view_if_needed()
    chart.locator("svg.marks g.nodes_marks path").first.wait_for(state="attached")
    page.wait_for_timeout(300)  # let the scroll settle
    viewport = page.viewport_size or VIEWPORT
    return [
        m
        for m in page.evaluate(MARKERS_JS, layer)
        if m["hit"]
        and 10 < m["x"] < viewport["width"] - 10
        and 10 < m["y"] < viewport["height"] - 10
    ]


def click_a_node(page: Page, names: dict[str, str]) -> str:
    """Click the network node farthest from any edge's diamond (which could take the click);
    its person id."""
    diamonds = [(d["x"], d["y"]) for d in network_markers(page, "edge_details")]
    nodes = network_markers(page, "nodes")
    assert nodes, "no network node is visible"

    def room(node: dict) -> float:
        return min((math.hypot(x - node["x"], y - node["y"]) for x, y in diamonds), default=1e9)

    target = max(nodes, key=room)
    page.mouse.move(target["x"], target["y"])
    page.mouse.click(target["x"], target["y"])
    expect(page).to_have_url(re.compile(r"/people\?"))
    wait_for_run(page)
    (person,) = [p for p, name in names.items() if name == target["label"]]
    return person


def test_clicking_a_network_node_opens_the_person_with_the_filters(
    server: Server, page: Page, page_log: BrowserLog, dataset
):
    names = dict(zip(dataset.people["person_id"], dataset.people["name"], strict=True))
    open_view(page, f"{server.url}/network?{FILTERED}")
    person = click_a_node(page, names)
    assert person in names
    assert urlsplit(page.url).path == "/people"
    params = query(page)
    assert params["who"] == [person]
    assert {k: v[0] for k, v in params.items() if k in FILTERS} == FILTERS
    expect(page.locator(".st-key-people-person input")).to_have_value(names[person])
    expect(page.locator("h3", has_text=names[person]).first).to_be_visible()
    expect(chips(page, "person")).to_have_text(FILTERED_CHIPS)
    expect(page.get_by_test_id("stCaptionContainer").first).to_contain_text("Filtered:")
    assert_no_errors(page, page_log)


def test_clicking_an_edge_diamond_opens_its_evidence(
    server: Server, page: Page, page_log: BrowserLog, dataset
):
    ids = dict(zip(dataset.people["name"], dataset.people["person_id"], strict=True))
    open_view(page, f"{server.url}/network?{FILTERED}")
    nodes = [(n["x"], n["y"]) for n in network_markers(page, "nodes")]
    diamonds = network_markers(page, "edge_details")
    assert diamonds, "no edge diamond is visible"
    # The diamond farthest from any circle, which could take the click.
    target = max(diamonds, key=lambda d: min(math.hypot(x - d["x"], y - d["y"]) for x, y in nodes))
    first, second = target["label"].split(" – ")
    before, clicked_at = runs(page), time.monotonic()
    page.mouse.move(target["x"], target["y"])
    page.mouse.click(target["x"], target["y"])
    wait_for_rerun(page, before, clicked_at)
    assert query(page)["pair"] == [",".join(sorted((ids[first], ids[second])))]
    box = page.locator(".st-key-network-evidence")
    expect(box.get_by_text(first).first).to_be_visible()
    expect(box.get_by_text(second).first).to_be_visible()
    assert_no_errors(page, page_log)


def test_network_hover_names_a_person_and_the_wheel_zooms(
    server: Server, page: Page, page_log: BrowserLog
):
    open_view(page, f"{server.url}/network")
    nodes = network_markers(page, "nodes")
    target = nodes[0]
    page.mouse.move(target["x"], target["y"])
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("td.value").first).to_have_text(target["label"])

    # Scrolling on the chart zooms in: the circles move apart (a scroll of the page would move
    # them all alike).
    def span() -> float:
        xs = [m["x"] for m in page.evaluate(MARKERS_JS, "nodes")]
        return max(xs) - min(xs)

    chart = page.locator(".st-key-network-chart svg.marks").bounding_box()
    assert chart is not None
    before = span()
    page.mouse.move(chart["x"] + chart["width"] / 2, chart["y"] + chart["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    assert span() > 1.2 * before
    assert_no_errors(page, page_log)


def _article_links(page: Page) -> dict[str, str]:
    """People's links to Sources: article id -> link text."""
    links = {}
    for link in page.get_by_test_id("stPageLink").locator("a").all():
        doc = parse_qs(urlsplit(link.get_attribute("href") or "").query).get("doc")
        if doc:
            links[doc[0]] = link.inner_text()
    return links


def test_every_people_link_opens_its_article_in_sources(
    server: Server, page: Page, page_log: BrowserLog, dataset
):
    # Issue 13.1: the link used to open Sources on the first article and drop doc. Each link,
    # clicked in one session after going back to People, opens its own article.
    from dashboard.present import article_title

    titles = {r["article_id"]: article_title(r) for r in dataset.articles.to_dict("records")}
    open_view(page, f"{server.url}/people?who=lopez-obrador&{FILTERED}")
    docs = list(_article_links(page))
    assert len(docs) == 3  # 000, 002, 004 name him; 003 is undated, outside November 2023
    for doc in reversed(docs):  # the last first: the first is what a broken link would show
        page.get_by_test_id("stPageLink").locator(f'a[href*="doc={doc}"]').click()
        expect(page).to_have_url(re.compile(rf"/sources\?.*doc={re.escape(doc)}"))
        wait_for_run(page)
        params = query(page)
        assert params["doc"] == [doc]
        assert {k: v[0] for k, v in params.items() if k in FILTERS} == FILTERS
        expect(page.locator(".st-key-sources-article input")).to_have_value(titles[doc])
        expect(chips(page, "person")).to_have_text(FILTERED_CHIPS)
        page.get_by_test_id("stSidebarNav").get_by_text("People").click()
        expect(page).to_have_url(re.compile(r"/people"))
        wait_for_run(page)
        expect(page.locator(".st-key-people-person input")).to_have_value(
            "Andrés Manuel López Obrador"
        )
    assert_no_errors(page, page_log)


def test_sources_highlights_people(server: Server, page: Page, page_log: BrowserLog, dataset):
    open_view(page, f"{server.url}/sources?doc=xinhua-xi-lopez-obrador-meeting")
    marks = page.locator("mark.person")
    expect(marks.first).to_be_visible()
    titles = set(marks.evaluate_all("els => els.map(e => e.title)"))
    assert {"Xi Jinping", "Andrés Manuel López Obrador"} <= titles
    assert titles <= set(dataset.people["name"]), "a highlight shows an id, not a name"
    assert query(page)["doc"] == ["xinhua-xi-lopez-obrador-meeting"]
    assert_no_errors(page, page_log)


HOSTILE_LINES = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "**bold** [click](javascript:window.__pwned=3)",
    "Xi Jinping met officials.",
)
HOSTILE_ALL = " ".join(HOSTILE_LINES)


def test_hostile_article_stays_text(start_server, page: Page, page_log: BrowserLog, tmp_path: Path):
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    # The first line is the title (shown in select boxes, tables and links); then each piece
    # alone, and all of them around a name so that People shows them in a mention's context.
    (seeds / "hostile.txt").write_text(
        "\n\n".join((HOSTILE_ALL, *HOSTILE_LINES, HOSTILE_ALL)) + "\n", encoding="utf-8"
    )
    hostile = start_server({"DASHBOARD_SEEDS_DIR": str(seeds)})

    paths = (
        "/sources?doc=hostile",
        "/data",
        "/people?who=xi-jinping",
        "/search?q=pwned+OR+Jinping",
    )
    for path in paths:
        open_view(page, hostile.url + path)
        wait_for_charts(page)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        expect(page.locator('img[src="x"]')).to_have_count(0)
        expect(page.locator('a[href^="javascript:"]')).to_have_count(0)
        scripts = page.evaluate(
            "[...document.querySelectorAll('script')].filter(s => s.text.includes('__pwned'))"
            ".length"
        )
        assert scripts == 0, path
        assert_no_errors(page, page_log)
        if path.startswith("/sources"):
            text = page.locator(".pd-article")
            expect(text.get_by_text(HOSTILE_LINES[0], exact=True)).to_be_visible()
            expect(text.get_by_text(HOSTILE_LINES[2], exact=True)).to_be_visible()
            expect(text.locator("mark.person", has_text="Xi Jinping").first).to_be_visible()
            expect(page.locator(".st-key-sources-article input")).to_have_value(HOSTILE_ALL)
        if path.startswith("/people"):
            link = page.get_by_test_id("stPageLink").filter(has_text="window.__pwned")
            expect(link.first).to_contain_text(HOSTILE_ALL)


SEARCH = '"precursor chemicals" OR customs'


def test_search_marks_hits_opens_sources_there_and_downloads_the_cli_csv(
    server: Server, page: Page, page_log: BrowserLog
):
    url = f"{server.url}/search?{urlencode({'q': SEARCH})}"
    open_view(page, url)
    # 9 passages on one page: the phrase 8 times on 7 lines of 001, customs 3 times on 2 lines.
    marks = page.locator(".pd-article mark.hit")
    expect(marks).to_have_count(11)
    assert {t.lower() for t in marks.all_inner_texts()} == {"precursor chemicals", "customs"}
    expect(page.locator(".st-key-search-q input")).to_have_value(SEARCH)

    cli = subprocess.run(
        [sys.executable, "-m", "dashboard", "search", SEARCH], cwd=REPO, check=True,
        capture_output=True,
    ).stdout  # fmt: skip
    name, data = download(page, url, ".st-key-search-csv")
    assert (name, data) == ("search-hits.csv", cli)

    # The result whose first hit comes last in 001 opens Sources scrolled down to it.
    links = page.get_by_test_id("stPageLink").locator("a")
    targets = [parse_qs(urlsplit(h).query) for h in links.evaluate_all("a => a.map(e => e.href)")]
    hit, n = max((int(t["hit"][0]), i) for i, t in enumerate(targets) if t["doc"] == [ARTICLE_001])
    links.nth(n).click()
    expect(page).to_have_url(re.compile(r"/sources\?"))
    wait_for_run(page)
    assert query(page)["doc"] == [ARTICLE_001] and query(page)["q"] == [SEARCH]
    assert query(page)["hit"] == [str(hit)]
    text = page.locator(".pd-article")
    expect(text.locator("mark.hit")).to_have_count(10)  # 8 + 2 in 001
    current = text.locator(f"mark.hit.current#pd-hit-{hit}")
    expect(current).to_be_in_viewport()
    expect(text.locator("mark.person, mark.organization").first).to_be_attached()
    page.get_by_role("button", name="Next hit").click()
    expect(text.locator(f"mark.hit.current#pd-hit-{(hit + 1) % 10}")).to_be_in_viewport()
    assert_no_errors(page, page_log)


def test_chart_tooltips_show_data_as_text(
    start_server, page: Page, page_log: BrowserLog, data_copy: Path
):
    # An event title that would run if a tooltip rendered it as HTML.
    title = '<img src=x onerror="window.__pwned=4"><b>Anniversary</b>'
    with open(data_copy / "events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    # Every event gets it (numbered, so titles stay distinct): whichever bar the timeline opens
    # on first, its tooltip holds the hostile text.
    for i in range(1, len(rows)):
        rows[i][1] = f"{title} {i}"
    with open(data_copy / "events.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    hostile = start_server({"DASHBOARD_DATA_DIR": str(data_copy)})

    open_view(page, hostile.url + "/")
    wait_for_charts(page)
    timeline = page.get_by_test_id("stVegaLiteChart").first
    timeline.scroll_into_view_if_needed()
    # Hovering the first bar drawn opens Vega's tooltip.
    timeline.locator(".mark-rect path").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(title)
    expect(tooltip.locator("img, b")).to_have_count(0)
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert_no_errors(page, page_log)


@pytest.mark.parametrize(
    ("scheme", "background"), [("dark", "rgb(23, 22, 20)"), ("light", "rgb(255, 255, 255)")]
)
def test_the_systems_colour_scheme_chooses_the_theme(
    server: Server, browser, scheme: str, background: str
):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    try:
        page = context.new_page()
        open_view(page, server.url + "/about")
        shown = page.get_by_test_id("stApp").evaluate("e => getComputedStyle(e).backgroundColor")
        assert shown == background
    finally:
        context.close()


def test_dark_charts_draw_their_subtitles_and_marks_in_dark_shades(server: Server, browser):
    from dashboard.colours import BACKGROUNDS, contrast

    context = browser.new_context(viewport=VIEWPORT, color_scheme="dark")
    try:
        page = context.new_page()
        open_view(page, server.url + "/")
        wait_for_charts(page)
        timeline = page.get_by_test_id("stVegaLiteChart").first
        fill = timeline.locator(".role-title-subtitle text").first.get_attribute("fill")
        assert fill and fill.startswith("#"), fill
        # Before: Vega's default black, 1.1 to 1 on Streamlit's dark background.
        assert contrast(fill, BACKGROUNDS["dark"]) >= 4.5
        marks = timeline.locator(".mark-rect path, .mark-symbol path").evaluate_all(
            "els => els.map(e => e.getAttribute('fill'))"
        )
        assert marks and all(contrast(m, BACKGROUNDS["dark"]) >= 3.0 for m in marks), marks
    finally:
        context.close()


def _loaded_bytes(page: Page) -> dict[str, int]:
    """Bytes of each script the page has loaded, by file name (Resource Timing)."""
    entries = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".map(e => [e.name, e.encodedBodySize || e.transferSize || 0])"
    )
    return {name.rsplit("/", 1)[-1]: size for name, size in entries if name.endswith(".js")}


def test_the_share_link_copies_without_the_syntax_highlighter(server: Server, browser):
    context = browser.new_context(
        viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page = context.new_page()
        open_view(page, server.url + "/data?person=xi-jinping")
        before = sum(_loaded_bytes(page).values())
        page.get_by_text("Link to this view").click()
        field = page.locator(".pd-share input")
        expect(field).to_be_visible()
        link = field.input_value()
        assert link.startswith(server.url) and "person=xi-jinping" in link
        page.locator(".pd-share button").click()
        expect(page.locator(".pd-share .pd-said")).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == link
        loaded = _loaded_bytes(page)
        # st.code's copy button would load StreamlitSyntaxHighlighter.*.js, 1.5 MB.
        assert not [name for name in loaded if name.startswith("StreamlitSyntaxHighlighter")]
        assert sum(loaded.values()) - before < 20_000, sum(loaded.values()) - before
    finally:
        context.close()


def test_typed_dates_apply_on_enter(server: Server, page: Page, page_log: BrowserLog):
    open_view(page, server.url + "/data")
    field = page.locator(".st-key-filters-typed input")
    field.click()
    # Keyboard only: type, then Enter (the calendar's own field waits for a click outside).
    page.keyboard.type("2023-11-01 to 2023-11-30")
    page.keyboard.press("Enter")
    expect(page.locator(".st-key-filters-from input")).to_have_value(re.compile(r"2023.+11.+01"))
    expect(page.locator(".st-key-filters-to input")).to_have_value(re.compile(r"2023.+11.+30"))
    wait_for_run(page)
    assert query(page)["from"] == ["2023-11-01"] and query(page)["to"] == ["2023-11-30"]
    expect(field).to_have_value("")
    assert_no_errors(page, page_log)


def test_the_calendars_open_on_the_data(server: Server, page: Page, page_log: BrowserLog):
    from datetime import date, datetime

    open_view(page, server.url + "/data")
    for name in ("from", "to"):
        page.locator(f".st-key-filters-{name}").click()  # the field opens its calendar
        calendar = page.get_by_test_id("stDateInputCalendar").get_by_role("application")
        expect(calendar).to_be_visible()
        # "Choose date, September 2024": the month the calendar shows.
        label = calendar.get_attribute("aria-label") or ""
        shown = datetime.strptime(label.rpartition(", ")[2], "%B %Y").date()
        # The data runs from 1972 (a year-precision event) to 6 Sep 2024 (hand-read from data/).
        assert date(1972, 1, 1) <= shown <= date(2024, 9, 6), label
        page.keyboard.press("Escape")
        expect(calendar).to_have_count(0)
    assert query(page).get("from") is None and query(page).get("to") is None
    assert_no_errors(page, page_log)
