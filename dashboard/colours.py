"""The colour palette: one place for every colour the dashboard draws with.

Vega-Lite (dashboard.vegalite), plotly (dashboard.network_figure), pydeck (dashboard.maps), the
highlighted article text (dashboard.present), the favicon (dashboard.app) and the theme's
`primaryColor` in `.streamlit/config.toml` (a test checks it equals PRIMARY) all read it, so a
country or an event kind has the same colour on every view. No background colours are set, so
Streamlit's light or dark theme applies; each base gets its own shade of a colour that is too
faint on it (`shade`), so every mark keeps WCAG AA contrast (3:1) and every text 4.5:1 on both.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

Base = Literal["light", "dark"]
# Streamlit's own backgrounds of its two bases (1.67; tests/browser reads them in Chromium).
BACKGROUNDS: dict[str, str] = {"light": "#FFFFFF", "dark": "#171614"}
# WCAG 2.x AA: 4.5:1 for text (1.4.3), 3:1 for marks and widgets (1.4.11).
TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0

# Okabe–Ito: distinguishable under the common colour-vision deficiencies. The three countries at
# the heart of the story get the strongest hues; the rest follow in a fixed order.
COUNTRY_COLORS: dict[str, str] = {
    "MEX": "#009E73",
    "CHN": "#D55E00",
    "USA": "#0072B2",
    "CAN": "#E69F00",
    "JPN": "#56B4E9",
    "PER": "#CC79A7",
    "CHL": "#F0E442",
}
OTHER_COLOR = "#999999"
# Countries not listed above: Paul Tol's "muted" scheme, also colour-blind safe, picked by a
# stable checksum of the id (Python's hash() is salted per process, so it would not be stable).
EXTRA_COLORS: tuple[str, ...] = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499",
)  # fmt: skip

# Twenty kinds are more than any colour-blind-safe palette separates, so kinds of one family
# share a hue family: meetings blue, visits green, written statements orange/yellow, ceremonies
# purple, crises red. Colours come from Okabe–Ito and Paul Tol's muted scheme.
EVENT_KIND_COLORS: dict[str, str] = {
    "summit": "#332288",
    "bilateral meeting": "#0072B2",
    "working group meeting": "#56B4E9",
    "working meeting": "#88CCEE",
    "delegation visit": "#009E73",
    "site visit": "#117733",
    "letter": "#E69F00",
    "statement": "#DDCC77",
    "social media post": "#999933",
    "announcement": "#F0E442",
    "ceremony": "#AA4499",
    "commemoration": "#CC79A7",
    "disaster": "#D55E00",
    "political crisis": "#882255",
    # Added with issue 14: acts between two sides, aid, projects, decisions and history.
    "invitation": "#EE8866",
    "request": "#EEDD88",
    "decision": "#77AADD",
    "aid": "#44AA99",
    "project": "#BBCC33",
    "diplomatic relations": "#994F88",
}

# A claim's position on its proposition (dashboard.claims): agreement green, denial vermilion,
# a qualified position orange, several positions by one speaker grey (Okabe–Ito).
POSITION_COLORS: dict[str, str] = {
    "affirms": "#009E73",
    "denies": "#D55E00",
    "qualifies": "#E69F00",
    "mixed": "#999999",
}

# The theme's accent (`.streamlit/config.toml` primaryColor: [theme.light] PRIMARY, [theme.dark]
# PRIMARY_DARK, Okabe–Ito's sky blue, readable on a dark background) and filled chart cells.
PRIMARY = "#0072B2"
PRIMARY_DARK = "#56B4E9"
# Highlighted names in an article: people, organizations, and the one in focus.
ENTITY_COLORS: dict[str, str] = {"person": "#0072B2", "organization": "#E69F00"}
FOCUS_COLOR = "#D55E00"
# Words a search matched (Okabe–Ito's yellow, as a highlighter pen); the current hit is outlined
# in FOCUS_COLOR.
HIT_COLOR = "#F0E442"
# Network edges and the favicon's lines: neutral grey, readable on light and dark.
EDGE_COLOR = "rgba(128, 128, 128, 0.45)"
LINE_GREY = "#777777"
# Text on the map's white tooltip.
TOOLTIP_TEXT = "#222222"
# The map's own basemap, as pydeck's [r, g, b, a], by theme base: land a shade off the page's
# background (a light grey on white, a dark grey on dark, never a light patch on dark), borders
# and coasts in a grey that reads on both; names on a box of the base's own colour; circles
# outlined in dark grey.
MAP_LAND: dict[str, list[int]] = {"light": [128, 128, 128, 46], "dark": [34, 36, 40, 255]}
MAP_BORDER = [128, 128, 128, 200]
MAP_CIRCLE_OUTLINE = [60, 60, 60, 220]
MAP_PLACE_TEXT: dict[str, list[int]] = {"light": [30, 30, 30, 255], "dark": [250, 250, 250, 255]}
MAP_COUNTRY_TEXT: dict[str, list[int]] = {
    "light": [70, 70, 70, 255],
    "dark": [190, 190, 195, 255],
}
MAP_TEXT_BOX: dict[str, list[int]] = {"light": [255, 255, 255, 220], "dark": [23, 22, 20, 220]}
# Chart text that Streamlit's chart theme leaves to Vega's default black (subtitles, text
# marks): the body text of each base, and a quieter one for subtitles.
TEXT: dict[str, str] = {"light": "#31333F", "dark": "#FAFAFA"}
MUTED_TEXT: dict[str, str] = {"light": "#5C5E66", "dark": "#B8B8BD"}


def luminance(color: str) -> float:
    """WCAG 2.x relative luminance of a "#RRGGBB" colour."""
    channels = [c / 255 for c in hex_to_rgb(color)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Shades picked by hand where the mix towards black lands on another colour of the palette
# (tests/test_colours.py keeps every two shades of a palette apart): yellow darkened is the
# olive of "social media post", so a gold; request's sand, project's lime and decision's blue
# meet statement, social media post and working group meeting, so a tan, a leaf green and a
# slate blue.
_HAND_SHADES: dict[tuple[str, str], str] = {
    ("#F0E442", "light"): "#A89000",
    ("#EEDD88", "light"): "#B68935",
    ("#BBCC33", "light"): "#749C11",
    ("#77AADD", "light"): "#6984BF",
}


@lru_cache(maxsize=512)
def shade(color: str, base: str = "light", minimum: float = MARK_CONTRAST) -> str:
    """color itself when it has `minimum` contrast against the base's background; else the
    nearest shade that has it, mixed towards black on light and towards white on dark (so the
    hue stays, and a colour that reads on a base is never changed there)."""
    base = "dark" if base == "dark" else "light"
    background = BACKGROUNDS[base]
    if contrast(color, background) >= minimum:
        return color.upper()
    hand = _HAND_SHADES.get((color.upper(), base))
    if hand and contrast(hand, background) >= minimum:
        return hand
    target = 255 if base == "dark" else 0
    rgb = hex_to_rgb(color)
    for step in range(1, 101):
        t = step / 100
        mixed = "#" + "".join(f"{round(c + (target - c) * t):02X}" for c in rgb)
        if contrast(mixed, background) >= minimum:
            return mixed
    return "#000000" if target == 0 else "#FFFFFF"


def text_shade(color: str, base: str = "light") -> str:
    """A palette colour used for text (a flag's word): its shade with 4.5:1 on the base."""
    return shade(color, base, TEXT_CONTRAST)


def over(color: list[int] | tuple[int, ...], background: str) -> str:
    """An [r, g, b, a] colour (a 0-255) painted over a "#RRGGBB" background, as "#RRGGBB"."""
    alpha = color[3] / 255 if len(color) > 3 else 1.0
    rgb = zip(color[:3], hex_to_rgb(background), strict=True)
    mixed = (c * alpha + b * (1 - alpha) for c, b in rgb)
    return "#" + "".join(f"{round(c):02X}" for c in mixed)


def _pick(key: str, palette: tuple[str, ...]) -> str:
    return palette[zlib.crc32(key.encode("utf-8")) % len(palette)]


def country_color(country_id: str) -> str:
    """The hex colour of a country (the same id always gets the same colour; "" is grey)."""
    if not country_id:
        return OTHER_COLOR
    return COUNTRY_COLORS.get(country_id) or _pick(country_id, EXTRA_COLORS)


def event_kind_color(kind: str) -> str:
    """The hex colour of an event kind (unknown kinds get a stable extra colour; "" is grey)."""
    if not kind:
        return OTHER_COLOR
    return EVENT_KIND_COLORS.get(kind) or _pick(kind, EXTRA_COLORS)


def hex_to_rgb(color: str) -> list[int]:
    """[r, g, b] of a "#RRGGBB" colour."""
    value = color.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)]


def rgba(color: str, alpha: float) -> str:
    """A "#RRGGBB" colour as a CSS "rgba(r, g, b, alpha)" string."""
    r, g, b = hex_to_rgb(color)
    return f"rgba({r}, {g}, {b}, {alpha})"


def darker(color: str, factor: float = 0.7) -> str:
    """A "#RRGGBB" colour with each channel scaled by factor: an outline that keeps pale
    colours (yellow, sand) visible on white."""
    return "#" + "".join(f"{round(c * factor):02X}" for c in hex_to_rgb(color))


def event_kind_rgba(kind: str, alpha: int = 200) -> list[int]:
    """[r, g, b, a] of event_kind_color, the form pydeck expects."""
    return [*hex_to_rgb(event_kind_color(kind)), alpha]


def country_order(countries: Iterable[str]) -> list[str]:
    """Countries in palette order, then other ids alphabetically, then "" (unknown)."""
    known = list(COUNTRY_COLORS)
    present = set(countries)
    rest = sorted(present - set(known) - {""})
    return [c for c in known if c in present] + rest + ([""] if "" in present else [])
