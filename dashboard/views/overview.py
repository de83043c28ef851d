"""Overview: metrics, timeline, topics by source, coverage and most-mentioned officials."""

import streamlit as st

from dashboard import charts, present, state

ctx = state.context()
if state.header("Overview", ctx):
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

    st.plotly_chart(
        charts.timeline_figure(s.events, s.locations, s.event_sources, s.articles),
        key="overview.timeline",
    )
    left, right = st.columns(2)
    with left:
        st.subheader("Topics each source emphasises")
        st.plotly_chart(
            charts.topic_heatmap(s.event_topics, s.topics, s.articles), key="overview.topics"
        )
    with right:
        st.subheader("Which article reports which event")
        st.plotly_chart(
            charts.coverage_matrix(s.event_sources, s.events, s.articles), key="overview.coverage"
        )
    st.subheader("Most-mentioned officials")
    countries = present.country_names(ctx.dataset)
    st.plotly_chart(
        charts.top_mentions_figure(s.mentions, s.people, country_names=countries),
        key="overview.mentions",
    )
