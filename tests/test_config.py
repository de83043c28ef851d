"""The Streamlit configuration: both theme bases kept, the brand colour readable on each."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
# Streamlit's own backgrounds of its light and dark bases (1.67; the browser test reads them).
BACKGROUNDS = {"light": "#FFFFFF", "dark": "#171614"}  # rgb(23, 22, 20) in Chromium


def luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_on_known_pairs():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_config_keeps_both_theme_bases():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    theme = config["theme"]
    # A colour in a bare [theme] replaces Streamlit's light/dark pair with one fixed theme.
    assert set(theme) == {"light", "dark"}, "colours belong in [theme.light] and [theme.dark]"
    assert "base" not in theme


@pytest.mark.parametrize("base", ["light", "dark"])
def test_brand_colour_reads_on_its_base(base):
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    primary = config["theme"][base]["primaryColor"]
    # WCAG 1.4.11: widgets and marks need 3:1 against what surrounds them.
    assert contrast(primary, BACKGROUNDS[base]) >= 3.0
