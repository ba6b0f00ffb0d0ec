"""NATO–Balkans Atlas: the Streamlit page. ``streamlit run dashboard/app.py``.

The page only wires widgets to the pure builders in this package; the facts and the
boundaries come from ``facts`` and ``geodata``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ first on sys.path; the packages live one up.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit_folium import st_folium  # noqa: E402

import geodata  # noqa: E402
from dashboard import page_sections, static_assets  # noqa: E402
from dashboard.map_builder import MAP_HEIGHT, build_base_map, build_year_layer  # noqa: E402
from dashboard.page_style import PAGE_CSS  # noqa: E402
from dashboard.selection import RETURNED_OBJECTS, clicked_unit  # noqa: E402
from facts import Facts, FactsError, load_facts  # noqa: E402

MAP_KEY = "atlas_map"

st.set_page_config(page_title="NATO–Balkans Atlas", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")


@st.cache_resource(show_spinner=False)
def _facts() -> Facts:
    return load_facts()


@st.cache_resource(show_spinner=False)
def _static_files() -> str:
    """Prepare the served files if the build did not, and return the shapes' URL."""
    if static_assets.missing():
        static_assets.prepare()
    return f"{static_assets.STATIC_URL}/{static_assets.shapes_path()}"


def _select_clicked(value: dict | None, facts: Facts) -> None:
    """A new click on a country selects it, then reruns so the map highlights it.

    streamlit-folium returns the last click on every run; only a click not yet handled counts.
    Clicks on pins, grey neighbours or the sea select nothing.
    """
    click = clicked_unit(value, facts.units)
    if click is None or click == st.session_state.get("handled_click"):
        return
    st.session_state["handled_click"] = click
    st.session_state["country"] = click.unit
    # On a phone the panel is below the map: say at once what was selected.
    st.session_state["toast"] = facts.units[click.unit].name
    st.rerun()


def main() -> None:
    try:
        facts = _facts()
    except FactsError as error:
        st.error("The atlas cannot start: its facts data is invalid. Run `python -m facts check` for details.")
        st.code("\n".join(str(problem) for problem in error.problems[:50]), language=None)
        st.stop()
    try:
        shapes_url = _static_files()
    except OSError as error:
        st.error(f"The map's files could not be prepared ({error}). Run `python -m dashboard.static_assets` when building.")
        st.stop()

    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    notices = page_sections.init_from_url(facts)
    st.title("NATO–Balkans Atlas")
    st.caption(
        "How the countries of the Balkans moved toward NATO, or stayed outside it, from 1990 to today, "
        "and where NATO itself has been present. Every colour, date and pin is sourced."
    )
    for notice in notices:
        st.warning(notice, icon="⚠️")

    _year_view(facts, shapes_url)

    page_sections.background_tabs(facts)


@st.fragment
def _year_view(facts: Facts, shapes_url: str) -> None:
    """Everything that depends on the year or the selection.

    A fragment: moving the slider or clicking the map reruns only this part, so the long
    explanatory texts below are neither rebuilt nor sent to the browser again.
    """
    if toast := st.session_state.pop("toast", None):
        st.toast(f"Selected: {toast}")
    year = page_sections.year_slider()
    country = st.session_state.get("country")

    left, right = st.columns([3, 2], gap="medium")
    with left:
        base = build_base_map(
            facts,
            shapes_url,
            geodata.DEFAULT_BOUNDS,
            leaflet_js=static_assets.vendor_url("leaflet.js"),
            leaflet_css=static_assets.vendor_url("leaflet.css"),
            jquery_js=static_assets.vendor_url("jquery.js"),
            tiles=os.environ.get("NATO_ATLAS_TILES") or None,
        )
        clicked = st_folium(
            base,
            key=MAP_KEY,
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=RETURNED_OBJECTS,
            feature_group_to_add=build_year_layer(facts, year, country),
        )
        _select_clicked(clicked, facts)
    with right:
        country = page_sections.country_column(facts, year)
    page_sections.year_tabs(facts, year)
    page_sections.sync_url(year, country)


main()
