"""Sources: an article's metadata, its text with names highlighted, and what it supports."""

import streamlit as st

from dashboard import dates, present, state, ui

SCROLL_TO_QUOTE = """<script>
setTimeout(() => document.getElementById("pd-quote")?.scrollIntoView({block: "center"}), 300);
</script>"""
QUOTE = "sources.quote"  # (start, end) of the quote a link asks to mark in the article

ctx = ui.context(
    state.UrlParam("doc", "sources.article", state.ids_in("articles", "article_id")),
    state.UrlParam("quote", QUOTE, lambda text, _: present.parse_span(text),
                   lambda span: present.unparse_span(span) if span else None),
)  # fmt: skip
if ui.header("Sources", ctx):
    s = ctx.subset
    titles = {r["article_id"]: present.article_title(r) for _, r in s.articles.iterrows()}
    if st.session_state.get("sources.article") not in titles:
        st.session_state.pop("sources.article", None)
    article_id = st.selectbox(
        "Article", list(titles), format_func=titles.get, key="sources.article",
        on_change=lambda: st.session_state.pop(QUOTE, None),  # the quote belongs to the last one
    )  # fmt: skip
    if article_id:
        row = s.articles[s.articles["article_id"] == article_id].iloc[0]
        meta = st.columns(4)
        ui.field(meta[0], "Publisher", present.or_unknown(row["publisher"]))
        ui.field(meta[1], "Kind", present.or_unknown(row["kind"]))
        ui.field(
            meta[2],
            "Published",
            dates.format_date_range(row["published"], "", row["date_precision"], row["date_basis"]),
        )
        ui.field(meta[3], "Dateline", present.or_unknown(row["dateline"]))
        if not row["curated"]:
            st.warning("Not curated: this article was added to seeds/ and has no curated facts.",
                       icon=":material/help:")  # fmt: skip
        if row["notes"]:
            with st.expander("Curation notes: how the metadata was established"):
                st.text(row["notes"])
        st.text(f"File seeds/{row['file']}" + (f" · {row['url']}" if row["url"] else ""))

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
            st.html(present.highlight_html(
                shown, [m for m in spans if m[1] <= len(shown)], quote=quote
            ))  # fmt: skip
            if quote:
                # Our own script, no data in it: bring the marked quote into view.
                st.html(SCROLL_TO_QUOTE, unsafe_allow_javascript=True)
        with side:
            for title, table in present.supported_by(s, article_id).items():
                st.subheader(title)
                if table.empty:
                    st.caption("None in the selection.")
                else:
                    st.dataframe(table, hide_index=True, key=f"sources.{title}")
