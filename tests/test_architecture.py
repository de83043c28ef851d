"""The core is plain Python: loading, validation, mentions, networks, filters, export and the
chart/map builders import no streamlit, so they run under pytest and from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PLAIN = [
    "dashboard.schema", "dashboard.problems", "dashboard.tables", "dashboard.seeds",
    "dashboard.validation", "dashboard.dataset", "dashboard.text", "dashboard.mentions",
    "dashboard.filters", "dashboard.network", "dashboard.evidence", "dashboard.export",
    "dashboard.cli", "dashboard.present", "dashboard.dates", "dashboard.colours",
    "dashboard.network_figure", "dashboard.network_vega", "dashboard.vegalite", "dashboard.maps",
    "dashboard.search", "dashboard.events", "dashboard.claims", "dashboard.verdict",
    "dashboard.mention_index", "dashboard.keyword_index",
]  # fmt: skip
PACKAGE = Path(__file__).resolve().parent.parent / "dashboard"


@pytest.mark.parametrize("module", PLAIN)
def test_plain_module_imports_no_streamlit(module):
    code = f"import sys, {module}; sys.exit('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or f"{module} imports streamlit"


def test_the_cli_runs_without_streamlit(tmp_path):
    code = (
        "import sys; from dashboard.cli import main; rc = main(['validate']); "
        "sys.exit(rc or ('streamlit' in sys.modules) * 3)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_no_test_tooling_in_the_package():
    """Servers, browsers and test runners live in tests/support/, never in what is deployed."""
    tooling = ("playwright", "subprocess", "pytest", "tests.support", "--no-sandbox")
    found = {
        path.relative_to(PACKAGE).as_posix(): [word for word in tooling if word in text]
        for path in PACKAGE.rglob("*.py")
        if (text := path.read_text(encoding="utf-8"))
    }
    assert {name: words for name, words in found.items() if words} == {}


def test_the_other_views_libraries_are_imported_in_the_background_once() -> None:
    # In a fresh process: after the Overview's run one thread imports networkx, plotly and
    # pydeck (the Overview itself draws with none of them); a second run starts no other.
    code = (
        "import sys, threading\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({str(PACKAGE / 'app.py')!r}, default_timeout=120)\n"
        "at.run(); at.run()\n"
        "assert not at.exception, at.exception\n"
        "warm = [t for t in threading.enumerate() if t.name == 'warm-imports']\n"
        "assert len(warm) <= 1, warm\n"
        "for t in warm: t.join(120)\n"
        "names = ('networkx', 'plotly.graph_objects', 'pydeck')\n"
        "sys.exit(0 if all(n in sys.modules for n in names) else 3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
