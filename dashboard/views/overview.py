"""Overview: metrics, timeline, coverage, topics by source and most-mentioned officials.

The charts are Vega-Lite (dashboard.vegalite), Streamlit's own chart library: this is the
first screen, and plotly's browser code would add a second to every first visit. Each chart
takes the full width, so long titles and source names stay readable."""

import streamlit as st

from dashboard import present, ui, vegalite

ctx = ui.context()
if ui.header("Overview", ctx):
    s = ctx.subset
    metrics = {
        "Articles": len(s.articles),
        "Events": len(s.events),
        "People": len(s.people),
        "Organizations": len(s.organizations),
        "Places": len(s.locations),
        "Mentions": len(s.mentions),
    }
    for column, (label, value) in zip(st.columns(len(metrics)), metrics.items(), strict=True):
        column.metric(label, value, border=True)

    countries = present.country_names(ctx.dataset)
    for spec in (
        vegalite.timeline_spec(s.events, s.locations, s.event_sources, s.articles),
        vegalite.coverage_spec(s.event_sources, s.events, s.articles),
        vegalite.topic_heatmap_spec(s.event_topics, s.topics, s.articles),
        vegalite.top_mentions_spec(s.mentions, s.people, country_names=countries),
    ):
        st.vega_lite_chart(spec, width="stretch")
