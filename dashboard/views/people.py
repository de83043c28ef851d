"""People: a person card, their events, every mention in context, co-mentions and claims."""

import pandas as pd
import streamlit as st

from dashboard import cached, dates, present, state, ui
from dashboard.network import neighbours

MAX_ARTICLES = 30  # contexts drawn at most; the mentions table has them all
_EVENT_ROWS = "_people_event_rows"  # the event ids of the events table, in its order
_OPEN = "_people_open_event"


def _event_picked() -> None:
    table = st.session_state.get("people.events")
    rows = table.selection.rows if table and table.selection else []
    ids = st.session_state.get(_EVENT_ROWS, [])
    if rows and rows[0] < len(ids):
        st.session_state[_OPEN] = ids[rows[0]]


ctx = ui.context(state.UrlParam("who", "people.person", state.ids_in("people", "person_id")))
if ui.header("People", ctx):
    s = ctx.subset
    counts = s.mentions["entity_id"].value_counts()
    people = s.people.assign(n=s.people["person_id"].map(counts).fillna(0))
    people = people.sort_values(["n", "name"], ascending=[False, True])
    names = dict(zip(people["person_id"], people["name"], strict=True))
    if st.session_state.get("people.person") not in names:
        st.session_state.pop("people.person", None)
    person = st.selectbox("Person", list(names), format_func=names.get, key="people.person")
    if person is None:
        st.info(
            "No person is named in the selected articles or events.", icon=":material/person_off:"
        )
    else:
        row = people[people["person_id"] == person].iloc[0]
        all_names = present.entity_names(ctx.dataset)
        countries = present.country_names(ctx.dataset)
        with st.container(border=True):
            st.subheader(present.md_escape(row["name"]), anchor=False)
            card = st.columns(4)
            ui.field(card[0], "Role, as the sources give it", present.or_unknown(row["role"]))
            ui.field(
                card[1],
                "Country",
                countries.get(row["country"], present.or_unknown(row["country"])),
            )
            ui.field(
                card[2], "Organization", all_names.get(row["organization_id"], present.UNKNOWN)
            )
            card[3].metric("Mentions", int(row["n"]))
            if row["notes"]:
                with st.expander("Curation notes"):
                    st.text(row["notes"])

        st.subheader("Events they took part in")
        parts = s.participants[s.participants["entity_id"] == person]
        events = parts.merge(s.events, on="event_id").drop_duplicates("event_id")
        if events.empty:
            st.caption("No selected event names them as a participant.")
        else:
            st.session_state[_EVENT_ROWS] = events["event_id"].tolist()
            st.caption("Pick an event for its page: every side's account, quotes and claims.")
            st.dataframe(
                pd.DataFrame(
                    {
                        "event": events["title"],
                        "role": events["role"],
                        "dates": [
                            dates.format_date_range(a, b, p, q)
                            for a, b, p, q in zip(
                                events["start_date"], events["end_date"],
                                events["date_precision"], events["date_basis"], strict=True,
                            )
                        ],
                        "evidence": events["quote"],
                    }
                ),
                hide_index=True,
                key="people.events",
                on_select=_event_picked,
                selection_mode="single-row",
            )  # fmt: skip
            event_id = st.session_state.pop(_OPEN, None)
            if event_id in set(events["event_id"]):
                query = {**ctx.filters.to_query(), "event": event_id}
                st.switch_page("views/events.py", query_params=query)

        st.subheader("Every mention in context")
        # Only the articles drawn are read; the count says how many there are.
        contexts, named_in = cached.contexts(ctx.loaded, ctx.filters, person, MAX_ARTICLES)
        groups = list(contexts.groupby("article_id", sort=False))
        if named_in > MAX_ARTICLES:
            st.warning(
                f"Named in {named_in} articles: showing the first {MAX_ARTICLES}. Narrow the "
                "filters, or use the Data view's mentions table for all of them.",
                icon=":material/filter_list:",
            )
        for article_id, group in groups[:MAX_ARTICLES]:
            with st.container(border=True):
                st.page_link(
                    "views/sources.py",
                    label=f"{present.md_escape(group['title'].iloc[0])} ({len(group)})",
                    icon=":material/article:",
                    query_params={**ctx.filters.to_query(), "doc": article_id},
                )
                st.html(
                    "<br>".join(
                        present.context_html(r.before, r.match, r.after) for r in group.itertuples()
                    )
                )

        st.subheader("Named in the same articles")
        # The Network view's cached article edges: this person's row of them, not a rebuild.
        near = neighbours(cached.edges(ctx.loaded, ctx.filters, "article", False), person)
        co = pd.DataFrame(
            {"official": near["entity_id"].map(all_names), "shared articles": near["weight"]}
        )
        st.dataframe(co.sort_values("shared articles", ascending=False), hide_index=True,
                     key="people.comentions")  # fmt: skip

        st.subheader("Their claims")
        claims = s.claims[(s.claims["speaker_id"] == person)]
        if claims.empty:
            st.caption("No claim by them in the selected articles.")
        else:
            titles = cached.titles(ctx.loaded)
            query = ctx.filters.to_query()
            pages = [
                present.source_page(a, present.quote_span(s.texts.get(a, ""), q), query)
                for a, q in zip(claims["article_id"], claims["quote"], strict=True)
            ]
            shown = claims[["stance", "subject", "summary", "quote"]].assign(
                source=claims["article_id"].map(titles), in_sources=pages
            )
            link = st.column_config.LinkColumn("in Sources", display_text="Open at the quote")
            ui.table_with_text(
                shown, "people.claims", hide_index=True, column_config={"in_sources": link}
            )
