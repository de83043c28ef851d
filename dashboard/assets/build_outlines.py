"""Build dashboard/assets/world-outlines.geojson from world-atlas's TopoJSON (run once, by hand).

The inputs are the outputs of topojson-client's `topo2geo` on world-atlas's countries-110m.json
and countries-50m.json, and a JSON object from ISO 3166-1 numeric codes to alpha-3 codes (how
to make all three is in dashboard/assets/README.md). The output keeps every country at 1:110m,
replaces the countries the story happens in with their 1:50m outlines, drops Antarctica (in Web
Mercator it would fill the bottom of the world view), rounds coordinates to 0.01° (about 1 km,
under a pixel at the zooms the map opens on) and gives each country a point for its name.

    python dashboard/assets/build_outlines.py 110m.geojson 50m.geojson numeric-to-alpha3.json OUT
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

DETAILED = ("MEX", "USA", "CHN")  # drawn from the 1:50m outlines
DROPPED = ("ATA",)
DECIMALS = 2


def _ring(points: list[list[float]]) -> list[list[float]]:
    """A ring rounded to DECIMALS, without the repeated points rounding makes."""
    rounded: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def _crosses_antimeridian(ring: list[list[float]]) -> bool:
    return any(abs(a[0] - b[0]) > 180 for a, b in pairwise(ring))


def _clip(ring: list[list[float]], keep_west: bool) -> list[list[float]]:
    """The part of a ring west (or east) of longitude 180 (Sutherland–Hodgman, one edge)."""

    def inside(p: list[float]) -> bool:
        return p[0] <= 180 if keep_west else p[0] >= 180

    out: list[list[float]] = []
    for a, b in pairwise(ring):
        if inside(a) != inside(b):
            t = (180 - a[0]) / (b[0] - a[0])
            out.append([180.0, a[1] + t * (b[1] - a[1])])
        if inside(b):
            out.append(b)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def _split_at_antimeridian(ring: list[list[float]]) -> list[list[list[float]]]:
    """A ring that jumps from +180 to -180 (Fiji, Chukotka) as one ring each side of the line,
    so that no edge runs across the whole map."""
    unwrapped = [list(ring[0])]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append([lon, lat])
    if min(lon for lon, _ in unwrapped) < -180:  # make it cross at +180, where _clip cuts
        unwrapped = [[lon + 360, lat] for lon, lat in unwrapped]
    parts = []
    for keep_west in (True, False):
        part = _clip(unwrapped, keep_west)
        if keep_west:
            parts.append(part)
        else:  # the eastern part, brought back to [-180, ...]
            parts.append([[lon - 360, lat] for lon, lat in part])
    return [p for p in parts if len(p) >= 4]


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    """The geometry's polygons (each a list of rings), rounded, split at the antimeridian;
    rings of < 4 points dropped."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    kept = []
    for polygon in polygons:
        outer, *holes = polygon
        if _crosses_antimeridian(outer):
            if any(_crosses_antimeridian(hole) for hole in holes):
                raise ValueError("a hole crosses the antimeridian")
            kept += [[_ring(part)] for part in _split_at_antimeridian(outer)]
            continue
        rings = [r for r in (_ring(ring) for ring in polygon) if len(r) >= 4]
        if rings:
            kept.append(rings)
    return kept


def _area_and_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """The ring's absolute area (square degrees) and its centroid (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def _label_point(polygons: list[list[list[list[float]]]]) -> list[float]:
    """Where the country's name goes: the centroid of its largest polygon's outer ring."""
    _, lon, lat = max((_area_and_centroid(polygon[0]) for polygon in polygons), key=lambda t: t[0])
    return [round(lon, DECIMALS), round(lat, DECIMALS)]


def _features(
    path: Path, codes: dict[str, str], scale: str, only: tuple[str, ...] = ()
) -> dict[str, dict[str, Any]]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    features = {}
    for feature in collection["features"]:
        iso_a3 = codes.get(str(feature.get("id", "")), "")
        name = feature["properties"]["name"]
        if iso_a3 in DROPPED or (only and iso_a3 not in only):
            continue
        polygons = _polygons(feature["geometry"])
        if not polygons:
            continue
        label = _label_point(polygons)
        features[iso_a3 or name] = {
            "type": "Feature",
            "properties": {
                "iso_a3": iso_a3,
                "name": name,
                "scale": scale,
                "label_longitude": label[0],
                "label_latitude": label[1],
            },
            "geometry": (
                {"type": "Polygon", "coordinates": polygons[0]}
                if len(polygons) == 1
                else {"type": "MultiPolygon", "coordinates": polygons}
            ),
        }
    return features


def build(small: Path, detailed: Path, codes_path: Path) -> dict[str, Any]:
    """The outlines as a GeoJSON FeatureCollection, sorted by country code then name."""
    codes = json.loads(codes_path.read_text(encoding="utf-8"))
    features = _features(small, codes, "110m")
    fine = _features(detailed, codes, "50m", only=DETAILED)
    for iso_a3 in DETAILED:
        features[iso_a3] = fine[iso_a3]
    ordered = sorted(
        features.values(), key=lambda f: (f["properties"]["iso_a3"], f["properties"]["name"])
    )
    return {"type": "FeatureCollection", "features": ordered}


if __name__ == "__main__":
    small, detailed, codes_path, out = (Path(arg) for arg in sys.argv[1:5])
    text = json.dumps(build(small, detailed, codes_path), ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")
    print(f"{out}: {len(text.encode('utf-8')):,} bytes")
