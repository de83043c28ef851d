"""The event map: places with their events, and the journeys of delegation visits, as pydeck.

pydeck tooltips interpolate {field} into HTML, so every field a tooltip names is escaped here,
and the layers receive only those pre-escaped fields, never the raw text columns.
"""

from __future__ import annotations

import math
from itertools import pairwise

import pandas as pd
import pydeck as pdk

from dashboard.colours import TOOLTIP_TEXT, event_kind_rgba
from dashboard.dates import format_date_range, parse_date
from dashboard.present import escape_html

PLACE_COLUMNS = [
    "location_id", "name", "kind", "country", "latitude", "longitude", "events", "event_list",
    "dates", "main_kind", "color", "radius", "name_html",
]  # fmt: skip
ARC_COLUMNS = [
    "from_id", "to_id", "from_name", "to_name", "from_lon", "from_lat", "to_lon", "to_lat",
    "parent_event_id", "label",
]  # fmt: skip
JOURNEY_KIND = "delegation visit"
TOOLTIP_HTML = "<b>{name_html}</b><br/>{dates}<br/>{event_list}"
# What the places layer receives: coordinates, styling and the escaped tooltip fields.
_LAYER_COLUMNS = [
    "location_id", "longitude", "latitude", "color", "radius", "events", "name_html", "dates",
    "event_list",
]  # fmt: skip
_ARC_LAYER_COLUMNS = ["from_lon", "from_lat", "to_lon", "to_lat", "label"]
# Arcs fade from a light to a dark blue so the direction of travel reads without a legend.
_ARC_SOURCE_COLOR = [86, 180, 233, 220]
_ARC_TARGET_COLOR = [0, 114, 178, 220]
_OUTLINE_COLOR = [60, 60, 60, 200]
# With nothing to show, the map opens on Mexico and the United States.
DEFAULT_VIEW = {"latitude": 30.0, "longitude": -100.0, "zoom": 2.5}
SINGLE_POINT_ZOOM = 4
# The first view shows the places nearest the centre of the events until they hold this share
# of them, and every place about a country's width (in degrees) from the centre; a lone far
# place (a country's centroid across the Pacific) would otherwise zoom the map out to the whole
# world, with every circle a dot.
FIRST_VIEW_SHARE = 0.75
FIRST_VIEW_NEAR_DEGREES = 15.0
# A tooltip listing dozens of events would run off screen.
_MAX_LISTED_EVENTS = 12


def _coordinates(locations: pd.DataFrame) -> pd.DataFrame:
    """locations with float latitude/longitude; rows without usable coordinates dropped."""
    frame = locations.copy()
    frame["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    frame["longitude"] = pd.to_numeric(frame["longitude"], errors="coerce")
    usable = frame["latitude"].between(-90, 90) & frame["longitude"].between(-180, 180)
    return frame[usable]


def place_radius(n_events: int) -> float:
    """Circle radius in metres: grows with the square root of the events, visible per country."""
    return 20_000 + 30_000 * math.sqrt(n_events)


def _date_text(row: pd.Series) -> str:
    return format_date_range(
        row["start_date"], row["end_date"], row["date_precision"], row["date_basis"]
    )


def _dates_span(group: pd.DataFrame) -> str:
    """The "first – last" text over a place's dated events, or the single event's own range."""
    dated = group[group["start_date"].map(parse_date).notna()]
    if dated.empty:
        return "unknown"
    if len(dated) == 1:
        return _date_text(dated.iloc[0])
    first = dated.sort_values("start_date").iloc[0]
    ends = dated.assign(_last=dated["end_date"].where(dated["end_date"] != "", dated["start_date"]))
    last = ends.sort_values("_last").iloc[-1]
    first_text = format_date_range(first["start_date"], "", first["date_precision"], "")
    last_text = format_date_range(last["_last"], "", last["date_precision"], "")
    return first_text if first_text == last_text else f"{first_text} – {last_text}"


def _main_kind(kinds: pd.Series) -> str:
    counts = kinds.value_counts()
    # Ties go to the alphabetically first kind, so the colour does not depend on row order.
    return min(counts.index, key=lambda kind: (-counts[kind], kind))


def _event_list(group: pd.DataFrame) -> str:
    items = [
        f"{escape_html(row['title'])} ({escape_html(_date_text(row))})"
        for _, row in group.iterrows()
    ]
    if len(items) > _MAX_LISTED_EVENTS:
        extra = len(items) - _MAX_LISTED_EVENTS
        items = [*items[:_MAX_LISTED_EVENTS], f"… and {extra} more"]
    return "<br/>".join(items)


def place_table(events: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """Places with at least one event: columns location_id, name, kind, country, latitude,
    longitude, events, event_list, dates, main_kind, color, radius, name_html."""
    places = _coordinates(locations)
    located = events[events["location_id"].isin(set(places["location_id"]))]
    if located.empty:
        return pd.DataFrame(columns=PLACE_COLUMNS)
    located = located.assign(_undated=located["start_date"] == "").sort_values(
        ["_undated", "start_date", "end_date", "event_id"]
    )
    rows = []
    for location_id, group in located.groupby("location_id", sort=True):
        place = places[places["location_id"] == location_id].iloc[0]
        main_kind = _main_kind(group["kind"])
        rows.append(
            {
                "location_id": location_id,
                "name": place["name"],
                "kind": place["kind"],
                "country": place["country"],
                "latitude": float(place["latitude"]),
                "longitude": float(place["longitude"]),
                "events": len(group),
                "event_list": _event_list(group),
                "dates": escape_html(_dates_span(group)),
                "main_kind": main_kind,
                "color": event_kind_rgba(main_kind),
                "radius": place_radius(len(group)),
                "name_html": escape_html(place["name"]),
            }
        )
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


def journey_arcs(events: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """Legs between consecutive places of each delegation visit's dated, located child events:
    columns from_id, to_id, from_name, to_name, from_lon, from_lat, to_lon, to_lat,
    parent_event_id, label."""
    places = _coordinates(locations).set_index("location_id")
    visits = events[events["kind"] == JOURNEY_KIND].sort_values("event_id")
    rows = []
    for _, visit in visits.iterrows():
        children = events[
            (events["parent_event_id"] == visit["event_id"])
            & (events["start_date"].map(parse_date).notna())
            & (events["location_id"].isin(places.index))
        ].sort_values(["start_date", "end_date", "event_id"])
        stops = list(children["location_id"])
        # Two events in a row at one place are a stay, not a leg.
        stops = [loc for i, loc in enumerate(stops) if i == 0 or loc != stops[i - 1]]
        for origin, destination in pairwise(stops):
            a, b = places.loc[origin], places.loc[destination]
            rows.append(
                {
                    "from_id": origin,
                    "to_id": destination,
                    "from_name": a["name"],
                    "to_name": b["name"],
                    "from_lon": float(a["longitude"]),
                    "from_lat": float(a["latitude"]),
                    "to_lon": float(b["longitude"]),
                    "to_lat": float(b["latitude"]),
                    "parent_event_id": visit["event_id"],
                    "label": escape_html(f"{visit['title']}: {a['name']} → {b['name']}"),
                }
            )
    return pd.DataFrame(rows, columns=ARC_COLUMNS)


def fit_view(longitudes: list[float], latitudes: list[float]) -> pdk.ViewState:
    """A view centred on the points' bounding box, zoomed so that all of them fit."""
    if not longitudes:
        return pdk.ViewState(**DEFAULT_VIEW)
    west, east = min(longitudes), max(longitudes)
    south, north = min(latitudes), max(latitudes)
    centre = {"longitude": round((west + east) / 2, 4), "latitude": round((south + north) / 2, 4)}
    # Web Mercator doubles the scale per zoom level; zoom 0 shows 360° of longitude in ~512 px.
    # Latitude spans count extra because the map is wider than tall.
    span = max(east - west, 1.6 * (north - south))
    if span == 0:
        return pdk.ViewState(**centre, zoom=SINGLE_POINT_ZOOM)
    zoom = math.log2(360 / (span * 1.3))
    return pdk.ViewState(**centre, zoom=round(min(max(zoom, 0.5), 9.0), 2))


def _weighted_median(values: pd.Series, weights: pd.Series) -> float:
    order = values.sort_values().index
    cumulative = weights[order].cumsum()
    return float(values[order][cumulative >= weights.sum() / 2].iloc[0])


def in_first_view(places: pd.DataFrame, share: float = FIRST_VIEW_SHARE) -> pd.Series:
    """Which places (rows of place_table) the map opens on: those nearest the events' median
    position, in order of distance, until they hold `share` of the events, and any place as
    near as those or within FIRST_VIEW_NEAR_DEGREES of that position."""
    if places.empty:
        return pd.Series(dtype=bool)
    weights = places["events"].astype(float)
    centre_lon = _weighted_median(places["longitude"], weights)
    centre_lat = _weighted_median(places["latitude"], weights)
    distance = (places["longitude"] - centre_lon) ** 2 + (places["latitude"] - centre_lat) ** 2
    order = distance.sort_values(kind="stable").index
    held = weights[order].cumsum().shift(fill_value=0.0)
    # A place is in when the nearer ones hold less than the share, or it is as near as one
    # that is in.
    inside = held < share * weights.sum()
    cutoff = max(distance[order][inside].max(), FIRST_VIEW_NEAR_DEGREES**2)
    return (distance <= cutoff).reindex(places.index)


def not_drawn(events: pd.DataFrame, places: pd.DataFrame) -> int:
    """How many events the map leaves out: no place, or a place without usable coordinates
    (undated events at a place are drawn)."""
    return int((~events["location_id"].isin(set(places["location_id"]))).sum())


def map_caption(places: pd.DataFrame, unplaced: int) -> str:
    """What the map shows, in words (plain text): places, encodings, what is not drawn."""
    outside = places.loc[~in_first_view(places), "name"].tolist()
    text = (
        f"{len(places)} place{'s' if len(places) != 1 else ''}; circle size grows with the "
        "number of events, colour shows the main kind of event; arcs follow a delegation's "
        f"journey. {unplaced} selected event(s) are not drawn: no known place, or a place "
        "without coordinates."
    )
    if outside:
        text += f" Outside the first view (zoom out to see them): {', '.join(outside)}."
    return text


def kind_legend_html(places: pd.DataFrame) -> str:
    """A one-line legend of the event kinds that colour the circles, escaped."""
    kinds = [k for k in dict.fromkeys(places["main_kind"]) if k is not None]
    items = []
    for kind in sorted(kinds, key=lambda k: (k == "", k)):
        r, g, b, _ = event_kind_rgba(kind)
        items.append(
            '<span style="display:inline-flex;align-items:center;margin-right:1em">'
            f'<span style="width:0.8em;height:0.8em;border-radius:50%;margin-right:0.35em;'
            f'background:rgb({r},{g},{b});border:1px solid rgba(60,60,60,0.8)"></span>'
            f"{escape_html(kind or 'unspecified')}</span>"
        )
    return '<div style="font-size:0.85rem;line-height:1.8">' + "".join(items) + "</div>"


def event_map(places: pd.DataFrame, arcs: pd.DataFrame) -> pdk.Deck:
    """A Carto-based map (no token) of places (layer "places") and journey legs ("journeys")."""
    tooltip = {
        "html": TOOLTIP_HTML,
        "style": {
            "backgroundColor": "rgba(255, 255, 255, 0.96)",
            "color": TOOLTIP_TEXT,
            "fontSize": "12px",
            "maxWidth": "320px",
            "whiteSpace": "normal",
        },
    }
    if places.empty:
        return pdk.Deck(
            layers=[],
            initial_view_state=pdk.ViewState(**DEFAULT_VIEW),
            map_provider="carto",
            map_style=pdk.map_styles.CARTO_LIGHT,
            tooltip=tooltip,
        )
    layers = []
    if not arcs.empty:
        layers.append(
            pdk.Layer(
                "ArcLayer",
                id="journeys",
                data=arcs[_ARC_LAYER_COLUMNS],
                get_source_position=["from_lon", "from_lat"],
                get_target_position=["to_lon", "to_lat"],
                get_source_color=_ARC_SOURCE_COLOR,
                get_target_color=_ARC_TARGET_COLOR,
                get_width=3,
                pickable=False,
            )
        )
    # Places go on top of the arcs so that the circles stay pickable where arcs end.
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            id="places",
            data=places[_LAYER_COLUMNS],
            get_position=["longitude", "latitude"],
            get_fill_color="color",
            get_radius="radius",
            radius_min_pixels=4,
            radius_max_pixels=40,
            stroked=True,
            get_line_color=_OUTLINE_COLOR,
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        )
    )
    first = places[in_first_view(places)]
    view = fit_view(first["longitude"].tolist(), first["latitude"].tolist())
    return pdk.Deck(
        layers=layers,
        initial_view_state=view,
        map_provider="carto",
        map_style=pdk.map_styles.CARTO_LIGHT,
        tooltip=tooltip,
    )
