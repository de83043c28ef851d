"""AppTest runs of the evidence views: an edge's evidence in Network (pair=), an event's page
(event=) and a quote marked in Sources (quote=)."""

from __future__ import annotations

from test_app import param, run_app


def _html(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_a_pair_link_shows_every_shared_sentence_with_both_names():
    at = run_app(
        {"pair": "xi-jinping,lopez-obrador", "window": "sentence"}, page="views/network.py"
    )
    assert param(at, "pair") == "lopez-obrador,xi-jinping"
    assert "#### Andrés Manuel López Obrador and Xi Jinping" in _markdown(at)
    assert any("4 shared sentence(s)" in c.value for c in at.caption)
    html = _html(at)
    # The four sentences (tests/test_evidence.py), each name marked.
    assert html.count('title="Xi Jinping">') >= 4
    assert "</mark>, who has denied that fentanyl is manufactured" in html
    assert 'title="Andrés Manuel López Obrador">López Obrador</mark>' in html


def test_a_pair_link_at_the_event_window_shows_roles_and_quotes():
    at = run_app({"pair": "lopez-obrador,xi-jinping", "window": "event"}, page="views/network.py")
    shown = _markdown(at)
    assert r"**Andrés Manuel López Obrador \(sender\)**: “sent a letter last April to Xi”" in shown
    assert r"**Xi Jinping \(recipient\)**: “sent a letter last April to Xi”" in shown
    assert any("Arrows point from the sender" in c.value for c in at.caption)


def test_a_pair_that_is_not_linked_says_so():
    at = run_app({"pair": "donald-trump,joe-biden", "window": "event"}, page="views/network.py")
    assert any("They share no event" in i.value for i in at.info)


def test_a_bad_pair_is_ignored_with_a_notice():
    at = run_app({"pair": "xi-jinping,nobody"}, page="views/network.py")
    assert param(at, "pair") is None
    assert any("The link's pair is not one this page can use" in t.value for t in at.text)


def test_clear_forgets_the_pair():
    at = run_app({"pair": "xi-jinping,lopez-obrador"}, page="views/network.py")
    at.button(key="network.clear").click().run()
    assert param(at, "pair") is None
    assert not any(m.startswith("####") for m in _markdown(at))


def test_an_event_link_opens_its_page():
    at = run_app({"event": "xi-lopez-obrador-meeting-2023"}, page="views/events.py")
    assert at.selectbox(key="events.event").value == "xi-lopez-obrador-meeting-2023"
    assert at.subheader[0].value == "Xi Jinping–Andrés Manuel López Obrador meeting"
    shown = _markdown(at)
    assert r"**16 Nov 2023 \(inferred\)**" in shown
    assert "**San Francisco**" in shown
    # Sides of the claims: China, then Mexico.
    assert "**China**" in shown and "**Mexico**" in shown
    assert shown.index("**China**") < shown.index("**Mexico**")
    assert param(at, "event") == "xi-lopez-obrador-meeting-2023"


def test_a_quote_link_marks_the_quote_in_sources(dataset):
    text = dataset.texts["sf-xi-lopez-obrador-report"]
    start = text.index("sent a letter last April to Xi")
    span = f"{start}-{start + len('sent a letter last April to Xi')}"
    at = run_app({"doc": "sf-xi-lopez-obrador-report", "quote": span}, page="views/sources.py")
    assert param(at, "quote") == span
    html = _html(at)
    assert '<span class="pd-quote" id="pd-quote">sent a letter last April to </span>' in html
    assert any("scrollIntoView" in h.proto.body for h in at.get("html"))
    # Another article: the quote belonged to the first one and is forgotten.
    at.selectbox(key="sources.article").select("xinhua-xi-lopez-obrador-meeting").run()
    assert param(at, "quote") is None
    assert 'id="pd-quote"' not in _html(at)


def _links(at) -> dict[str, str]:
    """Page links shown: label -> target page."""
    return {p.proto.label: p.proto.page for p in at.get("page_link")}


def test_a_place_on_the_map_links_to_its_events_pages():
    at = run_app(page="views/map.py")
    at.session_state["map.place"] = "san-francisco"
    at.run()
    links = _links(at)
    # events.csv: six events are placed in San Francisco, the meeting among them.
    assert "Xi Jinping–Andrés Manuel López Obrador meeting" in links
    assert links["Xi Jinping–Andrés Manuel López Obrador meeting"] == "events"


def test_an_events_page_links_each_quote_to_its_place_in_sources():
    at = run_app({"event": "xi-lopez-obrador-meeting-2023"}, page="views/events.py")
    pages = [p.proto for p in at.get("page_link")]
    sources = [p for p in pages if p.page == "sources"]
    # 3 accounts + 6 participations + 24 claims (tests/test_events.py), each with its link.
    assert len(sources) == 33
    people = {p.label for p in pages if p.page == "people"}
    assert people == {"Xi Jinping in People", "Andrés Manuel López Obrador in People"}


def test_a_claim_link_opens_the_proposition_and_its_claims():
    at = run_app({"claim": "fentanyl-made-in-mexico"}, page="views/claims.py")
    assert at.selectbox(key="claims.proposition").value == "fentanyl-made-in-mexico"
    shown = _markdown(at)
    assert r"#### Fentanyl is manufactured in Mexico\." in shown
    # Four claims: the US government twice (000, 002), López Obrador (000), Mexico's (002).
    claims = [m for m in shown if m.startswith("**") and " · " in m]
    assert len(claims) == 4
    assert sum("denies" in m for m in claims) == 2
    assert "disputed" in _html(at)
    assert param(at, "claim") == "fentanyl-made-in-mexico"


def test_the_country_filter_keeps_propositions_with_its_speakers():
    at = run_app({"country": "CHN"}, page="views/claims.py")
    options = at.selectbox(key="claims.proposition").options
    assert "Fentanyl is manufactured in Mexico." not in options
    assert "China will curb the supply of fentanyl precursor chemicals." in options
