"""Search: ranked passages of the (filtered) articles with the query words marked, each
opening Sources at that passage; the hits as the same CSV as `python -m dashboard search`."""

import pandas as pd
import streamlit as st

from dashboard import cached, present, search, state, ui
from dashboard.dates import short_date

ctx = ui.context(
    state.UrlParam("q", "search.q", lambda text, dataset: text),
    state.UrlParam("page", "search.page", state.integer(1, 100_000),
                   unparse=lambda n: None if n in (None, 1) else str(n)),
)  # fmt: skip


def _first_page() -> None:
    st.session_state["search.page"] = 1


def _turn(step: int) -> None:
    st.session_state["search.page"] = st.session_state.get("search.page", 1) + step


if ui.header("Search", ctx):
    help_text = "\n".join(f"- `{e}`: {what}" for _, e, what in search.SYNTAX)
    typed = st.text_input(
        "Search the texts", key="search.q", on_change=_first_page, icon=":material/search:",
        placeholder='fentanyl "precursor chemicals" -China', help=help_text + "\n\n" +
        search.SYNTAX_NOTE,
    )  # fmt: skip
    if not (typed or "").strip():
        st.table(pd.DataFrame(search.SYNTAX, columns=["syntax", "example", "finds"]))
        st.caption(search.SYNTAX_NOTE)
    else:
        index = cached.search_index(ctx.loaded)
        scope = cached.search_scope(ctx.loaded, ctx.filters)
        results = search.search(index, typed, scope, st.session_state.get("search.page") or 1)
        st.session_state["search.page"] = results.page
        for notice in results.notices:
            st.warning(present.md_escape(notice), icon=":material/edit_note:")
        reading = results.query.reading()
        where = " in the filtered articles" if ctx.filters.active else ""
        st.caption(
            f"Searched for {present.md_escape(reading) if reading else 'nothing'}{where}: "
            f"{present.count(results.total, 'passage')} in "
            f"{present.count(results.articles, 'article')}."
        )
        if results.total:
            counts = cached.search_hit_counts(ctx.loaded, typed, ctx.filters)
            rows = ctx.dataset.articles.set_index("article_id", drop=False)
            named = rows.loc[counts["article_id"]].to_dict("records")
            titles = {r["article_id"]: present.article_title(r) for r in named}
            total_hits = present.count(int(counts["hits"].sum()), "hit")
            with st.expander(f"Hits per article ({total_hits})"):
                st.dataframe(counts.assign(article=counts["article_id"].map(titles)),
                             hide_index=True, key="search.counts",
                             column_order=["article", "passages", "hits"])  # fmt: skip
            st.download_button(
                "Hits as CSV", cached.search_hits_csv(ctx.loaded, typed, ctx.filters),
                "search-hits.csv", "text/csv", icon=":material/download:", key="search.csv",
                on_click="ignore",
            )  # fmt: skip
            st.caption(
                f"One row per hit, best passages first (at most {search.DEFAULT_LIMIT:,}):"
                " what `python -m dashboard search` prints for this query and filters."
            )
            first = (results.page - 1) * search.PER_PAGE
            for rank, p in enumerate(results.passages, start=first + 1):
                row = rows.loc[p.article_id]
                with st.container(border=True, key=f"search.result.{rank}"):
                    when = short_date(row["published"], row["date_precision"]) or "undated"
                    hits = results.article_hits.get(p.article_id, 0)
                    st.markdown(
                        f"**{rank}\\. {present.md_escape(titles[p.article_id])}** · {when} · "
                        f"paragraph {p.paragraph + 1} · {present.count(hits, 'hit')} in the "
                        f"article · score {p.score:.2f}"
                    )
                    text = index.texts[p.article_id]
                    st.html(present.passage_html(text, p.start, p.end, p.hits))
                    st.page_link(
                        "views/sources.py", label="Open in Sources at this passage",
                        icon=":material/article:",
                        query_params={**ctx.filters.to_query(), "doc": p.article_id,
                                      "q": typed, "hit": str(p.first_hit)},
                    )  # fmt: skip
            if results.pages > 1:
                pager = st.columns([1, 2, 1], vertical_alignment="center")
                pager[0].button(
                    "Previous",
                    on_click=_turn,
                    args=(-1,),
                    key="search.previous",
                    disabled=results.page <= 1,
                    icon=":material/chevron_left:",
                )
                pager[1].caption(f"Page {results.page} of {results.pages}")
                pager[2].button("Next", on_click=_turn, args=(1,), key="search.next",
                                disabled=results.page >= results.pages,
                                icon=":material/chevron_right:")  # fmt: skip
