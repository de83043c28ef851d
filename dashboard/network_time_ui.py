"""The Network view's time control: the network as the story unfolds, played in the browser, or
at a few dates side by side. The time position travels in the link (`time`, `at`, `tmode`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import networkx as nx
import pandas as pd
import streamlit as st

from dashboard import cached, network, network_figure, state, ui
from dashboard.dataset import Dataset
from dashboard.dates import parse_period, period_key, period_label, periods
from dashboard.ui import ViewContext

TIME_VIEW, AT, TMODE, CHOSEN = "network.time", "network.at", "network.tmode", "network.multiples"
TIME_VIEWS = {"all": "Whole selection", "play": "Over time", "multiples": "Side by side"}
MODES = {"cumulative": "Up to this date", "window": "In this period only"}
DENSE_MONTHS = 3  # a selection spanning this many months or fewer is stepped by week
MOST_PANELS = 6


def _period(text: str, dataset: Dataset) -> str | None:
    return text if parse_period(text) else None


PARAMS = (
    state.UrlParam("time", TIME_VIEW, state.one_of(TIME_VIEWS),
                   lambda v: None if v in (None, "all") else str(v)),
    state.UrlParam("at", AT, _period),
    state.UrlParam("tmode", TMODE, state.one_of(MODES),
                   lambda v: None if v in (None, "cumulative") else str(v)),
)  # fmt: skip


def control() -> str:
    """The time view chosen: "all", "play" or "multiples". A link with `at` opens "play"."""
    if st.session_state.get(AT) and st.session_state.get(TIME_VIEW) in (None, "all"):
        st.session_state[TIME_VIEW] = "play"
    view = st.segmented_control(
        "Time",
        list(TIME_VIEWS),
        format_func=TIME_VIEWS.get,
        default=None if TIME_VIEW in st.session_state else "all",
        key=TIME_VIEW,
        required=True,
    )
    return view or "all"


def steps(period: tuple[str, str], at: str | None = None) -> tuple[list[tuple[date, date]], str]:
    """The periods from the first to the last dated unit of the selection, and their unit:
    the unit of the link's `at` ("2023-11" months, "2023-W46" weeks), else months, or weeks
    when the selection spans DENSE_MONTHS months or fewer."""
    if not period[0]:
        return [], "month"
    first, last = date.fromisoformat(period[0]), date.fromisoformat(period[1])
    months = periods(first, last, "month")
    week = "-W" in at if at else len(months) <= DENSE_MONTHS
    return (periods(first, last, "week"), "week") if week else (months, "month")


def _frames(
    shared: network.SharedUnits,
    spans: list[tuple[date, date]],
    unit: str,
    mode: str,
) -> list[tuple[str, pd.DataFrame, Mapping[str, int]]]:
    positions = [
        (span[0].isoformat() if mode == "window" else "", span[1].isoformat()) for span in spans
    ]
    shots = network.coded_snapshots(shared, positions, mode)
    return [
        (period_label(span, unit), edges, strength)
        for span, (edges, strength) in zip(spans, shots, strict=True)
    ]


def _index(spans: list[tuple[date, date]], text: str | None) -> int:
    """The period a link's `at` falls in (its last day), clamped to the selection's range."""
    wanted = parse_period(text or "")
    if wanted is None:
        return len(spans) - 1
    for i, (_, last) in enumerate(spans):
        if wanted[1] <= last:
            return i
    return len(spans) - 1


def show(
    view: str,
    ctx: ViewContext,
    graph: nx.Graph,
    window: str,
    orgs: bool,
    max_nodes: int,
    countries: Mapping[str, str],
) -> pd.DataFrame | None:
    """The network over time ("play") or at chosen dates ("multiples"); for "play", the edges
    (network.EDGE_COLUMNS) at the chosen time position, so that the evidence follows it."""
    shared, period = cached.time_units(ctx.loaded, ctx.filters, window, orgs)
    spans, unit = steps(period, st.session_state.get(AT) if view == "play" else None)
    if not spans:
        st.info("No unit of this window in the selection has a date.", icon=":material/event:")
        return None
    keys = [period_key(span, unit) for span in spans]
    labels = dict(zip(keys, (period_label(span, unit) for span in spans), strict=True))
    if view == "multiples":
        default = (
            [keys[round(i * (len(keys) - 1) / 3)] for i in range(4)] if len(keys) > 4 else keys
        )
        chosen = st.multiselect(
            "Dates side by side (each shows everything up to the end of its period)",
            keys,
            default=list(dict.fromkeys(default)),
            format_func=labels.get,
            max_selections=MOST_PANELS,
            key=CHOSEN,
        )
        picked = [spans[keys.index(k)] for k in sorted(chosen, key=keys.index)]
        frames = _frames(shared, picked, unit, "cumulative")
        st.plotly_chart(
            network_figure.network_multiples_figure(
                graph, frames, max_nodes, countries, base=ui.theme_base()
            ),
            key="network.multiples_chart",
        )
        return None
    left, right = st.columns([3, 2])
    mode = right.segmented_control(
        "Show the links", list(MODES), format_func=MODES.get,
        default=None if TMODE in st.session_state else "cumulative", key=TMODE, required=True,
    ) or "cumulative"  # fmt: skip
    start = _index(spans, st.session_state.get(AT))
    st.session_state[AT] = keys[start]
    if len(keys) > 1:
        left.select_slider("As of", keys, format_func=labels.get, key=AT)
    at = st.session_state[AT]
    start = keys.index(at)
    frames = _frames(shared, spans, unit, mode)
    st.plotly_chart(
        network_figure.network_time_figure(
            graph, frames, start, max_nodes, countries, base=ui.theme_base()
        ),
        key="network.time_chart",
    )
    edges, strength = frames[start][1], frames[start][2]
    since = spans[start][0].isoformat() if mode == "window" else ""
    shown = sum(graph.has_edge(s, t) for s, t in zip(edges["source"], edges["target"], strict=True))
    people = sum(node in strength for node in graph.nodes)
    when = "up to the end of" if mode == "cumulative" else "only in"
    undated = network.undated_units(shared)
    st.caption(
        f"{labels[at]}: {shown} links among {people} of {graph.number_of_nodes()} people, "
        f"from the units dated {when} {labels[at]}. ▶ Play steps through the "
        f"{'weeks' if unit == 'week' else 'months'} in your browser; the slider above sets "
        "the date in the link."
        + (f" {undated} shared units have no date and are not on the timeline." if undated else "")
    )
    return network.edges_in_time(shared, spans[start][1].isoformat(), since, mode)
