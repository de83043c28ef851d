"""Every view parameter of a link goes through one validator that returns a value or a notice,
whatever the link holds; notices stay few and short; ids slugged from long file names still
travel through a link and the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import state
from dashboard.cli import main
from dashboard.dataset import Dataset, load_dataset
from dashboard.filters import parse_filters
from dashboard.schema import DEFAULT_DATA_DIR

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
VIEWS = [f"views/{name}" for name in ("network.py", "events.py", "claims.py", "people.py",
         "sources.py", "map.py", "overview.py", "data.py")]  # fmt: skip


@pytest.fixture(scope="module")
def params() -> dict[str, state.UrlParam]:
    """Every view parameter, as the views declare them (each view run once)."""
    for page in VIEWS:
        at = AppTest.from_file(APP, default_timeout=60)
        at.switch_page(page).run()
        assert not at.exception, page
    return state.declared()


def test_the_views_declare_their_parameters(params) -> None:
    assert {"who", "doc", "window", "min_weight", "orgs", "event"} <= set(params)


HOSTILE = st.text(max_size=300) | st.sampled_from(
    ["²", "٣", "1" * 5000, "9" * 4301, "-1", "+5", " 3", "3 ", "0x10", "1e3", "\x00", "", "∞",
     "true", "TRUE", "xi-jinping\x00", "<script>alert(1)</script>", "../../etc/passwd"]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["who", "doc", "window", "min_weight", "orgs", "event"]), text=HOSTILE)
@example(name="min_weight", text="²")
@example(name="min_weight", text="1" * 5000)
def test_a_parameter_gives_a_value_or_a_notice_never_an_error(
    params, dataset: Dataset, name: str, text: str
) -> None:
    value, notice = params[name].read(text, dataset)
    assert (value is None) != (notice is None)
    if notice is not None:
        # In words, the value quoted at the end: "The link's window is not one of ...: 'x'."
        assert notice.startswith("The link") and len(notice) < 200
        assert name in notice or "is not in the data" in notice
    else:
        assert params[name].unparse(value) in (text, text.lower(), None, "1")


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("min_weight", "3", 3),
        ("min_weight", "²", None),  # str.isdigit() is true, int() fails
        ("min_weight", "1" * 5000, None),  # over Python's int-string limit
        ("min_weight", "11", None),  # above the slider's maximum
        ("min_weight", "0", None),
        ("orgs", "true", True),
        ("orgs", "0", False),
        ("window", "sentence", "sentence"),
        ("window", "Sentence", None),
        ("who", "xi-jinping", "xi-jinping"),
        ("who", "xi-jinping ", None),
    ],
)
def test_parameter_values_by_hand(params, dataset, name, text, value) -> None:
    assert params[name].read(text, dataset)[0] == value


def test_crafted_numbers_in_a_link_do_not_stop_the_network_view() -> None:
    for text in ("²", "1" * 5000):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["min_weight"] = text
        at.switch_page("views/network.py").run()
        assert not at.exception
        assert at.slider(key="network.min_weight").value == 1
        assert "The link's min_weight is not a whole number" in "\n".join(t.value for t in at.text)


def test_notices_are_deduplicated_cut_and_capped() -> None:
    many = [f"Ignored unknown person 'p{i}'." for i in range(50)]
    shown = state.readable([*many, *many, "x" * 1000])
    assert len(shown) == 21
    assert shown[:20] == many[:20]
    assert shown[-1] == "… and 31 more."  # 50 distinct + the long one, 20 shown
    assert all(len(line) <= state.MAX_NOTICE_LENGTH for line in shown)
    assert state.readable(["a", "a", "b"]) == ["a", "b"]


def test_a_link_with_hundreds_of_bad_ids_shows_a_short_notice() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["person"] = ",".join(f"nobody-{i}" for i in range(500))
    at.run()
    assert not at.exception
    (notice,) = [t.value for t in at.text if t.value.startswith("The link named")]
    lines = notice.splitlines()
    assert lines[-1] == "… and 480 more." and len(lines) == 21


LONG_STEM = "Informe-" + "-".join(f"párrafo{i}" for i in range(40))  # 8 + 40×9.5 ≈ 400 chars


@pytest.fixture
def long_named_seeds(seeds_copy: Path) -> Path:
    stem = LONG_STEM[:200]  # ≈ 220 bytes in UTF-8: file names may have up to 255
    (seeds_copy / f"{stem}.txt").write_text("A long-named report on precursors.\n", "utf-8")
    return seeds_copy


def test_a_long_file_name_gives_an_id_that_travels(long_named_seeds, tmp_path, monkeypatch):
    dataset = load_dataset(DEFAULT_DATA_DIR, long_named_seeds)
    (article_id,) = dataset.articles.loc[~dataset.articles["curated"], "article_id"]
    assert len(article_id) <= 80 and re.fullmatch(
        r"informe-parrafo0-[a-z0-9-]+-[0-9a-f]{10}", article_id
    )
    # In a link.
    filters, notices = parse_filters({"article": article_id}, dataset)
    assert notices == [] and filters.article == (article_id,)
    # On the command line.
    out = tmp_path / "out"
    args = ["export", "--out", str(out), "--seeds", str(long_named_seeds), "--article", article_id]
    assert main(args) == 0
    assert article_id in (out / "articles.csv").read_text(encoding="utf-8-sig")
    # As a view setting.
    monkeypatch.setenv("DASHBOARD_SEEDS_DIR", str(long_named_seeds))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["doc"] = article_id
    at.switch_page("views/sources.py").run()
    assert not at.exception
    assert at.selectbox(key="sources.article").value == article_id
