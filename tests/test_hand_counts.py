"""Every view under a filter, against numbers counted by hand from data/*.csv and seeds/*.txt
(issue 13: the other AppTest checks compare the views with `filter_dataset`, the code under
test; those consistency checks stay in tests/test_app.py). Each count says how it was made,
so a reviewer can redo it from the repository root.

The rules a count follows (dashboard/filters.py, the About view): a person or organization
selects the articles whose text names it and the events it takes part in (participants.csv),
an organization or a country also the events it is a side of (event_sides.csv); a topic the
events tagged with it (event_topics.csv) and the articles that report them or contain one of
its keywords; a place the events there and the articles reporting them; an article itself and
the events it reports; dates the events whose interval and the articles whose publication
date meet the range. Then every row a kept row refers to is kept: an event's parent event
(events.csv parent_event_id) and its place. Which people each article names is the hand count
in tests/expected.py."""

from __future__ import annotations

from expected import A0, A1, A2, A3, A4, PEOPLE_BY_ARTICLE, PEOPLE_IN_003
from streamlit.testing.v1 import AppTest
from test_app import _links, frame_with, metrics, run_app


def caption(at: AppTest) -> str:
    """Every caption on the page, one per line."""
    return "\n".join(c.value for c in at.caption)


def map_line(at: AppTest) -> str:
    """The map's caption: "2 places; circle size ... 3 selected event(s) are not drawn ..."."""
    return next(c.value for c in at.caption if "circle size" in c.value).replace("\\", "")


def selection_line(at: AppTest) -> str:
    """The line under the title: "Filtered: 4 of 5 articles, 19 of 36 events, ..."."""
    return at.caption[0].value


def only_frame(at: AppTest, *columns: str):
    """The one table whose columns are exactly these."""
    (frame,) = [f.value for f in at.dataframe if list(f.value.columns) == list(columns)]
    return frame


# --- Overview: country, dates ---------------------------------------------------------------

# CHN's people and organizations (people.csv, organizations.csv, column country = CHN):
#   C='xi-jinping|china-nncc|china-mfa|china-mofcom|china-customs|shanghai-psb|shandong-psd|'
#   C+='china-embassy-mexico|china-government|xinhua'
# Their events and the events China is a side of:
#   { awk -F, -v re="^($C)\$" '$2 ~ re {print $1}' data/participants.csv;
#     awk -F, '$2=="CHN" {print $1}' data/event_sides.csv; } | sort -u
# gives 18 events (tests/test_filter_kinds.py's facet count for CHN is the same 18); two of them
# (Mexico's request for hurricane supplies, China's aid commitment) have the parent event
# hurricane-otis, not among the 18: 19 events. Their places (events.csv location_id, blanks
# left out): san-francisco (APEC and the two meetings), china (the 2023 visit), mexico (the 2024
# visit), mexico-city, port-of-veracruz, aifa, guerrero (hurricane-otis): 7 places.
# Articles: China is a side in 000, 001 and 004 (event_sides.csv, column article_id); Xi Jinping
# is named in 000, 002 and 004 (tests/expected.py); 003 names nobody Chinese
# (grep -ciwE 'xi|china|chinese|beijing|xinhua|nncc|narcotics|commerce|customs|embassy'
# seeds/003_*.txt gives 0): 4 articles.
CHN = {"Articles": 4, "Events": 19, "Places": 7}


def test_overview_with_a_country_counts_by_hand():
    at = run_app({"country": "CHN"})
    assert {k: v for k, v in metrics(at).items() if k in CHN} == CHN
    assert selection_line(at).startswith("Filtered: 4 of 5 articles, 19 of 36 events,")


def test_overview_with_dates_counts_by_hand():
    # Events whose interval meets September 2024 (events.csv start_date..end_date): the Chinese
    # delegation's visit (2-6 Sep) and its four stops (3, 5, 6, 6 Sep), 5; articles published
    # then (articles.csv published): only 001 (2024-09-06).
    at = run_app({"from": "2024-09-01", "to": "2024-09-30"})
    assert metrics(at)["Events"] == 5
    assert metrics(at)["Articles"] == 1


# --- Map: person, organization ---------------------------------------------------------------


def test_map_with_a_person_counts_places_and_undrawn_events_by_hand():
    # Xi Jinping's events: grep ',xi-jinping,person,' data/participants.csv | cut -d, -f1 |
    # sort -u gives 6; China's aid commitment adds its parent hurricane-otis: 7. Places
    # (events.csv location_id): san-francisco (APEC, the Biden and the López Obrador meetings),
    # guerrero (hurricane-otis): 2. Without a place: the letter, the invitation, the aid: 3.
    at = run_app({"person": "xi-jinping"}, page="views/map.py")
    assert map_line(at).startswith("2 places;")
    assert " 3 selected event(s) are not drawn" in map_line(at)
    unplaced = frame_with(at, "title", "dates", "reason", "page")
    assert {p.partition("event=")[2] for p in unplaced["page"]} == {
        "lopez-obrador-letter-to-xi-2023",
        "lopez-obrador-invites-xi-to-mexico-2023",
        "china-hurricane-aid-commitment-2023",
    }
    at.selectbox(key="map.place").set_value("san-francisco").run()
    assert len(frame_with(at, "title", "kind", "dates", "summary")) == 3


def test_map_with_an_organization_counts_by_hand():
    # The NNCC: grep -h china-nncc data/participants.csv data/event_sides.csv | cut -d, -f1
    # | sort -u gives the 2024 visit and its four stops, 5 events (their parent is the visit).
    # Places: mexico, mexico-city, port-of-veracruz, aifa: 4; the AIC-FGR meeting has none.
    at = run_app({"organization": "china-nncc"}, page="views/map.py")
    assert map_line(at).startswith("4 places;")
    assert " 1 selected event(s) are not drawn" in map_line(at)
    unplaced = frame_with(at, "title", "dates", "reason", "page")
    assert list(unplaced["page"].str.partition("event=")[2]) == ["aic-fgr-working-meeting-2024"]


# --- Network: person -------------------------------------------------------------------------


def test_network_with_a_person_lists_the_people_of_their_one_article(dataset):
    # Donald Trump is named only in 002 (tests/expected.py) and takes part in no event
    # (grep -c ',donald-trump,' data/participants.csv gives 0). 002 names 7 people, so at the
    # article window each shares the one article with the 6 others: 7 nodes, 21 links.
    at = run_app({"person": "donald-trump"}, page="views/network.py")
    assert selection_line(at).startswith("Filtered: 1 of 5 articles, 0 of 36 events,")
    nodes = frame_with(at, "name", "weighted_degree", "betweenness")
    assert len(nodes) == len(PEOPLE_BY_ARTICLE["002"]) == 7
    assert set(nodes["degree"]) == {6} and set(nodes["weighted_degree"]) == {6}
    names = dict(zip(dataset.people["person_id"], dataset.people["name"], strict=True))
    assert set(nodes["name"]) == {names[p] for p in PEOPLE_BY_ARTICLE["002"]}


# --- Events: location ------------------------------------------------------------------------


def test_events_with_a_place_counts_by_hand():
    # grep -c port-of-veracruz data/events.csv: 1 event there, the port visit, whose parent is
    # the Chinese delegation's visit: 2 events. The port visit: one account (grep -c
    # '^veracruz-port-visit-2024,' data/event_sources.csv), no participant and no claim (the
    # same grep in participants.csv and claims.csv gives 0), two topics (event_topics.csv).
    at = run_app(
        {"location": "port-of-veracruz", "event": "veracruz-port-visit-2024"},
        page="views/events.py",
    )
    assert len(at.selectbox(key="events.event").options) == 2
    assert at.selectbox(key="events.event").value == "veracruz-port-visit-2024"
    sources = [p for p in at.get("page_link") if p.proto.page == "sources"]
    assert len(sources) == 1
    topics = next(c.value for c in at.caption if c.value.startswith("Topics: "))
    assert topics.count(",") == 1
    assert "Customs and port security" in topics and "Precursor chemicals and fentanyl" in topics
    assert "No participant is recorded in the selection." in caption(at)
    assert "No claim in the selection is tied to this event." in caption(at)


# --- Claims: person --------------------------------------------------------------------------


def test_claims_with_a_person_counts_their_propositions_by_hand():
    # Xi Jinping's claims (claims.csv has quoted commas, so with Python's csv module):
    #   python3 -c "import csv; print({r['proposition_id'] for r in
    #   csv.DictReader(open('data/claims.csv')) if r['speaker_id'] == 'xi-jinping'})"
    # gives 8 propositions; all 14 claims are in his articles (000, 002, 004) and at his two
    # meetings (column event_id), so the filter keeps them.
    at = run_app({"person": "xi-jinping"}, page="views/claims.py")
    assert any(m.value.startswith("**8 propositions**") for m in at.markdown)
    assert len(at.selectbox(key="claims.proposition").options) == 8


# --- People: article -------------------------------------------------------------------------


def test_people_with_an_article_counts_by_hand(dataset):
    # 003 names 18 people (tests/expected.py: PEOPLE_IN_003), the same 18 who take part in its
    # events (awk -F, '$6=="presidency-lopez-obrador-biden-meeting" && $3=="person" {print $2}'
    # data/participants.csv | sort -u | wc -l). Its 5 claims are all López Obrador's:
    #   python3 -c "import csv; print([r['speaker_id'] for r in csv.DictReader(open(
    #   'data/claims.csv')) if r['article_id'] == 'presidency-lopez-obrador-biden-meeting'])"
    # He shares 003 with the 17 others, once each.
    at = run_app({"article": A3, "who": "lopez-obrador"}, page="views/people.py")
    assert len(PEOPLE_IN_003) == 18
    names = dict(zip(dataset.people["person_id"], dataset.people["name"], strict=True))
    assert set(at.selectbox(key="people.person").options) == {names[p] for p in PEOPLE_IN_003}
    assert len(frame_with(at, "stance", "quote", "in_sources")) == 5
    co = frame_with(at, "official", "shared articles")
    assert len(co) == 17 and set(co["shared articles"]) == {1}


# --- Sources: dates --------------------------------------------------------------------------


def test_sources_with_dates_list_the_articles_published_then():
    # articles.csv, column published: 000 2023-11-17, 001 2024-09-06, 002 2023-11 (month),
    # 003 undated, 004 2023-11-16. September 2024: 001 only. 001 reports 6 events
    # (grep -c ',sre-press-release-341,' data/event_sources.csv), 5 of them in September 2024:
    # the October 2023 visit to China is cut.
    at = run_app({"from": "2024-09-01", "to": "2024-09-30"}, page="views/sources.py")
    assert len(at.selectbox(key="sources.article").options) == 1
    assert at.selectbox(key="sources.article").value == A1
    assert len(only_frame(at, "event", "quote")) == 5
    # November 2023: 000, 002 and 004, the undated 003 is left out.
    at = run_app({"from": "2023-11-01", "to": "2023-11-30"}, page="views/sources.py")
    assert len(at.selectbox(key="sources.article").options) == 3
    assert at.selectbox(key="sources.article").value in {A0, A2, A4}


# --- Search: organization --------------------------------------------------------------------


def test_search_with_an_organization_counts_hits_by_hand():
    # for f in seeds/*.txt; do grep -ciw fentanyl $f; grep -oiw fentanyl $f | wc -l; done:
    # 000 4 lines/4 hits, 001 1/1, 002 4/4, 003 1/1, 004 0; a paragraph is a non-blank line.
    at = run_app({"q": "fentanyl"}, page="views/search.py")
    assert ": 10 passages in 4 articles." in caption(at)
    # The NNCC is named only in 001 (grep -ci 'National Narcotics Control Commission'
    # seeds/*.txt) and is a side only in 001's events (event_sides.csv): one passage.
    at = run_app({"q": "fentanyl", "organization": "china-nncc"}, page="views/search.py")
    assert ": 1 passage in 1 article." in caption(at)
    assert [link["doc"] for link in _links(at)] == [A1]


# --- Data: topic -----------------------------------------------------------------------------


def test_data_with_a_topic_counts_rows_by_hand():
    # awk -F, '$2=="migration" {print $1}' data/event_topics.csv | sort -u: 4 events; two of
    # them (the Biden and the Trudeau meetings) have the parent apec-2023-leaders-meeting: 5.
    # Articles: those reporting the 4 (event_sources.csv: 000, 002, 003) and those with a
    # keyword of the topic (topics.csv) at the start of a word:
    #   grep -ilP '(?<!\w)(migration|immigration|migrant|border crossings|legal channels)'
    #   seeds/*.txt gives 000, 002, 003: 3 articles.
    at = run_app({"topic": "migration"}, page="views/data.py")
    labels = [t.label for t in at.tabs]
    assert "events (5)" in labels and "articles (3)" in labels
    events = frame_with(at, "event_id", "start_date", "summary")
    assert set(events["event_id"]) == {
        "biden-lopez-obrador-meeting-2023",
        "lopez-obrador-biden-meeting-post-2023",
        "lopez-obrador-trudeau-meeting-2023",
        "lopez-obrador-trudeau-post-2023",
        "apec-2023-leaders-meeting",
    }
    articles = frame_with(at, "article_id", "file", "publisher")
    assert set(articles["article_id"]) == {A0, A2, A3}


# --- About: topic ----------------------------------------------------------------------------


def test_about_with_a_topic_keeps_the_whole_dictionary_and_counts_the_sidebar():
    # The dictionary is the data package's, whatever the filters: ls data/*.csv | wc -l gives
    # 13 tables; head -1 data/events.csv | tr , '\n' | wc -l gives 11 columns.
    at = run_app({"topic": "migration"}, page="views/about.py")
    dictionary = [e for e in at.expander if e.label.endswith(".csv") or ".csv — " in e.label]
    assert len(dictionary) == 13
    (events,) = [f.value for f in at.dataframe if "parent_event_id" in set(f.value["column"])]
    assert len(events) == 11
    # The sidebar's facet counts under the topic: López Obrador takes part in all 4 migration
    # events (participants.csv), Xi Jinping in none of them.
    person = at.multiselect(key="filters.person")
    assert person.format_func("lopez-obrador") == "Andrés Manuel López Obrador (4)"
    assert person.format_func("xi-jinping") == "Xi Jinping (0)"


def test_the_counts_above_cover_every_filter_kind():
    """When a kind is added to the registry, it needs a hand count here too."""
    from dashboard.filters import DATE_KEYS, KINDS

    covered = {"country", "from", "to", "person", "organization", "location", "article",
               "topic"}  # fmt: skip
    assert set(KINDS) | set(DATE_KEYS) == covered
