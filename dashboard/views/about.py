"""About: the dataset, the evidence rules, the filter rules, the data dictionary and limits."""

import pandas as pd
import streamlit as st

from dashboard import filters, schema

st.title("About this dashboard")
st.markdown(
    """
A hand-curated, evidence-grounded dataset of the diplomacy between **Mexico, China and the
United States on fentanyl precursor chemicals**: the leaders' meetings on the sidelines of
APEC in San Francisco (November 2023) and the Second Meeting of the Mexico–China Working Group
on Precursor Chemicals with the Chinese delegation's visit to Mexico City, the Port of Veracruz
and AIFA (September 2024).

### Evidence rules
- Every event, participation, side of an event, topic assignment and claim cites an article
  and a **quote that occurs verbatim** in it; `python -m dashboard validate` checks every quote.
- Each claim is about a **proposition** worded neutrally ("Fentanyl is manufactured in
  Mexico"), with the speaker's position on it (affirms, denies, qualifies), so claims from
  different sides and sources line up. A journalist's own forecast is the outlet's claim, not
  a government's; a speaker the text does not name is an *unknown speaker*.
- When several articles report the same event there is one row for the event and one evidence
  row per article, so you can see how sources agree or differ.
- A person takes part in an event only where a text says so; being named in the same article
  is a *mention*, not a participation.
- Names, titles and typos are kept **as the texts write them** (with a note where a title is
  wrong). Nothing is invented: what the texts do not say is shown as *unknown*.

### Dates
Dates are ISO 8601 with a **precision** (day, window, month, year) and a **basis**: *stated*
when the text gives the date, *inferred* when it is resolved from a relative reference ("on
Wednesday", "last April", "yesterday") or a dateline without a year, against the article's
own date; the note says how. An event's start and end dates bound the interval known to
contain it; when the texts place an event only within a few days (or weeks) without giving
its day, the precision is *window* and the interval is that window.
"""
)
st.markdown("### How the filters work")
st.markdown(
    "Each filter takes one or more ids (the sidebar shows names, with how many events or "
    "articles each option would keep under the other filters). Within a filter any id may "
    "match; across filters all must. What each selects:"
)
st.markdown("\n".join(f"- {rule}" for rule in filters.rules()))
st.markdown(
    "The tables are then cut to what the selected articles and events touch: their evidence "
    "rows, claims, mentions, people, organizations, places, topics and countries."
)
st.markdown(
    "In the Claims view the propositions are those with a claim among the kept claims; a "
    "person or organization filter then keeps the propositions with a claim by one of them, "
    "and a country filter those with a claim by a speaker of that country (a person's or "
    "organization's country). Every kept claim about a kept proposition is shown, whoever "
    "the speaker, so both sides of a dispute stay side by side."
)
st.markdown(
    """
### Mentions and the network
Mentions are found from the aliases in the people and organization tables (the forms the
texts use, and *external* aliases from outside the texts, such as Spanish names and official
acronyms, which help with added articles but are never evidence), ignoring case and accents,
accepting possessives and the run-together words of the translated texts. Acronyms count in
capitals, or in title case as Spanish texts write them ("Semar") unless that is an
ordinary word. A surname used alone counts only when it can mean one curated person, the same
article names that person in full or with a title their role holds (English or Spanish:
"Secretary", "el canciller"), and no other given name stands right before it ("Carlos
Castillo" is not Pedro Castillo); a ministry qualified by another country ("the Foreign
Ministry of Japan") is not the curated one. Two people are linked once per
article, paragraph, sentence or event they share; the weight is the number of shared units.

### The network over time
Every unit a link rests on has a date: for the event window, the event's interval; for the
article, paragraph and sentence windows, the article's publication date. Both are read at
their precision, as everywhere: a month-precision date stands for the whole month, a year for
the whole year. *Up to this date* shows the links whose first unit begins on or before the end
of the chosen month (or week); *in this period only* those with a unit whose interval meets
that month. Undated units (an article without a date, an event whose date the texts do not
give) are not on the timeline; the caption counts them. An edge's `first_date` and
`last_date` in `cooccurrence.csv`, and the spells of `network.gexf` (a dynamic GEXF that
Gephi's timeline opens), follow the same rule.

### Limits
- Several texts are **translations** (with run-together words and odd phrasing); quotes are
  the translated words, not the original statements.
- The year of the APEC articles is **inferred**: the texts give days ("on Thursday",
  "Nov. 16") but no year.
- Five articles are a small sample: counts show what these sources say, not how often
  something happened.
- Articles you add to `seeds/` are searched for mentions but are **not curated**.

### How to cite
Cite the dashboard and the dataset version, and the source article of any fact you use (each
row names its article and quote), e.g. *Precursor Diplomacy Dashboard, dataset v{version},
event `working-group-second-meeting-2024`, source: SRE Press Release 341 (6 September 2024)*.
""".replace("{version}", schema.descriptor().get("version", ""))
)

st.markdown("### Data dictionary")
st.caption("Generated from data/datapackage.json.")
for res in schema.descriptor()["resources"]:
    with st.expander(f"{res['path']} — {res.get('description', '')}"):
        rows = [
            {
                "column": f["name"],
                "type": f.get("type", "string"),
                "required": bool(f.get("constraints", {}).get("required")),
                "allowed values": ", ".join(f.get("constraints", {}).get("enum", [])),
                "description": f.get("description", ""),
            }
            for f in res["schema"]["fields"]
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"about.{res['name']}")
        keys = [f"Primary key: {', '.join(res['schema'].get('primaryKey', []))}"]
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or res["name"]
            keys.append(f"Foreign key: {fk['fields']} → {target}.{fk['reference']['fields']}")
        st.text("\n".join(keys))
