"""Who claims what, and where the sources disagree: claims grouped by the proposition they are
about (propositions.csv), each with its speaker's position (affirms, denies, qualifies).

A proposition is *disputed* when it is both affirmed and denied, and *single source* when one
article carries all its claims. Plain tables and escaped HTML; no streamlit here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from dashboard.colours import POSITION_COLORS, country_color, text_shade
from dashboard.dataset import Dataset
from dashboard.dates import short_date
from dashboard.present import UNKNOWN, article_title
from dashboard.validation import UNKNOWN_SPEAKER

POSITIONS: tuple[str, ...] = ("affirms", "denies", "qualifies")
MIXED = "mixed"  # one speaker takes more than one position on a proposition
CLAIM_COLUMNS = [
    "proposition_id", "statement", "claim_id", "speaker_id", "speaker", "speaker_type", "side",
    "country", "position", "stance", "summary", "event_id", "article_id", "article", "published",
    "date", "quote",
]  # fmt: skip
PROPOSITION_COLUMNS = [
    "proposition_id", "statement", "topic_id", "claims", "sources", "articles", "affirms",
    "denies", "qualifies", "disputed", "single_source",
]  # fmt: skip


def claim_rows(
    claims: pd.DataFrame,
    propositions: pd.DataFrame,
    people: pd.DataFrame,
    organizations: pd.DataFrame,
    countries: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """Every claim with names: CLAIM_COLUMNS (side is the speaker's country id, country its
    name). Disputed propositions first (see proposition_table), then by article date."""
    statements = dict(zip(propositions["proposition_id"], propositions["statement"], strict=True))
    names = dict(zip(people["person_id"], people["name"], strict=True))
    names.update(zip(organizations["org_id"], organizations["name"], strict=True))
    sides = dict(zip(people["person_id"], people["country"], strict=True))
    sides.update(zip(organizations["org_id"], organizations["country"], strict=True))
    country_names = dict(zip(countries["country_id"], countries["name"], strict=True))
    records = {r["article_id"]: r for r in articles.to_dict("records")}
    side = claims["speaker_id"].map(lambda s: sides.get(s, ""))
    frame = pd.DataFrame(
        {
            "proposition_id": claims["proposition_id"],
            "statement": claims["proposition_id"].map(lambda p: statements.get(p, p)),
            "claim_id": claims["claim_id"],
            "speaker_id": claims["speaker_id"],
            "speaker": claims["speaker_id"].map(
                lambda s: "unknown speaker" if s in ("", UNKNOWN_SPEAKER) else names.get(s, s)
            ),
            "speaker_type": claims["speaker_type"],
            "side": side,
            "country": side.map(lambda c: country_names.get(c, c) or UNKNOWN),
            "position": claims["position"],
            "stance": claims["stance"],
            "summary": claims["summary"],
            "event_id": claims["event_id"],
            "article_id": claims["article_id"],
            "article": claims["article_id"].map(
                lambda a: article_title(records[a]) if a in records else a
            ),
            "published": claims["article_id"].map(
                lambda a: str(records[a].get("published") or "") if a in records else ""
            ),
            "date": claims["article_id"].map(
                lambda a: (
                    short_date(
                        str(records[a].get("published") or ""),
                        str(records[a].get("date_precision") or ""),
                    )
                    if a in records
                    else ""
                )
            ),
            "quote": claims["quote"],
        },
        columns=CLAIM_COLUMNS,
    )
    order = proposition_table(frame, propositions)["proposition_id"].tolist()
    rank = {p: i for i, p in enumerate(order)}
    frame = frame.assign(_rank=frame["proposition_id"].map(rank))
    frame = frame.sort_values(["_rank", "published", "article_id", "claim_id"], kind="stable")
    return frame.drop(columns="_rank").reset_index(drop=True)


def dataset_claims(dataset: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claim_rows, propositions) of a dataset."""
    propositions = dataset.propositions
    rows = claim_rows(
        dataset.claims, propositions, dataset.people, dataset.organizations, dataset.countries,
        dataset.articles,
    )  # fmt: skip
    return rows, propositions


def _speakers(rows: pd.DataFrame, position: str) -> list[tuple[str, str, str]]:
    """(speaker_id, name, side) of those taking a position, each once, by name."""
    taking = rows[rows["position"] == position]
    found = {
        (s, n, c)
        for s, n, c in zip(taking["speaker_id"], taking["speaker"], taking["side"], strict=True)
    }
    return sorted(found, key=lambda t: (t[1], t[0]))


def proposition_table(rows: pd.DataFrame, propositions: pd.DataFrame) -> pd.DataFrame:
    """One row per proposition with at least one claim in `rows` (claim_rows): columns
    PROPOSITION_COLUMNS; affirms, denies and qualifies are lists of (speaker_id, name, side);
    articles the list of article ids. Disputed first, then by number of claims, then by
    statement."""
    topics = dict(zip(propositions["proposition_id"], propositions["topic_id"], strict=True))
    statements = dict(zip(propositions["proposition_id"], propositions["statement"], strict=True))
    out = []
    for proposition_id, group in rows.groupby("proposition_id", sort=True):
        affirms, denies = _speakers(group, "affirms"), _speakers(group, "denies")
        articles = sorted(set(group["article_id"]))
        out.append(
            {
                "proposition_id": proposition_id,
                "statement": statements.get(proposition_id, proposition_id),
                "topic_id": topics.get(proposition_id, ""),
                "claims": len(group),
                "sources": len(articles),
                "articles": articles,
                "affirms": affirms,
                "denies": denies,
                "qualifies": _speakers(group, "qualifies"),
                "disputed": bool(affirms and denies),
                "single_source": len(articles) == 1,
            }
        )
    frame = pd.DataFrame(out, columns=PROPOSITION_COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(
        ["disputed", "claims", "statement"], ascending=[False, False, True], kind="stable"
    )
    return frame.reset_index(drop=True)


def speaker_matrix(rows: pd.DataFrame) -> pd.DataFrame:
    """Speaker by proposition: columns speaker_id, speaker, country, proposition_id, statement,
    position (MIXED when a speaker takes several), claims (how many)."""
    columns = ["speaker_id", "speaker", "country", "proposition_id", "statement", "position",
               "claims"]  # fmt: skip
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(["speaker_id", "proposition_id"], sort=True)
    frame = grouped.agg(
        speaker=("speaker", "first"),
        country=("country", "first"),
        statement=("statement", "first"),
        position=("position", lambda p: p.iloc[0] if p.nunique() == 1 else MIXED),
        claims=("claim_id", "size"),
    ).reset_index()
    return frame[columns]


def kept_propositions(
    rows: pd.DataFrame,
    people: Iterable[str] = (),
    organizations: Iterable[str] = (),
    countries: Iterable[str] = (),
) -> set[str]:
    """The propositions a speaker filter keeps: those with a claim by one of the people, one of
    the organizations, or a speaker of one of the countries (all of them when none is given).
    Within a kind any may match; across kinds all must, as with the sidebar filters."""
    kept = set(rows["proposition_id"])
    for column, wanted in (
        ("speaker_id", people),
        ("speaker_id", organizations),
        ("side", countries),
    ):
        wanted = set(wanted)
        if wanted:
            kept &= set(rows.loc[rows[column].isin(wanted), "proposition_id"])
    return kept


def _chips(speakers: list[tuple[str, str, str]], country_names: Mapping[str, str]) -> str:
    chips = []
    for _, name, side in speakers:
        country = html.escape(country_names.get(side, side) or UNKNOWN)
        chips.append(
            f'<span class="pd-chip" style="border-left-color:{country_color(side)}" '
            f'title="{country}">{html.escape(name)} ({country})</span>'
        )
    return " ".join(chips) or '<span class="pd-none">none</span>'


TABLE_CSS = """<style>
.pd-props { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.pd-props th, .pd-props td { text-align: left; vertical-align: top; padding: 0.4rem;
  border-bottom: 1px solid rgba(128, 128, 128, 0.3); }
.pd-chip { display: inline-block; margin: 0 0.2rem 0.2rem 0; padding: 0 0.35rem;
  border-left: 5px solid; background: rgba(128, 128, 128, 0.12); border-radius: 0.2rem; }
.pd-flag { display: inline-block; margin: 0 0.2rem 0.2rem 0; padding: 0 0.35rem;
  border-radius: 0.6rem; font-size: 0.8rem; border: 1px solid; }
.pd-none { opacity: 0.6; }
/* A phone has no room for five columns: each proposition becomes a block, its cells one under
   the other, each named by its column. */
@media (max-width: 640px) {
  .pd-props th { display: none; }
  .pd-props tr { display: block; padding: 0.5rem 0;
    border-bottom: 1px solid rgba(128, 128, 128, 0.3); }
  .pd-props td { display: block; border: none; padding: 0.15rem 0; }
  .pd-props td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
</style>"""


def propositions_html(
    table: pd.DataFrame,
    country_names: Mapping[str, str],
    titles: Mapping[str, str] | None = None,
    base: str = "light",
) -> str:
    """The propositions as an escaped HTML table: statement and flags, who affirms, denies and
    qualifies (chips bordered in the speaker's country colour), how many sources and which
    (their titles). The "disputed" flag's word is in the denial colour's text shade for the
    theme's `base`."""
    titles = titles or {}
    disputed = text_shade(POSITION_COLORS["denies"], base)
    head = "".join(
        f"<th>{h}</th>" for h in ("Proposition", "Affirms", "Denies", "Qualifies", "Sources")
    )
    body = []
    for row in table.to_dict("records"):
        flags = []
        if row["disputed"]:
            flags.append(f'<span class="pd-flag" style="color:{disputed}">disputed</span>')
        if row["single_source"]:
            flags.append('<span class="pd-flag">single source</span>')
        body.append(
            "<tr>"
            f"<td>{html.escape(row['statement'])}<br>{''.join(flags)}</td>"
            f'<td data-label="Affirms">{_chips(row["affirms"], country_names)}</td>'
            f'<td data-label="Denies">{_chips(row["denies"], country_names)}</td>'
            f'<td data-label="Qualifies">{_chips(row["qualifies"], country_names)}</td>'
            f'<td data-label="Sources">{row["sources"]}<br><small>'
            + "<br>".join(html.escape(titles.get(a, a)) for a in row["articles"])
            + "</small></td>"
            "</tr>"
        )
    return f'{TABLE_CSS}<table class="pd-props"><tr>{head}</tr>{"".join(body)}</table>'
