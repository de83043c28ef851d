"""Map tables and the pydeck map, on small hand-made tables and on the real data."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from builders import HOSTILE, table

from dashboard.colours import event_kind_color, event_kind_rgba, hex_to_rgb, shade
from dashboard.maps import (
    ARC_COLUMNS,
    DEFAULT_VIEW,
    EVENT_COLUMNS,
    OUTLINES_PATH,
    PLACE_COLUMNS,
    SINGLE_POINT_ZOOM,
    START_VIEWS,
    TOOLTIP,
    UNPLACED_COLUMNS,
    country_labels,
    event_map,
    event_page,
    journey_arcs,
    kind_legend_html,
    kind_rgba,
    load_outlines,
    place_events,
    place_table,
    unplaced_events,
    visible_labels,
)
from dashboard.vegalite import timeline_spec

REPO = Path(__file__).resolve().parent.parent
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def event(event_id: str, start: str = "", location_id: str = "", **fields: str) -> dict[str, str]:
    """An events row as validation allows it: a dated event has its end, precision and basis
    (one day unless given), an undated one none of them."""
    defaults = {
        "title": f"Event {event_id}",
        "kind": "working meeting",
        "end_date": start,
        "date_precision": "day" if start else "",
        "date_basis": "stated" if start else "",
    }
    return {
        **defaults,
        "event_id": event_id,
        "start_date": start,
        "location_id": location_id,
        **fields,
    }


def place(location_id: str, name: str, lat: str, lon: str, **fields: str) -> dict[str, str]:
    return {
        "location_id": location_id,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "kind": "city",
        "country": "MEX",
        **fields,
    }


LOCATIONS = table(
    "locations",
    place("veracruz", "Veracruz", "19.1738", "-96.1342", kind="port"),
    place("aifa", "Felipe Ángeles International Airport", "19.7456", "-99.0166", kind="airport"),
    place("cdmx", "Mexico City", "19.4326", "-99.1332"),
    place("beijing", "Beijing", "39.9042", "116.4074", country="CHN"),
    place("nowhere", "No coordinates", "", ""),
)


@pytest.fixture
def visit_events() -> pd.DataFrame:
    """A delegation visit whose children are listed out of order, plus noise."""
    return visit_events_table()


def visit_events_table() -> pd.DataFrame:
    """The events of the visit_events fixture."""
    return table(
        "events",
        event(
            "visit",
            "2024-09-02",
            "cdmx",
            kind="delegation visit",
            title="Chinese delegation",
            end_date="2024-09-06",
        ),
        event("v-cdmx", "2024-09-06", "cdmx", parent_event_id="visit"),
        event("v-veracruz", "2024-09-03", "veracruz", parent_event_id="visit", kind="site visit"),
        event("v-aifa", "2024-09-05", "aifa", parent_event_id="visit", kind="site visit"),
        # A second event at the same airport is a stay, not another leg.
        event("v-aifa-2", "2024-09-05", "aifa", parent_event_id="visit", kind="site visit"),
        event("v-unplaced", "2024-09-04", "", parent_event_id="visit"),
        event("v-undated", "", "beijing", parent_event_id="visit"),
        # Children of something that is not a visit make no journey.
        event("summit", "2023-11-15", "beijing", kind="summit"),
        event("s-child", "2023-11-16", "cdmx", parent_event_id="summit"),
        event("s-child-2", "2023-11-17", "beijing", parent_event_id="summit"),
    )


# --- places -----------------------------------------------------------------------------------


def test_place_table_counts_events_per_place(visit_events: pd.DataFrame) -> None:
    places = place_table(visit_events, LOCATIONS).set_index("location_id")
    assert list(place_table(visit_events, LOCATIONS).columns) == PLACE_COLUMNS
    assert places["events"].to_dict() == {"aifa": 2, "beijing": 3, "cdmx": 3, "veracruz": 1}
    assert places.loc["veracruz", "latitude"] == pytest.approx(19.1738)
    assert places.loc["veracruz", "longitude"] == pytest.approx(-96.1342)
    assert places["latitude"].dtype == float
    assert (
        places.loc["cdmx", "radius"]
        > places.loc["aifa", "radius"]
        > places.loc["veracruz", "radius"]
    )
    # Pixels: 5 + 4 * sqrt(events).
    assert places.loc["veracruz", "radius"] == 9.0
    assert places.loc["cdmx", "radius"] == pytest.approx(5 + 4 * math.sqrt(3), abs=0.05)


def test_place_table_skips_places_without_events_or_coordinates() -> None:
    events = table("events", event("e1", "2024-01-01", "nowhere"), event("e2", "", "cdmx"))
    places = place_table(events, LOCATIONS)
    assert list(places["location_id"]) == ["cdmx"]
    assert places.loc[0, "dates"] == "unknown"
    empty = place_table(table("events"), LOCATIONS)
    assert empty.empty and list(empty.columns) == PLACE_COLUMNS


def test_place_table_main_kind_colour_and_dates(visit_events: pd.DataFrame) -> None:
    places = place_table(visit_events, LOCATIONS).set_index("location_id")
    assert places.loc["aifa", "main_kind"] == "site visit"
    # cdmx: one delegation visit, two working meetings.
    assert places.loc["cdmx", "main_kind"] == "working meeting"
    # In the shade that reads on the light base (the timeline's too); the dark base has its own.
    assert places.loc["cdmx", "color"][:3] == hex_to_rgb(shade(event_kind_color("working meeting")))
    # The pale blue is darkened on white, kept as it is on the dark background.
    dark = place_table(visit_events, LOCATIONS, base="dark").set_index("location_id")
    pale = hex_to_rgb(event_kind_color("working meeting"))
    assert dark.loc["cdmx", "color"][:3] == pale != places.loc["cdmx", "color"][:3]
    assert places.loc["veracruz", "dates"] == "3 Sep 2024"
    # The list is in date order and carries each event's date text.
    assert places.loc["cdmx", "event_list"].split("\n") == [
        "Event s-child (16 Nov 2023)",
        "Chinese delegation (2–6 Sep 2024)",
        "Event v-cdmx (6 Sep 2024)",
    ]


def test_place_table_dates_span_first_to_last(visit_events: pd.DataFrame) -> None:
    places = place_table(visit_events, LOCATIONS).set_index("location_id")
    assert places.loc["cdmx", "dates"] == "16 Nov 2023 – 6 Sep 2024"


@pytest.mark.parametrize(
    "kind",
    [
        "site visit",
        "summit",
        "press conference",
        "",
    ],
)
def test_map_and_timeline_share_kind_colours(kind: str) -> None:
    events = table("events", event("e1", "2024-09-05", "aifa", kind=kind))
    places = place_table(events, LOCATIONS)
    spec = timeline_spec(events, LOCATIONS, table("event_sources"), table("articles"))
    ((row,), scale) = spec["data"]["values"], spec["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    # Both in the shade that reads on the page (colours.shade): the map has no dark basemap.
    assert places.loc[0, "color"][:3] == hex_to_rgb(colours[row["kind"]])
    assert colours[row["kind"]] == shade(event_kind_color(kind))


def test_place_table_keeps_data_text_as_plain_text() -> None:
    # Tooltips are text tooltips (innerText): escaping here would show "&lt;" to the reader.
    locations = table("locations", place("bad", HOSTILE, "19.0", "-99.0"))
    events = table(
        "events",
        event("e1", "2024-09-05", "bad", title=HOSTILE),
        event("e2", HOSTILE, "bad", title="Plain"),
    )
    row = place_table(events, locations).iloc[0]
    assert row["name"] == row["label"] == HOSTILE
    assert row["event_list"].split("\n") == [f"{HOSTILE} (5 Sep 2024)", f"Plain ({HOSTILE})"]
    assert row["tooltip"].split("\n") == [
        HOSTILE,
        "5 Sep 2024",
        "2 events:",
        f"• {HOSTILE} (5 Sep 2024)",
        f"• Plain ({HOSTILE})",
    ]
    assert "&lt;" not in row["tooltip"] and "<br" not in row["tooltip"]


def test_tooltip_of_one_event_has_no_count_and_keeps_apostrophes() -> None:
    events = table("events", event("e1", "2024-09-05", "aifa", title="Leaders' photo"))
    (tooltip,) = place_table(events, LOCATIONS)["tooltip"]
    assert (
        tooltip == "Felipe Ángeles International Airport\n5 Sep 2024\nLeaders' photo (5 Sep 2024)"
    )


def test_approximate_places_are_rings_with_a_mark_and_a_note() -> None:
    locations = table(
        "locations",
        place("mx", "Mexico", "23.6", "-102.5", kind="country"),
        place("gro", "Guerrero", "17.4", "-99.5", kind="region"),
        place("cdmx", "Mexico City", "19.4", "-99.1"),
    )
    events = table(
        "events",
        event("e1", "2024-01-01", "mx", kind="summit"),
        event("e2", "2024-01-02", "gro", kind="disaster"),
        event("e3", "2024-01-03", "cdmx", kind="summit"),
    )
    places = place_table(events, locations).set_index("location_id")
    assert places["approximate"].to_dict() == {"cdmx": False, "gro": True, "mx": True}
    assert places.loc["mx", "label"] == "≈ Mexico"
    assert places.loc["cdmx", "label"] == "Mexico City"
    # A ring: pale fill, the kind's own colour as the outline.
    summit = event_kind_rgba("summit")
    assert places.loc["mx", "color"] == [*summit[:3], 70]
    assert places.loc["mx", "line_color"] == [*summit[:3], 255]
    assert places.loc["cdmx", "color"] == summit
    assert places.loc["gro", "tooltip"].endswith(
        "Approximate place: the texts name only the region; drawn at its centre."
    )
    assert "Approximate" not in places.loc["cdmx", "tooltip"]


# --- events listed under the map --------------------------------------------------------------


def test_unplaced_events_say_why_in_date_order() -> None:
    events = table(
        "events",
        event("undated", "", ""),
        event("later", "2024-09", "", date_precision="month"),
        event("earlier", "2023", "", date_precision="year"),
        event("no-coordinates", "2024-01-05", "nowhere"),
        event("unknown-place", "2024-02-01", "atlantis"),
        event("placed", "2024-09-05", "aifa"),
    )
    unplaced = unplaced_events(events, LOCATIONS)
    assert list(unplaced.columns) == UNPLACED_COLUMNS
    assert unplaced.values.tolist() == [
        ["earlier", "Event earlier", "2023", "the texts name no place", "events?event=earlier"],
        ["no-coordinates", "Event no-coordinates", "5 Jan 2024",
         "its place (No coordinates) has no coordinates", "events?event=no-coordinates"],
        ["unknown-place", "Event unknown-place", "1 Feb 2024",
         "its place (atlantis) is not in the locations table", "events?event=unknown-place"],
        ["later", "Event later", "Sep 2024", "the texts name no place", "events?event=later"],
        ["undated", "Event undated", "unknown", "the texts name no place", "events?event=undated"],
    ]  # fmt: skip


def test_unplaced_events_of_the_real_data(dataset) -> None:
    unplaced = unplaced_events(dataset.events, dataset.locations)
    # Counted from data/events.csv itself (the curated data grows): no location_id, no place.
    with open(REPO / "data" / "events.csv", encoding="utf-8", newline="") as f:
        no_place = sorted(row["event_id"] for row in csv.DictReader(f) if not row["location_id"])
    assert sorted(unplaced["event_id"]) == no_place and len(no_place) >= 12
    assert set(unplaced["reason"]) == {"the texts name no place"}


def test_place_events_link_each_event_page_in_date_order(visit_events: pd.DataFrame) -> None:
    here = place_events(visit_events[visit_events["location_id"] == "cdmx"])
    assert list(here.columns) == EVENT_COLUMNS
    assert list(here["event_id"]) == ["s-child", "visit", "v-cdmx"]
    assert list(here["dates"]) == ["16 Nov 2023", "2–6 Sep 2024", "6 Sep 2024"]
    assert list(here["page"]) == [
        "events?event=s-child", "events?event=visit", "events?event=v-cdmx",
    ]  # fmt: skip
    odd = place_events(table("events", event("a b&c", "2024-01-01", "cdmx")))
    assert odd.loc[0, "page"] == "events?event=a%20b%26c"
    assert event_page("e1", {"person": "a,b", "from": "2023-11-01"}) == (
        "events?person=a,b&from=2023-11-01&event=e1"
    )


# --- journeys ---------------------------------------------------------------------------------


def test_journey_arcs_follow_the_visit_in_date_order(visit_events: pd.DataFrame) -> None:
    arcs = journey_arcs(visit_events, LOCATIONS)
    assert list(arcs.columns) == ARC_COLUMNS
    assert list(zip(arcs["from_id"], arcs["to_id"], strict=True)) == [
        ("veracruz", "aifa"),
        ("aifa", "cdmx"),
    ]
    assert set(arcs["parent_event_id"]) == {"visit"}
    first = arcs.iloc[0]
    assert (first["from_lon"], first["from_lat"]) == (-96.1342, 19.1738)
    assert (first["to_lon"], first["to_lat"]) == (-99.0166, 19.7456)
    assert first["label"] == "Chinese delegation: Veracruz → Felipe Ángeles International Airport"


def test_journey_arcs_need_two_places() -> None:
    events = table(
        "events",
        event("visit", "2024-09-02", kind="delegation visit"),
        event("only", "2024-09-03", "cdmx", parent_event_id="visit"),
    )
    assert journey_arcs(events, LOCATIONS).empty
    assert list(journey_arcs(table("events"), LOCATIONS).columns) == ARC_COLUMNS


def test_journey_label_is_plain_text() -> None:
    events = table(
        "events",
        event("visit", "2024-09-02", kind="delegation visit", title=HOSTILE),
        event("a", "2024-09-03", "cdmx", parent_event_id="visit"),
        event("b", "2024-09-04", "veracruz", parent_event_id="visit"),
    )
    (label,) = journey_arcs(events, LOCATIONS)["label"]
    assert label == f"{HOSTILE}: Mexico City → Veracruz"


# --- the deck ---------------------------------------------------------------------------------


def deck_json(deck: Any) -> dict[str, Any]:
    return json.loads(deck.to_json())


def tooltip_of(deck: Any) -> dict[str, Any]:
    """The tooltip st.pydeck_chart sends, found where Streamlit looks for it."""
    widget = getattr(deck, "deck_widget", None)
    return widget.tooltip if widget is not None else deck._tooltip


def layer_ids(deck: Any) -> list[str]:
    return [layer["id"] for layer in deck_json(deck)["layers"]]


def test_event_map_layers(visit_events: pd.DataFrame) -> None:
    places = place_table(visit_events, LOCATIONS)
    deck = event_map(places, journey_arcs(visit_events, LOCATIONS))
    layers = {layer["id"]: layer for layer in deck_json(deck)["layers"]}
    # Drawn bottom to top: outlines, journeys, circles, their names.
    assert list(layers) == ["outlines", "journeys", "places", "place-labels"]
    assert layers["outlines"]["@@type"] == "GeoJsonLayer"
    assert len(layers["outlines"]["data"]["features"]) == len(load_outlines()["features"])
    assert layers["outlines"]["filled"] is True and layers["outlines"]["pickable"] is False
    assert layers["places"]["@@type"] == "ScatterplotLayer"
    assert layers["places"]["pickable"] is True
    assert layers["places"]["radiusUnits"] == "pixels"
    assert layers["journeys"]["@@type"] == "ArcLayer"
    assert layers["journeys"]["pickable"] is False
    assert len(layers["places"]["data"]) == 4
    assert len(layers["journeys"]["data"]) == 2
    assert layers["place-labels"]["@@type"] == "TextLayer"
    # Non-ASCII names ("Ángeles", "≈") need deck.gl's automatic character set.
    assert layers["place-labels"]["characterSet"] == "auto"


def test_event_map_requests_no_basemap_unless_asked(visit_events: pd.DataFrame) -> None:
    places, arcs = place_table(visit_events, LOCATIONS), journey_arcs(visit_events, LOCATIONS)
    offline = event_map(places, arcs)
    assert offline.map_provider is None
    text = offline.to_json()
    assert "carto" not in text.lower() and "mapbox" not in text.lower()
    assert "http" not in text
    online = event_map(places, arcs, street_basemap=True)
    assert online.map_provider == "carto"
    (outlines,) = [layer for layer in deck_json(online)["layers"] if layer["id"] == "outlines"]
    # Drawn over the street map too, so the map still reads should its tiles fail.
    assert outlines["filled"] is True and outlines["stroked"] is True


def test_event_map_json_is_compact(dataset) -> None:
    places = place_table(dataset.events, dataset.locations)
    text = event_map(places, journey_arcs(dataset.events, dataset.locations)).to_json()
    # pydeck's own JSON is indented and about 2.3 MB with the outlines.
    assert "\n" not in text and len(text) < 1.3 * OUTLINES_PATH.stat().st_size


def test_tooltip_shows_one_plain_text_field(dataset) -> None:
    places = place_table(dataset.events, dataset.locations)
    deck = event_map(places, journey_arcs(dataset.events, dataset.locations))
    assert TOOLTIP == {"text": "{tooltip}"}
    assert tooltip_of(deck)["text"] == "{tooltip}"
    assert "html" not in tooltip_of(deck)
    # The defect: San Francisco's hover showed "<br/>" and "&#39;" as text.
    (san_francisco,) = places.loc[places["location_id"] == "san-francisco", "tooltip"]
    assert "30th APEC Economic Leaders' Meeting, San Francisco" in san_francisco
    assert "&#39;" not in san_francisco and "<br" not in san_francisco
    assert san_francisco.startswith("San Francisco\n") and san_francisco.count("\n• ") == 6


def test_event_map_without_arcs_has_only_places() -> None:
    events = table("events", event("e1", "2024-09-05", "aifa"))
    deck = event_map(place_table(events, LOCATIONS), journey_arcs(events, LOCATIONS))
    assert layer_ids(deck) == ["outlines", "places", "place-labels"]
    view = deck_json(deck)["initialViewState"]
    assert view["zoom"] == SINGLE_POINT_ZOOM
    assert view["latitude"] == pytest.approx(19.7456)


def test_event_map_empty_shows_the_outlines_centred_on_north_america() -> None:
    deck = event_map(
        place_table(table("events"), LOCATIONS), journey_arcs(table("events"), LOCATIONS)
    )
    data = deck_json(deck)
    assert [layer["id"] for layer in data["layers"]] == ["outlines"]
    view = data["initialViewState"]
    assert (view["latitude"], view["longitude"]) == (
        DEFAULT_VIEW["latitude"],
        DEFAULT_VIEW["longitude"],
    )


def test_event_map_view_fits_all_points(visit_events: pd.DataFrame) -> None:
    deck = event_map(place_table(visit_events, LOCATIONS), journey_arcs(visit_events, LOCATIONS))
    view = deck_json(deck)["initialViewState"]
    # Mexico City to Beijing spans most of the globe: a world-scale zoom, centred between them.
    assert view["zoom"] < 2
    assert -96.2 < view["longitude"] < 116.4
    mexico = table("events", event("e1", "2024-09-03", "veracruz"), event("e2", "", "cdmx"))
    local = deck_json(event_map(place_table(mexico, LOCATIONS), journey_arcs(mexico, LOCATIONS)))
    assert local["initialViewState"]["zoom"] > 5


@pytest.mark.parametrize(
    ("view_id", "longitude", "latitude", "lowest", "highest"),
    [
        ("apec", -122.42, 37.775, 6.0, 7.5),
        ("mexico", -97.8, 19.5, 6.0, 7.5),
        ("china", 104.25, 35.75, 2.5, 3.5),
    ],
)
def test_start_views_open_on_their_place(dataset, view_id, longitude, latitude, lowest, highest):
    places = place_table(dataset.events, dataset.locations)
    deck = event_map(places, journey_arcs(dataset.events, dataset.locations), view_id=view_id)
    view = deck_json(deck)["initialViewState"]
    assert view["longitude"] == pytest.approx(longitude, abs=0.01)
    assert view["latitude"] == pytest.approx(latitude, abs=0.01)
    assert lowest < view["zoom"] < highest


def test_whole_story_view_holds_every_place(dataset) -> None:
    places = place_table(dataset.events, dataset.locations)
    for view_id in ("story", "no-such-view"):
        deck = event_map(places, journey_arcs(dataset.events, dataset.locations), view_id=view_id)
        view = deck_json(deck)["initialViewState"]
        # From San Francisco (-122.4) to China's centroid (104.2): the whole world.
        assert view["longitude"] == pytest.approx((-122.4194 + 104.1954) / 2, abs=0.01)
        assert view["zoom"] < 1.5
    assert list(START_VIEWS) == ["story", "apec", "mexico", "china"]


# --- labels -----------------------------------------------------------------------------------


def test_labels_that_would_overlap_are_left_out() -> None:
    locations = table(
        "locations",
        place("cdmx", "Mexico City", "19.4326", "-99.1332"),
        place("aifa", "AIFA", "19.7456", "-99.0158"),
        place("veracruz", "Veracruz", "19.2050", "-96.1330"),
    )
    events = table(
        "events",
        event("a", "2024-01-01", "cdmx"),
        event("b", "2024-01-02", "cdmx"),
        event("c", "2024-01-03", "aifa"),
        event("d", "2024-01-04", "veracruz"),
    )
    places = place_table(events, locations)
    no_countries = pd.DataFrame(columns=["country_id", "label", "longitude", "latitude"])
    # Zoomed out to the world the three are a few pixels apart: the busiest is named first,
    # left of its circle as Veracruz's circle is in the way on its right; Veracruz's name fits
    # on its right; AIFA's fits on neither side.
    assert visible_labels(places, no_countries, 1.0) == ({"cdmx": "end", "veracruz": "start"}, [])
    # At the Mexico view's zoom (about 6.6) AIFA is ~45 px north of Mexico City: all named.
    shown, _ = visible_labels(places, no_countries, 6.6)
    assert shown == {"cdmx": "start", "aifa": "start", "veracruz": "start"}


def test_country_names_give_way_to_place_names(dataset) -> None:
    names = country_labels(load_outlines(), dataset.countries)
    assert len(names) == len(dataset.countries) >= 10  # every country of data/countries.csv
    assert names.set_index("country_id").loc["USA", "label"] == "United States"
    places = place_table(dataset.events, dataset.locations)
    _, countries = visible_labels(places, names, 1.0)
    # China and Peru are places themselves (≈ China, ≈ Peru) and keep those names.
    assert "CHN" not in countries and "PER" not in countries
    assert {"CAN", "IND", "CHL"} <= set(countries)


def test_kind_legend_lists_the_colours_of_the_circles_escaped() -> None:
    locations = table("locations", place("bad", "Bad", "19.0", "-99.0"))
    events = table("events", event("e1", "2024-09-05", "bad", kind=HOSTILE))
    legend = kind_legend_html(place_table(events, locations))
    assert ESCAPED in legend and "<script" not in legend and "<img" not in legend
    r, g, b, _ = kind_rgba(HOSTILE)
    assert f"rgb({r},{g},{b})" in legend
    places = place_table(visit_events_table(), LOCATIONS)
    legend = kind_legend_html(places)
    kinds = sorted(set(places["main_kind"]))
    assert legend.count("rgb(") == len(kinds) > 1  # one entry per colour on the map
    assert [legend.index(f">{k}</span>") for k in kinds] == sorted(
        legend.index(f">{k}</span>") for k in kinds
    )
    assert "approximate" not in legend


def test_kind_legend_explains_the_ring_when_a_place_is_approximate(dataset) -> None:
    legend = kind_legend_html(place_table(dataset.events, dataset.locations))
    assert "≈ approximate (a country or region)" in legend


def test_deck_json_has_data_text_only_as_json_strings() -> None:
    locations = table(
        "locations", place("bad", HOSTILE, "19.0", "-99.0"), place("bad2", HOSTILE, "20.0", "-98.0")
    )
    events = table(
        "events",
        event("visit", "2024-09-02", kind="delegation visit", title=HOSTILE),
        event("a", "2024-09-03", "bad", parent_event_id="visit", title=HOSTILE, kind=HOSTILE),
        event("b", "2024-09-04", "bad2", parent_event_id="visit", title=HOSTILE),
    )
    deck = event_map(place_table(events, locations), journey_arcs(events, locations))
    layers = {layer["id"]: layer for layer in deck_json(deck)["layers"]}
    # The hostile text reaches deck.gl only as data: a label (drawn on the canvas) and the
    # text tooltip (set with innerText); never in the tooltip template.
    assert {row["label"] for row in layers["place-labels"]["data"]} <= {HOSTILE}
    assert layers["places"]["data"][0]["tooltip"].startswith(HOSTILE + "\n")
    assert tooltip_of(deck)["text"] == "{tooltip}"


# --- the real data ----------------------------------------------------------------------------


def test_real_data_map_builds(dataset: Any) -> None:
    places = place_table(dataset.events, dataset.locations)
    arcs = journey_arcs(dataset.events, dataset.locations)
    deck = deck_json(event_map(places, arcs, dataset.countries))
    located = dataset.events["location_id"].isin(set(places["location_id"]))
    assert places["events"].sum() == located.sum()
    ids = [layer["id"] for layer in deck["layers"]]
    # Mexico, China and Peru are places that are whole countries: tinted in their outlines.
    assert ids == [
        "outlines", "approximate-areas", "journeys", "country-labels", "places", "place-labels",
    ]  # fmt: skip
    (areas,) = [layer for layer in deck["layers"] if layer["id"] == "approximate-areas"]
    assert sorted(f["properties"]["iso_a3"] for f in areas["data"]["features"]) == [
        "CHN", "MEX", "PER",
    ]  # fmt: skip


def test_the_map_takes_the_theme_base_colours(visit_events: pd.DataFrame) -> None:
    from dashboard.colours import MAP_LAND, MAP_PLACE_TEXT, MAP_TEXT_BOX

    places = place_table(visit_events, LOCATIONS)
    arcs = journey_arcs(visit_events, LOCATIONS)
    for base in ("light", "dark"):
        layers = {
            layer["id"]: layer for layer in deck_json(event_map(places, arcs, base=base))["layers"]
        }
        assert layers["outlines"]["getFillColor"] == MAP_LAND[base]
        assert layers["place-labels"]["getBackgroundColor"] == MAP_TEXT_BOX[base]
        assert layers["place-labels"]["getColor"] == MAP_PLACE_TEXT[base]
    # By hand: on dark, an opaque dark grey land and names in near-white on a dark box.
    assert MAP_LAND["dark"] == [34, 36, 40, 255]
    assert MAP_PLACE_TEXT["dark"][:3] == [250, 250, 250]
