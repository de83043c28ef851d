"""The Streamlit entrypoint: page config, the shared sidebar filters, then the chosen view.

Run with `streamlit run dashboard/app.py` (or `make run`).
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from PIL import Image, ImageDraw

from dashboard import cached, colours, state, ui

PAGES = (
    ("overview.py", "Overview", ":material/dashboard:", "", True),
    ("map.py", "Map", ":material/map:", "map", False),
    ("network.py", "Network", ":material/hub:", "network", False),
    ("events.py", "Events", ":material/event:", "events", False),
    ("claims.py", "Claims", ":material/forum:", "claims", False),
    ("people.py", "People", ":material/group:", "people", False),
    ("sources.py", "Sources", ":material/article:", "sources", False),
    ("search.py", "Search", ":material/search:", "search", False),
    ("data.py", "Data", ":material/table:", "data", False),
    ("about.py", "About", ":material/info:", "about", False),
)


def _page(file: str, title: str, icon: str, url_path: str, default: bool) -> st.Page:
    if default:
        return st.Page(f"views/{file}", title=title, icon=icon, default=True)
    return st.Page(f"views/{file}", title=title, icon=icon, url_path=url_path)


def _icon() -> Image.Image:
    """The favicon, drawn here: a material or emoji icon would be fetched from the internet."""
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    nodes = {"MEX": (16, 44), "CHN": (48, 44), "USA": (32, 16)}
    for a, b in (("MEX", "CHN"), ("CHN", "USA"), ("USA", "MEX")):
        draw.line([nodes[a], nodes[b]], fill=colours.LINE_GREY, width=4)
    for name, (x, y) in nodes.items():
        draw.ellipse([x - 10, y - 10, x + 10, y + 10], fill=colours.country_color(name))
    return image


# What the other views draw with. The Overview needs none of them, so a first visit does not
# wait for them; they are imported in the background once it is drawn, and a first visit to
# Network, Map or People then finds them loaded (about 0.75 s of imports on a quiet machine).
WARM_IMPORTS = ("networkx", "plotly.graph_objects", "pydeck")
WARM_DELAY_S = 1.0  # after the first page's script: its charts are being drawn meanwhile


def _warm_imports() -> None:
    time.sleep(WARM_DELAY_S)
    for name in WARM_IMPORTS:
        importlib.import_module(name)


@st.cache_resource(show_spinner=False)
def _warm_up() -> threading.Thread:
    """Start the background imports once per process."""
    thread = threading.Thread(target=_warm_imports, name="warm-imports", daemon=True)
    thread.start()
    return thread


def _problems_page() -> None:
    loaded = cached.load()
    st.title("The data could not be loaded")
    st.error(
        "The curated tables have problems, listed below with the file, the line and the "
        "column. Fix them (`python -m dashboard validate` gives the same list) and reload.",
        icon=":material/error:",
    )
    st.code("\n".join(str(p) for p in loaded.problems), language=None)


def run() -> None:
    """Build the page and run the selected view."""
    st.set_page_config(page_title="Precursor Diplomacy", page_icon=_icon(), layout="wide")
    loaded = cached.load()
    if loaded.dataset is None:
        about = _page(*PAGES[-1])
        problems = st.Page(_problems_page, title="Data problems", icon=":material/error:",
                           url_path="problems", default=True)  # fmt: skip
        st.navigation([problems, about]).run()
        return
    dataset = loaded.dataset
    state.keep_view_settings()
    state.load_link(dataset)
    state.start_run()
    filters = ui.sidebar_filters(loaded)
    subset = cached.filtered(loaded, filters)
    page = st.navigation([_page(*p) for p in PAGES])
    ui.set_context(ui.ViewContext(loaded, dataset, subset, filters, page.url_path))
    if dataset.warnings:
        with st.sidebar.expander(f"{len(dataset.warnings)} notice(s) about the files"):
            st.text("\n".join(dataset.warnings))  # file names are data: shown as text
    try:
        page.run()
        # After the view: it has declared its URL parameters and applied a link's values.
        state.write_url(filters)
    finally:
        ui.clear_context()
    _warm_up()


run()
