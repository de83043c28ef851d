"""Network: who is named with whom, by article, paragraph, sentence or shared event, and why
two of them are linked (every shared unit, as text)."""

from functools import partial

import streamlit as st

from dashboard import (
    cached,
    evidence,
    evidence_ui,
    network,
    network_time_ui,
    network_vega,
    present,
    state,
    ui,
)
from dashboard.export import network_download

DRAWN_NODES = 60  # a readable default; the control allows up to MOST_NODES
MOST_NODES = 300  # beyond this the browser slows down; the downloads keep everything
MAX_WEIGHT = 10
PAIR = evidence_ui.PAIR
_OPEN = "_network_open_person"  # a node clicked in the chart, to open in People


def _entity_ids(text: str, dataset) -> str | None:
    ids = [*dataset.people["person_id"], *dataset.organizations["org_id"]]
    return evidence.parse_pair(text, ids)


def _chart_picked() -> None:
    # A callback runs only when the selection changes, so an old click never overrides a
    # pair chosen later in the table.
    chart = st.session_state.get("network.chart")
    selection = chart.selection if chart else {}
    for pair in selection.get(network_vega.PAIR_PICK) or []:
        if isinstance(pair, dict) and pair.get("source") and pair.get("target"):
            st.session_state[PAIR] = ",".join(sorted((pair["source"], pair["target"])))
            return
    for node in selection.get(network_vega.NODE_PICK) or []:
        if isinstance(node, dict) and node.get("entity_id"):
            st.session_state[_OPEN] = node["entity_id"]
            return


ctx = ui.context(
    state.UrlParam("window", "network.window", state.one_of(network.WINDOWS)),
    state.UrlParam("min_weight", "network.min_weight", state.integer(1, MAX_WEIGHT)),
    state.UrlParam("orgs", "network.orgs", state.flag, state.unparse_flag),
    state.UrlParam("ego", "network.ego", state.flag, state.unparse_flag),
    state.UrlParam("pair", PAIR, _entity_ids),
    *network_time_ui.PARAMS,
)
if ui.header("Network", ctx):
    left, middle, right = st.columns([2, 2, 1])
    window = left.segmented_control(
        "Linked when they share a", network.WINDOWS,
        default=None if "network.window" in st.session_state else "article",
        key="network.window", required=True,
    )  # fmt: skip
    orgs = right.toggle("Include organizations", key="network.orgs")
    # With a person filter, everyone named beside them is drawn; "only their links" keeps the
    # links that touch a chosen person (an ego network).
    ego = bool(ctx.filters.person) and right.toggle(
        "Only their links", key="network.ego",
        help="Only the links of the people chosen in the Person filter.",
    )  # fmt: skip
    graph = cached.graph(ctx.loaded, ctx.filters, window or "article", orgs)
    if ego:
        graph = network.ego_graph(graph, ctx.filters.person)
    # The range follows the strongest link of this window (a link's higher value is kept, so
    # it can say the weight removed every link). No value given: it starts at 1.
    heaviest = max((w for _, _, w in graph.edges(data="weight")), default=1)
    asked = st.session_state.get("network.min_weight")
    top = max(2, heaviest, asked if isinstance(asked, int) else 1)
    min_weight = middle.slider(
        "Minimum weight", 1, top, key="network.min_weight",
        help=f"Links shared in fewer units are hidden; the strongest has weight {heaviest}.",
    )  # fmt: skip
    strong = graph.edge_subgraph(
        (a, b) for a, b, w in graph.edges(data="weight") if w >= min_weight
    ).copy() if min_weight > 1 else graph  # fmt: skip
    nodes = network.node_table(graph)
    countries = present.country_names(ctx.dataset)
    at_time = None  # the edges at the time position, when the network is shown over time
    if graph.number_of_nodes() == 0:
        st.info("No two selected officials share a unit of this window.", icon=":material/hub:")
    elif strong.number_of_nodes() == 0:
        # The filters keep people and links; only the threshold removed every link.
        strongest = max((w for _, _, w in graph.edges(data="weight")), default=0)
        st.info(
            f"No two people share {min_weight} or more units of this window: the strongest "
            f"link has weight {strongest}. Lower the minimum weight to see the network.",
            icon=":material/filter_alt_off:",
        )
    else:
        drawn = strong.number_of_nodes()
        if drawn > DRAWN_NODES:
            most = min(drawn, MOST_NODES)
            drawn = st.slider("Nodes drawn (the strongest first)", 10, most, DRAWN_NODES,
                              key="network.max_nodes")  # fmt: skip
            st.warning(
                f"Showing the {drawn} strongest of {strong.number_of_nodes()} nodes (by weighted "
                "degree); the table and the downloads below contain the whole network.",
                icon=":material/filter_list:",
            )
        time_view = network_time_ui.control()
        if time_view != "all":
            at_time = network_time_ui.show(
                time_view, ctx, strong, window or "article", orgs, drawn, countries
            )
        else:
            # Full width: a dense cluster of names needs the room; the table follows.
            arrows = evidence.directed_pairs(ctx.subset) if window == "event" else []
            spec = network_vega.network_spec(strong, drawn, countries, arrows, ui.theme_base())
            st.vega_lite_chart(
                spec,
                width="stretch",
                on_select=_chart_picked,
                selection_mode=network_vega.picks(spec),
                key="network.chart",
            )
            st.caption(
                "Circle size: how often the person is mentioned. Line width: how many units "
                "they share, a step wider each time it doubles (1, 2–3, 4–7, …). Names of the "
                "strongest; hover for the rest. "
                "Click a person to open them in People; click the diamond in the middle of a line, "
                "or a row of the table below, for the evidence behind it."
                + (" Arrows point from the sender of a letter or message to its recipient."
                   if arrows else "")
            )  # fmt: skip
            person = st.session_state.pop(_OPEN, None)
            if person in set(ctx.subset.people["person_id"]):
                # A link like any other: People opens on that person, the address bar says so.
                st.switch_page(
                    "views/people.py", query_params={**ctx.filters.to_query(), "who": person}
                )
        st.dataframe(
            nodes.drop(columns=["type"]).assign(country=nodes["country"].map(countries)),
            hide_index=True,
            key="network.nodes",
            column_config={
                "betweenness": st.column_config.NumberColumn(format="%.3f"),
                "entity_id": None,
            },
        )
    edges = cached.edges(ctx.loaded, ctx.filters, window or "article", orgs)  # the graph's
    linked = edges if at_time is None else at_time  # the evidence follows the time position
    if not linked.empty:
        evidence_ui.edge_evidence(ctx, window or "article", orgs, linked, min_weight)
    # Each file is built when asked for, from the shared dataset and the filters: a partial
    # holds only them (a closure would hold this page's namespace, tables and all, for as long
    # as the server keeps the session).
    ego_of = tuple(ctx.filters.person) if ego else ()
    build = partial(network_download, ctx.dataset, ctx.filters, window or "article", orgs)
    downloads = [
        (label, partial(build, file_name=name, ego=ego_of), name, mime)
        for label, name, mime in (
            ("GraphML", "network.graphml", "application/xml"),
            ("GEXF (Gephi, dynamic)", "network.gexf", "application/xml"),
            ("Edges CSV", "cooccurrence.csv", "text/csv"),
            ("Nodes CSV", "nodes.csv", "text/csv"),
            ("Evidence CSV", "edge_evidence.csv", "text/csv"),
        )
    ]
    for column, (label, data, file_name, mime) in zip(st.columns(5), downloads, strict=True):
        column.download_button(
            label,
            data,
            file_name,
            mime,
            icon=":material/download:",
            key=f"network.{file_name}",
            on_click="ignore",
        )
