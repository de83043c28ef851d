"""AppTest runs of the entrypoint and every view: default state, filters, links, malformed
links, empty results, reset, page switches and broken data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filters, filter_dataset

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
VIEWS = {
    "views/overview.py": "Overview",
    "views/map.py": "Map",
    "views/network.py": "Network",
    "views/events.py": "Events",
    "views/claims.py": "Claims",
    "views/people.py": "People",
    "views/sources.py": "Sources",
    "views/search.py": "Search",
    "views/data.py": "Data",
    "views/about.py": "About this dashboard",
}
METRICS = {
    "Articles": "articles",
    "Events": "events",
    "People": "people",
    "Organizations": "organizations",
    "Places": "locations",
    "Mentions": "mentions",
}


def run_app(query: dict[str, str] | None = None, page: str | None = None) -> AppTest:
    """The app opened on a link: the query string on the page (as a browser opens /people?…)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame_with(at: AppTest, *columns: str):
    """The first table shown with these columns (AppTest finds tables by content, not key)."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def expected_metrics(dataset, filters: Filters) -> dict[str, int]:
    subset = filter_dataset(dataset, filters)
    return {label: len(subset.table(name)) for label, name in METRICS.items()}


def param(at: AppTest, key: str) -> str | None:
    """A query parameter of the app's URL, comma-joined when repeated."""
    if key not in at.query_params:
        return None
    value = at.query_params[key]
    return ",".join(value) if isinstance(value, list) else value


@pytest.mark.parametrize(("page", "title"), VIEWS.items())
def test_every_view_renders_without_exception(page, title):
    at = run_app(page=page)
    assert at.title[0].value == title


def test_overview_metrics_count_the_whole_dataset(dataset):
    at = run_app()
    assert metrics(at) == expected_metrics(dataset, Filters())
    assert metrics(at)["Articles"] == 5
    assert "No filters" in at.caption[0].value
    # One paragraph first: what it covers, how many sources, where to start.
    intro = at.markdown[0].value
    assert "curated from **5 news articles**: 36 events" in intro
    assert "**Start with the timeline below**" in intro


def overview_charts(at: AppTest) -> dict[str, pd.DataFrame]:
    """The Overview's Vega-Lite charts: title -> the data Streamlit sends with the spec."""
    charts = {}
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        charts[spec["title"]["text"]] = pa.ipc.open_stream(element.proto.data.data).read_pandas()
    return charts


def test_overview_draws_its_four_charts_from_the_filtered_data(dataset):
    charts = overview_charts(run_app())
    assert list(charts) == [
        "Timeline of events",
        "Which source reports which event",
        "Topics each source emphasises",
        "Most-mentioned officials",
    ]
    dated = dataset.events[dataset.events["start_date"] != ""]
    # The timeline opens on the busiest run of events, 15-17 Nov 2023: the 17 events that
    # overlap it (vegalite's tests count them); the whole range is one click away.
    at = run_app()
    period = at.segmented_control(key="overview.period")
    assert period.value == "2023-11-15/2023-11-17"
    assert list(period.options) == [
        "Nov 2023 (17 events)",
        "Sep 2024 (5 events)",
        "Whole range",
    ]
    assert len(charts["Timeline of events"]) == 17
    period.set_value("whole").run()
    whole = overview_charts(at)["Timeline of events"]
    assert sorted(whole["event_id"]) == sorted(dated["event_id"])

    at = run_app(query={"person": "xi-jinping"})
    chosen = filter_dataset(dataset, Filters(person=("xi-jinping",)))
    timeline = overview_charts(at)["Timeline of events"]
    chosen_dated = chosen.events[chosen.events["start_date"] != ""]
    assert sorted(timeline["event_id"]) == sorted(chosen_dated["event_id"])
    assert 0 < len(timeline) < len(dated)


def test_the_sidebar_shows_names_and_a_reset_button():
    at = run_app()
    person = at.multiselect(key="filters.person")
    # Names with facet counts: Xi Jinping takes part in six events (participants.csv: APEC,
    # his meetings with Biden and López Obrador, the letter, the invitation, the hurricane aid).
    assert "Xi Jinping (6)" in person.options
    assert person.format_func("xi-jinping") == "Xi Jinping (6)"
    assert at.button[0].label == "Reset filters"


@pytest.mark.parametrize(
    ("kind", "ids"),
    [
        ("person", ["ken-salazar"]),
        ("organization", ["semar"]),
        ("country", ["CHN"]),
        ("topic", ["migration"]),
        ("location", ["port-of-veracruz"]),
        ("article", ["xinhua-xi-lopez-obrador-meeting"]),
    ],
)
def test_each_sidebar_filter_cuts_the_metrics_and_updates_the_url(dataset, kind, ids):
    at = run_app()
    at.multiselect(key=f"filters.{kind}").set_value(ids).run()
    assert not at.exception
    want = expected_metrics(dataset, Filters(**{kind: tuple(ids)}))
    assert metrics(at) == want
    assert want != expected_metrics(dataset, Filters())
    assert param(at, kind) == ",".join(ids)
    assert "Filtered" in at.caption[0].value


def test_date_filters_cut_and_reach_the_url(dataset):
    from datetime import date

    at = run_app()
    at.date_input(key="filters.from").set_value(date(2024, 1, 1)).run()
    assert metrics(at) == expected_metrics(dataset, Filters(date_from=date(2024, 1, 1)))
    assert metrics(at)["Articles"] == 1
    assert param(at, "from") == "2024-01-01"


def test_a_link_with_filters_reproduces_the_view(dataset):
    from datetime import date

    at = run_app({"person": "lopez-obrador,xi-jinping", "from": "2023-11-01", "to": "2023-11-30"})
    assert at.multiselect(key="filters.person").value == ["lopez-obrador", "xi-jinping"]
    assert at.date_input(key="filters.from").value == date(2023, 11, 1)
    filters = Filters(
        person=("lopez-obrador", "xi-jinping"),
        date_from=date(2023, 11, 1),
        date_to=date(2023, 11, 30),
    )
    assert metrics(at) == expected_metrics(dataset, filters)
    assert not at.warning


def test_the_filters_survive_a_page_switch():
    at = run_app({"person": "ken-salazar"})
    at.switch_page("views/data.py").run()
    assert not at.exception
    assert at.multiselect(key="filters.person").value == ["ken-salazar"]
    assert param(at, "person") == "ken-salazar"


@pytest.mark.parametrize(
    ("params", "fragments"),
    [
        (
            {"person": "nobody,xi-jinping"},
            ["The link named a person who is not in the data: 'nobody'."],
        ),
        (
            {"from": "2023-13-45"},
            [
                "The link's from date is not a date written YYYY-MM-DD, so it is not used: "
                "'2023-13-45'."
            ],
        ),
        ({"colour": "red"}, ["The link has a setting this page does not use: 'colour'."]),
        (
            {"article": "../../etc/passwd"},
            ["The link named a source article that is not in the data: '../../etc/passwd'."],
        ),
        ({"topic": "<script>alert(1)</script>"}, ["a topic that is not in the data"]),
        ({"person": "x" * 5000}, ["a person who is not in the data"]),
        # A view's setting belongs to its view: on the Overview it is unknown.
        ({"window": "galaxy"}, ["The link has a setting this page does not use: 'window'."]),
    ],
)
def test_a_malformed_link_is_dropped_with_a_notice(params, fragments):
    at = run_app(params)
    assert at.warning and "ignored" in at.warning[0].value
    notice = "\n".join(t.value for t in at.text)
    for fragment in fragments:
        assert fragment in notice


@pytest.mark.parametrize(
    ("page", "params", "fragment"),
    [
        (
            "views/network.py",
            {"window": "galaxy"},
            "The link's window is not one of article, paragraph, sentence, event: 'galaxy'.",
        ),
        (
            "views/network.py",
            {"min_weight": "11"},
            "The link's min_weight is not a whole number from 1 to 10: '11'.",
        ),
        ("views/network.py", {"orgs": "maybe"}, "The link's orgs is not 1 or 0: 'maybe'."),
        (
            "views/people.py",
            {"who": "nobody"},
            "The link named a person who is not in the data: 'nobody'.",
        ),
        (
            "views/sources.py",
            {"doc": "../x"},
            "The link named an article that is not in the data: '../x'.",
        ),
        (
            "views/sources.py",
            {"who": "xi-jinping"},
            "The link has a setting this page does not use: 'who'.",
        ),
        (
            "views/map.py",
            {"view": "atlantis"},
            "The link's view is not one of story, apec, mexico, china: 'atlantis'.",
        ),
        ("views/map.py", {"basemap": "yes"}, "The link's basemap is not 1 or 0: 'yes'."),
    ],
)
def test_a_view_checks_its_own_link_parameters(page, params, fragment):
    at = run_app(params, page=page)
    assert fragment in "\n".join(t.value for t in at.text)
    # The address bar shows what the view uses, never the ignored value.
    assert all(param(at, name) != value for name, value in params.items())


def notice_text(at: AppTest) -> str:
    """The link notices on the page, "" when there are none."""
    if not any("ignored" in w.value for w in at.warning):
        return ""
    return "\n".join(t.value for t in at.text)


def test_a_link_notice_shows_once_on_the_page_it_opened():
    at = run_app({"who": "nobody"}, page="views/people.py")
    assert "The link named a person who is not in the data: 'nobody'." in notice_text(at)
    # Another interaction on the same page keeps it; another page never shows it.
    at.run()
    assert "nobody" in notice_text(at)
    at.switch_page("views/data.py").run()
    assert notice_text(at) == ""
    at.switch_page("views/people.py").run()
    assert notice_text(at) == ""


def test_a_filter_notice_belongs_to_the_page_the_link_opened():
    at = run_app({"person": "nobody,xi-jinping"}, page="views/network.py")
    assert "a person who is not in the data: 'nobody'" in notice_text(at)
    at.switch_page("views/overview.py").run()
    assert notice_text(at) == ""
    assert at.multiselect(key="filters.person").value == ["xi-jinping"]  # the rest applies


def test_a_link_notice_can_be_dismissed():
    at = run_app({"person": "nobody"})
    assert "nobody" in notice_text(at)
    at.button(key="link-notices.dismiss").click().run()
    assert notice_text(at) == ""
    at.run()
    assert notice_text(at) == ""


def test_reversed_dates_in_a_link_are_swapped_with_a_notice():
    from datetime import date

    at = run_app({"from": "2024-12-31", "to": "2024-01-01"})
    assert at.date_input(key="filters.from").value == date(2024, 1, 1)
    assert "reversed" in "\n".join(t.value for t in at.text)


@pytest.mark.parametrize("page", list(VIEWS)[:-1])
def test_an_empty_selection_shows_a_helpful_state_on_every_view(page):
    at = run_app({"person": "xi-jinping", "location": "aifa"}, page=page)
    assert any("Nothing matches these filters" in i.value for i in at.info)


def test_reset_clears_every_filter(dataset):
    at = run_app({"person": "xi-jinping", "topic": "migration", "from": "2023-01-01"})
    at.button[0].click().run()
    assert at.multiselect(key="filters.person").value == []
    assert at.date_input(key="filters.from").value is None
    assert metrics(at) == expected_metrics(dataset, Filters())
    assert "person" not in at.query_params


def test_each_view_offers_the_link_to_copy():
    at = run_app({"person": "xi-jinping"}, page="views/map.py")
    # In the read-only field beside the Copy link button (present.copy_link_html).
    assert any('value="?person=xi-jinping"' in h.proto.body for h in at.get("html"))


def test_network_view_controls_and_table():
    at = run_app(page="views/network.py")
    nodes = frame_with(at, "name", "weighted_degree", "betweenness")
    assert "Xi Jinping" in set(nodes["name"])
    assert (nodes["weighted_degree"].diff().dropna() <= 0).all()
    at.slider(key="network.min_weight").set_value(3).run()
    assert not at.exception
    assert param(at, "min_weight") == "3"
    assert len(at.download_button) == 5


def test_people_view_shows_card_events_and_mentions():
    at = run_app({"who": "ken-salazar"}, page="views/people.py")
    assert at.selectbox(key="people.person").value == "ken-salazar"
    assert at.subheader[0].value == "Ken Salazar"
    events = frame_with(at, "event", "role", "evidence")
    assert "Joe Biden–Andrés Manuel López Obrador meeting" in set(events["event"])
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "<mark" in html and "Ken Salazar" in html


def test_sources_view_highlights_names():
    at = run_app({"doc": "xinhua-xi-lopez-obrador-meeting"}, page="views/sources.py")
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert 'class="person" title="Xi Jinping">Xi Jinping</mark>' in html
    assert 'title="Andrés Manuel López Obrador">López</mark>' in html
    reported = frame_with(at, "event", "quote")
    assert "Xi Jinping–Andrés Manuel López Obrador meeting" in set(reported["event"])
    claims = frame_with(at, "speaker", "stance", "claim")
    assert "xi-jinping" not in set(claims["speaker"]) and "Xi Jinping" in set(claims["speaker"])


def test_data_view_has_a_download_for_every_table_and_the_zip(dataset):
    at = run_app(page="views/data.py")
    from dashboard.dataset import TABLE_NAMES

    labels = [b.label for b in at.download_button]
    assert labels[0].startswith("Download all tables")
    assert labels[1:] == [f"{name}.csv" for name in TABLE_NAMES]
    events = frame_with(at, "event_id", "start_date", "summary")
    assert len(events) == len(dataset.events)


def test_broken_data_shows_the_problems_and_about_still_works(monkeypatch, data_copy):
    (data_copy / "people.csv").write_text("", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "The data could not be loaded"
    assert "people.csv: file is empty" in at.code[0].value
    at.switch_page("views/about.py").run()
    assert not at.exception and at.title[0].value == "About this dashboard"


def test_map_view_names_its_kinds_and_lists_the_events_without_a_place(dataset):
    # Counted from the data (the curated events grow): events without a place, places drawn.
    no_place = int((dataset.events["location_id"] == "").sum())
    n_places = dataset.events.loc[dataset.events["location_id"] != "", "location_id"].nunique()
    assert no_place >= 12 and n_places >= 8
    at = run_app(page="views/map.py")
    legend = " ".join(h.proto.body for h in at.get("html"))
    for kind in ("bilateral meeting", "delegation visit", "political crisis"):
        assert kind in legend
    caption = " ".join(c.value for c in at.caption).replace("\\", "")
    assert f"{n_places} places;" in caption
    assert f"{no_place} selected event(s) are not drawn (no known place, or a place" in caption
    assert "listed below the map." in caption
    unplaced = frame_with(at, "title", "dates", "reason", "page")
    assert len(unplaced) == no_place and set(unplaced["reason"]) == {"the texts name no place"}
    assert "events?event=barcena-x-post-2023" in set(unplaced["page"])
    # The link and the dates first, so that a phone shows them beside the long titles.
    (table,) = [d for d in at.dataframe if "reason" in d.value.columns]
    assert list(table.proto.column_order) == ["page", "dates", "title", "reason"]
    # A link keeps the filters.
    at = run_app({"from": "2023-01-01"}, page="views/map.py")
    unplaced = frame_with(at, "title", "dates", "reason", "page")
    assert "events?from=2023-01-01&event=barcena-x-post-2023" in set(unplaced["page"])

    # The one event at mexico-city, and the visit it is part of (events.csv parent_event_id),
    # kept as a referenced row, at "mexico": two places, both in the first view.
    at = run_app({"location": "mexico-city"}, page="views/map.py")
    caption = " ".join(c.value for c in at.caption)
    assert "2 places;" in caption and "are not drawn" not in caption
    assert not [f for f in at.dataframe if "reason" in f.value.columns]


def test_map_view_lists_the_events_of_a_place_with_links_to_their_pages():
    at = run_app(page="views/map.py")
    assert at.selectbox(key="map.place").value is None
    at.selectbox(key="map.place").set_value("san-francisco").run()
    events = frame_with(at, "title", "kind", "dates", "summary")
    # Six events took place in San Francisco (data/events.csv), in date order, each with a
    # link to its page in the Events view.
    assert len(events) == 6
    assert events["title"].iloc[0] == "Xi Jinping–Joe Biden meeting"
    links = [p.proto for p in at.get("page_link") if p.proto.page == "events"]
    assert [link.label for link in links] == list(events["title"])


def test_map_start_view_and_street_basemap_travel_in_the_url():
    at = run_app({"view": "mexico", "basemap": "1"}, page="views/map.py")
    assert at.segmented_control(key="map.view").value == "mexico"
    assert at.toggle(key="map.basemap").value is True
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["mapProvider"] == "carto"
    assert spec["initialViewState"]["longitude"] == pytest.approx(-97.8)
    assert (param(at, "view"), param(at, "basemap")) == ("mexico", "1")
    # The defaults (the whole story, no street map) leave the URL.
    at.segmented_control(key="map.view").set_value("story").run()
    at.toggle(key="map.basemap").set_value(False).run()
    assert (param(at, "view"), param(at, "basemap")) == (None, None)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert "mapProvider" not in spec


@pytest.mark.parametrize("view_id", ["story", "apec", "mexico", "china"])
def test_map_view_start_views(view_id):
    at = run_app(page="views/map.py")
    at.segmented_control(key="map.view").set_value(view_id).run()
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["layers"][0]["id"] == "outlines"
    assert "mapProvider" not in spec


def network_time_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if " links among " in c.value)


def test_network_link_with_at_opens_the_network_as_of_that_month():
    # Hand count (tests/test_network_time.py): by the end of Nov 2023 the dated articles 000,
    # 002 and 004 name 12 people in 56 pairs; 003 is undated.
    at = run_app({"at": "2023-11"}, page="views/network.py")
    assert at.segmented_control(key="network.time").value == "play"
    assert at.select_slider(key="network.at").value == "2023-11"
    assert network_time_caption(at).startswith("Nov 2023: 56 links among 12 of 26 people")
    assert param(at, "at") == "2023-11" and param(at, "time") == "play"
    # The dated articles run from Nov 2023 (002) to Sep 2024 (001, which names no person).
    assert at.select_slider(key="network.at").options[0] == "Nov 2023"
    assert at.select_slider(key="network.at").options[-1] == "Sep 2024"
    at.select_slider(key="network.at").set_value("2024-09").run()
    assert network_time_caption(at).startswith("Sep 2024: 56 links among 12 of 26 people")
    assert param(at, "at") == "2024-09"
    at.segmented_control(key="network.tmode").set_value("window").run()
    assert network_time_caption(at).startswith("Sep 2024: 0 links among 0 of 26 people")


def test_network_time_window_mode_and_small_multiples():
    at = run_app({"at": "2024-09", "tmode": "window"}, page="views/network.py")
    # September 2024: only 001, which names no person.
    assert network_time_caption(at).startswith("Sep 2024: 0 links among 0 of 26 people")
    assert param(at, "tmode") == "window"
    at.segmented_control(key="network.time").set_value("multiples").run()
    assert not at.exception
    assert param(at, "time") == "multiples"
    assert len(at.multiselect(key="network.multiples").value) == 4


def test_network_malformed_at_is_a_notice():
    at = run_app({"at": "2023-13"}, page="views/network.py")
    assert at.segmented_control(key="network.time").value == "all"
    assert any("at" in w.value or "link" in w.value for w in at.warning)


def test_network_evidence_follows_the_time_position():
    # Trump and López Obrador are named together only in 002 (Latin Times, Nov 2023).
    at = run_app({"at": "2023-11", "pair": "donald-trump,lopez-obrador"}, page="views/network.py")
    assert any(c.value.startswith("1 shared article(s)") for c in at.caption)
    at.segmented_control(key="network.tmode").set_value("window").run()
    at.select_slider(key="network.at").set_value("2024-09").run()
    # In September 2024 nobody is linked: no evidence to show.
    assert not any("shared article" in c.value for c in at.caption)
    assert any(c.value.startswith("Sep 2024: 0 links") for c in at.caption)


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _links(at: AppTest) -> list[dict[str, str]]:
    """The query of every page link (Streamlit draws them as st.page_link elements)."""
    from urllib.parse import parse_qsl

    return [dict(parse_qsl(e.proto.query_string)) for e in at.get("page_link")]


def test_search_view_shows_ranked_passages_with_the_words_marked(dataset):
    at = run_app({"q": "customs"}, page="views/search.py")
    assert at.text_input(key="search.q").value == "customs"
    assert "2 passages in 2 articles" in "\n".join(c.value for c in at.caption)
    html = _html(at)
    # 001 (two hits in one paragraph) before 000 (one): see tests/test_search.py.
    assert html.index('<mark class="hit">Customs</mark>') < html.index(
        '<mark class="hit">customs</mark>'
    )
    assert html.count('<mark class="hit">') == 3
    assert _links(at) == [
        {"doc": "sre-press-release-341", "q": "customs", "hit": "0"},
        {"doc": "sf-xi-lopez-obrador-report", "q": "customs", "hit": "0"},
    ]
    assert [b.label for b in at.download_button] == ["Hits as CSV"]
    counts = frame_with(at, "article", "passages", "hits")
    assert list(counts["hits"]) == [2, 1]
    assert param(at, "q") == "customs"


def test_search_view_applies_the_sidebar_filters():
    at = run_app({"q": "customs", "person": "xi-jinping"}, page="views/search.py")
    assert "1 passage in 1 article." in "\n".join(c.value for c in at.caption)
    assert [link["doc"] for link in _links(at)] == ["sf-xi-lopez-obrador-report"]
    assert _links(at)[0]["person"] == "xi-jinping"  # the link keeps the filters


def test_search_view_pages_through_the_results():
    at = run_app({"q": "precurs*"}, page="views/search.py")  # 15 passages: pages of 10
    assert len(_links(at)) == 10 and "Page 1 of 2" in [c.value for c in at.caption]
    at.button(key="search.next").click().run()
    assert len(_links(at)) == 5 and param(at, "page") == "2"
    at.text_input(key="search.q").set_value("customs").run()  # a new query starts at page 1
    assert len(_links(at)) == 2 and param(at, "page") is None


@pytest.mark.parametrize(
    ("typed", "notice"),
    [
        ('"precursor chemicals', "A quote was not closed"),
        ("-china", "every word is excluded"),
        ("<script>alert(1)</script>", None),
        ("javascript:alert(1)", None),
    ],
)
def test_search_view_reads_a_malformed_query_with_a_notice(typed, notice):
    at = run_app({"q": typed}, page="views/search.py")
    warnings = "\n".join(w.value for w in at.warning)
    if notice:
        assert notice in warnings
    for md in [*at.markdown, *at.caption]:
        assert "<script>" not in md.value and "](javascript" not in md.value


def test_search_view_without_a_query_explains_the_syntax():
    at = run_app(page="views/search.py")
    assert at.table and "exact phrase" in at.table[0].value.to_string()
    assert not at.get("page_link")


def test_sources_marks_the_search_words_and_steps_through_them():
    at = run_app(
        {"doc": "sre-press-release-341", "q": "customs", "hit": "1"}, page="views/sources.py"
    )
    assert at.text_input(key="sources.q").value == "customs"
    html = _html(at)
    assert '<mark class="hit" id="pd-hit-0">Customs</mark>' in html
    assert '<mark class="hit current" id="pd-hit-1">Customs</mark>' in html
    assert 'getElementById("pd-hit-1")' in html  # scrolled into view
    assert any(c.value.startswith("Hit 2 of 2") for c in at.caption)
    at.button(key="sources.next_hit").click().run()
    assert '<mark class="hit current" id="pd-hit-0">Customs</mark>' in _html(at)
    assert param(at, "q") == "customs" and param(at, "hit") is None  # hit 0 is the default


def test_sources_marks_search_words_inside_the_names():
    at = run_app(
        {"doc": "xinhua-xi-lopez-obrador-meeting", "q": "jinping"}, page="views/sources.py"
    )
    html = _html(at)
    assert (
        '<mark class="person" title="Xi Jinping">Xi </mark><mark class="person" '
        'title="Xi Jinping"><mark class="hit current" id="pd-hit-0">Jinping</mark></mark>'
    ) in html
    at.text_input(key="sources.q").set_value("Manzanillo").run()
    assert "not in this article" in at.info[0].value and 'class="hit' not in _html(at)


def test_an_article_added_to_seeds_is_searchable_on_the_next_load(monkeypatch, seeds_copy):
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds_copy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["q"] = "Manzanillo"
    at.switch_page("views/search.py").run()
    assert "0 passages in 0 articles" in "\n".join(c.value for c in at.caption)
    (seeds_copy / "manzanillo.txt").write_text(
        "Port news\n\nInspectors at Manzanillo seized precursors.\n", "utf-8"
    )
    at.run()  # the folder changed: the next run loads it and indexes the new article
    assert not at.exception
    assert "1 passage in 1 article." in "\n".join(c.value for c in at.caption)
    assert '<mark class="hit">Manzanillo</mark>' in _html(at)
    assert _links(at)[0]["doc"] == "manzanillo"


# --- small ones (issue 13.8) ------------------------------------------------------------------


def test_sources_names_the_seeds_folder_in_use(monkeypatch, seeds_copy):
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(seeds_copy))
    at = run_app({"doc": "sre-press-release-341"}, page="views/sources.py")
    texts = [t.value for t in at.text]
    assert any(t.startswith(f"File {seeds_copy}/001_") for t in texts), texts


def test_network_says_when_only_the_weight_removed_every_link():
    # No pair of people shares ten articles: five seed articles, so the strongest weight is 5
    # or less; the filters keep everyone, so "no people match" would be wrong.
    at = run_app({"min_weight": "10"}, page="views/network.py")
    (info,) = [i.value for i in at.info]
    assert info.startswith("No two people share 10 or more units of this window")
    assert "Lower the minimum weight" in info


def test_map_counts_every_event_it_does_not_draw():
    from builders import table

    from dashboard import maps

    locations = table(
        "locations",
        {"location_id": "here", "name": "Here", "latitude": "19.4326", "longitude": "-99.1332"},
        {"location_id": "nowhere", "name": "Nowhere"},  # no coordinates
    )
    events = table(
        "events",
        {"event_id": "e1", "location_id": "here", "start_date": "2024-09-02",
         "end_date": "2024-09-02", "date_precision": "day"},
        {"event_id": "e2", "location_id": "here"},  # undated, at a place: drawn
        {"event_id": "e3", "location_id": "nowhere", "start_date": "2024-09-03",
         "end_date": "2024-09-03", "date_precision": "day"},  # a place without coordinates
        {"event_id": "e4", "location_id": ""},  # no place
    )  # fmt: skip
    places = maps.place_table(events, locations)
    assert maps.not_drawn(events, places) == 2
    assert "2 selected event(s) are not drawn" in maps.map_caption(places, 2)


def test_the_share_link_is_a_field_with_a_copy_button():
    at = run_app({"person": "xi-jinping"}, page="views/data.py")
    (field,) = [h.proto.body for h in at.get("html") if 'class="pd-share"' in h.proto.body]
    assert 'value="?person=xi-jinping"' in field and "Copy link" in field
    # No st.code: its copy button would load a 1.5 MB highlighter.
    assert not at.code


def test_network_weight_slider_runs_to_the_strongest_link():
    # Article window: López Obrador shares 3 of the 5 articles with Xi, with Biden and with
    # Nichols, and no pair shares more; sentence window: he and Xi share 4 sentences.
    at = run_app(page="views/network.py")
    slider = at.slider(key="network.min_weight")
    assert (slider.min, slider.max, slider.value) == (1, 3, 1)
    at.segmented_control(key="network.window").set_value("sentence").run()
    assert at.slider(key="network.min_weight").max == 4
    # A link's higher weight is kept, so the view can say that the weight removed every link.
    at = run_app({"min_weight": "10"}, page="views/network.py")
    assert at.slider(key="network.min_weight").max == 10


def test_long_quotes_are_offered_whole_below_their_table():
    import pandas as pd

    from dashboard import ui

    frame = pd.DataFrame({"id": ["a", "b"], "quote": ["short", "x" * 81], "n": [1, 2]})
    assert ui.long_columns(frame) == ["quote"]  # 81 characters: more than a cell shows
    assert ui.long_columns(frame.assign(quote=["short", "x" * 80])) == []
    at = run_app({"who": "lopez-obrador"}, page="views/people.py")
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Select a row to read its") and "quote" in c for c in captions)


def test_sources_says_how_to_cite_and_keeps_the_file_as_a_detail(dataset):
    from dashboard import present

    row = dataset.articles.set_index("article_id").loc["sre-press-release-341"]
    assert present.citation(row.to_dict()) == (
        "Secretaría de Relaciones Exteriores. “Governments of Mexico and People's Republic of "
        "China hold Second Meeting of the Working Group on Precursor Chemicals”. 6 Sep 2024. "
        "URL unknown."
    )
    untitled = dataset.articles.set_index("article_id").loc["sf-xi-lopez-obrador-report"]
    assert present.citation(untitled.to_dict()) == (
        "Publisher unknown. Untitled news report beginning “The presidents Xi Jinping and "
        "Andrés Manuel López Obrador…”, datelined SAN FRANCISCO. 17 Nov 2023 (inferred). "
        "URL unknown."
    )
    latin = dataset.articles.set_index("article_id").loc["latin-times-biden-lopez-obrador-preview"]
    assert present.citation(latin.to_dict()) == (
        "Latin Times. Untitled news report beginning “US President Joe Biden and his Mexican "
        "counterpart Andres…”. Nov 2023 (inferred). URL unknown."
    )
    undated = dataset.articles.set_index("article_id").loc["presidency-lopez-obrador-biden-meeting"]
    assert present.citation(undated.to_dict()) == (
        "Publisher unknown. “Presidents of Mexico and the United States reaffirm friendship and "
        "cooperation on shared issues”. Date unknown. URL unknown."
    )
    at = run_app({"doc": "sre-press-release-341"}, page="views/sources.py")
    texts = [t.value for t in at.text]
    assert present.citation(row.to_dict()) in texts
    assert any(e.label == "File" for e in at.expander)


def test_network_only_their_links_keeps_the_chosen_persons_edges():
    at = run_app({"person": "xi-jinping"}, page="views/network.py")
    nodes = next(f.value for f in at.dataframe if "name" in f.value.columns)
    at.toggle(key="network.ego").set_value(True).run()
    assert param(at, "ego") == "1"
    ego_nodes = next(f.value for f in at.dataframe if "name" in f.value.columns)
    # Xi's articles name people who are linked with each other; his own links are fewer.
    assert 0 < len(ego_nodes) <= len(nodes)
    assert "Xi Jinping" in set(ego_nodes["name"])
    # Every other node is linked to Xi: its degree in the ego network is 1.
    others = ego_nodes[ego_nodes["name"] != "Xi Jinping"]
    assert set(others["degree"]) == {1}
    assert int(ego_nodes.loc[ego_nodes["name"] == "Xi Jinping", "degree"].iloc[0]) == len(others)
    # Without a person filter there is no such switch.
    assert not [t for t in run_app(page="views/network.py").toggle if t.key == "network.ego"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-01", (date(2023, 11, 1), None)),
        ("2023-11-01 to 2023-11-30", (date(2023, 11, 1), date(2023, 11, 30))),
        (" 2023-11-01–2023-11-30 ", (date(2023, 11, 1), date(2023, 11, 30))),
        ("to 2024-09-06", (None, date(2024, 9, 6))),
        ("2023-13-01", None),
        ("1 Nov 2023", None),
        ("to", None),
    ],
)
def test_typed_dates_are_read(text, expected):
    from dashboard.ui import parse_typed_dates

    assert parse_typed_dates(text) == expected


def test_typed_dates_set_the_date_filters():
    at = run_app(page="views/data.py")
    at.text_input(key="filters.typed").input("2023-11-01 to 2023-11-30").run()
    assert at.date_input(key="filters.from").value == date(2023, 11, 1)
    assert at.date_input(key="filters.to").value == date(2023, 11, 30)
    assert param(at, "from") == "2023-11-01"
    at.text_input(key="filters.typed").input("soon").run()
    assert any("Not dates" in c.value for c in at.sidebar.caption)
    assert at.date_input(key="filters.from").value == date(2023, 11, 1)


def test_network_says_what_size_and_width_mean():
    at = run_app(page="views/network.py")
    (legend,) = [c.value for c in at.caption if c.value.startswith("Circle size")]
    assert "Line width: how many units they share, a step wider each time it doubles" in legend


def test_people_claims_link_to_their_quote_in_sources(dataset):
    from urllib.parse import parse_qs, urlsplit

    at = run_app({"who": "lopez-obrador"}, page="views/people.py")
    claims = frame_with(at, "stance", "quote", "in_sources")
    assert len(claims) == 22  # claims.csv rows with speaker lopez-obrador
    for quote, link in zip(claims["quote"], claims["in_sources"], strict=True):
        page, _, query = link.partition("?")
        params = parse_qs(query)
        assert page == "sources" and set(params) == {"doc", "quote"}
        text = dataset.texts[params["doc"][0]]
        start, end = (int(p) for p in params["quote"][0].split("-"))
        assert text[start:end] == quote  # the link marks exactly the claim's verbatim quote
    assert urlsplit(claims["in_sources"].iloc[0]).path == "sources"


def test_the_data_view_draws_at_most_5000_rows_of_a_table_and_says_so(monkeypatch, tmp_path):
    # 150 seed-like articles name people and organizations well over 5,000 times: the
    # mentions tab draws the first 5,000 rows (every tab is sent at each run), the CSV has all.
    from benchmarks.corpus import make_corpus
    from dashboard.dataset import load_dataset

    corpus = make_corpus(tmp_path / "seeds", 150)
    total = len(load_dataset(None, corpus).mentions)
    assert total > 5_000
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(corpus))
    at = run_app(page="views/data.py")
    mentions = frame_with(at, "entity_id", "start", "end", "sentence")
    assert len(mentions) == 5_000
    assert f"The first 5,000 of {total:,} rows; the CSV below has them all." in [
        c.value for c in at.caption
    ]
    small = frame_with(at, "event_id", "title", "start_date")  # 36 events: drawn whole
    assert len(small) == 36


def test_the_data_spans_from_1972_to_september_2024(dataset):
    from dashboard.dataset import data_span

    # Hand-read from data/: the oldest event is of year precision in 1972 (diplomatic ties);
    # the newest dates are the SRE press release and the meeting it reports, 6 Sep 2024.
    assert data_span(dataset) == (date(1972, 1, 1), date(2024, 9, 6))


@pytest.mark.parametrize(
    ("chosen", "bounds"),
    [
        ((None, None), (date(2023, 11, 1), date(2024, 9, 6))),
        ((date(2024, 1, 1), None), (date(2023, 11, 1), date(2024, 9, 6))),
        ((date(2020, 5, 1), date(2025, 1, 31)), (date(2020, 5, 1), date(2025, 1, 31))),
    ],
)
def test_calendar_bounds_are_the_data_widened_to_chosen_dates(chosen, bounds):
    from dashboard.filters import EARLIEST, LATEST
    from dashboard.ui import calendar_bounds

    assert calendar_bounds((date(2023, 11, 1), date(2024, 9, 6)), *chosen) == bounds
    assert calendar_bounds(None, *chosen) == (EARLIEST, LATEST)


def test_the_calendars_cover_the_data_and_start_empty():
    at = run_app(page="views/data.py")
    for name in ("from", "to"):
        widget = at.date_input(key=f"filters.{name}")
        assert widget.value is None  # no date filter unless one is asked for
        assert (widget.proto.min, widget.proto.max) == ("1972-01-01", "2024-09-06")
    assert at.caption[0].value.startswith("No filters")


def test_a_link_date_outside_the_data_is_kept():
    at = run_app({"from": "1950-01-01", "to": "2030-06-30"}, page="views/data.py")
    assert at.date_input(key="filters.from").value == date(1950, 1, 1)
    assert at.date_input(key="filters.to").value == date(2030, 6, 30)
    assert param(at, "from") == "1950-01-01" and param(at, "to") == "2030-06-30"
    at.text_input(key="filters.typed").input("1960-01-01").run()
    assert at.date_input(key="filters.from").value == date(1960, 1, 1)


# What each real article is called, written out by hand from data/articles.csv and the first
# lines of its text in seeds/.
REAL_LABELS = {
    "sf-xi-lopez-obrador-report": (
        "SAN FRANCISCO, 17 Nov 2023 — “The presidents Xi Jinping and Andrés Manuel López Obrador…”"
    ),
    "sre-press-release-341": (
        "Governments of Mexico and People's Republic of China hold Second Meeting of the Working "
        "Group on Precursor Chemicals"
    ),
    "latin-times-biden-lopez-obrador-preview": (
        "Latin Times, Nov 2023 — “US President Joe Biden and his Mexican counterpart Andres…”"
    ),
    "presidency-lopez-obrador-biden-meeting": (
        "Presidents of Mexico and the United States reaffirm friendship and cooperation on shared "
        "issues"
    ),
    "xinhua-xi-lopez-obrador-meeting": (
        "EXTENSION: Xi calls for expanding China Mexico cooperation in finance, electric vehicles"
    ),
}


def test_every_real_article_has_a_readable_label(dataset):
    from dashboard.present import article_titles

    labels = article_titles(dataset.articles)
    assert labels == REAL_LABELS
    assert not any(".txt" in label for label in labels.values())


def test_sources_lists_articles_by_label_and_keeps_the_file_as_a_detail():
    at = run_app({"doc": "latin-times-biden-lopez-obrador-preview"}, page="views/sources.py")
    picker = at.selectbox(key="sources.article")
    assert sorted(picker.options) == sorted(REAL_LABELS.values())
    assert picker.value == "latin-times-biden-lopez-obrador-preview"
    shown = [t.value for t in at.text]
    assert any(
        t.startswith("Latin Times. Untitled news report beginning “US President") for t in shown
    )
    # The seed file's name only inside the File detail.
    (detail,) = [e for e in at.expander if e.label == "File"]
    assert "002_44481d8df4915566.txt" in detail.text[0].value
    outside = [t for t in shown if t not in {x.value for x in detail.text}]
    assert not any("002_44481d8df4915566" in t for t in outside)
