"""Sources: an article's metadata, its text with names highlighted, and what it supports."""

import streamlit as st

from dashboard import cached, dates, present, schema, state, ui

SCROLL_TO_QUOTE = """<script>
setTimeout(() => document.getElementById("pd-quote")?.scrollIntoView({block: "center"}), 300);
</script>"""
QUOTE = "sources.quote"  # (start, end) of the quote a link asks to mark in the article

ctx = ui.context(
    state.UrlParam("doc", "sources.article", state.ids_in("articles", "article_id")),
    state.UrlParam("quote", QUOTE, lambda text, _: present.parse_span(text),
                   lambda span: present.unparse_span(span) if span else None),
    state.UrlParam("q", "sources.q", lambda text, dataset: text),
    state.UrlParam("hit", "sources.hit", state.integer(0, 100_000),
                   unparse=lambda n: None if n in (None, 0) else str(n)),
)  # fmt: skip


def _first_hit() -> None:
    st.session_state["sources.hit"] = 0


def _other_article() -> None:
    st.session_state.pop(QUOTE, None)  # the quote belongs to the last one
    _first_hit()


def _next_hit(count: int) -> None:
    st.session_state["sources.hit"] = (st.session_state.get("sources.hit", 0) + 1) % count


if ui.header("Sources", ctx):
    s = ctx.subset
    every_title = cached.titles(ctx.loaded)  # built once per folders state, not per run
    titles = {a: every_title[a] for a in s.articles["article_id"]}
    if st.session_state.get("sources.article") not in titles:
        st.session_state.pop("sources.article", None)
    picked, marking = st.columns([3, 2])
    article_id = picked.selectbox(
        "Article", list(titles), format_func=titles.get, key="sources.article",
        on_change=_other_article,
    )  # fmt: skip
    words = marking.text_input(
        "Mark words", key="sources.q", on_change=_first_hit, icon=":material/search:",
        placeholder="a search, as in the Search view", help="The Search view's query syntax.",
    )  # fmt: skip
    if article_id:
        row = s.articles[s.articles["article_id"] == article_id].iloc[0]
        published = dates.format_date_range(
            row["published"], "", row["date_precision"], row["date_basis"]
        )
        # Side by side, wrapping on a phone (two to a row) rather than four stacked columns.
        with st.container(horizontal=True, gap="medium", key="sources.meta"):
            for label, value in (
                ("Publisher", present.or_unknown(row["publisher"])),
                ("Kind", present.or_unknown(row["kind"])),
                ("Published", published),
                ("Dateline", present.or_unknown(row["dateline"])),
            ):
                ui.field(st.container(width="content", gap=None), label, value)
        if not row["curated"]:
            st.warning("Not curated: this article was added to seeds/ and has no curated facts.",
                       icon=":material/help:")  # fmt: skip
        if row["notes"]:
            with st.expander("Curation notes: how the metadata was established"):
                st.text(row["notes"])
        st.caption("How to cite")
        st.text(present.citation(row))  # metadata is data: shown as text
        with st.expander("File", icon=":material/description:"):
            st.text(f"File {schema.seeds_dir() / row['file']}")

        names = present.entity_names(ctx.dataset)
        marks = s.mentions[s.mentions["article_id"] == article_id]
        spans = [
            (int(m.start), int(m.end), m.entity_type, names.get(m.entity_id, m.entity_id))
            for m in marks.itertuples()
        ]
        text_col, side = st.columns([3, 2])
        with text_col:
            st.subheader("Text")
            st.caption("People and organizations are highlighted; hover for the curated name.")
            text = s.texts.get(article_id, "")
            shown = present.shown_text(text)
            if len(shown) < len(text):
                st.warning(
                    f"The article is long: showing its first {len(shown):,} of {len(text):,} "
                    "characters. The download below has all of it.",
                    icon=":material/content_cut:",
                )
                st.download_button(
                    "Full text", text.encode("utf-8"), row["file"], "text/plain",
                    icon=":material/download:", key="sources.fulltext", on_click="ignore",
                )  # fmt: skip
            quote = st.session_state.get(QUOTE)
            if quote and quote[1] > len(shown):
                quote = None
            if quote:
                st.info(f"The quote the link points to is marked in the text: "
                        f"“{present.md_escape(shown[quote[0]:quote[1]])}”",
                        icon=":material/format_quote:")  # fmt: skip
            hits = [
                h for h in cached.article_hits(ctx.loaded, words, article_id) if h[1] <= len(shown)
            ]
            current = st.session_state.get("sources.hit", 0) % len(hits) if hits else None
            if hits:
                st.session_state["sources.hit"] = current
                where, step = st.columns([3, 1], vertical_alignment="center")
                where.caption(f"Hit {current + 1} of {len(hits)}, marked in yellow.")
                step.button("Next hit", on_click=_next_hit, args=(len(hits),),
                            key="sources.next_hit", icon=":material/arrow_downward:")  # fmt: skip
            elif (words or "").strip():
                st.info("These words are not in this article.", icon=":material/search_off:")
            st.html(present.highlight_html(
                shown, [m for m in spans if m[1] <= len(shown)], quote=quote, hits=hits,
                current_hit=current,
            ))  # fmt: skip
            # Our own scripts, no data in them: bring the current hit, or the quote, into view.
            if current is not None:
                st.html(present.scroll_script(current), unsafe_allow_javascript=True)
            elif quote:
                st.html(SCROLL_TO_QUOTE, unsafe_allow_javascript=True)
        with side:
            for title, table in present.supported_by(s, article_id).items():
                st.subheader(title)
                if table.empty:
                    st.caption("None in the selection.")
                else:
                    ui.table_with_text(table, f"sources.{title}", hide_index=True)
