"""Script time of each view after a sidebar filter changes, with streamlit.testing.v1.AppTest:
the time of `at.run()` after setting the person filter, on a view already shown, with the
compiled scripts kept between runs as a server keeps them (see `shared_script_cache`)."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

from benchmarks.figures import timed

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "dashboard" / "app.py")
VIEWS: tuple[str, ...] = (
    "overview", "map", "network", "network-time", "people", "sources", "data", "about",
)  # fmt: skip
# Views measured in a state other than their default: the page, then what to set on it.
STATES: dict[str, tuple[str, Callable]] = {
    # The network over time: the slider's period and every frame of the play are built per run.
    "network-time": (
        "network",
        lambda at: at.segmented_control(key="network.time").set_value("play"),
    ),
}
TIMEOUT_S = 300


@contextlib.contextmanager
def seeds_folder(seeds: Path | None) -> Iterator[None]:
    """Point DASHBOARD_SEEDS_DIR at seeds (None: the repository's) for the block."""
    before = os.environ.get("DASHBOARD_SEEDS_DIR")
    if seeds is None:
        os.environ.pop("DASHBOARD_SEEDS_DIR", None)
    else:
        os.environ["DASHBOARD_SEEDS_DIR"] = str(seeds)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DASHBOARD_SEEDS_DIR", None)
        else:
            os.environ["DASHBOARD_SEEDS_DIR"] = before


@contextlib.contextmanager
def quiet_streamlit() -> Iterator[None]:
    """Streamlit's warnings off for the block: AppTest logs some for every run (no
    ScriptRunContext in bare mode, widget defaults), and they say nothing about speed. AppTest
    re-reads the configuration, which resets the level: both are set."""
    from streamlit import config, logger

    before = config.get_option("logger.level")
    config.set_option("logger.level", "error")
    logger.set_log_level("error")
    try:
        yield
    finally:
        config.set_option("logger.level", before)
        logger.set_log_level(before)


@contextlib.contextmanager
def shared_script_cache() -> Iterator[None]:
    """One ScriptCache for every AppTest run in the block. A server keeps one for all its
    sessions (streamlit.runtime.websocket_session_manager; cleared when a script changes), so
    it compiles app.py and each view once. AppTest makes a new one at every run (in
    AppTest._run for the pages, in LocalScriptRunner for app.py), so each run compiled both
    again, with Streamlit's magic pass over their syntax trees: about 70 ms of every filter
    change that a server never pays. Both modules import the class by name; the patch gives
    them one instance."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    cache = ScriptCache()
    with (
        mock.patch.object(app_test, "ScriptCache", lambda: cache),
        mock.patch.object(local_script_runner, "ScriptCache", lambda: cache),
    ):
        yield


def person_selections(seeds: Path | None) -> Iterator[list[str]]:
    """Person filters that all differ (one person, then pairs), most-mentioned people first, so
    that every change misses the filtered-data cache as a new choice by a user would."""
    from dashboard.dataset import load_dataset

    dataset = load_dataset(None, seeds)
    counts = dataset.mentions["entity_id"].value_counts()
    people = sorted(dataset.people["person_id"], key=lambda p: (-counts.get(p, 0), p))
    yield from ([p] for p in people)
    yield from (list(pair) for pair in itertools.combinations(people, 2))


def filter_change_times(
    seeds: Path | None, repeats: int, log: Callable[[str], None]
) -> dict[str, list[float]]:
    """For each view: seconds of `at.run()` after each of `repeats` person filter changes (one
    untimed change first, so that no view pays for first-time imports), the scripts compiled
    once as a server does (`shared_script_cache`)."""
    from streamlit.testing.v1 import AppTest

    times: dict[str, list[float]] = {}
    with seeds_folder(seeds), quiet_streamlit(), shared_script_cache():
        selections = person_selections(seeds)
        for view in VIEWS:
            at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
            at.run()
            page, setup = STATES.get(view, (view, None))
            if page != "overview":
                at.switch_page(f"views/{page}.py").run()
            if setup:
                setup(at).run()
            times[view] = []
            for i in range(repeats + 1):
                at.multiselect(key="filters.person").set_value(next(selections))
                seconds = timed(at.run)
                if at.exception:
                    raise RuntimeError(f"{view}: {[e.value for e in at.exception]}")
                if i:
                    times[view].append(seconds)
            log(f"script {view}: " + ", ".join(f"{t * 1000:.0f} ms" for t in times[view]))
    return times
