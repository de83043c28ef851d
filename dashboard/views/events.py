"""Events: one event's page: what, when, where, who took part by side, each source's account
side by side, the claims made at or about it, its topics, with links to the quotes."""

import streamlit as st

from dashboard import events, evidence_ui, present, state, ui

MAX_ACCOUNTS = 4  # columns side by side; more accounts wrap onto further rows

ctx = ui.context(state.UrlParam("event", "events.event", state.ids_in("events", "event_id")))
if ui.header("Events", ctx):
    s = ctx.subset
    choices = events.events_by_date(s)
    if st.session_state.get("events.event") not in choices:
        st.session_state.pop("events.event", None)
    event_id = st.selectbox("Event", list(choices), format_func=choices.get, key="events.event")
    if event_id is None:
        st.info("No event in the selection.", icon=":material/event_busy:")
    else:
        card = events.event_card(s, event_id)
        query = ctx.filters.to_query()
        titles = evidence_ui.article_titles(ctx)
        with st.container(border=True, key="events.card"):
            st.subheader(present.md_escape(card.title), anchor=False)
            cols = st.columns(3)
            ui.field(cols[0], "Kind", card.kind)
            ui.field(cols[1], "Dates", card.dates)
            ui.field(cols[2], "Place", card.place)
            if card.summary:
                st.text(card.summary)
            if card.date_note:
                with st.expander("How the dates were established"):
                    st.text(card.date_note)
            if card.parent:
                st.caption("Part of")
                evidence_ui.event_link(card.parent[0], card.parent[1], query)
            if card.children:
                st.caption("Includes")
                for child_id, title in card.children:
                    evidence_ui.event_link(child_id, title, query)
            labels = events.event_topic_labels(s, event_id)
            st.caption("Topics: " + present.md_escape(", ".join(labels) or present.UNKNOWN))

        st.subheader("Each source's account")
        accounts = events.accounts(s, event_id)
        if accounts.empty:
            st.caption("No selected article reports it.")
        for start in range(0, len(accounts), MAX_ACCOUNTS):
            chunk = accounts.iloc[start : start + MAX_ACCOUNTS]
            for column, row in zip(
                st.columns(MAX_ACCOUNTS), chunk.to_dict("records"), strict=False
            ):
                with column.container(border=True):
                    evidence_ui.quote(
                        ctx, row["title"], row["quote"], row["article_id"], titles, query
                    )

        st.subheader("Who took part, by side")
        parts = events.participants_by_side(s, event_id)
        if parts.empty:
            st.caption("No participant is recorded in the selection.")
        for side, group in parts.groupby("side", sort=True):
            with st.expander(
                f"{present.md_escape(side)} ({group['entity_id'].nunique()})", expanded=True
            ):
                for row in group.to_dict("records"):
                    evidence_ui.quote(ctx, f"{row['name']} ({row['role']})", row["quote"],
                                      row["article_id"], titles, query)  # fmt: skip
                people = group[group["entity_id"].isin(set(s.people["person_id"]))]
                for person_id, name in sorted(
                    set(zip(people["entity_id"], people["name"], strict=True))
                ):
                    evidence_ui.person_link(person_id, name, query)

        st.subheader("Claims made at or about it, by side")
        claims = events.event_claims(s, event_id)
        if claims.empty:
            st.caption("No claim in the selection is tied to this event.")
        for side, group in claims.groupby("side", sort=True):
            st.markdown(f"**{present.md_escape(side)}**")
            for row in group.to_dict("records"):
                evidence_ui.quote(ctx, f"{row['speaker']} ({row['stance']})", row["quote"],
                                  row["article_id"], titles, query)  # fmt: skip
