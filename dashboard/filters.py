"""Filters: one definition for the app, the command line and the downloads.

Kinds: `person`, `organization`, `country`, `topic`, `location`, `article` (each one or more
ids) and `from`/`to` (ISO dates). Within a kind any id may match; across kinds all must.

Each active kind selects a set of articles and a set of events:
- person / organization: the articles that mention it, and the events it takes part in;
- topic: the events tagged with it, and the articles that report those events or whose text
  contains one of its keywords at the start of a word (case-insensitive);
- location: the events there, and the articles that report them;
- country: its people and organizations, then their articles and events as above;
- article: those articles, and the events they report;
- from/to: the events whose date interval overlaps the range, and the articles whose
  publication date (interval, by its precision) falls in it; undated ones are left out.

The selection is the intersection over the active kinds. Every table is then cut to what it
touches: events, and the evidence rows (event_sources, participants, event_topics) of the
selected events that come from selected articles; claims from selected articles whose event,
if any, is selected; mentions in the selected articles; the people and organizations
mentioned in them, taking part in the selected events or speaking in the kept claims; the
locations of the selected events; the topics of the kept event topics; the countries of what is
kept. With no filter the dataset is returned whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.dates import interval, overlaps
from dashboard.present import article_title

ID_KINDS: tuple[str, ...] = ("person", "organization", "country", "topic", "location", "article")
DATE_KEYS: tuple[str, ...] = ("from", "to")
QUERY_KEYS: tuple[str, ...] = (*ID_KINDS, *DATE_KEYS)
MAX_VALUE_LENGTH = 200  # longer values in a link are dropped, never parsed
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)  # dates outside are typos, not filters


@dataclass(frozen=True)
class Filters:
    """The active filters; empty tuples and None mean "not filtered"."""

    person: tuple[str, ...] = ()
    organization: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    article: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return any(getattr(self, f.name) for f in fields(self))

    def ids(self, kind: str) -> tuple[str, ...]:
        """The ids of one kind."""
        return getattr(self, kind)

    def to_query(self) -> dict[str, str]:
        """Query parameters (also the CLI's flags): comma-separated ids and ISO dates."""
        query = {kind: ",".join(self.ids(kind)) for kind in ID_KINDS if self.ids(kind)}
        if self.date_from:
            query["from"] = self.date_from.isoformat()
        if self.date_to:
            query["to"] = self.date_to.isoformat()
        return query

    def describe(self) -> str:
        """A one-line summary, e.g. 'person=xi-jinping; from=2023-11-01'."""
        return "; ".join(f"{k}={v}" for k, v in self.to_query().items())


def valid_ids(dataset: Dataset) -> dict[str, dict[str, str]]:
    """For each id kind, every valid id and its display name, in display order."""

    def pairs(frame: pd.DataFrame, id_col: str, label_col: str) -> dict[str, str]:
        labels = frame[label_col].where(frame[label_col] != "", frame[id_col])
        return dict(
            sorted(zip(frame[id_col], labels, strict=True), key=lambda kv: kv[1].casefold())
        )

    articles = dataset.articles
    titles = [article_title(row) for row in articles.to_dict("records")]
    return {
        "person": pairs(dataset.people, "person_id", "name"),
        "organization": pairs(dataset.organizations, "org_id", "name"),
        "country": pairs(dataset.countries, "country_id", "name"),
        "topic": pairs(dataset.topics, "topic_id", "label"),
        "location": pairs(dataset.locations, "location_id", "name"),
        "article": dict(zip(articles["article_id"], titles, strict=True)),
    }


def _split(values: str | Iterable[str] | None) -> list[str]:
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def parse_filters(
    params: Mapping[str, str | Iterable[str]], dataset: Dataset
) -> tuple[Filters, list[str]]:
    """Filters from query parameters or CLI flags; whatever is unknown or malformed is dropped
    and described in the returned notices (never an exception)."""
    notices: list[str] = []
    known = valid_ids(dataset)
    chosen: dict[str, tuple[str, ...]] = {}
    for key in params:
        if key not in QUERY_KEYS:
            notices.append(f"Ignored unknown parameter {_show(key)}.")
    for kind in ID_KINDS:
        ids: list[str] = []
        for value in _split(params.get(kind)):
            if len(value) > MAX_VALUE_LENGTH or value not in known[kind]:
                notices.append(f"Ignored unknown {kind} {_show(value)}.")
            elif value not in ids:
                ids.append(value)
        chosen[kind] = tuple(ids)
    dates: dict[str, date | None] = {}
    for key in DATE_KEYS:
        values = _split(params.get(key))
        dates[key] = None
        for value in values[:1]:
            try:
                dates[key] = date.fromisoformat(value) if _ISO_DATE.match(value) else None
            except ValueError:
                dates[key] = None
            if dates[key] is None:
                notices.append(f"Ignored {key} date {_show(value)}: expected YYYY-MM-DD.")
            elif not EARLIEST <= dates[key] <= LATEST:
                notices.append(f"Ignored {key} date {_show(value)}: outside {EARLIEST}–{LATEST}.")
                dates[key] = None
        if len(values) > 1:
            notices.append(f"Ignored extra {key} dates: only the first is used.")
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        notices.append(f"The dates were reversed: using {dates['to']} to {dates['from']}.")
        dates["from"], dates["to"] = dates["to"], dates["from"]
    return Filters(**chosen, date_from=dates["from"], date_to=dates["to"]), notices


def _show(value: str, limit: int = 40) -> str:
    """A value quoted for a notice: control characters escaped, long values shortened."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)


def unknown_ids(filters_: Mapping[str, Iterable[str]], dataset: Dataset) -> dict[str, list[str]]:
    """For the CLI: ids that do not exist, by kind."""
    known = valid_ids(dataset)
    return {
        kind: bad
        for kind in ID_KINDS
        if (bad := [v for v in _split(filters_.get(kind)) if v not in known[kind]])
    }


def _keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True)
    if not words:
        return None
    # A keyword starts a word ("legal channels" is not in "illegal channels"); plurals still match.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)


def _entity_selection(dataset: Dataset, ids: set[str]) -> tuple[set[str], set[str]]:
    """Articles that mention any of the entities, and events any of them takes part in."""
    mentions = dataset.mentions
    articles = set(mentions.loc[mentions["entity_id"].isin(ids), "article_id"])
    parts = dataset.participants
    events = set(parts.loc[parts["entity_id"].isin(ids), "event_id"])
    return articles, events


def _reporting(dataset: Dataset, events: set[str]) -> set[str]:
    sources = dataset.event_sources
    return set(sources.loc[sources["event_id"].isin(events), "article_id"])


def select(dataset: Dataset, filters: Filters) -> tuple[set[str], set[str]]:
    """The selected article ids and event ids (see the module docstring for the rules)."""
    all_articles = set(dataset.articles["article_id"])
    all_events = set(dataset.events["event_id"])
    articles, events = set(all_articles), set(all_events)

    def narrow(a: set[str], e: set[str]) -> None:
        articles.intersection_update(a)
        events.intersection_update(e)

    if filters.person:
        narrow(*_entity_selection(dataset, set(filters.person)))
    if filters.organization:
        narrow(*_entity_selection(dataset, set(filters.organization)))
    if filters.country:
        countries = set(filters.country)
        people = dataset.people.loc[dataset.people["country"].isin(countries), "person_id"]
        orgs = dataset.organizations.loc[dataset.organizations["country"].isin(countries), "org_id"]
        narrow(*_entity_selection(dataset, set(people) | set(orgs)))
    if filters.topic:
        tagged = dataset.event_topics
        topic_events = set(tagged.loc[tagged["topic_id"].isin(filters.topic), "event_id"])
        topics = dataset.topics[dataset.topics["topic_id"].isin(filters.topic)]
        pattern = _keyword_pattern(k for cell in topics["keywords"] for k in cell.split("|"))
        matching = {
            a for a, text in dataset.texts.items() if pattern is not None and pattern.search(text)
        }
        narrow(_reporting(dataset, topic_events) | matching, topic_events)
    if filters.location:
        ev = dataset.events
        located = set(ev.loc[ev["location_id"].isin(filters.location), "event_id"])
        narrow(_reporting(dataset, located), located)
    if filters.article:
        chosen = set(filters.article)
        sources = dataset.event_sources
        narrow(chosen, set(sources.loc[sources["article_id"].isin(chosen), "event_id"]))
    if filters.date_from or filters.date_to:
        lo, hi = filters.date_from, filters.date_to
        ev, art = dataset.events, dataset.articles
        dated_events = {
            e
            for e, s, t, p in zip(
                ev["event_id"], ev["start_date"], ev["end_date"], ev["date_precision"], strict=True
            )
            if overlaps(interval(s, t, p), lo, hi)
        }
        dated_articles = {
            a
            for a, s, p in zip(
                art["article_id"], art["published"], art["date_precision"], strict=True
            )
            if overlaps(interval(s, "", p), lo, hi)
        }
        narrow(dated_articles, dated_events)
    return articles, events


def filter_dataset(dataset: Dataset, filters: Filters) -> Dataset:
    """The dataset cut to what the filters select (the whole dataset when none is active)."""
    if not filters.active:
        return dataset
    articles, events = select(dataset, filters)

    def keep(frame: pd.DataFrame, **conditions: set[str]) -> pd.DataFrame:
        mask = pd.Series(True, index=frame.index)
        for column, allowed in conditions.items():
            mask &= frame[column].isin(allowed)
        return frame[mask].reset_index(drop=True)

    event_sources = keep(dataset.event_sources, event_id=events, article_id=articles)
    participants = keep(dataset.participants, event_id=events, article_id=articles)
    event_topics = keep(dataset.event_topics, event_id=events, article_id=articles)
    claims = dataset.claims
    claims = claims[
        claims["article_id"].isin(articles)
        & ((claims["event_id"] == "") | claims["event_id"].isin(events))
    ].reset_index(drop=True)
    mentions = keep(dataset.mentions, article_id=articles)

    def entities(kind: str) -> set[str]:
        mentioned = set(mentions.loc[mentions["entity_type"] == kind, "entity_id"])
        taking_part = set(participants.loc[participants["entity_type"] == kind, "entity_id"])
        speaking = set(claims.loc[claims["speaker_type"] == kind, "speaker_id"])
        return mentioned | taking_part | speaking

    people = keep(dataset.people, person_id=entities("person"))
    organizations = keep(dataset.organizations, org_id=entities("organization"))
    kept_events = keep(dataset.events, event_id=events)
    locations = keep(dataset.locations, location_id=set(kept_events["location_id"]))
    topics = keep(dataset.topics, topic_id=set(event_topics["topic_id"]))
    countries = keep(
        dataset.countries,
        country_id=set(people["country"])
        | set(organizations["country"])
        | set(locations["country"])
        | set(participants["side"]),
    )
    kept_articles = keep(dataset.articles, article_id=articles)
    return dataset.replace_tables(
        countries=countries,
        articles=kept_articles,
        organizations=organizations,
        people=people,
        locations=locations,
        events=kept_events,
        event_sources=event_sources,
        participants=participants,
        topics=topics,
        event_topics=event_topics,
        claims=claims,
        mentions=mentions,
        texts={a: t for a, t in dataset.texts.items() if a in articles},
    )
