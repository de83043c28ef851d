"""Map: event places sized by number of events, delegation journeys, the events of a place,
and the events that have no place."""

import streamlit as st

from dashboard import evidence_ui, maps, present, state, ui

# The event pages of the Events view (with the filters), opened from the table of events
# without a place.
LINKS = {"page": st.column_config.LinkColumn("event page", display_text="Open")}

ctx = ui.context(
    # ?view=apec|mexico|china (the whole story, the default, is left out of the URL).
    state.UrlParam(
        "view", "map.view", state.one_of(maps.START_VIEWS),
        lambda value: None if value in (None, maps.DEFAULT_START_VIEW) else str(value),
    ),
    state.UrlParam("basemap", "map.basemap", state.flag, state.unparse_flag),
)  # fmt: skip
if ui.header("Map", ctx):
    s = ctx.subset
    base = ui.theme_base()
    places = maps.place_table(s.events, s.locations, base)
    arcs = maps.journey_arcs(s.events, s.locations)
    unplaced = maps.unplaced_events(s.events, s.locations, ctx.filters.to_query())
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    view_id = left.segmented_control(
        "Start from", list(maps.START_VIEWS), format_func=lambda v: maps.START_VIEWS[v].label,
        default=None if "map.view" in st.session_state else maps.DEFAULT_START_VIEW,
        key="map.view", required=True,
    )  # fmt: skip
    street = right.toggle(
        "Street basemap (online)",
        key="map.basemap",
        help="Street map tiles from CARTO, loaded over the internet; the country outlines "
        "are drawn either way.",
    )
    event = st.pydeck_chart(
        maps.event_map(
            places, arcs, s.countries, view_id or maps.DEFAULT_START_VIEW, street, base=base
        ),
        on_select="rerun",
        selection_mode="single-object",
        key="map.deck",
        height=520,
    )
    if places.empty:
        st.info("None of the selected events has a known place.", icon=":material/location_off:")
    else:
        st.html(maps.kind_legend_html(places, base))
    st.caption(present.md_escape(maps.map_caption(places, len(unplaced))))
    if not places.empty:
        picked = [o.get("location_id") for o in event.selection.objects.get("places", [])]
        names = dict(zip(places["location_id"], places["name"], strict=True))
        if picked and picked[0] in names and st.session_state.get("map.picked") != picked[0]:
            # A new click chooses the place below; the select box stays free to choose another.
            st.session_state["map.place"] = st.session_state["map.picked"] = picked[0]
        place = st.selectbox(
            "Events at a place (or click a circle on the map)",
            list(names),
            index=None,
            format_func=names.get,
            placeholder="Choose a place",
            key="map.place",
        )
        if place:
            here = maps.place_events(s.events[s.events["location_id"] == place])
            st.dataframe(here.drop(columns=["event_id", "page"]), hide_index=True, key="map.events")
            st.caption("Each event's page: every side's account, participants and claims.")
            for event_id, title in zip(here["event_id"], here["title"], strict=True):
                evidence_ui.event_link(event_id, title, ctx.filters.to_query())
    if not unplaced.empty:
        st.subheader("Events without a place", divider="gray")
        # The link and the date first: on a phone the long titles would push them off screen.
        st.dataframe(
            unplaced, hide_index=True, column_config=LINKS, key="map.unplaced",
            column_order=("page", "dates", "title", "reason"),
        )  # fmt: skip
