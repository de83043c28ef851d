"""The sidebar filters and the URL: the filters live in the query string with the same names
and ids as the CLI, so a link reproduces the view. Streamlit clears query parameters when the
page changes, so every run writes them back from the widgets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import cached
from dashboard.dataset import Dataset
from dashboard.filters import ID_KINDS, Filters, parse_filters, valid_ids
from dashboard.network import WINDOWS
from dashboard.present import md_escape

LABELS = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "topic": "Topic",
    "location": "Location",
    "article": "Source article",
}
# View settings that travel in the URL too: parameter -> (widget key, how to check a value).
VIEW_PARAMS = {
    "who": "people.person",
    "doc": "sources.article",
    "window": "network.window",
    "min_weight": "network.min_weight",
    "orgs": "network.orgs",
}
_LOADED_FLAG = "_url_loaded"
_NOTICES = "_url_notices"
_CONTEXT = "_view_context"
_MIRROR = "_filters_mirror"  # the last filters the sidebar returned, outside widget state


@dataclass(frozen=True)
class ViewContext:
    """What every view works from: the full dataset, the filtered one and the filters."""

    loaded: cached.Loaded
    dataset: Dataset
    subset: Dataset
    filters: Filters


def _key(kind: str) -> str:
    return f"filters.{kind}"


def _view_value(param: str, value: str, dataset: Dataset) -> object | None:
    """A view setting from the URL, or None when it is not valid."""
    if param == "who":
        return value if value in set(dataset.people["person_id"]) else None
    if param == "doc":
        return value if value in set(dataset.articles["article_id"]) else None
    if param == "window":
        return value if value in WINDOWS else None
    if param == "min_weight":
        return int(value) if value.isdigit() and 1 <= int(value) <= 1000 else None
    if param == "orgs":
        return {"1": True, "true": True, "0": False, "false": False}.get(value.lower())
    return None


def load_url(dataset: Dataset) -> None:
    """Once per session: put the link's filters and view settings into the widgets, and keep
    a notice of whatever was ignored."""
    if st.session_state.get(_LOADED_FLAG):
        return
    st.session_state[_LOADED_FLAG] = True
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    filter_params = {k: v for k, v in params.items() if k not in VIEW_PARAMS}
    filters, notices = parse_filters(filter_params, dataset)
    for kind in ID_KINDS:
        st.session_state[_key(kind)] = list(filters.ids(kind))
    st.session_state[_key("from")] = filters.date_from
    st.session_state[_key("to")] = filters.date_to
    for param, key in VIEW_PARAMS.items():
        values = params.get(param, [])
        if not values:
            continue
        value = _view_value(param, values[0], dataset)
        if value is None:
            notices.append(f"Ignored {param} {values[0][:40]!r}.")
        else:
            st.session_state[key] = value
    st.session_state[_NOTICES] = notices


def keep_view_settings() -> None:
    """Keep each view's settings when another view is shown: Streamlit forgets the state of
    widgets that a run does not draw, unless it is written back."""
    for key in VIEW_PARAMS.values():
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _clear_notices() -> None:
    st.session_state.pop(_NOTICES, None)


def reset() -> None:
    """Clear every filter (a callback of the Reset button)."""
    for kind in ID_KINDS:
        st.session_state[_key(kind)] = []
    st.session_state[_key("from")] = None
    st.session_state[_key("to")] = None
    _clear_notices()


def sidebar_filters(dataset: Dataset) -> Filters:
    """Draw the sidebar filters (names, never raw ids) and return what they select."""
    options = valid_ids(dataset)
    # A page switch made from a script (st.switch_page) can start the next run without the
    # widgets' state; the mirror puts the filters back so the data and the URL keep them.
    for key, value in st.session_state.get(_MIRROR, {}).items():
        if key not in st.session_state:
            st.session_state[key] = value
    with st.sidebar:
        st.header("Filters")
        date_from = st.date_input(
            "From", value=None, key=_key("from"), min_value=date(1900, 1, 1),
            max_value=date(2100, 12, 31), format="YYYY-MM-DD", on_change=_clear_notices,
        )  # fmt: skip
        date_to = st.date_input(
            "To", value=None, key=_key("to"), min_value=date(1900, 1, 1),
            max_value=date(2100, 12, 31), format="YYYY-MM-DD", on_change=_clear_notices,
        )  # fmt: skip
        chosen: dict[str, tuple[str, ...]] = {}
        for kind in ID_KINDS:
            names = options[kind]
            chosen[kind] = tuple(
                st.multiselect(
                    LABELS[kind],
                    list(names),
                    format_func=lambda v, names=names: names.get(v, v),
                    key=_key(kind),
                    placeholder="Any",
                    on_change=_clear_notices,
                )
            )
        st.button("Reset filters", on_click=reset, icon=":material/restart_alt:", width="stretch")
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
        st.sidebar.caption("The dates were reversed; both are used.")
    st.session_state[_MIRROR] = {
        **{_key(kind): list(ids) for kind, ids in chosen.items()},
        _key("from"): st.session_state.get(_key("from")),
        _key("to"): st.session_state.get(_key("to")),
    }
    return Filters(**chosen, date_from=date_from, date_to=date_to)


def query_params(filters: Filters) -> dict[str, str]:
    """The query string for the filters and the current view settings."""
    params = filters.to_query()
    for param, key in VIEW_PARAMS.items():
        value = st.session_state.get(key)
        if value is None or value == "" or (param == "orgs" and value is False):
            continue
        params[param] = "1" if value is True else str(value)
    return params


def write_url(filters: Filters) -> None:
    """Make the address bar show the filters (after a change, and after a page switch)."""
    params = query_params(filters)
    current = {k: ",".join(st.query_params.get_all(k)) for k in st.query_params}
    if current != params:
        st.query_params.from_dict(params)


def share_link(filters: Filters) -> str:
    """The link that reproduces the current view."""
    query = urlencode(query_params(filters), safe=",")
    try:
        url = st.context.url or ""
    except Exception:  # outside a browser session (tests) there is no URL
        url = ""
    base = url.split("?", 1)[0] if url else ""
    if base and urlsplit(base).scheme not in {"http", "https"}:
        base = ""
    return f"{base}?{query}" if query else (base or "?")


def show_notices() -> None:
    """What the link contained that was ignored."""
    notices = st.session_state.get(_NOTICES) or []
    if notices:
        with st.container(border=True):
            st.warning("Some parts of the link were ignored.", icon=":material/link_off:")
            st.text("\n".join(notices))  # values from the link are data: shown as text only


def set_context(context: ViewContext) -> None:
    """Store this run's context for the view that runs next."""
    st.session_state[_CONTEXT] = context


def context() -> ViewContext:
    """This run's context (set by the entrypoint before the view runs)."""
    return st.session_state[_CONTEXT]


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
        # Plain text, not st.code: its copy button loads a 1.5 MB highlighter on every view.
        st.text(share_link(ctx.filters))
        st.caption("The address bar shows the same link as you change the filters.")
    if ctx.filters.active and ctx.subset.articles.empty and ctx.subset.events.empty:
        st.info(
            "Nothing matches these filters. Filters of different kinds must all match: "
            "remove one, or press **Reset filters** in the sidebar.",
            icon=":material/filter_alt_off:",
        )
        return False
    return True
