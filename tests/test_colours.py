"""The palette: fixed colours, stable picks for unknown ids, one accent shared with the theme."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dashboard import schema
from dashboard.colours import (
    COUNTRY_COLORS,
    EVENT_KIND_COLORS,
    EXTRA_COLORS,
    OTHER_COLOR,
    PRIMARY,
    PRIMARY_DARK,
    country_color,
    event_kind_color,
    event_kind_rgba,
    hex_to_rgb,
    rgba,
)

REPO = Path(__file__).resolve().parent.parent


# --- colours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country_id", "expected"),
    [("MEX", "#009E73"), ("CHN", "#D55E00"), ("USA", "#0072B2"), ("", OTHER_COLOR)],
)
def test_country_color_fixed(country_id: str, expected: str) -> None:
    assert country_color(country_id) == expected


def test_palettes_distinct() -> None:
    assert len(set(COUNTRY_COLORS.values())) == len(COUNTRY_COLORS)
    assert len(set(EVENT_KIND_COLORS.values())) == len(EVENT_KIND_COLORS)
    assert OTHER_COLOR not in {*COUNTRY_COLORS.values(), *EVENT_KIND_COLORS.values()}


def test_every_schema_event_kind_has_its_own_colour() -> None:
    (kinds,) = [
        f["constraints"]["enum"]
        for f in schema.resource("events")["schema"]["fields"]
        if f["name"] == "kind"
    ]
    assert set(kinds) <= set(EVENT_KIND_COLORS)


@pytest.mark.parametrize("country_id", ["VEN", "BRA", "XYZ"])
def test_unknown_country_colour_is_stable_across_processes(country_id: str) -> None:
    # Python's str hash changes per process; the colour must not.
    code = f"from dashboard.colours import country_color; print(country_color({country_id!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()
    assert country_color(country_id) == other
    assert other in EXTRA_COLORS


def test_unknown_kind_colour_is_pinned() -> None:
    # crc32("press conference") % 9 == 6: pinned, so a change of the pick shows up here.
    assert event_kind_color("press conference") == EXTRA_COLORS[6] == "#CC6677"
    assert event_kind_color("") == OTHER_COLOR


@pytest.mark.parametrize(
    ("country_id", "rgb"),
    [("MEX", [0, 158, 115]), ("CHN", [213, 94, 0]), ("USA", [0, 114, 178]), ("", [153] * 3)],
)
def test_country_rgb_matches_hex(country_id: str, rgb: list[int]) -> None:
    assert hex_to_rgb(country_color(country_id)) == rgb


@pytest.mark.parametrize("kind", ["summit", "delegation visit", "disaster", "unknown kind"])
def test_event_kind_rgba_matches_hex(kind: str) -> None:
    hex_color = event_kind_color(kind)
    expected = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    assert event_kind_rgba(kind, 123) == [*expected, 123]


def test_rgba_text() -> None:
    assert rgba("#0072B2", 0.22) == "rgba(0, 114, 178, 0.22)"


def test_theme_primary_colour_is_the_palette_accent() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["theme"]["light"]["primaryColor"] == PRIMARY
    assert config["theme"]["dark"]["primaryColor"] == PRIMARY_DARK


def test_no_colour_literal_outside_the_palette() -> None:
    """Every hex colour in the package is defined in dashboard/colours.py."""
    hexes = re.compile(r"#[0-9A-Fa-f]{6}\b")
    found = {
        path.name: sorted(set(hexes.findall(path.read_text(encoding="utf-8"))))
        for path in (REPO / "dashboard").rglob("*.py")
        if path.name != "colours.py"
    }
    assert {name: colors for name, colors in found.items() if colors} == {}
