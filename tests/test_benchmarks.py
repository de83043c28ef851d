"""The benchmarks' own bookkeeping: a table row for every view they measure."""

from benchmarks import script_runs, visits


def test_every_measured_view_has_a_title():
    # The 10,000-article rows name each script-time view; a state added to script_runs without
    # a title stopped `--only scale` after its measurements, before any table was printed.
    assert set(script_runs.VIEWS) <= set(visits.TITLES)
    assert set(visits.VIEWS) <= set(visits.TITLES)
    assert visits.TITLES["network-time"] == "Network over time"


def test_every_floor_script_compiles_and_waits_for_what_it_draws():
    from benchmarks import floors

    for name, (body, counts, _) in floors.FLOORS.items():
        source = floors._SIDEBAR + body
        compile(source, f"floor_{name}.py", "exec")  # a syntax error would stop the section
        for testid in counts:  # each element waited for is one the script draws
            element = {
                "stHeading": "st.header(",
                "stVegaLiteChart": "st.vega_lite_chart(",
                "stDataFrame": "st.dataframe(",
                "stDeckGlJsonChart": "st.pydeck_chart(",
            }[testid]
            assert element in source, (name, testid)
