"""Overview: metrics, timeline, coverage, topics by source and most-mentioned officials.

The charts are Vega-Lite (dashboard.vegalite), Streamlit's own chart library: this is the
first screen, and plotly's browser code would add a second to every first visit. Each chart
takes the full width, so long titles and source names stay readable."""

import streamlit as st

from dashboard import present, ui, vegalite

_OPEN = "_overview_open_event"  # an event clicked in the timeline or the coverage matrix


def _picked(key: str, names: tuple[str, ...]) -> None:
    # A callback: it runs only when the selection changes, so a click opens the event once.
    chart = st.session_state.get(key)
    selection = chart.selection if chart else {}
    for name in names:
        for item in selection.get(name) or []:
            if isinstance(item, dict) and item.get("event_id"):
                st.session_state[_OPEN] = item["event_id"]
                return


PERIOD = "overview.period"
WHOLE = "whole"


def _period_control(events) -> vegalite.Period | None:
    """Where the timeline starts: the busiest run of events, the others and the whole range
    one click away (the control shows only when the events fall in more than one run)."""
    periods = vegalite.event_periods(events)
    if len(periods) < 2:
        return None
    keys = {f"{a}/{b}": (a, b) for a, b in periods}
    busiest = max(periods, key=lambda p: (len(vegalite.events_in(events, p)), p[0]))
    if st.session_state.get(PERIOD) not in [*keys, WHOLE]:
        st.session_state[PERIOD] = f"{busiest[0]}/{busiest[1]}"
    names = {
        k: f"{vegalite.period_name(p)} ({len(vegalite.events_in(events, p))} events)"
        for k, p in keys.items()
    } | {WHOLE: "Whole range"}
    chosen = st.segmented_control(
        "Timeline", [*keys, WHOLE], format_func=names.get, key=PERIOD, required=True
    )
    return keys.get(chosen or "")


ctx = ui.context()
if ui.header("Overview", ctx):
    st.markdown(present.overview_intro(ctx.dataset, vegalite.event_periods(ctx.dataset.events)))
    s = ctx.subset
    metrics = {
        "Articles": len(s.articles),
        "Events": len(s.events),
        "People": len(s.people),
        "Organizations": len(s.organizations),
        "Places": len(s.locations),
        "Mentions": len(s.mentions),
    }
    # One row on a wide screen; on a phone they wrap into rows of two or three, not six cards
    # one under the other as columns would stack.
    with st.container(horizontal=True, key="overview.metrics"):
        for label, value in metrics.items():
            st.metric(label, value, border=True)

    countries = present.country_names(ctx.dataset)
    base = ui.theme_base()
    st.caption("Click an event in the timeline or the coverage matrix to open its page.")
    period = _period_control(s.events)
    for spec, key, picks in (
        (
            vegalite.timeline_spec(
                s.events, s.locations, s.event_sources, s.articles, base, period
            ),
            "overview.timeline",
            vegalite.TIMELINE_PICKS,
        ),
        (
            vegalite.coverage_spec(s.event_sources, s.events, s.articles, base),
            "overview.coverage",
            (vegalite.COVERAGE_PICK,),
        ),
        (vegalite.topic_heatmap_spec(s.event_topics, s.topics, s.articles, base), None, ()),
        (
            vegalite.top_mentions_spec(s.mentions, s.people, country_names=countries, base=base),
            None,
            (),
        ),
    ):
        declared = {p.get("name") for part in [spec, *spec.get("layer", [])]
                    for p in part.get("params", [])}  # fmt: skip
        picks = tuple(p for p in picks if p in declared)  # an empty chart has none
        if key and picks:
            st.vega_lite_chart(spec, width="stretch", key=key, selection_mode=list(picks),
                               on_select=lambda k=key, n=picks: _picked(k, n))  # fmt: skip
        else:
            st.vega_lite_chart(spec, width="stretch")
    event_id = st.session_state.pop(_OPEN, None)
    if event_id in set(s.events["event_id"]):
        st.switch_page(
            "views/events.py", query_params={**ctx.filters.to_query(), "event": event_id}
        )
