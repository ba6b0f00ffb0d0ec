"""The atlas page built the common way, as a baseline for ``bench_year_change.py``.

Same facts, same geodata, same slider and panels as ``dashboard/app.py``, but the map is a fresh
``folium.Map`` on every rerun with the year's units embedded as ``folium.GeoJson`` (style
function, tooltips) and the year's pins as markers, passed to ``st_folium`` without
``feature_group_to_add``: every year change re-sends the whole map and remounts its iframe.

Run it from the repository root (``streamlit run benchmarks/naive_app.py``) with
``benchmarks/static`` linking to ``dashboard/static``: Streamlit serves the ``static/`` folder next
to the main script, and the map loads Leaflet from there, as the real app does. The benchmark
creates that link (git-ignored) before it starts the server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
from branca.element import MacroElement  # noqa: E402
from jinja2 import Template  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

import geodata  # noqa: E402
from dashboard import page_sections, static_assets  # noqa: E402
from dashboard.map_builder import CONTEXT_FILL, MAP_HEIGHT, PIN_SYMBOLS, js_literal, legend_html, pin_for  # noqa: E402
from dashboard.page_style import PAGE_CSS  # noqa: E402
from facts import Facts, load_facts, year_day  # noqa: E402
from geodata.geojson import feature_collection  # noqa: E402

st.set_page_config(page_title="NATO–Balkans Atlas (naive map)", page_icon="🧭", layout="wide", initial_sidebar_state="collapsed")


@st.cache_resource(show_spinner=False)
def _facts() -> Facts:
    return load_facts()


@st.cache_data(show_spinner=False)
def _context_geojson() -> str:
    context = geodata.context_countries()
    return feature_collection(
        ({"name": name}, geometry) for name, geometry in zip(context["name"], context.geometry, strict=True)
    )


class _Legend(MacroElement):
    _template = Template(
        """{% macro script(this, kwargs) %}
        (function () {
          var legend = L.control({ position: "topright" });
          legend.onAdd = function () { var div = L.DomUtil.create("div"); div.innerHTML = {{ this.html }}; return div; };
          legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}"""
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        style = "background:#fff;padding:6px 9px;border-radius:6px;font-size:12px;line-height:1.45"
        self.html = js_literal(f'<div style="{style}">{html}</div>')


def build_map(facts: Facts, year: int) -> folium.Map:
    """A complete map of one year: what most Streamlit + Folium dashboards rebuild on every rerun."""
    day = year_day(year)
    statuses = facts.statuses_in(year)
    (south, west), (north, east) = geodata.DEFAULT_BOUNDS
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=6, tiles=None, min_zoom=4, max_zoom=11)
    fmap.default_js = [("leaflet", static_assets.vendor_url("leaflet.js")), ("jquery", static_assets.vendor_url("jquery.js"))]
    fmap.default_css = [("leaflet_css", static_assets.vendor_url("leaflet.css"))]
    fmap.fit_bounds([[south, west], [north, east]])

    folium.GeoJson(
        _context_geojson(),
        name="Other countries",
        style_function=lambda _: {"color": "#ffffff", "weight": 0.8, "fillColor": CONTEXT_FILL, "fillOpacity": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(fmap)

    units = json.loads(geodata.units_geojson(day))
    for feature in units["features"]:
        unit_id = feature["properties"]["unit"]
        entry = facts.status_entries[statuses[unit_id].status]
        feature["properties"].update(name=facts.units[unit_id].name_on(day), status=entry.label, colour=entry.colour)
    folium.GeoJson(
        units,
        name=f"Status {year}",
        style_function=lambda feature: {
            "color": "#ffffff",
            "weight": 1.2,
            "fillColor": feature["properties"]["colour"],
            "fillOpacity": 0.9,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "status"], labels=False),
    ).add_to(fmap)

    for site in facts.sites_active(year):
        pin = pin_for(site, year)
        folium.Marker(
            [pin.lat, pin.lon],
            icon=folium.DivIcon(html=PIN_SYMBOLS[pin.kind][1], icon_size=(20, 20), icon_anchor=(10, 10)),
            tooltip=pin.tooltip,
            popup=folium.Popup(pin.popup, max_width=320),
        ).add_to(fmap)
    fmap.add_child(_Legend(legend_html(facts)))
    return fmap


def main() -> None:
    """The same page as the atlas, but with the map rebuilt on every run and no fragment."""
    facts = _facts()
    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    page_sections.init_from_url(facts)
    st.title("NATO–Balkans Atlas")
    st.caption("The naive map: the whole folium.Map is rebuilt and remounted on every rerun.")
    year = page_sections.year_slider()
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st_folium(
            build_map(facts, year),
            key="naive_map",
            height=MAP_HEIGHT,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
        )
    with right:
        country = page_sections.country_column(facts, year)
    page_sections.year_tabs(facts, year)
    page_sections.background_tabs(facts)
    page_sections.sync_url(year, country)


main()
