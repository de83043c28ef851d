"""Claims: who claims what, and where the sources disagree. Each proposition with who affirms,
denies or qualifies it, a speaker-by-proposition matrix, and every claim about the one picked."""

import streamlit as st

from dashboard import claims, evidence_ui, present, state, ui, vegalite

PICK = "claims.proposition"


def _matrix_picked() -> None:
    chart = st.session_state.get("claims.matrix")
    for item in (chart.selection.get(vegalite.CLAIMS_PICK) or []) if chart else []:
        if isinstance(item, dict) and item.get("proposition_id"):
            st.session_state[PICK] = item["proposition_id"]
            return


ctx = ui.context(state.UrlParam("claim", PICK, state.ids_in("propositions", "proposition_id")))
if ui.header("Claims", ctx):
    rows, propositions = claims.dataset_claims(ctx.subset)
    f = ctx.filters
    kept = claims.kept_propositions(rows, f.ids("person"), f.ids("organization"), f.ids("country"))
    rows = rows[rows["proposition_id"].isin(kept)]
    table = claims.proposition_table(rows, propositions)
    countries = present.country_names(ctx.dataset)
    st.caption(
        "Each proposition is worded neutrally; a claim affirms, denies or qualifies it. "
        "Disputed (affirmed and denied) first. A person, organization or country filter keeps "
        "the propositions with a claim by that speaker or a speaker of that country."
    )
    if table.empty:
        st.info("No claim about a proposition in the selection.", icon=":material/forum:")
    else:
        disputed = int(table["disputed"].sum())
        st.markdown(f"**{len(table)} propositions**, {disputed} disputed, "
                    f"{int(table['single_source'].sum())} from a single source.")  # fmt: skip
        titles = evidence_ui.article_titles(ctx)
        st.html(claims.propositions_html(table, countries, titles, ui.theme_base()))
        order = table["proposition_id"].tolist()
        st.vega_lite_chart(
            vegalite.claims_matrix_spec(claims.speaker_matrix(rows), order),
            width="stretch", key="claims.matrix", on_select=_matrix_picked,
            selection_mode=[vegalite.CLAIMS_PICK],
        )  # fmt: skip
        statements = dict(zip(table["proposition_id"], table["statement"], strict=True))
        if st.session_state.get(PICK) not in statements:
            st.session_state.pop(PICK, None)
        # Disputed first, so the first proposition shown is the most contested one.
        picked = st.selectbox("Proposition (or click a cell of the matrix)", order,
                              format_func=statements.get, key=PICK)  # fmt: skip
        if picked:
            about = rows[rows["proposition_id"] == picked]
            query = ctx.filters.to_query()
            with st.container(border=True, key="claims.picked"):
                st.markdown(f"#### {present.md_escape(statements[picked])}")
                for row in about.to_dict("records"):
                    when = row["date"] or present.UNKNOWN
                    who = (f"{row['speaker']} ({row['country']}) {row['position']}, "
                           f"{row['stance']} · {when}")  # fmt: skip
                    evidence_ui.quote(ctx, who, row["quote"], row["article_id"], titles, query)
