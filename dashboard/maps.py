"""The event map: places with their events, delegation journeys, country outlines, as pydeck.

The map draws its own basemap: Natural Earth country outlines shipped in
dashboard/assets/world-outlines.geojson (see the README there), so it requests nothing from any
other host unless the optional street basemap is switched on; the outlines are drawn over that
basemap too, so they still show when its tiles cannot load.

Tooltips are plain text (`{"text": ...}`): deck.gl sets them with innerText, so text from the
data is shown as written, never parsed as HTML, in every Streamlit version.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from dashboard.colours import (
    MAP_BORDER,
    MAP_CIRCLE_OUTLINE,
    MAP_COUNTRY_TEXT,
    MAP_LAND,
    MAP_PLACE_TEXT,
    MAP_TEXT_BOX,
    PRIMARY,
    PRIMARY_DARK,
    TOOLTIP_TEXT,
    event_kind_color,
    hex_to_rgb,
    shade,
)
from dashboard.dates import format_date_range, parse_date
from dashboard.present import escape_html

OUTLINES_PATH = Path(__file__).parent / "assets" / "world-outlines.geojson"
PLACE_COLUMNS = [
    "location_id", "name", "kind", "country", "latitude", "longitude", "events", "event_list",
    "dates", "main_kind", "approximate", "color", "line_color", "radius", "label", "tooltip",
]  # fmt: skip
ARC_COLUMNS = [
    "from_id", "to_id", "from_name", "to_name", "from_lon", "from_lat", "to_lon", "to_lat",
    "parent_event_id", "label",
]  # fmt: skip
UNPLACED_COLUMNS = ["event_id", "title", "dates", "reason", "page"]
EVENT_COLUMNS = ["event_id", "title", "kind", "dates", "summary", "page"]
# The Events view's page of one event; relative, so it works under any base path.
EVENT_PAGE = "events?{}"
JOURNEY_KIND = "delegation visit"
# A place of these kinds stands for a whole country or region: drawn at its centre, marked ≈.
APPROXIMATE_KINDS = ("country", "region")
APPROXIMATE_MARK = "≈ "
TOOLTIP = {"text": "{tooltip}"}
# What the places layer receives: coordinates, styling, the label and the tooltip text.
_LAYER_COLUMNS = [
    "location_id", "longitude", "latitude", "color", "line_color", "radius", "events", "label",
    "tooltip",
]  # fmt: skip
_ARC_LAYER_COLUMNS = ["from_lon", "from_lat", "to_lon", "to_lat", "label"]
# Arcs fade from sky blue to blue (the palette's two accents) so the direction of travel reads
# without a legend.
_ARC_SOURCE_COLOR = [*hex_to_rgb(PRIMARY_DARK), 220]
_ARC_TARGET_COLOR = [*hex_to_rgb(PRIMARY), 220]
_APPROXIMATE_AREA_ALPHA = 25
# System fonts only (nothing is downloaded); pydeck reads an unquoted string as an expression.
_FONT = "'Helvetica, Arial, sans-serif'"
# Circles are sized in pixels so that labels can sit just beside them at every zoom.
_LABEL_GAP_PIXELS = 4
# With nothing to show, the map opens on Mexico and the United States.
DEFAULT_VIEW = {"latitude": 30.0, "longitude": -100.0, "zoom": 2.5}
SINGLE_POINT_ZOOM = 4
# The width a view's points are fitted into: the map is about 700 px wide or more beside the
# sidebar on a laptop, less a margin so that circles and labels at the edges stay inside.
_FIT_PIXELS = 600
_NO_COUNTRIES = pd.DataFrame(columns=["country_id", "name"])
# A tooltip listing dozens of events would run off screen.
_MAX_LISTED_EVENTS = 12


@dataclass(frozen=True)
class StartView:
    """A view the map can open on: the bounding box (west, south, east, north) it fits, or
    None for the whole story (every place drawn)."""

    view_id: str
    label: str
    bounds: tuple[float, float, float, float] | None


START_VIEWS: dict[str, StartView] = {
    view.view_id: view
    for view in (
        StartView("story", "The whole story", None),
        # Centred on San Francisco, so its circle is at the middle of the map.
        StartView("apec", "APEC, San Francisco", (-124.17, 36.0, -120.67, 39.55)),
        StartView("mexico", "Mexico: Mexico City, Veracruz, AIFA", (-100.0, 18.6, -95.6, 20.4)),
        StartView("china", "China", (73.5, 18.0, 135.0, 53.5)),
    )
}
DEFAULT_START_VIEW = "story"


# --- outlines ---------------------------------------------------------------------------------


@functools.cache
def load_outlines(path: Path = OUTLINES_PATH) -> dict[str, Any]:
    """The country outlines as a GeoJSON FeatureCollection (shared: do not modify it)."""
    return json.loads(path.read_text(encoding="utf-8"))


def outline_countries(outlines: dict[str, Any]) -> set[str]:
    """The ISO 3166-1 alpha-3 codes the outlines hold."""
    return {f["properties"]["iso_a3"] for f in outlines["features"]} - {""}


def _country_features(outlines: dict[str, Any], iso_a3: set[str]) -> list[dict[str, Any]]:
    return [f for f in outlines["features"] if f["properties"]["iso_a3"] in iso_a3]


# --- places -----------------------------------------------------------------------------------


def _coordinates(locations: pd.DataFrame) -> pd.DataFrame:
    """locations with float latitude/longitude; rows without usable coordinates dropped."""
    frame = locations.copy()
    frame["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    frame["longitude"] = pd.to_numeric(frame["longitude"], errors="coerce")
    usable = frame["latitude"].between(-90, 90) & frame["longitude"].between(-180, 180)
    return frame[usable]


def place_radius(n_events: int) -> float:
    """Circle radius in pixels: grows with the square root of the number of events."""
    return round(5 + 4 * math.sqrt(n_events), 1)


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


def _event_list(group: pd.DataFrame) -> list[str]:
    items = [f"{row['title']} ({_date_text(row)})" for _, row in group.iterrows()]
    if len(items) > _MAX_LISTED_EVENTS:
        extra = len(items) - _MAX_LISTED_EVENTS
        items = [*items[:_MAX_LISTED_EVENTS], f"… and {extra} more"]
    return items


def _tooltip(name: str, dates: str, items: list[str], approximate: str) -> str:
    """The hover text (plain text, one item a line)."""
    n = len(items)
    lines = [name, dates, f"{n} event{'s' if n != 1 else ''}:" if n > 1 else ""]
    lines += [f"• {item}" for item in items] if n > 1 else items
    if approximate:
        lines.append(approximate)
    return "\n".join(line for line in lines if line)


def _approximate_note(kind: str) -> str:
    if kind not in APPROXIMATE_KINDS:
        return ""
    return f"Approximate place: the texts name only the {kind}; drawn at its centre."


def kind_rgba(kind: str, base: str = "light", alpha: int = 200) -> list[int]:
    """[r, g, b, a] of an event kind in the shade that reads on the theme's base, as the
    timeline draws it."""
    return [*hex_to_rgb(shade(event_kind_color(kind), base)), alpha]


def place_table(events: pd.DataFrame, locations: pd.DataFrame, base: str = "light") -> pd.DataFrame:
    """Places with at least one event: columns location_id, name, kind, country, latitude,
    longitude, events, event_list (one line per event), dates, main_kind, approximate, color
    (the main kind's, in its shade for the theme's base), line_color, radius, label, tooltip.
    Text columns are plain text, not HTML."""
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
        approximate = place["kind"] in APPROXIMATE_KINDS
        items = _event_list(group)
        dates = _dates_span(group)
        color = kind_rgba(main_kind, base)
        rows.append(
            {
                "location_id": location_id,
                "name": place["name"],
                "kind": place["kind"],
                "country": place["country"],
                "latitude": float(place["latitude"]),
                "longitude": float(place["longitude"]),
                "events": len(group),
                "event_list": "\n".join(items),
                "dates": dates,
                "main_kind": main_kind,
                "approximate": approximate,
                # An approximate place is a ring in its kind's colour around a pale disc.
                "color": [*color[:3], 70] if approximate else color,
                "line_color": [*color[:3], 255] if approximate else MAP_CIRCLE_OUTLINE,
                "radius": place_radius(len(group)),
                "label": (APPROXIMATE_MARK if approximate else "") + place["name"],
                "tooltip": _tooltip(place["name"], dates, items, _approximate_note(place["kind"])),
            }
        )
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


def event_page(event_id: str, query: Mapping[str, str] | None = None) -> str:
    """The link to an event's page in the Events view, with the filters of `query`."""
    params = {**(query or {}), "event": event_id}
    return EVENT_PAGE.format(urlencode(params, safe=",", quote_via=quote))


def _in_date_order(events: pd.DataFrame) -> pd.DataFrame:
    undated = events["start_date"].map(parse_date).isna()
    return (
        events.assign(_undated=undated)
        .sort_values(["_undated", "start_date", "end_date", "event_id"])
        .drop(columns="_undated")
    )


def place_events(events: pd.DataFrame) -> pd.DataFrame:
    """events in date order (undated last) as shown under the map: columns event_id, title,
    kind, dates (at their precision), summary, page (link to the event's page)."""
    ordered = _in_date_order(events)
    return pd.DataFrame(
        {
            "event_id": ordered["event_id"],
            "title": ordered["title"],
            "kind": ordered["kind"],
            "dates": [_date_text(row) for _, row in ordered.iterrows()],
            "summary": ordered["summary"],
            "page": ordered["event_id"].map(event_page),
        },
        columns=EVENT_COLUMNS,
    ).reset_index(drop=True)


def unplaced_events(
    events: pd.DataFrame, locations: pd.DataFrame, query: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Events the map cannot draw, in date order (undated last): columns event_id, title, dates
    (at the event's precision), reason (why it has no place) and page (link to its page, with
    the filters of `query`)."""
    drawable = set(_coordinates(locations)["location_id"])
    names = dict(zip(locations["location_id"], locations["name"], strict=True))
    missing = _in_date_order(events[~events["location_id"].isin(drawable)])
    rows = []
    for _, row in missing.iterrows():
        location_id = row["location_id"]
        if not location_id:
            reason = "the texts name no place"
        elif location_id in names:
            reason = f"its place ({names[location_id]}) has no coordinates"
        else:
            reason = f"its place ({location_id}) is not in the locations table"
        rows.append(
            {
                "event_id": row["event_id"],
                "title": row["title"],
                "dates": _date_text(row),
                "reason": reason,
                "page": event_page(row["event_id"], query),
            }
        )
    return pd.DataFrame(rows, columns=UNPLACED_COLUMNS)


def journey_arcs(events: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """Legs between consecutive places of each delegation visit's dated, located child events:
    columns from_id, to_id, from_name, to_name, from_lon, from_lat, to_lon, to_lat,
    parent_event_id, label (plain text)."""
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
                    "label": f"{visit['title']}: {a['name']} → {b['name']}",
                }
            )
    return pd.DataFrame(rows, columns=ARC_COLUMNS)


# --- views ------------------------------------------------------------------------------------


def fit_view(longitudes: list[float], latitudes: list[float]) -> pdk.ViewState:
    """A view centred on the points' bounding box, zoomed so that all of them fit."""
    if not longitudes:
        return pdk.ViewState(**DEFAULT_VIEW)
    west, east = min(longitudes), max(longitudes)
    south, north = min(latitudes), max(latitudes)
    centre = {"longitude": round((west + east) / 2, 4), "latitude": round((south + north) / 2, 4)}
    # Web Mercator doubles the scale per zoom level; zoom 0 shows 360° of longitude in 512 px.
    # Latitude spans count extra because the map is wider than tall.
    span = max(east - west, 1.6 * (north - south))
    if span == 0:
        return pdk.ViewState(**centre, zoom=SINGLE_POINT_ZOOM)
    zoom = math.log2(_FIT_PIXELS / 512 * 360 / span)
    return pdk.ViewState(**centre, zoom=round(min(max(zoom, 0.5), 9.0), 2))


def start_view(view_id: str, places: pd.DataFrame) -> pdk.ViewState:
    """The view the map opens on: a named START_VIEWS box, or every place for "story" (and for
    an unknown id)."""
    view = START_VIEWS.get(view_id, START_VIEWS[DEFAULT_START_VIEW])
    if view.bounds is None:
        return fit_view(places["longitude"].tolist(), places["latitude"].tolist())
    west, south, east, north = view.bounds
    return fit_view([west, east], [south, north])


# --- captions and legend ----------------------------------------------------------------------


def not_drawn(events: pd.DataFrame, places: pd.DataFrame) -> int:
    """How many events the map leaves out: no place, or a place without usable coordinates
    (undated events at a place are drawn)."""
    return int((~events["location_id"].isin(set(places["location_id"]))).sum())


def map_caption(places: pd.DataFrame, unplaced: int) -> str:
    """What the map shows, in words (plain text): places, encodings, what is not drawn."""
    n = len(places)
    text = (
        f"{n} place{'s' if n != 1 else ''}; circle size grows with the number of events, colour "
        "shows the main kind of event; arcs follow a delegation's journey; ≈ and a ring mark a "
        "country or region drawn at its centre (approximate)."
    )
    if unplaced:
        text += (
            f" {unplaced} selected event(s) are not drawn (no known place, or a place without "
            "coordinates): listed below the map."
        )
    return text


def kind_legend_html(places: pd.DataFrame, base: str = "light") -> str:
    """A one-line legend of the event kinds that colour the circles (and of the ring that marks
    an approximate place), escaped."""
    kinds = [k for k in dict.fromkeys(places["main_kind"]) if k is not None]
    items = []
    for kind in sorted(kinds, key=lambda k: (k == "", k)):
        r, g, b, _ = kind_rgba(kind, base)
        items.append(
            '<span style="display:inline-flex;align-items:center;margin-right:1em">'
            f'<span style="width:0.8em;height:0.8em;border-radius:50%;margin-right:0.35em;'
            f'background:rgb({r},{g},{b});border:1px solid rgba(60,60,60,0.8)"></span>'
            f"{escape_html(kind or 'unspecified')}</span>"
        )
    if places["approximate"].any():
        items.append(
            '<span style="display:inline-flex;align-items:center;margin-right:1em">'
            '<span style="width:0.8em;height:0.8em;border-radius:50%;margin-right:0.35em;'
            'border:2px solid rgba(128,128,128,0.9)"></span>'
            f"{escape_html(APPROXIMATE_MARK)}approximate (a country or region)</span>"
        )
    return '<div style="font-size:0.85rem;line-height:1.8">' + "".join(items) + "</div>"


# --- the deck -------------------------------------------------------------------------------


class CompactDeck(pdk.Deck):
    """A pdk.Deck whose JSON (what st.pydeck_chart sends to the browser) is not indented:
    pydeck indents by two spaces, which makes the outlines' coordinates seven times larger."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


# --- layers -----------------------------------------------------------------------------------


def _base(base: str) -> str:
    return "dark" if base == "dark" else "light"


def outline_layer(outlines: dict[str, Any], base: str = "light") -> pdk.Layer:
    """Country outlines (layer "outlines"): land a shade off the theme base's background,
    borders and coasts as lines. Over the street basemap too, so that the map reads when its
    tiles fail."""
    return pdk.Layer(
        "GeoJsonLayer",
        id="outlines",
        data=outlines,
        filled=True,
        stroked=True,
        get_fill_color=MAP_LAND[_base(base)],
        get_line_color=MAP_BORDER,
        line_width_min_pixels=0.7,
        line_width_max_pixels=1.5,
        pickable=False,
    )


def approximate_area_layer(outlines: dict[str, Any], places: pd.DataFrame) -> pdk.Layer | None:
    """The outlines of countries that stand as a place (layer "approximate-areas"), traced and
    faintly tinted in the colour of their events (a fill any stronger would flood the Mexico
    view), or None when no place is a whole country."""
    countries = places[(places["kind"] == "country") & (places["country"] != "")]
    colours = dict(zip(countries["country"], countries["color"], strict=True))
    features = [
        {
            **f,
            "properties": {
                **f["properties"],
                "fill": [*colours[f["properties"]["iso_a3"]][:3], _APPROXIMATE_AREA_ALPHA],
                "line": [*colours[f["properties"]["iso_a3"]][:3], 200],
            },
        }
        for f in _country_features(outlines, set(colours))
    ]
    if not features:
        return None
    return pdk.Layer(
        "GeoJsonLayer",
        id="approximate-areas",
        data={"type": "FeatureCollection", "features": features},
        filled=True,
        stroked=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        line_width_min_pixels=2,
        pickable=False,
    )


# Label sizes (pixels) and how wide a character is on average, to tell overlapping labels apart.
PLACE_LABEL_SIZE = 13
COUNTRY_LABEL_SIZE = 12
_CHAR_WIDTH = 0.56  # of the font size, for Helvetica/Arial with mixed case


def _world_pixel(longitude: float, latitude: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at a zoom (512 px for the world at zoom 0)."""
    size = 512 * 2**zoom
    phi = math.radians(max(min(latitude, 85.0), -85.0))
    x = (longitude + 180) / 360 * size
    y = (1 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi) / 2 * size
    return x, y


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels


def _overlaps(box: Box, others: list[Box]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _text_box(x: float, y: float, text: str, size: int, anchor: str) -> Box:
    width = len(text) * size * _CHAR_WIDTH
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, y - size / 2 - 1, left + width, y + size / 2 + 1)


def visible_labels(
    places: pd.DataFrame, countries: pd.DataFrame, zoom: float
) -> tuple[dict[str, str], list[str]]:
    """Which names the map shows at a zoom without overlap: ({location_id: side}, country_ids).

    Place names come first, the places with most events before the others (ties by name),
    each right of its circle ("start") or, when that is taken, left of it ("end"); a country
    name (rows of country_labels) is shown where it overlaps no circle and no name already
    placed, so countries are named once the map is zoomed in enough to hold them."""
    circles: list[Box] = []
    for lon, lat, r in zip(places["longitude"], places["latitude"], places["radius"], strict=True):
        x, y = _world_pixel(lon, lat, zoom)
        circles.append((x - r, y - r, x + r, y + r))
    taken: list[Box] = []
    shown_places: dict[str, str] = {}
    order = places.assign(_i=range(len(places))).sort_values(
        ["events", "name"], ascending=[False, True]
    )
    for _, row in order.iterrows():
        x, y = _world_pixel(row["longitude"], row["latitude"], zoom)
        others = taken + [c for i, c in enumerate(circles) if i != row["_i"]]
        gap = row["radius"] + _LABEL_GAP_PIXELS
        right = _text_box(x + gap, y, row["label"], PLACE_LABEL_SIZE, "start")
        left = _text_box(x - gap, y, row["label"], PLACE_LABEL_SIZE, "end")
        for side, box in (("start", right), ("end", left)):
            if not _overlaps(box, others):
                taken.append(box)
                shown_places[row["location_id"]] = side
                break
    shown_countries = []
    for _, row in countries.iterrows():
        x, y = _world_pixel(row["longitude"], row["latitude"], zoom)
        box = _text_box(x, y, row["label"], COUNTRY_LABEL_SIZE, "middle")
        if not _overlaps(box, taken + circles):
            taken.append(box)
            shown_countries.append(row["country_id"])
    return shown_places, shown_countries


def country_labels(outlines: dict[str, Any], countries: pd.DataFrame) -> pd.DataFrame:
    """Names of the countries in the data at their outline's label point, by country code:
    columns country_id, label, longitude, latitude."""
    names = dict(zip(countries["country_id"], countries["name"], strict=True))
    rows = [
        {
            "country_id": f["properties"]["iso_a3"],
            "label": names[f["properties"]["iso_a3"]],
            "longitude": f["properties"]["label_longitude"],
            "latitude": f["properties"]["label_latitude"],
        }
        for f in _country_features(outlines, set(names))
    ]
    return pd.DataFrame(rows, columns=["country_id", "label", "longitude", "latitude"])


def _text_layer(layer_id: str, data: pd.DataFrame, base: str, **props: Any) -> pdk.Layer:
    """A TextLayer of the `label` column on a box of the base's background colour, so names
    read over land, borders and circles alike."""
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=data,
        get_position=["longitude", "latitude"],
        get_text="label",
        font_family=_FONT,
        # deck.gl draws only ASCII by default: "Ángeles", "≈" and "–" need the automatic set.
        character_set="'auto'",
        background=True,
        get_background_color=MAP_TEXT_BOX[_base(base)],
        background_padding=[2, 1],
        get_alignment_baseline="'center'",
        pickable=False,
        **props,
    )


def country_label_layer(labels: pd.DataFrame, base: str = "light") -> pdk.Layer:
    """Country names (layer "country-labels"), centred on their label points."""
    return _text_layer(
        "country-labels",
        labels[["longitude", "latitude", "label"]],
        base,
        get_size=COUNTRY_LABEL_SIZE,
        get_color=MAP_COUNTRY_TEXT[_base(base)],
        get_text_anchor="'middle'",
    )


def place_label_layer(
    places: pd.DataFrame, sides: dict[str, str], base: str = "light"
) -> pdk.Layer:
    """Names of the places in `sides` beside their circles (layer "place-labels"): right of
    the circle for "start", left of it for "end"."""
    shown = places[places["location_id"].isin(list(sides))]
    anchor = shown["location_id"].map(sides)
    gap = shown["radius"] + _LABEL_GAP_PIXELS
    data = shown[["longitude", "latitude", "label"]].assign(
        anchor=anchor,
        offset=[[g if a == "start" else -g, 0] for g, a in zip(gap, anchor, strict=True)],
    )
    return _text_layer(
        "place-labels",
        data,
        base,
        get_size=PLACE_LABEL_SIZE,
        get_color=MAP_PLACE_TEXT[_base(base)],
        get_text_anchor="anchor",
        get_pixel_offset="offset",
    )


def event_map(
    places: pd.DataFrame,
    arcs: pd.DataFrame,
    countries: pd.DataFrame | None = None,
    view_id: str = DEFAULT_START_VIEW,
    street_basemap: bool = False,
    outlines: dict[str, Any] | None = None,
    base: str = "light",
) -> CompactDeck:
    """The event map: country outlines ("outlines", and "approximate-areas" for places that are
    whole countries), journey legs ("journeys"), places ("places", pickable) and the names of
    places and countries ("place-labels", "country-labels"). No basemap is requested unless
    street_basemap is on. Land and names take the colours of the theme's `base`."""
    outlines = load_outlines() if outlines is None else outlines
    layers = [outline_layer(outlines, base)]
    if not places.empty:
        area = approximate_area_layer(outlines, places)
        if area is not None:
            layers.append(area)
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
    view = start_view(view_id, places)
    names = country_labels(outlines, countries if countries is not None else _NO_COUNTRIES)
    shown_places, shown_countries = visible_labels(places, names, view.zoom)
    if shown_countries:
        layers.append(country_label_layer(names[names["country_id"].isin(shown_countries)], base))
    if not places.empty:
        # Places go on top of the arcs so that the circles stay pickable where arcs end.
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="places",
                data=places[_LAYER_COLUMNS],
                get_position=["longitude", "latitude"],
                get_fill_color="color",
                get_line_color="line_color",
                get_radius="radius",
                radius_units="'pixels'",
                stroked=True,
                line_width_units="'pixels'",
                get_line_width=1.5,
                pickable=True,
                auto_highlight=True,
            )
        )
        if shown_places:
            layers.append(place_label_layer(places, shown_places, base))
    basemap: dict[str, Any] = (
        {"map_provider": "carto", "map_style": pdk.map_styles.CARTO_LIGHT}
        if street_basemap
        else {"map_provider": None}
    )
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        tooltip={
            **TOOLTIP,
            "style": {
                "backgroundColor": "rgba(255, 255, 255, 0.96)",
                "color": TOOLTIP_TEXT,
                "fontSize": "12px",
                "maxWidth": "340px",
                "whiteSpace": "pre-line",
            },
        },
        **basemap,
    )
