"""The benchmark's baseline page still runs on the dashboard's current modules.

``bench_year_change.py`` compares the atlas against ``benchmarks/naive_app.py``; the naive page
imports the dashboard's controls and panels, so a renamed function there would break the benchmark
only when someone next runs it. Here it runs under Streamlit's AppTest on every test run.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

NAIVE_APP = str(Path(__file__).resolve().parents[2] / "benchmarks" / "naive_app.py")


def test_the_naive_page_draws_the_year_it_is_given():
    st.cache_resource.clear()
    at = AppTest.from_file(NAIVE_APP, default_timeout=120)
    at.query_params["year"] = "2004"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.slider(key="year").value == 2004
    assert "2004" in "\n".join(tab.label for tab in at.tabs)
    at.slider(key="year").set_value(2009).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Events of 2009" in [tab.label for tab in at.tabs]
