"""The widgets every view shares: the sidebar filters, a view's header (title, selection line,
share link, empty state), labelled fields, and the context a view works from."""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import cached, present, state
from dashboard.dataset import Dataset
from dashboard.filters import EARLIEST, KINDS, LATEST, Filters
from dashboard.present import md_escape

_CONTEXT = "_view_context"
_PAGE_GLOBALS = "_view_globals"  # the running view's module namespace, emptied after its run
_MIRROR = "_filters_mirror"  # the last filters the sidebar returned, outside widget state


@dataclass(frozen=True)
class ViewContext:
    """What every view works from: the full dataset, the filtered one and the filters."""

    loaded: cached.Loaded
    dataset: Dataset
    subset: Dataset
    filters: Filters
    page: str = ""  # the running page's URL path ("" for the Overview)


def set_context(context: ViewContext) -> None:
    """Store this run's context for the view that runs next."""
    st.session_state[_CONTEXT] = context


def clear_context() -> None:
    """Drop this run's context once the view has run: a session keeps no filtered tables
    between runs (they are rebuilt from the cached rows at the next run). The view's own
    top-level names go too (its tables, graph, context): its callbacks and download buttons
    keep its namespace alive for as long as the server keeps the session (minutes after the
    tab closed), and at 10,000 articles that was 70 MB a session. What stays: modules,
    functions, classes and UPPER_CASE constants, which is all a callback may read."""
    st.session_state.pop(_CONTEXT, None)
    names: dict[str, object] | None = st.session_state.pop(_PAGE_GLOBALS, None)
    for name, value in list((names or {}).items()):
        kept = name.startswith("__") or name.isupper() or callable(value)
        if not kept and not isinstance(value, types.ModuleType):
            del names[name]


def context(*params: state.UrlParam) -> ViewContext:
    """This run's context, for a view that declares its URL parameters (see dashboard.state):
    what a link brought for them is applied, and what was ignored is shown."""
    ctx: ViewContext = st.session_state[_CONTEXT]
    st.session_state[_PAGE_GLOBALS] = sys._getframe(1).f_globals  # the view's namespace
    state.use_params(params, ctx.dataset)
    notices = state.notices(ctx.page)
    if notices:
        with st.container(border=True, key="link-notices"):
            st.warning("Some parts of the link were ignored.", icon=":material/link_off:")
            st.text("\n".join(notices))  # values from the link are data: shown as text only
            st.button("Dismiss", key="link-notices.dismiss", on_click=state.clear_notices,
                      icon=":material/close:")  # fmt: skip
    return ctx


def theme_base() -> str:
    """ "dark" when the browser shows Streamlit's dark base, else "light": charts pick the
    shades that read on it (dashboard.colours.shade). The browser reports it with each rerun,
    so after a switch in the settings menu the charts follow at the next interaction."""
    try:
        kind = st.context.theme.type
    except Exception:  # outside a browser session (tests) there is no theme
        kind = None
    return "dark" if kind == "dark" else "light"


TYPED = "filters.typed"
_TYPED_ERROR = "_filters_typed_error"


def parse_typed_dates(text: str) -> tuple[date | None, date | None] | None:
    """(from, to) from typed text: "2023-11-01", "2023-11-01 to 2023-11-30" (or "–", "..")
    or "to 2023-11-30"; None when it is not dates written YYYY-MM-DD within the filters'
    range."""
    parts = re.split(r"\s*(?:\bto\b|–|—|\.\.)\s*", text.strip(), maxsplit=1)
    try:
        found = [date.fromisoformat(p) if p else None for p in parts]
    except ValueError:
        return None
    if len(found) == 1:
        found.append(None)
    lo, hi = found
    if not any(found) or any(d and not EARLIEST <= d <= LATEST for d in found):
        return None
    return lo, hi


def _typed_dates() -> None:
    text = st.session_state.get(TYPED) or ""
    typed = parse_typed_dates(text)
    if not text.strip():
        st.session_state.pop(_TYPED_ERROR, None)
        return
    if typed is None:
        st.session_state[_TYPED_ERROR] = "Not dates: write YYYY-MM-DD, or two joined by 'to'."
        return
    st.session_state.pop(_TYPED_ERROR, None)
    st.session_state[state.filter_key("from")], st.session_state[state.filter_key("to")] = typed
    st.session_state[TYPED] = ""
    state.clear_notices()


def reset() -> None:
    """Clear every filter (a callback of the Reset button)."""
    for kind in KINDS:
        st.session_state[state.filter_key(kind)] = []
    st.session_state[state.filter_key("from")] = None
    st.session_state[state.filter_key("to")] = None
    state.clear_notices()


def faceted(names: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """Options labelled with their facet counts ("Xi Jinping (9)"): those that would keep
    something first, in their display order, then those that would keep nothing."""
    order = sorted(names, key=lambda i: counts.get(i, 0) == 0)  # stable: display order kept
    return {i: f"{names[i]} ({counts.get(i, 0)})" for i in order}


def calendar_bounds(span: tuple[date, date] | None, *chosen: date | None) -> tuple[date, date]:
    """The calendars' first and last day: the data's span (so that an empty calendar opens on
    the data, not on today's month, which lies after it), widened to any date already chosen
    (from a link or typed), which a calendar would otherwise reset; the whole range without
    dated data."""
    if span is None:
        return EARLIEST, LATEST
    days = [d for d in chosen if isinstance(d, date)]
    return min([span[0], *days]), max([span[1], *days])


def sidebar_filters(loaded: cached.Loaded) -> Filters:
    """Draw the sidebar filters (names with facet counts, never raw ids) and return what they
    select. The counts are those of the filters as they stand at the start of this run."""
    dataset = loaded.dataset
    assert dataset is not None
    options = cached.options(loaded)
    # A page switch made from a script (st.switch_page) can start the next run without the
    # widgets' state; the mirror puts the filters back so the data and the URL keep them.
    for key, value in st.session_state.get(_MIRROR, {}).items():
        if key not in st.session_state:
            st.session_state[key] = value
    key = state.filter_key
    lowest, highest = calendar_bounds(
        cached.date_span(loaded), st.session_state.get(key("from")), st.session_state.get(key("to"))
    )
    with st.sidebar:
        st.header("Filters")
        date_from = st.date_input(
            "From", value=None, key=key("from"), min_value=lowest, max_value=highest,
            format="YYYY-MM-DD", on_change=state.clear_notices,
        )  # fmt: skip
        date_to = st.date_input(
            "To", value=None, key=key("to"), min_value=lowest, max_value=highest,
            format="YYYY-MM-DD", on_change=state.clear_notices,
        )  # fmt: skip
        # The calendar applies a typed date only when the field loses focus; this one applies
        # on Enter: "2023-11-01" (from), "2023-11-01 to 2023-11-30" or "to 2023-11-30".
        st.text_input(
            "Type dates, then Enter", key=TYPED, placeholder="2023-11-01 to 2023-11-30",
            on_change=_typed_dates, help="A date (from), two dates (from to), or 'to' a date.",
        )  # fmt: skip
        if st.session_state.get(_TYPED_ERROR):
            st.caption(st.session_state[_TYPED_ERROR])
        counts = cached.counts(loaded, _current_filters())
        chosen: dict[str, tuple[str, ...]] = {}
        for kind in KINDS.values():
            labels = faceted(options[kind.name], counts[kind.name])
            chosen[kind.name] = tuple(
                st.multiselect(
                    kind.label,
                    list(labels),
                    format_func=lambda v, labels=labels: labels.get(v, v),
                    key=key(kind.name),
                    placeholder="Any",
                    help=f"Each option shows how many {kind.counts} it would keep.",
                    on_change=state.clear_notices,
                )
            )
        st.button("Reset filters", on_click=reset, icon=":material/restart_alt:", width="stretch")
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
        st.sidebar.caption("The dates were reversed; both are used.")
    st.session_state[_MIRROR] = {
        **{key(kind): list(ids) for kind, ids in chosen.items()},
        key("from"): st.session_state.get(key("from")),
        key("to"): st.session_state.get(key("to")),
    }
    return Filters(**chosen, date_from=date_from, date_to=date_to)


def _current_filters() -> Filters:
    """The filters as the widgets hold them before they are drawn (for the facet counts)."""
    get = st.session_state.get
    ids = {kind: tuple(get(state.filter_key(kind)) or ()) for kind in KINDS}
    lo, hi = get(state.filter_key("from")), get(state.filter_key("to"))
    if lo and hi and lo > hi:
        lo, hi = hi, lo
    return Filters(date_from=lo, date_to=hi, **ids)


def selection_caption(ctx: ViewContext) -> str:
    """How much the filters select, in one line."""
    d, s = ctx.dataset, ctx.subset
    parts = [
        f"{len(s.articles)} of {len(d.articles)} articles",
        f"{len(s.events)} of {len(d.events)} events",
        f"{len(s.people)} of {len(d.people)} people",
        f"{len(s.mentions)} of {len(d.mentions)} mentions",
    ]
    prefix = "Filtered: " if ctx.filters.active else "No filters: "
    return prefix + ", ".join(parts) + "."


LONG_TEXT = 80  # characters: a cell longer than this is cut in a table, so it is shown whole


def long_columns(frame: pd.DataFrame) -> list[str]:
    """The text columns with a cell longer than LONG_TEXT characters."""
    return [
        c
        for c in frame.columns
        if (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c]))
        and frame[c].astype(str).str.len().max() > LONG_TEXT
    ]


def table_with_text(frame: pd.DataFrame, key: str, **options: object) -> None:
    """A table whose selected row's long texts (quotes, summaries, notes) are shown whole below
    it, as text: a table cuts them to its column's width."""
    configured = set(options.get("column_config") or {})  # links and the like: drawn as such
    long = [c for c in long_columns(frame) if c not in configured] if not frame.empty else []
    if not long:
        st.dataframe(frame, key=key, **options)
        return
    event = st.dataframe(frame, key=key, on_select="rerun", selection_mode="single-row", **options)
    rows = list(event.selection.rows) if event and event.selection else []
    if not rows or rows[0] >= len(frame):
        st.caption(f"Select a row to read its {' and '.join(long)} in full.")
        return
    row = frame.iloc[rows[0]]
    with st.container(border=True, key=f"{key}.full"):
        for column in long:
            text = str(row[column] or "")
            if text:
                st.caption(column)
                st.text(text)  # data: shown as text, wrapped


def field(container: DeltaGenerator, label: str, value: str) -> None:
    """A labelled value in a card: the label small, the value (data, escaped) bold."""
    container.caption(label)
    container.markdown(f"**{md_escape(value)}**")


def header(title: str, ctx: ViewContext) -> bool:
    """A view's title, its selection line and share link; False (after an empty state) when
    the filters select nothing."""
    st.title(title)
    st.caption(selection_caption(ctx))
    with st.expander("Link to this view", icon=":material/link:"):
        # Not st.code: its copy button loads a 1.5 MB highlighter on every view. A field and a
        # button of our own (present.copy_link_html) cost a few hundred bytes.
        st.html(present.copy_link_html(state.share_link(ctx.filters)))
        st.html(present.COPY_SCRIPT, unsafe_allow_javascript=True)
        st.caption("The address bar shows the same link as you change the filters.")
    if ctx.filters.active and ctx.subset.articles.empty and ctx.subset.events.empty:
        st.info(
            "Nothing matches these filters. Filters of different kinds must all match: "
            "remove one, or press **Reset filters** in the sidebar.",
            icon=":material/filter_alt_off:",
        )
        return False
    return True
