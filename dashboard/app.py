"""NATO–Balkans Atlas: the Streamlit page (``streamlit run dashboard/app.py``).

The entry point: it loads the facts and prepares the map's files once per process, and passes
both down to the parts of the page. Nothing else loads data, and nothing runs at import time.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import controls, panels, static_files
from dashboard.embed_view import embed_view
from dashboard.map_view import draw_map
from dashboard.reference import reference_sections
from dashboard.static_files import MapAssets
from dashboard.url_state import wants_embed
from dashboard.year_view import warm, year_view
from facts import Facts, FactsError, load_facts

PAGE_CSS = Path(__file__).parent / "static" / "page.css"
RECONNECT_TIMER = 3600  # seconds


def _reconnect_anchor() -> None:
    """An empty fragment on a timer, so that a browser reconnecting to another replica asks for a run.

    Streamlit's browser, reconnecting to a server that does not know its session, asks for a
    run only if the page has a timed fragment or its last run was a fragment's; after a mere
    page load it would ask for none, and the new server would then drop the year control's
    fragment reruns as unknown (tests/container/test_compose.py shows it). The timer itself
    fires once an hour and draws nothing.
    """


@st.cache_resource(show_spinner=False)
def _facts() -> Facts:
    """The validated facts, once per process (``$NATO_ATLAS_DATA`` or facts/data)."""
    return load_facts()


@st.cache_resource(show_spinner=False)
def _assets(_facts: Facts) -> MapAssets:
    """The map's files, written if the build did not (one set per process: the facts never change in it);
    and every year's panels built once, before the first reader moves the slider."""
    assets = static_files.prepare(_facts)
    warm(_facts, assets)
    return assets


def _start() -> tuple[Facts, MapAssets] | None:
    """Facts and map files, or a clear error on the page (never a stack trace)."""
    try:
        facts = _facts()
    except FactsError as error:
        st.error("The atlas cannot start: its facts data is invalid. Run `python -m facts check` for details.")
        st.code("\n".join(str(problem) for problem in error.problems[:50]), language=None)
        return None
    try:
        return facts, _assets(facts)
    except OSError as error:
        st.error(f"The map's files could not be prepared ({error}). Run `python -m dashboard.static_files` when building.")
        return None


def main() -> None:
    st.set_page_config(page_title="NATO–Balkans Atlas", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")
    st.html(PAGE_CSS)
    started = _start()
    if started is None:
        return
    facts, assets = started
    notices = controls.init_from_url(facts)
    controls.take_clicked_country()
    context = get_script_run_ctx()
    if wants_embed(context.query_string if context else ""):
        embed_view(facts, assets, notices)
        return
    st.title("NATO–Balkans Atlas")
    st.caption(
        "How the countries of the Balkans moved toward NATO, or stayed outside it, from 1990 to today, "
        "and where NATO itself has been present. Every colour, date and pin is sourced."
    )
    for notice in notices:
        st.warning(notice, icon="⚠️")
    st.fragment(_reconnect_anchor, run_every=RECONNECT_TIMER)()
    playing = bool(st.session_state.get("playing"))
    with st.container(key="atlas_row"):
        # The fragment's column comes first in the page (and for the keyboard); CSS shows the map
        # on the left. The map is drawn first, so that it takes the view this run starts with.
        view_column, map_column = st.columns([2, 3], gap="medium")
        with map_column:
            draw_map(facts, assets, *controls.current_view(), legend=panels.legend(facts))
        with view_column:
            controls.page_controls()
            st.fragment(year_view, run_every=1.0 if playing else None)(facts, assets)
    reference_sections(facts, panels.legend_explained(facts))


main()
