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
from dashboard import panels, static_assets  # noqa: E402
from dashboard.map_builder import MAP_HEIGHT, build_base_map, build_year_layer  # noqa: E402
from dashboard.page_style import PAGE_CSS  # noqa: E402
from dashboard.selection import RETURNED_OBJECTS, clicked_unit  # noqa: E402
from dashboard.timeline_chart import timeline_spec  # noqa: E402
from dashboard.url_state import parse_view  # noqa: E402
from facts import FIRST_YEAR, Facts, FactsError, load_facts, today  # noqa: E402
from facts.export import milestones_csv, statuses_csv  # noqa: E402

MAP_KEY = "atlas_map"
TEXT_PANELS = (("political", "Political dimension"), ("operational", "Operational dimension"), ("romania", "Romania's role"))

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


@st.cache_data(show_spinner=False)
def _downloads() -> tuple[str, str]:
    facts = _facts()
    return statuses_csv(facts), milestones_csv(facts)


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


def _init_from_url(facts: Facts) -> list[str]:
    """On a session's first run, take the year and country from the URL."""
    if "year" in st.session_state:
        return []
    view = parse_view(st.query_params, facts)
    st.session_state["year"] = view.year
    st.session_state["country"] = view.country
    return view.notices


def _sync_url(year: int, country: str | None) -> None:
    wanted = {"year": str(year)} | ({"country": country} if country else {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _unit_label(facts: Facts, unit_id: str | None) -> str:
    if unit_id is None:
        return "— choose a country, or click the map —"
    unit = facts.units[unit_id]
    return unit.name if unit.focus else f"{unit.name} (historical)"


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
    notices = _init_from_url(facts)
    st.title("NATO–Balkans Atlas")
    st.caption(
        "How the countries of the Balkans moved toward NATO, or stayed outside it, from 1990 to today, "
        "and where NATO itself has been present. Every colour, date and pin is sourced."
    )
    for notice in notices:
        st.warning(notice, icon="⚠️")

    _year_view(facts, shapes_url)

    st.subheader("NATO in the Balkans")
    tabs = st.tabs([*(title for _, title in TEXT_PANELS), "Legend", "Data"])
    for tab, (text_id, _) in zip(tabs[:3], TEXT_PANELS, strict=True):
        with tab:
            text = facts.text(text_id)
            st.markdown(text.body)
            st.markdown("**Sources**\n\n" + panels.sources_list(text.sources), unsafe_allow_html=True)
    with tabs[3]:
        st.markdown(panels.legend_panel(facts), unsafe_allow_html=True)
    with tabs[4]:
        statuses, milestones = _downloads()
        st.write("The data behind the map, as CSV.")
        st.download_button(
            "Statuses per country and year (CSV)", statuses, "nato-balkans-statuses.csv", "text/csv", on_click="ignore"
        )
        st.download_button(
            "Milestones with their sources (CSV)", milestones, "nato-balkans-milestones.csv", "text/csv", on_click="ignore"
        )


@st.fragment
def _year_view(facts: Facts, shapes_url: str) -> None:
    """Everything that depends on the year or the selection.

    A fragment: moving the slider or clicking the map reruns only this part, so the long
    explanatory texts below are neither rebuilt nor sent to the browser again.
    """
    if toast := st.session_state.pop("toast", None):
        st.toast(f"Selected: {toast}")
    current = today().year
    year = st.slider(
        "Year (status on 31 December; today for the current year)", FIRST_YEAR, current, key="year", help="Use ← and → to step"
    )
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
        options = [None] + sorted(facts.units, key=lambda u: (not facts.units[u].focus, facts.units[u].name))
        country = st.selectbox(
            "Country",
            options,
            key="country",
            format_func=lambda u: _unit_label(facts, u),
            placeholder="Choose a country, or click the map",
        )
        with st.container(height=MAP_HEIGHT - 75, border=False):
            if country:
                st.markdown(panels.country_panel(facts, country, year), unsafe_allow_html=True)
            else:
                st.info("Click a country on the map, or choose one above, to see its status, its dated timeline and its sources.")
                st.markdown(panels.how_to_read(facts, year), unsafe_allow_html=True)

    this_year, timeline = st.tabs([f"This year: {year}", "Timeline"])
    with this_year:
        st.markdown(panels.year_panel(facts, year), unsafe_allow_html=True)
    with timeline:
        st.vega_lite_chart(
            timeline_spec(facts, year), width="stretch", alt=f"Status of every country, 1990 to today; the rule marks {year}"
        )
        st.caption("Each row is a country's status at the end of each year; the dashed rule marks the chosen year.")
    _sync_url(year, country)


main()
