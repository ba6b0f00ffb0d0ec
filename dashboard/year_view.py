"""Everything that depends on the year or the selection: controls, map, panels, table, share and export.

It runs as a Streamlit fragment: moving the slider, choosing a country or clicking the map reruns
only this part, so the long texts and the timeline chart below are neither rebuilt nor sent
again. The map itself stays mounted: only the small year layer changes.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit_folium import st_folium

import geodata
from dashboard import controls, panels, share, status_table
from dashboard.base_map import MAP_HEIGHT, build_base_map
from dashboard.export.texts import picture_filename
from dashboard.selection import RETURNED_OBJECTS, clicked_unit
from dashboard.static_files import MapAssets
from dashboard.year_layer import build_year_layer
from facts import Facts, today, year_day

MAP_KEY = "atlas_map"


@st.cache_data(show_spinner=False, max_entries=2000)
def _panel(kind: str, _facts: Facts, data_key: int, year: int, unit: str | None = None) -> list[str]:
    """The panels' HTML, built once per kind, year and unit, for every reader of this process.

    ``data_key`` tells data sets apart (the facts themselves are not hashed): the id of the one
    Facts object the page loaded.
    """
    if kind == "country":
        return panels.country_panel(_facts, unit, year)
    if kind == "summary":
        return [panels.year_summary(_facts, year)]
    if kind == "year":
        return [panels.year_panel(_facts, year)]
    return [status_table.table_html(_facts, year)]


def _select_clicked(value: dict | None, facts: Facts) -> None:
    """A new click on a country selects it, then reruns so the map and panel follow.

    streamlit-folium returns the last click on every run; only a click not yet handled counts.
    Clicks on pins, grey neighbours or the sea select nothing.
    """
    click = clicked_unit(value, facts.units)
    if click is None or click == st.session_state.get("handled_click"):
        return
    st.session_state["handled_click"] = click
    # The country list above the map is drawn already in this run: it takes the choice on the next.
    st.session_state["clicked_country"] = click.unit
    st.session_state["toast"] = facts.units[click.unit].name  # on a phone the panel is below the map
    st.rerun()


def _map(facts: Facts, assets: MapAssets, year: int, country: str | None, compare: int | None) -> None:
    changes = facts.status_changes(year, compare) if compare is not None and compare != year else []
    shown = [change.unit.id if year >= (compare or year) else change.earlier_unit.id for change in changes]
    base = build_base_map(assets, geodata.DEFAULT_BOUNDS, today().year, tiles=os.environ.get("NATO_ATLAS_TILES") or None)
    clicked = st_folium(
        base,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED_OBJECTS,
        feature_group_to_add=build_year_layer(year, country, shown),
        render=False,  # st_folium renders what the component needs; the full page render is not used
    )
    _select_clicked(clicked, facts)
    st.markdown(panels.legend(facts), unsafe_allow_html=True)


def _country_column(facts: Facts, year: int, country: str | None) -> None:
    if country:
        for part in _panel("country", facts, id(facts), year, country):
            st.markdown(part, unsafe_allow_html=True)
    else:
        st.info("Choose a country above, or click one on the map, for its status, its dated timeline and its sources.")
        st.markdown(_panel("summary", facts, id(facts), year)[0], unsafe_allow_html=True)


def _picture(facts: Facts, year: int, fmt: str, url: str, country: str | None) -> bytes:
    """The map as a picture, drawn on the server when the reader asks for it (matplotlib loads then)."""
    from dashboard.export.picture import render_picture

    return render_picture(facts, year, fmt=fmt, url=url, selected=country)


def _share(facts: Facts, year: int, country: str | None, compare: int | None) -> None:
    """Picture, citation, embed snippet: everything carries the year (and the country) shown."""
    base = st.context.url or "http://localhost:8501/"
    url = share.view_url(base, year, country, compare)
    title = share.view_title(year, facts.units[country].name_on(year_day(year)) if country else None, today().year)
    with st.container(key="share", horizontal=True, gap="small"):
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(
                f"Download map ({fmt.upper()})",
                data=lambda fmt=fmt: _picture(facts, year, fmt, url, country),
                file_name=picture_filename(year, fmt),
                mime=mime,
                on_click="ignore",
            )
        with st.popover("Cite this view"):
            st.code(share.citation(title, url, today()), language=None, wrap_lines=True)
            st.code(share.bibtex(title, url, today(), year), language="latex")
        with st.popover("Embed"):
            snippet = share.embed_snippet(share.view_url(base, year, country, compare, embed="1"), title)
            st.code(snippet, language="html", wrap_lines=True)


def year_view(facts: Facts, assets: MapAssets, playing: bool) -> None:
    """The fragment's body; ``playing`` is how the page set the fragment's timer up."""
    controls.advance_play()
    if "clicked_country" in st.session_state:
        st.session_state["country"] = st.session_state.pop("clicked_country")
    if toast := st.session_state.pop("toast", None):
        st.toast(f"Selected: {toast}")
    controls.controls(facts)
    if st.session_state.get("playing") != playing:
        st.rerun(scope="app")  # Play or Pause: rebuild the page with (or without) the timer
    year, country, compare = controls.current_view()
    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        _map(facts, assets, year, country, compare)
    with panel_column:
        _country_column(facts, year, country)
    if compare is not None and compare != year:
        st.subheader(f"What changed between {min(year, compare)} and {max(year, compare)}")
        st.markdown(panels.changes_panel(facts, year, compare), unsafe_allow_html=True)
    _share(facts, year, country, compare)
    this_year, table = st.tabs([f"Events of {year}", f"Table of {year}"])
    with this_year:
        st.markdown(_panel("year", facts, id(facts), year)[0], unsafe_allow_html=True)
    with table:
        st.markdown(_panel("table", facts, id(facts), year)[0], unsafe_allow_html=True)
        st.download_button(
            f"Download this table (CSV, {year})",
            data=lambda: status_table.table_csv(facts, year),
            file_name=f"nato-balkans-statuses-{year}.csv",
            mime="text/csv",
            on_click="ignore",
        )
    controls.sync_url()
