"""The benchmarks' own bookkeeping: a table row for every view they measure."""

from benchmarks import script_runs, visits


def test_every_measured_view_has_a_title():
    # The 10,000-article rows name each script-time view; a state added to script_runs without
    # a title stopped `--only scale` after its measurements, before any table was printed.
    assert set(script_runs.VIEWS) <= set(visits.TITLES)
    assert set(visits.VIEWS) <= set(visits.TITLES)
    assert visits.TITLES["network-time"] == "Network over time"
