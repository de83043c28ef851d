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
    BACKGROUNDS,
    COUNTRY_COLORS,
    EVENT_KIND_COLORS,
    EXTRA_COLORS,
    FOCUS_COLOR,
    MARK_CONTRAST,
    MUTED_TEXT,
    OTHER_COLOR,
    POSITION_COLORS,
    PRIMARY,
    PRIMARY_DARK,
    TEXT,
    TEXT_CONTRAST,
    contrast,
    country_color,
    event_kind_color,
    event_kind_rgba,
    hex_to_rgb,
    luminance,
    rgba,
    shade,
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


# --- contrast on both of Streamlit's bases ---------------------------------------------------

BASES = ("light", "dark")
# Every colour a chart draws a mark with: countries, kinds, the extra picks, grey, the accents.
MARK_COLOURS = sorted(
    {
        *COUNTRY_COLORS.values(),
        *EVENT_KIND_COLORS.values(),
        *EXTRA_COLORS,
        *POSITION_COLORS.values(),
        OTHER_COLOR,
        PRIMARY,
    }
)


def cie_lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a "#RRGGBB" colour, for the distance between two palette colours."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in hex_to_rgb(color))
    ]
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(cie_lab(a), cie_lab(b), strict=True)) ** 0.5


def test_contrast_on_known_pairs() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # Okabe-Ito's blue on Streamlit's dark background: 3.49, enough for a mark, not for text.
    assert contrast("#0072B2", BACKGROUNDS["dark"]) == pytest.approx(3.49, abs=0.01)
    # The navy of "summit" vanishes on dark (1.49) and the yellow of "announcement" on white.
    assert contrast("#332288", BACKGROUNDS["dark"]) == pytest.approx(1.49, abs=0.01)
    assert contrast("#F0E442", BACKGROUNDS["light"]) == pytest.approx(1.32, abs=0.01)


def test_backgrounds_are_streamlits() -> None:
    # rgb(23, 22, 20): Streamlit 1.67's dark background, read in Chromium (tests/browser).
    assert BACKGROUNDS == {"light": "#FFFFFF", "dark": "#171614"}


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("color", MARK_COLOURS)
def test_every_mark_colour_has_3_to_1_on_each_base(color: str, base: str) -> None:
    assert contrast(shade(color, base), BACKGROUNDS[base]) >= MARK_CONTRAST


@pytest.mark.parametrize("base", BASES)
def test_text_colours_have_4_5_to_1_on_their_base(base: str) -> None:
    assert contrast(TEXT[base], BACKGROUNDS[base]) >= TEXT_CONTRAST
    assert contrast(MUTED_TEXT[base], BACKGROUNDS[base]) >= TEXT_CONTRAST


@pytest.mark.parametrize(
    ("color", "base", "expected"),
    [
        ("#0072B2", "light", "#0072B2"),  # 5.19 on white: kept
        ("#0072B2", "dark", "#0072B2"),  # 3.49 on dark: kept
        ("#56B4E9", "dark", "#56B4E9"),  # 7.84 on dark: kept
        ("#D55E00", "light", "#D55E00"),
        ("#F0E442", "light", "#A89000"),  # by hand: the darkened yellow met the olive
    ],
)
def test_shade_keeps_what_reads_and_darkens_what_does_not(
    color: str, base: str, expected: str
) -> None:
    assert shade(color, base) == expected


@pytest.mark.parametrize(
    ("color", "base"), [("#332288", "dark"), ("#882255", "dark"), ("#E69F00", "light")]
)
def test_shade_moves_a_faint_colour_away_from_the_background(color: str, base: str) -> None:
    shaded = shade(color, base)
    before, after = luminance(color), luminance(shaded)
    # Lighter on dark, darker on light: the hue's own shade, not another colour.
    assert (after > before) if base == "dark" else (after < before)
    assert delta_e(color, shaded) < 30
    assert contrast(shaded, BACKGROUNDS[base]) >= MARK_CONTRAST


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize(
    "palette", [COUNTRY_COLORS, EVENT_KIND_COLORS, dict(enumerate(EXTRA_COLORS))]
)
def test_shades_stay_apart_within_a_palette(palette: dict, base: str) -> None:
    """Shading never brings two colours of a palette closer than CIE76 10 (two marks of one
    chart stay told apart), unless the palette itself has them closer (then no closer)."""
    keys = sorted(palette, key=str)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            before = delta_e(palette[a], palette[b])
            after = delta_e(shade(palette[a], base), shade(palette[b], base))
            assert after >= min(10, before), (a, b, round(after, 1))


def test_article_marks_read_on_both_bases() -> None:
    from dashboard import present

    for color in (present._PERSON, present._ORG, FOCUS_COLOR):
        for base in BASES:
            assert contrast(color, BACKGROUNDS[base]) >= MARK_CONTRAST, (color, base)


@pytest.mark.parametrize("base", BASES)
def test_search_hits_keep_dark_text_on_their_yellow(base: str) -> None:
    from dashboard.colours import HIT_COLOR

    # The hit's yellow at 0.7 over the page's background, under the hit's own text colour.
    over = [
        round(0.7 * h + 0.3 * b)
        for h, b in zip(hex_to_rgb(HIT_COLOR), hex_to_rgb(BACKGROUNDS[base]), strict=True)
    ]
    fill = "#" + "".join(f"{c:02X}" for c in over)
    assert contrast(TEXT["light"], fill) >= TEXT_CONTRAST


# --- every text drawn in a palette colour, on both bases ---------------------------------------


def _text_uses(base: str) -> dict[str, tuple[str, str]]:
    """Every place a palette colour is text: (text colour, what it is drawn on), as the code
    picks them for `base`."""
    from dashboard.colours import (
        MAP_COUNTRY_TEXT,
        MAP_PLACE_TEXT,
        MAP_TEXT_BOX,
        TOOLTIP_TEXT,
        over,
        text_shade,
    )

    page = BACKGROUNDS[base]
    box = over(MAP_TEXT_BOX[base], page)
    return {
        "chart text": (TEXT[base], page),
        "chart subtitle": (MUTED_TEXT[base], page),
        "disputed flag": (text_shade(POSITION_COLORS["denies"], base), page),
        "map place name": (over(MAP_PLACE_TEXT[base], box), box),
        "map country name": (over(MAP_COUNTRY_TEXT[base], box), box),
        # The tooltip is white on both bases (rgba(255, 255, 255, 0.96)).
        "map tooltip": (TOOLTIP_TEXT, over([255, 255, 255, 245], page)),
    }


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("use", list(_text_uses("light")))
def test_every_text_in_a_palette_colour_has_4_5_to_1(use: str, base: str) -> None:
    text, ground = _text_uses(base)[use]
    assert contrast(text, ground) >= TEXT_CONTRAST, (use, base, round(contrast(text, ground), 2))


def test_the_disputed_flag_is_darkened_on_white_only() -> None:
    from dashboard.colours import text_shade

    # Okabe-Ito's vermilion is 3.87:1 on white: enough for a mark, not for a word
    # (tests/test_claims.py checks the flag is drawn in text_shade's colour).
    assert contrast("#D55E00", BACKGROUNDS["light"]) == pytest.approx(3.87, abs=0.01)
    assert contrast("#D55E00", BACKGROUNDS["dark"]) == pytest.approx(4.68, abs=0.01)
    assert text_shade("#D55E00", "light") == "#C25600"
    assert text_shade("#D55E00", "dark") == "#D55E00"


def test_map_land_is_a_shade_off_each_base() -> None:
    from dashboard.colours import MAP_LAND, over

    for base in BASES:
        land = over(MAP_LAND[base], BACKGROUNDS[base])
        # Told apart from the page, but far from a mark's 3:1: the land is ground, not data.
        assert 1.1 <= contrast(land, BACKGROUNDS[base]) < 1.5, (base, land)
    # On dark, the land is dark: darker than the text on it and never the light base's grey.
    assert luminance(over(MAP_LAND["dark"], BACKGROUNDS["dark"])) < 0.03
