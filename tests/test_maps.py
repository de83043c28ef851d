"""Map tables and the pydeck map, on small hand-made tables and on the real data."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pandas as pd
import pytest
from builders import HOSTILE, table

from dashboard.colours import event_kind_color, event_kind_rgba, hex_to_rgb, shade
from dashboard.maps import (
    ARC_COLUMNS,
    DEFAULT_VIEW,
    PLACE_COLUMNS,
    SINGLE_POINT_ZOOM,
    TOOLTIP_HTML,
    event_map,
    in_first_view,
    journey_arcs,
    kind_legend_html,
    place_table,
)
from dashboard.vegalite import timeline_spec

ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"


def event(event_id: str, start: str = "", location_id: str = "", **fields: str) -> dict[str, str]:
    defaults = {"title": f"Event {event_id}", "kind": "working meeting", "date_precision": "day"}
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
    assert places.loc["veracruz", "radius"] == pytest.approx(20_000 + 30_000 * math.sqrt(1))


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
    assert places.loc["cdmx", "color"][:3] == hex_to_rgb(event_kind_color("working meeting"))
    assert places.loc["veracruz", "dates"] == "3 Sep 2024"
    # The list is in date order and carries each event's date text.
    assert places.loc["cdmx", "event_list"].split("<br/>") == [
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
    # The same hue; the timeline draws it in the shade that reads on the page (colours.shade),
    # the map on its basemap in the palette's own colour.
    map_colour = "#" + "".join(f"{c:02X}" for c in places.loc[0, "color"][:3])
    assert shade(map_colour) == colours[row["kind"]]
    assert hex_to_rgb(map_colour) == hex_to_rgb(event_kind_color(kind))


def test_place_table_escapes_data_text() -> None:
    locations = table("locations", place("bad", HOSTILE, "19.0", "-99.0"))
    events = table(
        "events",
        event("e1", "2024-09-05", "bad", title=HOSTILE),
        # A malformed date is shown as written, so it must be escaped too.
        event("e2", HOSTILE, "bad", title="Plain"),
    )
    row = place_table(events, locations).iloc[0]
    assert row["name_html"] == ESCAPED
    assert row["event_list"].split("<br/>") == [f"{ESCAPED} (5 Sep 2024)", f"Plain ({ESCAPED})"]
    assert row["dates"] == "5 Sep 2024"
    for field in ("name_html", "event_list", "dates"):
        assert "<script" not in row[field] and "<img" not in row[field]
    # The raw name stays raw for non-HTML uses (a select box, a table).
    assert row["name"] == HOSTILE


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


def test_journey_label_is_escaped() -> None:
    events = table(
        "events",
        event("visit", "2024-09-02", kind="delegation visit", title=HOSTILE),
        event("a", "2024-09-03", "cdmx", parent_event_id="visit"),
        event("b", "2024-09-04", "veracruz", parent_event_id="visit"),
    )
    (label,) = journey_arcs(events, LOCATIONS)["label"]
    assert label.startswith(ESCAPED)


# --- the deck ---------------------------------------------------------------------------------


def deck_json(deck: Any) -> dict[str, Any]:
    return json.loads(deck.to_json())


def test_event_map_layers(visit_events: pd.DataFrame) -> None:
    deck = event_map(place_table(visit_events, LOCATIONS), journey_arcs(visit_events, LOCATIONS))
    layers = {layer["id"]: layer for layer in deck_json(deck)["layers"]}
    assert set(layers) == {"places", "journeys"}
    assert layers["places"]["@@type"] == "ScatterplotLayer"
    assert layers["places"]["pickable"] is True
    assert layers["journeys"]["@@type"] == "ArcLayer"
    assert layers["journeys"]["pickable"] is False
    assert len(layers["places"]["data"]) == 4
    assert len(layers["journeys"]["data"]) == 2
    assert deck.map_provider == "carto"


def test_event_map_without_arcs_has_only_places() -> None:
    events = table("events", event("e1", "2024-09-05", "aifa"))
    deck = event_map(place_table(events, LOCATIONS), journey_arcs(events, LOCATIONS))
    assert [layer["id"] for layer in deck_json(deck)["layers"]] == ["places"]
    view = deck_json(deck)["initialViewState"]
    assert view["zoom"] == SINGLE_POINT_ZOOM
    assert view["latitude"] == pytest.approx(19.7456)


def test_event_map_empty_is_centred_on_north_america() -> None:
    deck = event_map(
        place_table(table("events"), LOCATIONS), journey_arcs(table("events"), LOCATIONS)
    )
    data = deck_json(deck)
    assert data["layers"] == []
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


def spread_places(events: dict[str, int]) -> pd.DataFrame:
    """A place table of the given event counts at (longitude, 20): ids say the longitude."""
    rows = [
        {"location_id": lon, "name": lon, "longitude": float(lon), "latitude": 20.0, "events": n}
        for lon, n in events.items()
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("events", "outside"),
    [
        # Nine events near Mexico City and one across the Pacific: the far one is left out,
        # the near one kept though the first two hold enough events.
        ({"-99": 5, "-98": 3, "-96": 1, "104": 1}, ["104"]),
        ({"-99": 5, "-98": 3, "-70": 1, "104": 1}, ["-70", "104"]),
        # A far place that holds many events is kept: 8 of 10 need it.
        ({"-99": 4, "-98": 3, "104": 3}, []),
        # The median is weighted by events: the crowded place is the centre.
        ({"-122": 6, "-99": 1, "-98": 1, "104": 1, "-75": 1}, ["104", "-75"]),
        # Two places as near as each other are both in or both out.
        ({"-100": 8, "-90": 1, "-110": 1}, []),
        ({"-100": 1}, []),
    ],
)
def test_first_view_leaves_out_far_places_with_few_events(events, outside) -> None:
    places = spread_places(events)
    inside = in_first_view(places)
    assert sorted(places.loc[~inside, "location_id"]) == sorted(outside)
    kept = places.loc[inside, "events"].sum()
    assert kept >= 0.75 * places["events"].sum()


def test_first_view_of_the_real_data_is_north_america(dataset) -> None:
    places = place_table(dataset.events, dataset.locations)
    outside = places.loc[~in_first_view(places), "name"].tolist()
    # China and Peru are country centroids with one event each; San Francisco has six.
    assert sorted(outside) == ["China", "Peru"]
    view = deck_json(event_map(places, journey_arcs(dataset.events, dataset.locations)))
    assert view["initialViewState"]["zoom"] > 2.5
    assert -123 < view["initialViewState"]["longitude"] < -96


def test_kind_legend_lists_the_colours_of_the_circles_escaped() -> None:
    locations = table("locations", place("bad", "Bad", "19.0", "-99.0"))
    events = table("events", event("e1", "2024-09-05", "bad", kind=HOSTILE))
    legend = kind_legend_html(place_table(events, locations))
    assert ESCAPED in legend and "<script" not in legend and "<img" not in legend
    r, g, b, _ = event_kind_rgba(HOSTILE)
    assert f"rgb({r},{g},{b})" in legend
    places = place_table(visit_events_table(), LOCATIONS)
    legend = kind_legend_html(places)
    kinds = sorted(set(places["main_kind"]))
    assert legend.count("rgb(") == len(kinds) > 1  # one entry per colour on the map
    assert [legend.index(f">{k}</span>") for k in kinds] == sorted(
        legend.index(f">{k}</span>") for k in kinds
    )


def test_tooltip_interpolates_only_escaped_fields() -> None:
    fields = set(re.findall(r"{(\w+)}", TOOLTIP_HTML))
    assert fields == {"name_html", "dates", "event_list"}


def test_deck_json_has_no_live_html() -> None:
    locations = table(
        "locations", place("bad", HOSTILE, "19.0", "-99.0"), place("bad2", HOSTILE, "20.0", "-98.0")
    )
    events = table(
        "events",
        event("visit", "2024-09-02", kind="delegation visit", title=HOSTILE),
        event("a", "2024-09-03", "bad", parent_event_id="visit", title=HOSTILE, kind=HOSTILE),
        event("b", "2024-09-04", "bad2", parent_event_id="visit", title=HOSTILE),
    )
    text = event_map(place_table(events, locations), journey_arcs(events, locations)).to_json()
    assert "<script" not in text.lower() and "<img" not in text.lower()
    assert "&lt;script&gt;" in text  # the text is there, escaped


# --- the real data ----------------------------------------------------------------------------


def test_real_data_map_builds(dataset: Any) -> None:
    places = place_table(dataset.events, dataset.locations)
    arcs = journey_arcs(dataset.events, dataset.locations)
    deck = deck_json(event_map(places, arcs))
    located = dataset.events["location_id"].isin(set(places["location_id"]))
    assert places["events"].sum() == located.sum()
    assert {layer["id"] for layer in deck["layers"]} <= {"places", "journeys"}
