"""Hostile input: article text and link values are shown as literal text, never as HTML or
markdown; running the app and the CLI never changes data/ or seeds/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.present import context_html, highlight_html, shown_text
from dashboard.schema import DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
HOSTILE = (
    "Hostile <b>title</b>\n\n"
    "<script>window.__pwned=1</script> Xi Jinping met <img src=x onerror=alert(1)>.\n"
    "**bold** [click](javascript:alert(1)) <a href='javascript:alert(2)'>link</a> &amp;\n"
)


def test_highlighting_escapes_everything_but_its_own_marks():
    xi = HOSTILE.index("Xi Jinping")
    html = highlight_html(HOSTILE, [(xi, xi + 10, "person", '<Xi "J">')])
    assert "<script>" not in html and "<img" not in html and "<a " not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&amp;amp;" in html  # an entity in the text is shown as written, not decoded
    assert '<mark class="person" title="&lt;Xi &quot;J&quot;&gt;">Xi Jinping</mark>' in html
    assert "**bold** [click](javascript:alert(1))" in html  # markdown stays literal in st.html


def test_context_html_escapes():
    assert context_html("<i>", "<b>", "&") == (
        "&lt;i&gt;<mark style='color:inherit;background:rgba(0, 114, 178, 0.22)'>"
        "&lt;b&gt;</mark>&amp;"
    )


def test_a_very_long_text_is_cut_at_a_line_break():
    text = ("word " * 20 + "\n") * 50_000  # about 5 MB
    shown = shown_text(text, limit=100_000)
    assert len(shown) <= 100_000 and text.startswith(shown) and text[len(shown)] == "\n"
    assert shown_text("short") == "short"


@pytest.fixture
def hostile_seeds(seeds_copy: Path) -> Path:
    (seeds_copy / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    line = "The delegations discussed customs inspections at the port at length. " * 14
    (seeds_copy / "huge.txt").write_text(("Joe Biden spoke. " + line + "\n") * 10_000, "utf-8")
    (seeds_copy / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    return seeds_copy


def _html(at: AppTest) -> str:
    """Every HTML element's body but the app's own copy-link script, which holds no data and is
    left out only when it is exactly that fixed text."""
    from dashboard.present import COPY_SCRIPT

    return "\n".join(h.proto.body for h in at.get("html") if h.proto.body != COPY_SCRIPT)


def test_a_hostile_article_is_literal_text_in_every_view(monkeypatch, hostile_seeds):
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(hostile_seeds))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["doc"] = "hostile"
    at.switch_page("views/sources.py").run()
    assert not at.exception
    for page in ("views/sources.py", "views/people.py", "views/data.py", "views/network.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        html = _html(at)
        assert "<script" not in html and "<img" not in html and "javascript:alert(2)'>" not in html
        for md in at.markdown:  # nothing from the article reaches a markdown element
            assert "__pwned" not in md.value and "javascript:" not in md.value
    at.switch_page("views/sources.py").run()
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in _html(at)
    assert "binary.txt" in "\n".join(t.value for t in at.sidebar.text)


def test_a_hostile_article_found_by_search_is_literal_text(monkeypatch, hostile_seeds):
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(hostile_seeds))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["q"] = "pwned OR onerror OR javascript"
    at.switch_page("views/search.py").run()
    assert not at.exception
    html = _html(at)
    assert html.count('<mark class="hit">') == 4  # pwned, onerror, javascript twice
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert '&lt;script&gt;window.__<mark class="hit">pwned</mark>=1&lt;/script&gt;' in html
    for md in at.markdown:
        assert "__pwned" not in md.value and "javascript:" not in md.value


def test_a_ten_megabyte_article_opens_cut_with_a_notice(monkeypatch, hostile_seeds):
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(hostile_seeds))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["doc"] = "huge"
    at.switch_page("views/sources.py").run()
    assert not at.exception
    assert any("The article is long" in w.value for w in at.warning)
    assert len(_html(at)) < 1_000_000


@pytest.mark.parametrize(
    "params",
    [
        {"person": "\x00xi-jinping"},
        {"from": "\x00"},
        {"doc": "../../etc/passwd"},
        {"who": "<script>alert(1)</script>"},
        {"min_weight": "99999999999999999999"},
        {"orgs": "maybe"},
        {"article": "a" * 5000},
        {"topic": "[x](javascript:alert(1))"},
    ],
)
def test_hostile_links_are_ignored_with_a_notice_as_text(params):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert at.warning and "ignored" in at.warning[0].value
    for md in at.markdown:
        assert "javascript:" not in md.value and "<script>" not in md.value


def test_repeated_keys_in_a_link_are_combined():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["person"] = ["xi-jinping", "joe-biden"]
    at.run()
    assert not at.exception
    assert at.multiselect(key="filters.person").value == ["xi-jinping", "joe-biden"]


def _checksums(*folders: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_running_the_app_and_the_cli_never_writes_into_data_or_seeds(tmp_path):
    before = _checksums(DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR)
    assert main(["validate"]) == 0
    assert main(["export", "--out", str(tmp_path / "out"), "--person", "xi-jinping"]) == 0
    at = AppTest.from_file(APP, default_timeout=60).run()
    for page in ("views/map.py", "views/network.py", "views/people.py", "views/sources.py",
                 "views/data.py"):  # fmt: skip
        at.switch_page(page).run()
    for button in at.download_button:
        button.click().run()
    assert not at.exception
    assert _checksums(DEFAULT_DATA_DIR, DEFAULT_SEEDS_DIR) == before


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
        ("**bold** _it_", r"\*\*bold\*\* \_it\_"),
        ("<b>x</b>", r"\<b\>x\</b\>"),
        ("# Title\nnext", r"\# Title next"),
        ("López Obrador", "López Obrador"),
    ],
)
def test_md_escape_makes_markdown_literal(text, literal):
    from dashboard.present import md_escape

    assert md_escape(text) == literal


def test_a_hostile_name_and_title_stay_literal_in_headings_and_links(monkeypatch, data_copy):
    import csv

    with open(data_copy / "people.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    i = next(n for n, r in enumerate(rows) if r[0] == "ken-salazar")
    rows[i][1] = "Ken [Salazar](javascript:alert(1)) <b>x</b>"
    with open(data_copy / "people.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["who"] = "ken-salazar"
    at.switch_page("views/people.py").run()
    assert not at.exception
    assert at.subheader[0].value == r"Ken \[Salazar\]\(javascript\:alert\(1\)\) \<b\>x\</b\>"


@pytest.mark.parametrize(
    ("row", "label"),
    [
        ({"title": "A title", "file": "a.txt"}, "A title"),
        ({"title": "", "publisher": "Latin Times", "published": "2023-11-01",
          "date_precision": "month", "file": "b.txt"}, "Latin Times, Nov 2023"),
        ({"title": "", "dateline": "SAN FRANCISCO", "published": "2023-11-17",
          "date_precision": "day", "file": "c.txt"}, "SAN FRANCISCO, 17 Nov 2023"),
        ({"title": " ", "publisher": "X", "published": "", "file": "d.txt"}, "X, undated"),
        ({"title": "", "file": "e.txt"}, "Untitled (e.txt)"),
    ],
)  # fmt: skip
def test_article_titles_for_untitled_articles(row, label):
    from dashboard.present import article_title

    assert article_title(row) == label
