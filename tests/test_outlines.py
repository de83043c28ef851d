"""The bundled country outlines (dashboard/assets/world-outlines.geojson) and the tool that
builds them: valid GeoJSON, every country the data names, small enough to send with the map."""

from __future__ import annotations

import fnmatch
import importlib.util
import tomllib
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from dashboard.maps import OUTLINES_PATH, load_outlines, outline_countries

REPO = Path(__file__).resolve().parent.parent
# The whole file travels to the browser inside the map's spec on every run of the Map view.
MAX_BYTES = 400_000
# Natural Earth has 177 countries at 1:110m; Antarctica is left out.
N_FEATURES = 176


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    geometry = feature["geometry"]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _rings(feature: dict[str, Any]) -> list[list[list[float]]]:
    return [ring for polygon in _polygons(feature) for ring in polygon]


def _by_code() -> dict[str, dict[str, Any]]:
    return {f["properties"]["iso_a3"]: f for f in load_outlines()["features"]}


def test_file_is_small() -> None:
    size = OUTLINES_PATH.stat().st_size
    assert 100_000 < size < MAX_BYTES


def test_outlines_are_valid_geojson() -> None:
    outlines = load_outlines()
    assert outlines["type"] == "FeatureCollection"
    assert len(outlines["features"]) == N_FEATURES
    for feature in outlines["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert set(feature["properties"]) == {
            "iso_a3", "name", "scale", "label_longitude", "label_latitude",
        }  # fmt: skip
        for polygon in _polygons(feature):
            assert polygon, feature["properties"]["name"]
        for ring in _rings(feature):
            # RFC 7946: a linear ring has at least four positions, the last equal to the first.
            assert len(ring) >= 4 and ring[0] == ring[-1]
            for lon, lat in ring:
                assert -180 <= lon <= 180 and -90 <= lat <= 90
            # A ring that jumped from +180 to -180 would be drawn as a band across the map.
            assert all(abs(a[0] - b[0]) < 180 for a, b in pairwise(ring))


def test_codes_are_unique_and_three_letters() -> None:
    props = [f["properties"] for f in load_outlines()["features"]]
    named = [p["iso_a3"] for p in props if p["iso_a3"]]
    assert len(named) == len(set(named))
    assert all(len(c) == 3 and c.isupper() for c in named)
    # Natural Earth's three without an ISO code.
    unnamed = sorted(p["name"] for p in props if not p["iso_a3"])
    assert unnamed == ["Kosovo", "N. Cyprus", "Somaliland"]


def test_every_country_the_data_names_has_an_outline(dataset) -> None:
    referred = set(dataset.countries["country_id"]) | (set(dataset.locations["country"]) - {""})
    assert referred - outline_countries(load_outlines()) == set()
    # Hand-counted from data/countries.csv.
    assert {"MEX", "CHN", "USA", "CAN", "JPN", "PER", "CHL", "VEN", "COL", "IND"} <= referred


@pytest.mark.parametrize(
    ("iso_a3", "scale"),
    [("MEX", "50m"), ("USA", "50m"), ("CHN", "50m"), ("CAN", "110m"), ("PER", "110m")],
)
def test_countries_of_the_story_are_finer(iso_a3: str, scale: str) -> None:
    assert _by_code()[iso_a3]["properties"]["scale"] == scale


def test_antarctica_is_left_out() -> None:
    assert "ATA" not in _by_code()


@pytest.mark.parametrize(
    ("iso_a3", "longitude", "latitude"),
    [
        # The label goes on the largest polygon: the contiguous United States, not Alaska.
        ("USA", -99.1, 39.5),
        ("MEX", -102.5, 23.9),
        ("CHN", 103.8, 36.6),
    ],
)
def test_label_points_sit_inside_the_country(iso_a3: str, longitude: float, latitude: float):
    props = _by_code()[iso_a3]["properties"]
    assert props["label_longitude"] == pytest.approx(longitude, abs=0.5)
    assert props["label_latitude"] == pytest.approx(latitude, abs=0.5)


def test_pip_install_ships_the_outlines() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["dashboard"]
    relative = OUTLINES_PATH.relative_to(REPO / "dashboard").as_posix()
    assert any(fnmatch.fnmatch(relative, p) for p in patterns)
    assert any(fnmatch.fnmatch("assets/README.md", p) for p in patterns)


# --- the build tool ---------------------------------------------------------------------------


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_outlines", REPO / "dashboard/assets/build_outlines.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_ring_across_the_antimeridian_is_split_in_two() -> None:
    # A 2° x 2° square from 179°E to 179°W, written as the TopoJSON conversion writes it.
    ring = [[179.0, 0.0], [180.0, 0.0], [-179.0, 0.0], [-179.0, 2.0], [179.0, 2.0], [179.0, 0.0]]
    west, east = _tool()._split_at_antimeridian(ring)
    assert min(lon for lon, _ in west) == 179.0 and max(lon for lon, _ in west) == 180.0
    assert min(lon for lon, _ in east) == -180.0 and max(lon for lon, _ in east) == -179.0
    assert west[0] == west[-1] and east[0] == east[-1]


def test_rounding_drops_repeated_points_and_keeps_rings_closed() -> None:
    ring = [[1.001, 1.0], [1.002, 1.0], [2.0, 1.0], [2.0, 2.0], [1.0, 2.0004]]
    assert _tool()._ring(ring) == [[1.0, 1.0], [2.0, 1.0], [2.0, 2.0], [1.0, 2.0], [1.0, 1.0]]
