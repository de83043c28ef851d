"""Map: event places sized by number of events, delegation journeys, events of a place."""

import pandas as pd
import streamlit as st

from dashboard import dates, evidence_ui, maps, present, ui

ctx = ui.context()
if ui.header("Map", ctx):
    s = ctx.subset
    places = maps.place_table(s.events, s.locations)
    arcs = maps.journey_arcs(s.events, s.locations)
    undrawn = maps.not_drawn(s.events, places)
    if places.empty:
        st.info("None of the selected events has a known place.", icon=":material/location_off:")
    else:
        event = st.pydeck_chart(
            maps.event_map(places, arcs),
            on_select="rerun",
            selection_mode="single-object",
            key="map.deck",
            height=520,
        )
        st.html(maps.kind_legend_html(places))
        st.caption(present.md_escape(maps.map_caption(places, undrawn)))
        picked = [o.get("location_id") for o in event.selection.objects.get("places", [])]
        names = dict(zip(places["location_id"], places["name"], strict=True))
        place = st.selectbox(
            "Events at a place (or click a circle on the map)",
            list(names),
            index=list(names).index(picked[0]) if picked and picked[0] in names else None,
            format_func=names.get,
            placeholder="Choose a place",
            key="map.place",
        )
        if place:
            here = s.events[s.events["location_id"] == place]
            table = pd.DataFrame(
                {
                    "event": here["title"],
                    "kind": here["kind"],
                    "dates": [
                        dates.format_date_range(a, b, p, q)
                        for a, b, p, q in zip(
                            here["start_date"], here["end_date"], here["date_precision"],
                            here["date_basis"], strict=True,
                        )
                    ],
                    "summary": here["summary"],
                }
            )  # fmt: skip
            st.dataframe(table, hide_index=True, key="map.events")
            st.caption("Each event's page: every side's account, participants and claims.")
            for event_id, title in zip(here["event_id"], here["title"], strict=True):
                evidence_ui.event_link(event_id, title, ctx.filters.to_query())
