"""The map on the page: drawn once per page run, then kept up to date in the browser by atlas.js.

The map is not part of the fragment that reruns when the year changes: streamlit-folium's
render costs more than everything else in that rerun together. atlas.js follows the year
slider as it moves and the view marker the fragment writes on every rerun (``view_marker``),
so the map shows the right year, selection and comparison without the server drawing it again.
A click on the map reruns the page, which selects the country.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit_folium import st_folium

import geodata
from dashboard.base_map import MAP_HEIGHT, build_base_map
from dashboard.selection import RETURNED_OBJECTS, clicked_unit
from dashboard.static_files import MapAssets
from dashboard.templating import render
from dashboard.year_layer import build_year_layer
from facts import Facts, today

MAP_KEY = "atlas_map"


def view_marker(year: int, country: str | None, compare: int | None) -> str:
    """A hidden element that tells atlas.js the view the server confirmed (written by the fragment).

    Its text is the view as JSON, ``{"year": 2008, "selected": "MNE", "compare": null}``.
    """
    return render("view_marker.html", view={"year": year, "selected": country, "compare": compare})


def _select_clicked(value: dict | None, facts: Facts) -> None:
    """A new click on a country selects it on the next run, before the country list is drawn.

    streamlit-folium returns the last click on every run; only a click not yet handled counts.
    Clicks on pins, grey neighbours or the sea select nothing.
    """
    click = clicked_unit(value, facts.units)
    if click is None or click == st.session_state.get("handled_click"):
        return
    st.session_state["handled_click"] = click
    st.session_state["clicked_country"] = click.unit
    st.session_state["toast"] = facts.units[click.unit].name  # on a phone the panel is below the map
    st.rerun()


def draw_map(facts: Facts, assets: MapAssets, year: int, country: str | None, compare: int | None, legend: str) -> None:
    """The map of the view, its legend below it; a click selects a country."""
    base = build_base_map(assets, geodata.DEFAULT_BOUNDS, today().year, tiles=os.environ.get("NATO_ATLAS_TILES") or None)
    clicked = st_folium(
        base,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED_OBJECTS,
        feature_group_to_add=build_year_layer(year, country, compare),
        render=False,  # st_folium renders what the component needs; the full page render is not used
    )
    _select_clicked(clicked, facts)
    st.markdown(legend, unsafe_allow_html=True)
