"""Floors: how long a page that draws only what a dashboard view's first screen loads takes,
with no data at all, against Streamlit's hello page. They tell which browser targets the
dashboard can reach: no view with the sidebar's filters can be faster than its floor.

Each floor is a tiny script written into the run's folder: the sidebar's widgets (as
dashboard.ui draws them, two options each), then the elements of a view's first screen with
two rows of data. All servers run side by side; each visit is a fresh browser context at the
root path, the hello page and every floor in turn."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from pathlib import Path

from playwright.sync_api import Browser

from benchmarks import browser as b
from benchmarks import visits
from benchmarks.figures import Figure, median

_SIDEBAR = """import streamlit as st
import pandas as pd
st.set_page_config(page_title="Floor", layout="wide")
with st.sidebar:
    st.header("Filters")
    st.date_input("From", value=None)
    st.date_input("To", value=None)
    st.text_input("Type dates, then Enter")
    for label in ("Person", "Organization", "Country", "Topic", "Location", "Source article"):
        st.multiselect(label, ["a (1)", "b (2)"], placeholder="Any")
    st.button("Reset filters")
st.header("Floor")
SPEC = {
    "data": {"values": [{"a": 1, "b": 2}, {"a": 2, "b": 3}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "a", "type": "ordinal"},
        "y": {"field": "b", "type": "quantitative"},
    },
}
"""
# name -> (what the script draws after the sidebar, what must be drawn, which view it bounds)
FLOORS: dict[str, tuple[str, dict[str, int], str]] = {
    "sidebar": ("", {"stHeading": 1}, "every view"),
    "sidebar-4-charts": (
        "for _ in range(4):\n    st.vega_lite_chart(SPEC, width='stretch')\n",
        {"stHeading": 1, "stVegaLiteChart": 4},
        "the Overview, the warm visit",
    ),
    "sidebar-chart-table": (
        "st.vega_lite_chart(SPEC, width='stretch')\nst.dataframe(pd.DataFrame({'a': [1, 2]}))\n",
        {"stHeading": 1, "stVegaLiteChart": 1, "stDataFrame": 1},
        "Network",
    ),
    "sidebar-deck-table": (
        "import pydeck as pdk\n"
        "layer = pdk.Layer('ScatterplotLayer', [{'p': [0, 0]}], get_position='p',\n"
        "                  get_radius=1000, id='x', pickable=True)\n"
        "st.pydeck_chart(pdk.Deck(layers=[layer], map_provider=None), height=520)\n"
        "st.dataframe(pd.DataFrame({'a': [1, 2]}))\n",
        {"stHeading": 1, "stDeckGlJsonChart": 1, "stDataFrame": 1},
        "Map",
    ),
}


def floor_figures(
    browser: Browser, folder: Path, hello: Path, repeats: int, log: Callable[[str], None]
) -> list[Figure]:
    """Each floor against the hello page, visited in turn on running servers (one untimed
    visit each first), `repeats` rounds; medians."""
    scripts = {}
    for name, (body, _, _) in FLOORS.items():
        scripts[name] = folder / f"floor_{name.replace('-', '_')}.py"
        scripts[name].write_text(_SIDEBAR + body, encoding="utf-8")
    counts: Mapping[str, Mapping[str, int]] = {n: c for n, (_, c, _) in FLOORS.items()}
    times: dict[str, list[float]] = {"hello": [], **{n: [] for n in FLOORS}}
    with contextlib.ExitStack() as stack:
        hello_url = stack.enter_context(b.streamlit_server(hello)).url
        urls = {n: stack.enter_context(b.streamlit_server(s)).url for n, s in scripts.items()}
        visits.visit(browser, hello_url, visits.HELLO)
        for name, url in urls.items():
            visits.visit(browser, url, counts[name])
        for _ in range(repeats):
            times["hello"].append(visits.visit(browser, hello_url, visits.HELLO))
            for name, url in urls.items():
                times[name].append(visits.visit(browser, url, counts[name]))
            log("floors: " + ", ".join(f"{n} {t[-1]:.2f} s" for n, t in times.items()))
    hello_s = median(times["hello"])
    return [
        Figure(
            f"Floor, no data: {name} (bounds {bounds})",
            median(times[name]),
            "s",
            hello_s,
            "hello page",
            note=f"median of {repeats}, root path",
        )
        for name, (_, _, bounds) in FLOORS.items()
    ]
