"""The atlas page built the common way, the baseline of ``bench_year_change.py``: the whole map rebuilt every rerun.

The atlas keeps one map mounted and restyles it in place (``atlas.js``), inside a fragment. This
page is what most Streamlit + Folium dashboards do instead, so that the benchmark can say how
much the atlas's design saves: on every rerun the whole script runs (no fragment), a fresh
``folium.Map`` is built with the year's units as GeoJSON coloured by status (with tooltips), the
grey neighbours and the year's pins, and ``st_folium`` receives it whole. A different map is a
new component, so streamlit-folium remounts its frame and Leaflet starts over. Same facts and
geodata APIs, same controls, panels and texts as the atlas; no ``atlas.js``.

Leaflet comes from the app itself, as in the atlas (``dashboard.static_files``): Streamlit serves
the ``static/`` folder next to the main script, so ``benchmarks/static`` must link to
``dashboard/static`` (the benchmark creates that git-ignored link). Run from the repository root:
``streamlit run benchmarks/naive_app.py``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

import geodata
from dashboard import controls, panels, static_files, status_table
from dashboard.base_map import MAP_HEIGHT
from dashboard.pin_symbols import SYMBOLS
from dashboard.reference import reference_sections
from dashboard.static_files import MapAssets
from facts import Facts, load_facts, year_day

CONTEXT_FILL = "#d9d9d6"  # not a status colour: the benchmark counts only status-coloured shapes
PAGE_CSS = Path(__file__).resolve().parent.parent / "dashboard" / "static" / "page.css"


@st.cache_resource(show_spinner=False)
def _facts() -> Facts:
    return load_facts()


@st.cache_resource(show_spinner=False)
def _assets(_facts: Facts) -> MapAssets:
    return static_files.prepare(_facts)


def build_map(facts: Facts, assets: MapAssets, year: int) -> folium.Map:
    """A complete map of one year, built from nothing: what the naive page does on every rerun."""
    day = year_day(year)
    statuses = facts.statuses_in(year)
    alive = [unit.id for unit in facts.units_alive(day)]
    units = geodata.units_for(alive, facts.land_owners())[["unit", "geometry"]]
    entries = [facts.status_entries[statuses[unit].status] for unit in units["unit"]]
    units["name"] = [facts.units[unit].name_on(day) for unit in units["unit"]]
    units["status"] = [entry.label for entry in entries]
    units["colour"] = [entry.colour for entry in entries]

    (south, west), (north, east) = geodata.DEFAULT_BOUNDS
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, tiles=None, min_zoom=4, max_zoom=11)
    fmap.default_js = [("leaflet", assets.leaflet_js), ("jquery", assets.jquery_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
    fmap.fit_bounds([[south, west], [north, east]])
    folium.GeoJson(
        geodata.context_countries()[["name", "geometry"]],
        style_function=lambda _: {"color": "#ffffff", "weight": 0.8, "fillColor": CONTEXT_FILL, "fillOpacity": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(fmap)
    folium.GeoJson(
        units,
        style_function=lambda feature: {
            "color": "#ffffff",
            "weight": 1.2,
            "fillColor": feature["properties"]["colour"],
            "fillOpacity": 1,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "status"], labels=False),
    ).add_to(fmap)
    for site in facts.sites_active(year):
        symbol = SYMBOLS[site.kind]
        folium.Marker(
            [site.lat, site.lon],
            icon=folium.DivIcon(html=symbol.svg(), icon_size=(20, 20), icon_anchor=(10, 10)),
            tooltip=escape(f"{site.name_on(day)} ({symbol.label})"),
            popup=folium.Popup(escape(site.role), max_width=320),
        ).add_to(fmap)
    return fmap


def main() -> None:
    """The atlas's page without a fragment, its map rebuilt on every run."""
    st.set_page_config(
        page_title="NATO–Balkans Atlas (naive map)", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed"
    )
    st.html(PAGE_CSS)
    facts = _facts()
    assets = _assets(facts)
    controls.init_from_url(facts)
    st.title("NATO–Balkans Atlas")
    st.caption("The naive page: the whole folium.Map is rebuilt and remounted on every rerun.")
    controls.page_controls()
    controls.year_controls(facts)
    year, country, _ = controls.current_view()
    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        st_folium(
            build_map(facts, assets, year), key="naive_map", height=MAP_HEIGHT, use_container_width=True, returned_objects=[]
        )
        st.markdown(panels.legend(facts), unsafe_allow_html=True)
    with panel_column:
        parts = panels.country_panel(facts, country, year) if country else [panels.year_summary(facts, year)]
        for part in parts:
            st.markdown(part, unsafe_allow_html=True)
    this_year, table = st.tabs([f"Events of {year}", f"Table of {year}"])
    this_year.markdown(panels.year_panel(facts, year), unsafe_allow_html=True)
    table.markdown(status_table.table_html(facts, year), unsafe_allow_html=True)
    reference_sections(facts, panels.legend_explained(facts))
    controls.sync_url()


main()
