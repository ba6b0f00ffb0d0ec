"""The chrome-less view for articles (``?embed=1``): the map, its legend and the year, nothing else.

The view comes from the URL like the full page's (year, country, compare), so an embedded map
shows exactly what its author chose; a link under it opens the full atlas at the same view.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

import geodata
from dashboard import controls, panels, share
from dashboard.base_map import MAP_HEIGHT, build_base_map
from dashboard.static_files import MapAssets
from dashboard.year_layer import build_year_layer
from facts import Facts, today


def embed_view(facts: Facts, assets: MapAssets, notices: list[str]) -> None:
    """Draw the embedded map of the view in the URL."""
    for notice in notices:
        st.warning(notice, icon="⚠️")
    year, country, compare = controls.current_view()
    st_folium(
        build_base_map(assets, geodata.DEFAULT_BOUNDS, today().year),
        key="atlas_map",
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=build_year_layer(year, country, compare),
    )
    st.markdown(panels.legend(facts), unsafe_allow_html=True)
    link = share.view_url(st.context.url or "http://localhost:8501/", year, country, compare)
    st.markdown(f"[NATO–Balkans Atlas]({link}): NATO status of the Balkan countries, {year}. Every fact is sourced there.")
