"""Evidence as the views show it: why two entities are linked (Network), a participation or
a claim with its quote and a link to the place in Sources (Network, Events, Claims)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard import cached, dates, evidence, present
from dashboard.ui import ViewContext

MAX_UNITS = 50  # shared units shown for one pair; edge_evidence.csv has them all
PAIR = "network.pair"  # "a,b": the edge whose evidence is shown
_ROWS = "_network_edge_rows"  # the pairs of the strongest-edges table, in its order


def _table_picked() -> None:
    table = st.session_state.get("network.edges")
    rows = table.selection.rows if table and table.selection else []
    pairs = st.session_state.get(_ROWS, [])
    if rows and rows[0] < len(pairs):
        st.session_state[PAIR] = pairs[rows[0]]


def edge_evidence(
    ctx: ViewContext, window: str, orgs: bool, edges: pd.DataFrame, min_weight: int
) -> None:
    """The strongest edges as a table to pick from, and the evidence of the picked pair."""
    names = present.entity_names(ctx.dataset)
    st.subheader("Why are they linked?")
    table = evidence.strongest_edges(edges[edges["weight"] >= min_weight], names)
    st.session_state[_ROWS] = table["pair"].tolist()
    st.caption(
        f"Links of at least weight {min_weight}, strongest first: pick one for its evidence."
    )
    st.dataframe(
        table, hide_index=True, key="network.edges", on_select=_table_picked,
        selection_mode="single-row", column_config={"pair": None}, height=250,
    )  # fmt: skip
    pair = st.session_state.get(PAIR)
    if not pair:
        return
    one, other = pair.split(",")
    # The units shown, not all of them: a strong pair shares thousands at 10,000 articles.
    titles = article_titles(ctx)
    rows, total = evidence.pair_evidence(
        ctx.subset, window, edges, (one, other), MAX_UNITS, titles=titles
    )
    a, b = names.get(one, one), names.get(other, other)
    with st.container(border=True, key="network.evidence"):
        head, clear = st.columns([5, 1])
        head.markdown(f"#### {present.md_escape(a)} and {present.md_escape(b)}")
        clear.button("Clear", key="network.clear", icon=":material/close:",
                     on_click=lambda: st.session_state.pop(PAIR, None))  # fmt: skip
        if rows.empty:
            st.info(f"They share no {window} in the selection: try another window or fewer "
                    "filters.", icon=":material/link_off:")  # fmt: skip
            return
        st.caption(f"{total} shared {window}(s), both names highlighted.")
        if total > MAX_UNITS:
            st.caption(f"Showing the first {MAX_UNITS}; edge_evidence.csv below has them all.")
        query = ctx.filters.to_query()
        shown = evidence.with_mentions_of(ctx.subset, set(rows["article_id"]), (one, other))
        for row in rows.to_dict("records"):
            with st.container(border=True):
                if window == "event":
                    _event_unit(ctx, row["event_id"], (one, other), names, titles, query)
                else:
                    _text_unit(shown, window, row, (one, other), names, titles, query)


def source_link(
    article_id: str, span: tuple[int, int] | None, label: str, query: Mapping[str, str]
) -> None:
    """A link to the article in Sources, with the quote at `span` marked when given."""
    params = {**query, "doc": article_id}
    if span:
        params["quote"] = present.unparse_span(span)
    st.page_link("views/sources.py", label=label, icon=":material/article:", query_params=params)


def _text_unit(dataset, window, row, pair, names, titles, query) -> None:
    # `dataset`: the cut, holding only the pair's mentions in the articles shown.
    article_id = row["article_id"]
    text = dataset.texts.get(article_id, "")
    marks = evidence.mention_marks(dataset, article_id, pair, names)
    if window == "article":
        pieces = evidence.naming_sentences(dataset, article_id, pair)
        source_link(article_id, None, present.md_escape(titles.get(article_id, article_id)), query)
    else:
        span = evidence.unit_span(dataset, window, row)
        pieces = [span] if span else []
        place = f"paragraph {int(row['paragraph']) + 1}"
        label = f"{titles.get(article_id, article_id)}, {place}"
        source_link(article_id, span, present.md_escape(label), query)
    st.html("".join(present.excerpt_html(text, s, e, marks) for s, e in pieces))


def _event_unit(ctx, event_id, pair, names, titles, query) -> None:
    event = ctx.subset.events[ctx.subset.events["event_id"] == event_id]
    if event.empty:
        st.text(event_id)
        return
    e = event.iloc[0]
    event_link(event_id, e["title"], query)
    when = dates.format_date_range(
        e["start_date"], e["end_date"], e["date_precision"], e["date_basis"]
    )
    st.caption(f"{present.md_escape(e['kind'])} · {present.md_escape(when)}")
    for p in evidence.participations(ctx.subset, event_id, pair).to_dict("records"):
        who = f"{names.get(p['entity_id'], p['entity_id'])} ({p['role']})"
        quote(ctx, who, p["quote"], p["article_id"], titles, query)


def event_link(event_id: str, title: str, query: Mapping[str, str]) -> None:
    """A link to the event's page."""
    st.page_link(
        "views/events.py",
        label=present.md_escape(title),
        icon=":material/event:",
        query_params={**query, "event": event_id},
    )


def person_link(person_id: str, name: str, query: Mapping[str, str]) -> None:
    """A link to the person in People."""
    st.page_link(
        "views/people.py",
        label=f"{present.md_escape(name)} in People",
        icon=":material/person:",
        query_params={**query, "who": person_id},
    )


def quote(
    ctx: ViewContext,
    who: str,
    text: str,
    article_id: str,
    titles: Mapping[str, str],
    query: Mapping[str, str],
) -> None:
    """A curated quote as text, who it is about, and a link to it in its article."""
    st.markdown(f"**{present.md_escape(who)}**: “{present.md_escape(text)}”")
    span = present.quote_span(ctx.dataset.texts.get(article_id, ""), text)
    source_link(article_id, span, present.md_escape(titles.get(article_id, article_id)), query)


def article_titles(ctx: ViewContext) -> dict[str, str]:
    """Every article's title by id."""
    return cached.titles(ctx.loaded)
