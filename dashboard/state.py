"""The URL contract: the filters and each view's settings live in the query string, with the
same names and ids as the CLI, so a link reproduces the view.

- Filters (`person=…`, `from=…`) belong to every view; `dashboard.filters` parses them.
- A view's own settings (`doc`, `who`, `window`, …) are declared by the view itself, next to its
  code, as `UrlParam`s passed to `ui.context(...)`; nothing here names a view.

A link is read when it arrives: on the first run of a session and whenever the query string
changes to something this module did not write (an in-app link such as People → Sources). Its
filters go into the sidebar widgets at once; its other parameters wait until the view that
declares them runs. After every run the address bar is written back from the widgets (Streamlit
clears the query string on a page switch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import streamlit as st

from dashboard.dataset import Dataset
from dashboard.filters import (
    MAX_VALUE_LENGTH,
    Filters,
    id_kinds,
    parse_filters,
    query_keys,
    quoted,
)

# A validator turns a parameter's text into the widget's value, or None when it is not valid.
Validator = Callable[[str, Dataset], object]

_SEEN = "_url_seen"  # the query string last read or written, to tell a new link from our own
_PENDING = "_url_pending"  # a link's view parameters, until the view that declares them runs
_NOTICES = "_url_notices"
_NOTICE_PAGE = "_url_notice_page"  # the page a link's notices concern: the one it opened
_CURRENT = "_url_view_params"  # the parameters of the view running now
_REGISTRY: dict[str, UrlParam] = {}  # every parameter any view has declared in this process


@dataclass(frozen=True)
class UrlParam:
    """A view setting that travels in the URL: its name there, the widget key that holds it,
    how to read it from the URL (`parse`: value or None) and how to write it (`unparse`: text,
    or None to leave it out)."""

    name: str
    key: str
    parse: Validator
    unparse: Callable[[object], str | None] = lambda value: _text(value)

    def read(self, text: str, dataset: Dataset) -> tuple[object | None, str | None]:
        """(value, None), or (None, notice) when the text is not a valid value."""
        if len(text) <= MAX_VALUE_LENGTH:
            try:
                value = self.parse(text, dataset)
            except Exception:  # a crafted link must never stop a view: it becomes a notice
                value = None
            if value is not None:
                return value, None
        return None, explain(self.parse, self.name, text)


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


# --- validators -------------------------------------------------------------------------------

# What a validator's invalid value is called in a notice, by the validator (see `explain`).
_EXPLAINED: dict[Validator, Callable[[str, str], str]] = {}
# An id of these tables, in words: "The link named a person who is not in the data".
_TABLE_NOUNS = {
    "people": "a person who",
    "articles": "an article that",
    "events": "an event that",
    "propositions": "a proposition that",
    "organizations": "an organization that",
}


def _explained(validator: Validator, words: Callable[[str, str], str]) -> Validator:
    _EXPLAINED[validator] = words
    return validator


def explain(validator: Validator, name: str, text: str) -> str:
    """The notice for a value of parameter `name` that the validator refused, in words, the
    value quoted as data at the end."""
    words = _EXPLAINED.get(validator)
    if words is None:
        return f"The link's {name} is not one this page can use: {quoted(text)}."
    return words(name, quoted(text))


def ids_in(table: str, column: str) -> Validator:
    """Valid: an id of the (full) dataset's table."""
    noun = _TABLE_NOUNS.get(table, "something that")
    return _explained(
        lambda text, dataset: text if text in set(dataset.table(table)[column]) else None,
        lambda name, value: f"The link named {noun} is not in the data: {value}.",
    )


def one_of(values: Iterable[str]) -> Validator:
    """Valid: one of a fixed set of words."""
    allowed = tuple(values)
    return _explained(
        lambda text, dataset: text if text in allowed else None,
        lambda name, value: f"The link's {name} is not one of {', '.join(allowed)}: {value}.",
    )


def integer(lowest: int, highest: int) -> Validator:
    """Valid: an ASCII whole number in [lowest, highest]."""

    def parse(text: str, dataset: Dataset) -> int | None:
        digits = text.isascii() and text.isdigit() and len(text) <= len(str(highest))
        return int(text) if digits and lowest <= int(text) <= highest else None

    return _explained(
        parse,
        lambda name, value: (
            f"The link's {name} is not a whole number from {lowest} to {highest}: {value}."
        ),
    )


def flag(text: str, dataset: Dataset) -> bool | None:
    """Valid: 1/true or 0/false."""
    return {"1": True, "true": True, "0": False, "false": False}.get(text.lower())


_explained(flag, lambda name, value: f"The link's {name} is not 1 or 0: {value}.")


def unparse_flag(value: object) -> str | None:
    """A flag in the URL: "1" when on, left out when off."""
    return "1" if value is True else None


# --- reading a link ---------------------------------------------------------------------------


def filter_key(kind: str) -> str:
    """The widget key of a filter (`from`, `to` or an id kind)."""
    return f"filters.{kind}"


def _current_query() -> dict[str, str]:
    return {k: ",".join(st.query_params.get_all(k)) for k in st.query_params}


def load_link(dataset: Dataset) -> None:
    """When a link arrives, put its filters into the sidebar widgets and keep its view settings
    for the view that declares them. A run from a widget or a page switch changes nothing."""
    query = _current_query()
    seen = st.session_state.get(_SEEN)
    if seen is not None and (not query or query == seen):
        # Our own URL, or a page switch (which clears the query string): the widgets rule.
        return
    st.session_state[_SEEN] = query
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    keys = query_keys()
    filters, notices = parse_filters({k: v for k, v in params.items() if k in keys}, dataset)
    for kind in id_kinds():
        st.session_state[filter_key(kind)] = list(filters.ids(kind))
    st.session_state[filter_key("from")] = filters.date_from
    st.session_state[filter_key("to")] = filters.date_to
    st.session_state[_PENDING] = {k: v for k, v in params.items() if k not in keys}
    st.session_state[_NOTICES] = notices
    st.session_state.pop(_NOTICE_PAGE, None)


def use_params(params: Iterable[UrlParam], dataset: Dataset) -> None:
    """The running view's parameters: apply what a link brought for them, note what it brought
    that this view does not know, and remember them for the URL."""
    params = tuple(params)
    for param in params:
        _REGISTRY[param.name] = param
    st.session_state[_CURRENT] = params
    pending: dict[str, list[str]] = st.session_state.pop(_PENDING, {})
    if not pending:
        return
    notices: list[str] = st.session_state.setdefault(_NOTICES, [])
    by_name = {p.name: p for p in params}
    for name, values in pending.items():
        param = by_name.get(name)
        if param is None:
            notices.append(f"The link has a setting this page does not use: {quoted(name)}.")
            continue
        value, notice = param.read(values[0] if values else "", dataset)
        if notice:
            notices.append(notice)
        else:
            st.session_state[param.key] = value
        if len(values) > 1:
            notices.append(f"The link gave more than one {name}: the first is used.")


def keep_view_settings() -> None:
    """Keep each view's settings when another view is shown: Streamlit forgets the state of
    widgets that a run does not draw, unless it is written back."""
    for param in _REGISTRY.values():
        if param.key in st.session_state:
            st.session_state[param.key] = st.session_state[param.key]


def start_run() -> None:
    """Forget the previous run's view parameters (the entrypoint calls it before the view)."""
    st.session_state[_CURRENT] = ()


# --- writing the URL --------------------------------------------------------------------------


def query_params(filters: Filters) -> dict[str, str]:
    """The query string for the filters and the running view's settings."""
    params = filters.to_query()
    for param in st.session_state.get(_CURRENT, ()):
        text = param.unparse(st.session_state.get(param.key))
        if text is not None:
            params[param.name] = text
    return params


def write_url(filters: Filters) -> None:
    """Make the address bar show the filters and the view's settings."""
    params = query_params(filters)
    if _current_query() != params:
        st.query_params.from_dict(params)
    st.session_state[_SEEN] = params


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


MAX_NOTICES = 20
MAX_NOTICE_LENGTH = 160


def readable(notices: Iterable[str]) -> list[str]:
    """Notices as shown: each once, each cut to a readable length, at most MAX_NOTICES and
    then one line saying how many more there were."""
    unique = list(
        dict.fromkeys(
            n if len(n) <= MAX_NOTICE_LENGTH else n[: MAX_NOTICE_LENGTH - 1] + "…" for n in notices
        )
    )
    if len(unique) <= MAX_NOTICES:
        return unique
    return [*unique[:MAX_NOTICES], f"… and {len(unique) - MAX_NOTICES} more."]


def notices(page: str = "") -> list[str]:
    """What the last link contained that was ignored (see `readable`), on the page it opened:
    the first page that asks gets them, and they are gone once another page runs."""
    found = st.session_state.get(_NOTICES) or []
    if not found:
        return []
    shown_on = st.session_state.setdefault(_NOTICE_PAGE, page)
    if shown_on != page:
        clear_notices()
        return []
    return readable(found)


def declared() -> dict[str, UrlParam]:
    """Every view parameter declared so far in this process, by name."""
    return dict(_REGISTRY)


def clear_notices() -> None:
    """Forget the notices (dismissed, or the user changed a filter: they no longer apply)."""
    st.session_state.pop(_NOTICES, None)
    st.session_state.pop(_NOTICE_PAGE, None)
