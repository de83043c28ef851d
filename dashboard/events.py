"""One event as its page shows it: what, when, where, who by side, each source's account, the
claims made at or about it and its topics. Plain tables with names; no streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.dates import format_date_range
from dashboard.present import UNKNOWN, article_title, country_names, entity_names
from dashboard.validation import UNKNOWN_SPEAKER


@dataclass(frozen=True)
class EventCard:
    """The facts of one event, ready to show (empty facts read "unknown")."""

    event_id: str
    title: str
    kind: str
    dates: str
    place: str
    summary: str
    date_note: str
    parent: tuple[str, str] | None  # (event_id, title)
    children: tuple[tuple[str, str], ...]


def events_by_date(dataset: Dataset) -> dict[str, str]:
    """Event titles by id, earliest first (undated last), for a picker."""
    events = dataset.events.sort_values(["start_date", "event_id"], na_position="last")
    dated = events[events["start_date"] != ""]
    undated = events[events["start_date"] == ""]
    ordered = pd.concat([dated, undated])
    return dict(zip(ordered["event_id"], ordered["title"], strict=True))


def event_card(dataset: Dataset, event_id: str) -> EventCard:
    """The event's title, kind, dates at their precision, place, parent and children."""
    events = dataset.events
    row = events[events["event_id"] == event_id].iloc[0]
    places = dict(zip(dataset.locations["location_id"], dataset.locations["name"], strict=True))
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    parent_id = row["parent_event_id"]
    children = events[events["parent_event_id"] == event_id].sort_values(
        ["start_date", "event_id"], kind="stable"
    )
    return EventCard(
        event_id=event_id,
        title=row["title"],
        kind=row["kind"] or UNKNOWN,
        dates=format_date_range(
            row["start_date"], row["end_date"], row["date_precision"], row["date_basis"]
        ),
        place=places.get(row["location_id"], UNKNOWN) if row["location_id"] else UNKNOWN,
        summary=row["summary"],
        date_note=row["date_note"],
        parent=(parent_id, titles.get(parent_id, parent_id)) if parent_id else None,
        children=tuple(zip(children["event_id"], children["title"], strict=True)),
    )


def side_of(dataset: Dataset) -> dict[str, str]:
    """The country of every person and organization by id ("" when unknown)."""
    sides = dict(zip(dataset.people["person_id"], dataset.people["country"], strict=True))
    orgs = dataset.organizations
    sides.update(zip(orgs["org_id"], orgs["country"], strict=True))
    return sides


def participants_by_side(dataset: Dataset, event_id: str) -> pd.DataFrame:
    """Who took part: columns side (country name), entity_id, name, role, article_id, quote;
    ordered by side, then name. A participant cited by two articles has two rows."""
    parts = dataset.participants[dataset.participants["event_id"] == event_id]
    countries = country_names(dataset)
    names = entity_names(dataset)
    frame = pd.DataFrame(
        {
            "side": parts["side"].map(lambda c: countries.get(c, c) or UNKNOWN),
            "entity_id": parts["entity_id"],
            "name": parts["entity_id"].map(lambda e: names.get(e, e)),
            "role": parts["role"],
            "article_id": parts["article_id"],
            "quote": parts["quote"],
        }
    )
    return frame.sort_values(["side", "name", "article_id"]).reset_index(drop=True)


def accounts(dataset: Dataset, event_id: str) -> pd.DataFrame:
    """Each source's account of the event: columns article_id, title, published, quote (one
    row per event_sources row), the earliest article first."""
    sources = dataset.event_sources[dataset.event_sources["event_id"] == event_id]
    articles = dataset.articles.set_index("article_id")
    rows = []
    for article_id, quote in zip(sources["article_id"], sources["quote"], strict=True):
        row = articles.loc[article_id] if article_id in articles.index else None
        rows.append(
            {
                "article_id": article_id,
                "title": article_title(row.to_dict()) if row is not None else article_id,
                "published": "" if row is None else row["published"],
                "quote": quote,
            }
        )
    frame = pd.DataFrame(rows, columns=["article_id", "title", "published", "quote"])
    return frame.sort_values(["published", "article_id"], kind="stable").reset_index(drop=True)


def event_claims(dataset: Dataset, event_id: str) -> pd.DataFrame:
    """The claims made at or about the event (claims.event_id): columns side (the speaker's
    country name), speaker_id, speaker, stance, summary, article_id, quote; by side, speaker."""
    claims = dataset.claims[dataset.claims["event_id"] == event_id]
    countries = country_names(dataset)
    sides = side_of(dataset)
    names = entity_names(dataset)
    frame = pd.DataFrame(
        {
            "side": claims["speaker_id"].map(
                lambda s: countries.get(sides.get(s, ""), sides.get(s, "")) or UNKNOWN
            ),
            "speaker_id": claims["speaker_id"],
            "speaker": claims["speaker_id"].map(
                lambda s: "unknown speaker" if s == UNKNOWN_SPEAKER else names.get(s, s)
            ),
            "stance": claims["stance"],
            "summary": claims["summary"],
            "article_id": claims["article_id"],
            "quote": claims["quote"],
        }
    )
    return frame.sort_values(["side", "speaker", "article_id"]).reset_index(drop=True)


def event_topic_labels(dataset: Dataset, event_id: str) -> list[str]:
    """The labels of the event's topics, sorted."""
    tagged = dataset.event_topics[dataset.event_topics["event_id"] == event_id]
    labels = dict(zip(dataset.topics["topic_id"], dataset.topics["label"], strict=True))
    return sorted({labels.get(t, t) for t in tagged["topic_id"]})
