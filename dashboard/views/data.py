"""Data: every table of the filtered dataset, each with the CSV the CLI would export."""

from functools import partial

import streamlit as st

from dashboard import export, ui
from dashboard.dataset import TABLE_NAMES

DATE_COLUMNS = ("published", "start_date", "end_date")
NUMBER_FORMATS = {"latitude": "%.4f", "longitude": "%.4f"}
# Rows drawn per table: every tab is sent to the browser at each run, and 400,000 mentions
# would be tens of MB each time. The CSV below a table always has every row.
SHOWN_ROWS = 5_000

ctx = ui.context()
if ui.header("Data", ctx):
    s, filters = ctx.subset, ctx.filters
    full = ctx.dataset
    st.download_button(
        "Download all tables (ZIP with datapackage.json)",
        # Built when asked for, from the shared dataset and the filters (a partial holds only
        # them: a closure would hold this page's namespace, tables and all, while the server
        # keeps the session).
        partial(export.export_zip, full, filters),
        export.zip_name(filters.to_query()),
        "application/zip",
        icon=":material/folder_zip:",
        type="primary",
        key="data.zip",
        on_click="ignore",
    )
    tabs = st.tabs([f"{name} ({len(s.table(name))})" for name in TABLE_NAMES])
    for name, tab in zip(TABLE_NAMES, tabs, strict=True):
        frame = export.exported_table(s, name)
        with tab:
            config = {
                c: st.column_config.DateColumn(c, format="YYYY-MM-DD")
                for c in DATE_COLUMNS
                if c in frame.columns
            }
            config |= {
                c: st.column_config.NumberColumn(c, format=f)
                for c, f in NUMBER_FORMATS.items()
                if c in frame.columns
            }
            shown = frame.head(SHOWN_ROWS).copy()
            if len(frame) > SHOWN_ROWS:
                st.caption(
                    f"The first {SHOWN_ROWS:,} of {len(frame):,} rows; the CSV below has them all."
                )
            for c in DATE_COLUMNS:
                if c in shown.columns:
                    shown[c] = shown[c].where(shown[c] != "").astype("datetime64[ns]")
            for c in NUMBER_FORMATS:
                if c in shown.columns:
                    shown[c] = shown[c].astype(float)
            ui.table_with_text(shown, f"data.{name}", hide_index=True, column_config=config)
            st.download_button(
                f"{name}.csv",
                partial(export.table_csv, full, filters, name),
                f"{name}.csv",
                "text/csv",
                icon=":material/download:",
                key=f"data.{name}.csv",
                on_click="ignore",
            )
