"""Filters: one definition for the app, the command line and the downloads.

Each kind of id filter is one `FilterKind` in the `KINDS` registry: its URL and CLI name, its
sidebar label, its help text, the rule it follows, its options and what each id selects (a set
of articles and a set of events). The sidebar, `parse_filters`, the CLI's flags and the About
view's rules are all generated from the registry, so adding a kind is one `register(...)` call.
Dates are the one other filter: `from`/`to` (ISO dates) select the events whose date interval
(dashboard.dates.interval) overlaps the range, and the articles whose publication date, by its
precision, falls in it; undated ones are left out.

Within a kind any id may match; across kinds all must. The selection is the intersection over
the active kinds. Every table is then cut to what it touches: events, and the evidence rows
(event_sources, participants, event_sides, event_topics) of the selected events that come from
selected articles; claims from selected articles whose event, if any, is selected, and their
propositions; mentions in the selected articles; the people and organizations mentioned in
them, taking part in the selected events, leading a kept side or speaking in the kept claims;
the locations of the selected events; the topics of the kept event topics. Then every row a
kept row refers to through a foreign key of the data package is kept too (a claim's topic, an
event's parent event and its place, a person's organization, the countries, ...), so a cut is
itself a valid data package. With no filter the dataset is returned whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import schema
from dashboard.dataset import Dataset
from dashboard.dates import interval, overlaps
from dashboard.keyword_index import keyword_matches
from dashboard.present import article_title

DATE_KEYS: tuple[str, ...] = ("from", "to")
MAX_VALUE_LENGTH = 200  # longer values in a link are dropped, never parsed
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)  # dates outside are typos, not filters

# What one id of a kind selects: (article ids, event ids).
Selection = tuple[frozenset[str], frozenset[str]]
# For every id of a kind, what it selects.
Index = dict[str, Selection]


@dataclass(frozen=True)
class FilterKind:
    """One kind of id filter.

    `name` is the URL parameter and the CLI flag; `label` the sidebar's; `help` says which ids
    it takes (CLI help); `rule` what an id selects (About); `options` gives every valid id and
    its display name, in display order; `index` what each id selects; `counts` what the
    sidebar's facet counts count for it ("events" or "articles")."""

    name: str
    label: str
    help: str
    rule: str
    options: Callable[[Dataset], dict[str, str]]
    index: Callable[[Dataset], Index]
    counts: Literal["events", "articles"] = "events"


KINDS: dict[str, FilterKind] = {}


def register(kind: FilterKind) -> FilterKind:
    """Add a kind of filter (or replace the one of that name); returns it."""
    KINDS[kind.name] = kind
    return kind


def id_kinds() -> tuple[str, ...]:
    """The names of the id filters, in sidebar order."""
    return tuple(KINDS)


def query_keys() -> tuple[str, ...]:
    """Every filter parameter of a URL or a CLI call."""
    return (*KINDS, *DATE_KEYS)


@dataclass(frozen=True, init=False)
class Filters:
    """The active filters: the chosen ids of each kind (`filters.person`, or `ids("person")`)
    and the dates; empty and None mean "not filtered". Equal filters are equal objects."""

    chosen: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    date_from: date | None = None
    date_to: date | None = None

    def __init__(
        self, date_from: date | None = None, date_to: date | None = None, **ids: Iterable[str]
    ) -> None:
        unknown = set(ids) - set(KINDS)
        if unknown:
            raise TypeError(f"unknown filter kind(s): {', '.join(sorted(unknown))}")
        chosen = tuple((k, tuple(ids[k])) for k in KINDS if k in ids and tuple(ids[k]))
        object.__setattr__(self, "chosen", chosen)
        object.__setattr__(self, "date_from", date_from)
        object.__setattr__(self, "date_to", date_to)

    def __getattr__(self, name: str) -> tuple[str, ...]:
        # Only called for names that are not attributes: the kinds of the registry.
        if name in KINDS:
            return self.ids(name)
        raise AttributeError(name)

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.chosen or self.date_from or self.date_to)

    def ids(self, kind: str) -> tuple[str, ...]:
        """The ids of one kind."""
        return dict(self.chosen).get(kind, ())

    def without(self, kind: str) -> Filters:
        """The same filters with one kind cleared."""
        ids = {k: v for k, v in self.chosen if k != kind}
        return Filters(date_from=self.date_from, date_to=self.date_to, **ids)

    def key(self) -> tuple:
        """A canonical, hashable form for caches: each kind's ids sorted and deduplicated (their
        order never changes a selection), so `person=a,b` and `person=b,a` share an entry."""
        ids = tuple((kind, tuple(sorted(set(chosen)))) for kind, chosen in self.chosen)
        return ids, self.date_from, self.date_to

    def to_query(self) -> dict[str, str]:
        """Query parameters (also the CLI's flags): comma-separated ids and ISO dates."""
        query = {kind: ",".join(ids) for kind, ids in self.chosen}
        if self.date_from:
            query["from"] = self.date_from.isoformat()
        if self.date_to:
            query["to"] = self.date_to.isoformat()
        return query

    def describe(self) -> str:
        """A one-line summary, e.g. 'person=xi-jinping; from=2023-11-01'."""
        return "; ".join(f"{k}={v}" for k, v in self.to_query().items())


# --- the kinds --------------------------------------------------------------------------------


def _names(table: str, id_col: str, label_col: str) -> Callable[[Dataset], dict[str, str]]:
    def options(dataset: Dataset) -> dict[str, str]:
        frame = dataset.table(table)
        labels = frame[label_col].where(frame[label_col] != "", frame[id_col])
        pairs = zip(frame[id_col], labels, strict=True)
        return dict(sorted(pairs, key=lambda kv: kv[1].casefold()))

    return options


def _article_options(dataset: Dataset) -> dict[str, str]:
    articles = dataset.articles
    titles = [article_title(row) for row in articles.to_dict("records")]
    return dict(zip(articles["article_id"], titles, strict=True))


def _groups(frame: pd.DataFrame, key: str, value: str) -> dict[str, frozenset[str]]:
    """For each value of column `key` (in the order they first occur), the set of values of
    column `value` beside it. Grouped on integer codes: a loop over 500,000 mention rows took
    most of a second, and each person, organization and country index runs one."""
    if frame.empty:
        return {}
    keys, key_ids = pd.factorize(frame[key], use_na_sentinel=False)
    values, value_ids = pd.factorize(frame[value], use_na_sentinel=False)
    width = max(len(value_ids), 1)
    pairs = np.unique(keys.astype(np.int64) * width + values)  # by key code: first occurrence
    owner, member = pairs // width, pairs % width
    members = np.asarray(value_ids, dtype=object)[member]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    names = np.asarray(key_ids, dtype=object)[owner[starts]]
    return {
        name: frozenset(chunk)
        for name, chunk in zip(names, np.split(members, starts[1:]), strict=True)
    }


def _reporting(dataset: Dataset, events: Iterable[str]) -> frozenset[str]:
    by_event = _groups(dataset.event_sources, "event_id", "article_id")
    return frozenset(a for e in events for a in by_event.get(e, ()))


def _entity_index(dataset: Dataset, entity_ids: Iterable[str]) -> Index:
    """For each person or organization: the articles that mention it, the events it is in."""
    articles = _groups(dataset.mentions, "entity_id", "article_id")
    events = _groups(dataset.participants, "entity_id", "event_id")
    empty: frozenset[str] = frozenset()
    return {e: (articles.get(e, empty), events.get(e, empty)) for e in entity_ids}


def _side_index(dataset: Dataset, column: str) -> Index:
    """For each country_id or organization_id of event_sides.csv: the articles that give a side
    of it, and the events it is a side of (the delegation's stops name no person, but China is
    a side of each, led by the NNCC)."""
    sides = dataset.event_sides[dataset.event_sides[column] != ""]
    articles = _groups(sides, column, "article_id")
    events = _groups(sides, column, "event_id")
    return {k: (articles[k], events[k]) for k in articles}


def _with_sides(index: Index, sides: Index) -> Index:
    empty: frozenset[str] = frozenset()
    return {
        k: (a | sides.get(k, (empty, empty))[0], e | sides.get(k, (empty, empty))[1])
        for k, (a, e) in index.items()
    }


def _person_index(dataset: Dataset) -> Index:
    return _entity_index(dataset, dataset.people["person_id"])


def _organization_index(dataset: Dataset) -> Index:
    entities = _entity_index(dataset, dataset.organizations["org_id"])
    return _with_sides(entities, _side_index(dataset, "organization_id"))


def _country_index(dataset: Dataset) -> Index:
    people, orgs = dataset.people, dataset.organizations
    members = _groups(
        pd.concat(
            [
                people[["country", "person_id"]].set_axis(["country", "entity"], axis=1),
                orgs[["country", "org_id"]].set_axis(["country", "entity"], axis=1),
            ]
        ),
        "country",
        "entity",
    )
    entities = _entity_index(dataset, [e for m in members.values() for e in m])
    index: Index = {}
    for country in dataset.countries["country_id"]:
        chosen = [entities[e] for e in members.get(country, ())]
        index[country] = (
            frozenset().union(*(a for a, _ in chosen)),
            frozenset().union(*(e for _, e in chosen)),
        )
    return _with_sides(index, _side_index(dataset, "country_id"))


def _topic_index(dataset: Dataset) -> Index:
    tagged = _groups(dataset.event_topics, "topic_id", "event_id")
    keywords = dict(zip(dataset.topics["topic_id"], dataset.topics["keywords"], strict=True))
    # Which texts contain a topic's keywords is kept on disk by each text's hash (4 s of
    # searching at 10,000 articles, at every start otherwise).
    matching = keyword_matches(dataset.texts, keywords)
    index: Index = {}
    for topic in dataset.topics["topic_id"]:
        events = tagged.get(topic, frozenset())
        index[topic] = (_reporting(dataset, events) | matching[topic], events)
    return index


def _location_index(dataset: Dataset) -> Index:
    located = _groups(dataset.events, "location_id", "event_id")
    return {
        loc: (_reporting(dataset, located.get(loc, ())), located.get(loc, frozenset()))
        for loc in dataset.locations["location_id"]
    }


def _article_index(dataset: Dataset) -> Index:
    reported = _groups(dataset.event_sources, "article_id", "event_id")
    return {
        a: (frozenset({a}), reported.get(a, frozenset())) for a in dataset.articles["article_id"]
    }


register(FilterKind(
    "person", "Person", "person ids (people.person_id)",
    "the articles that mention them, and the events they take part in",
    _names("people", "person_id", "name"), _person_index,
))  # fmt: skip
register(FilterKind(
    "organization", "Organization", "organization ids (organizations.org_id)",
    "the articles that mention it, and the events it takes part in or leads a side of "
    "(event_sides), with the articles that give that side",
    _names("organizations", "org_id", "name"), _organization_index,
))  # fmt: skip
register(FilterKind(
    "country", "Country", "country ids (ISO alpha-3, countries.country_id)",
    "its people and organizations, then their articles and events as for a person, and the "
    "events it is a side of (event_sides: a delegation's visit that names no person), with "
    "the articles that give that side",
    _names("countries", "country_id", "name"), _country_index,
))  # fmt: skip
register(FilterKind(
    "topic", "Topic", "topic ids (topics.topic_id)",
    "the events tagged with it, and the articles that report those events or whose text "
    "contains one of its keywords at the start of a word (case-insensitive)",
    _names("topics", "topic_id", "label"), _topic_index,
))  # fmt: skip
register(FilterKind(
    "location", "Location", "location ids (locations.location_id)",
    "the events there, and the articles that report them",
    _names("locations", "location_id", "name"), _location_index,
))  # fmt: skip
register(FilterKind(
    "article", "Source article", "article ids (articles.article_id)",
    "those articles, and the events they report",
    _article_options, _article_index, counts="articles",
))  # fmt: skip


def rules() -> list[str]:
    """How each filter selects, one line per kind, for the About view."""
    lines = [f"**{kind.label}** (`{kind.name}`): {kind.rule}." for kind in KINDS.values()]
    lines.append(
        "**Dates** (`from`, `to`): the events whose date interval overlaps the range, and the "
        "articles whose publication date (by its precision) falls in it; undated ones are left "
        "out."
    )
    return lines


def valid_ids(dataset: Dataset) -> dict[str, dict[str, str]]:
    """For each id kind, every valid id and its display name, in display order."""
    return {name: kind.options(dataset) for name, kind in KINDS.items()}


def build_index(dataset: Dataset, kinds: Iterable[str] | None = None) -> dict[str, Index]:
    """What every id of each kind selects (all kinds, or those named)."""
    return {name: KINDS[name].index(dataset) for name in (KINDS if kinds is None else kinds)}


def _split(values: str | Iterable[str] | None) -> list[str]:
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


# What an unknown id of each kind is called in a notice, with its relative pronoun.
_NOUNS = {
    "person": "a person who",
    "organization": "an organization that",
    "country": "a country that",
    "topic": "a topic that",
    "location": "a place that",
    "article": "a source article that",
}


def unknown_id_notice(kind: str, value: str, source: str = "link") -> str:
    """ "The link named a person who is not in the data: 'nobody'." """
    noun = _NOUNS.get(kind, f"a {kind} that")
    return f"The {source} named {noun} is not in the data: {quoted(value)}."


def parse_filters(
    params: Mapping[str, str | Iterable[str]], dataset: Dataset, source: str = "link"
) -> tuple[Filters, list[str]]:
    """Filters from query parameters or CLI flags; whatever is unknown or malformed is dropped
    and described in the returned notices, in words, naming the source ("link", "command
    line") that gave it (never an exception)."""
    notices: list[str] = []
    known = valid_ids(dataset)
    chosen: dict[str, tuple[str, ...]] = {}
    for key in params:
        if key not in query_keys():
            notices.append(f"The {source} has a setting no filter uses: {quoted(key)}.")
    for kind in KINDS:
        ids: list[str] = []
        for value in _split(params.get(kind)):
            if len(value) > MAX_VALUE_LENGTH or value not in known[kind]:
                notices.append(unknown_id_notice(kind, value, source))
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
                notices.append(
                    f"The {source}'s {key} date is not a date written YYYY-MM-DD, so it is not "
                    f"used: {quoted(value)}."
                )
            elif not EARLIEST <= dates[key] <= LATEST:
                notices.append(
                    f"The {source}'s {key} date is outside {EARLIEST}–{LATEST}, so it is not "
                    f"used: {quoted(value)}."
                )
                dates[key] = None
        if len(values) > 1:
            notices.append(f"The {source} gave more than one {key} date: the first is used.")
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        notices.append(
            f"The {source}'s dates were reversed: using {dates['to']} to {dates['from']}."
        )
        dates["from"], dates["to"] = dates["to"], dates["from"]
    return Filters(**chosen, date_from=dates["from"], date_to=dates["to"]), notices


def quoted(value: str, limit: int = 40) -> str:
    """A value from a link quoted for a notice: control characters escaped, long ones cut."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    shown = repr(text)  # escapes can make it longer than the text: cut it again
    return shown if len(shown) <= 1.5 * limit else shown[: int(1.5 * limit) - 1] + "…"


def unknown_ids(filters_: Mapping[str, Iterable[str]], dataset: Dataset) -> dict[str, list[str]]:
    """For the CLI: ids that do not exist, by kind."""
    known = valid_ids(dataset)
    return {
        kind: bad
        for kind in KINDS
        if (bad := [v for v in _split(filters_.get(kind)) if v not in known[kind]])
    }


def _dated(dataset: Dataset, lo: date | None, hi: date | None) -> tuple[set[str], set[str]]:
    """The articles published and the events held (by their date intervals) in [lo, hi]."""
    ev, art = dataset.events, dataset.articles
    events = {
        e
        for e, s, t, p in zip(
            ev["event_id"], ev["start_date"], ev["end_date"], ev["date_precision"], strict=True
        )
        if overlaps(interval(s, t, p), lo, hi)
    }
    articles = {
        a
        for a, s, p in zip(art["article_id"], art["published"], art["date_precision"], strict=True)
        if overlaps(interval(s, "", p), lo, hi)
    }
    return articles, events


def _union(index: Index, ids: Iterable[str]) -> tuple[set[str], set[str]]:
    articles: set[str] = set()
    events: set[str] = set()
    for i in ids:
        a, e = index.get(i, (frozenset(), frozenset()))
        articles |= a
        events |= e
    return articles, events


def select(
    dataset: Dataset, filters: Filters, index: Mapping[str, Index] | None = None
) -> tuple[set[str], set[str]]:
    """The selected article ids and event ids (see the module docstring for the rules).
    `index` (from `build_index`) saves rebuilding what each id selects."""
    chosen: list[tuple[set[str], set[str]]] = []
    for kind, ids in filters.chosen:
        kind_index = index[kind] if index is not None else KINDS[kind].index(dataset)
        chosen.append(_union(kind_index, ids))
    if filters.date_from or filters.date_to:
        chosen.append(_dated(dataset, filters.date_from, filters.date_to))
    if not chosen:  # every id (a set of all 10,000 article ids only when nothing is chosen)
        chosen.append(
            (set(dataset.articles["article_id"].to_numpy()), set(dataset.events["event_id"]))
        )
    articles, events = chosen[0]
    for a, e in chosen[1:]:
        articles, events = articles & a, events & e
    return articles, events


def facet_counts(
    dataset: Dataset, filters: Filters, index: Mapping[str, Index]
) -> dict[str, dict[str, int]]:
    """For each kind and each of its ids, how many events (articles, for a kind that counts
    articles) choosing that id would keep under the other active filters."""
    counts: dict[str, dict[str, int]] = {}
    for name, kind in KINDS.items():
        articles, events = select(dataset, filters.without(name), index)
        kept = articles if kind.counts == "articles" else events
        position = 0 if kind.counts == "articles" else 1
        counts[name] = {i: len(sel[position] & kept) for i, sel in index[name].items()}
    return counts


def isin(column: pd.Series, values: Iterable[str]) -> np.ndarray:
    """`column.isin(values)` as a boolean array, for string columns and the thousands of ids a
    cut carries: pandas' isin on Arrow-backed strings builds one Arrow scalar per value, which
    took most of a filter change at 10,000 articles; Arrow's own is_in takes the set whole."""
    array = pa.array(column, from_pandas=True)
    if not pa.types.is_string(array.type) and not pa.types.is_large_string(array.type):
        return column.isin(list(values)).to_numpy()
    wanted = pa.array(list(values), type=array.type)
    return pc.is_in(array, value_set=wanted).to_numpy(zero_copy_only=False)


def _foreign_keys() -> list[tuple[str, str, str, str]]:
    """(table, column, referenced table, referenced column) for every foreign key of the data
    package descriptor (single-column keys; an empty resource refers to its own table)."""
    keys = []
    for res in schema.descriptor()["resources"]:
        for fk in res["schema"].get("foreignKeys", []):
            fields, ref = fk["fields"], fk["reference"]
            column = fields if isinstance(fields, str) else fields[0]
            target = ref["fields"] if isinstance(ref["fields"], str) else ref["fields"][0]
            keys.append((res["name"], column, ref["resource"] or res["name"], target))
    return keys


def _keep_referenced(dataset: Dataset, masks: dict[str, np.ndarray]) -> None:
    """Extend the kept rows (`masks`, by table) with every row a kept row refers to through a
    foreign key, until nothing more is referenced: a cut is then a valid data package."""
    keys = _foreign_keys()
    changed = True
    while changed:
        changed = False
        for table, column, target, target_column in keys:
            values = dataset.table(table)[column].to_numpy()[masks[table]]
            wanted = set(values) - {""}
            if not wanted:
                continue
            missing = isin(dataset.table(target)[target_column], wanted) & ~masks[target]
            if missing.any():
                masks[target] = masks[target] | missing
                changed = True


# Kept rows of a cut: for every table, the positions of its kept rows (None: the whole dataset).
Rows = dict[str, np.ndarray]


@dataclass(frozen=True)
class Positions:
    """For every row of the mention table, the row of its article, person and organization in
    their tables (-1 where there is none): computed once per dataset, so that a cut selects
    mentions, and the people and organizations they name, by array lookups rather than by
    comparing hundreds of thousands of strings at each filter change."""

    article: np.ndarray
    person: np.ndarray
    organization: np.ndarray


def _rows_of(keys: pd.Series, table_ids: pd.Series) -> np.ndarray:
    """For each key, the row of `table_ids` that holds it (-1 for none). The keys repeat a
    lot (mentions of one article), so only their distinct values are looked up."""
    codes, uniques = pd.factorize(keys)
    found = pd.Index(table_ids).get_indexer(uniques)
    return np.append(found, -1)[codes]  # a missing key (code -1) takes the appended -1


def mention_positions(dataset: Dataset) -> Positions:
    """Where each mention's article, person and organization sit (see `Positions`)."""
    mentions = dataset.mentions
    kinds = mentions["entity_type"].to_numpy()
    person = _rows_of(mentions["entity_id"], dataset.people["person_id"])
    organization = _rows_of(mentions["entity_id"], dataset.organizations["org_id"])
    return Positions(
        article=_rows_of(mentions["article_id"], dataset.articles["article_id"]),
        person=np.where(kinds == "person", person, -1),
        organization=np.where(kinds == "organization", organization, -1),
    )


def _marked(size: int, rows: np.ndarray) -> np.ndarray:
    """A mask of `size` rows with `rows` set (a row of -1 marks nothing)."""
    kept = np.zeros(size + 1, dtype=bool)
    kept[rows] = True
    return kept[:size]


def cut_rows(
    dataset: Dataset,
    filters: Filters,
    index: Mapping[str, Index] | None = None,
    positions: Positions | None = None,
) -> Rows | None:
    """Which rows of each table the filters keep (row positions, ascending), or None when no
    filter is active. Small beside the tables themselves, so this is what caches hold.
    `positions` (from `mention_positions`) saves recomputing where each mention points."""
    if not filters.active:
        return None
    articles, events = select(dataset, filters, index)
    where = positions if positions is not None else mention_positions(dataset)

    def mask(frame: pd.DataFrame, **conditions: set[str]) -> np.ndarray:
        kept = np.ones(len(frame), dtype=bool)
        for column, allowed in conditions.items():
            kept &= isin(frame[column], allowed)
        return kept

    masks: dict[str, np.ndarray] = {}
    for name in ("event_sources", "participants", "event_topics", "event_sides"):
        masks[name] = mask(dataset.table(name), event_id=events, article_id=articles)
    claims = dataset.claims
    masks["claims"] = isin(claims["article_id"], articles) & (
        (claims["event_id"] == "").to_numpy() | isin(claims["event_id"], events)
    )
    masks["articles"] = mask(dataset.articles, article_id=articles)
    # Mentions by their article's row: an array lookup, not a string comparison per mention.
    masks["mentions"] = np.append(masks["articles"], False)[where.article]
    participants = dataset.participants[masks["participants"]]
    claims = claims[masks["claims"]]
    event_sides = dataset.event_sides[masks["event_sides"]]

    def entities(kind: str, frame: pd.DataFrame, column: str, mentioned: np.ndarray) -> np.ndarray:
        taking_part = set(participants.loc[participants["entity_type"] == kind, "entity_id"])
        speaking = set(claims.loc[claims["speaker_type"] == kind, "speaker_id"])
        leading = set(event_sides["organization_id"]) if kind == "organization" else set()
        named = _marked(len(frame), mentioned[masks["mentions"]])
        return named | isin(frame[column], taking_part | speaking | (leading - {""}))

    masks["people"] = entities("person", dataset.people, "person_id", where.person)
    masks["organizations"] = entities(
        "organization", dataset.organizations, "org_id", where.organization
    )
    masks["events"] = mask(dataset.events, event_id=events)
    locations = set(dataset.events["location_id"].to_numpy()[masks["events"]])
    masks["locations"] = mask(dataset.locations, location_id=locations)
    topics = set(dataset.event_topics["topic_id"].to_numpy()[masks["event_topics"]])
    masks["topics"] = mask(dataset.topics, topic_id=topics)
    propositions = set(claims["proposition_id"])
    masks["propositions"] = mask(dataset.propositions, proposition_id=propositions)
    masks["countries"] = np.zeros(len(dataset.countries), dtype=bool)
    _keep_referenced(dataset, masks)
    return {name: np.flatnonzero(kept) for name, kept in masks.items()}


def take_rows(dataset: Dataset, rows: Rows | None) -> Dataset:
    """The dataset cut to the rows `cut_rows` kept (the dataset itself for None)."""
    if rows is None:
        return dataset
    tables = {
        name: dataset.table(name).take(positions).reset_index(drop=True)
        for name, positions in rows.items()
    }
    kept = set(tables["articles"]["article_id"].tolist())  # not one Arrow scalar per id
    return dataset.replace_tables(
        **tables, texts={a: t for a, t in dataset.texts.items() if a in kept}
    )


def filter_dataset(
    dataset: Dataset, filters: Filters, index: Mapping[str, Index] | None = None
) -> Dataset:
    """The dataset cut to what the filters select, plus every row a kept row refers to (the
    whole dataset when no filter is active)."""
    return take_rows(dataset, cut_rows(dataset, filters, index))
