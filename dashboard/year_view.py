"""Everything that depends on the year or the selection: controls, panels, table, share and export.

It runs as a Streamlit fragment: moving the slider or choosing a country reruns only this part,
so the map, the long texts and the timeline chart are neither rebuilt nor sent again. The map
follows in the browser: atlas.js reads the view marker this fragment writes on every run.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from dashboard import controls, panels, share, status_table
from dashboard.export.texts import picture_filename
from dashboard.map_view import view_marker
from dashboard.static_files import MapAssets
from facts import FIRST_YEAR, Facts, today, year_day


@lru_cache(maxsize=4096)
def _panel(kind: str, facts: Facts, year: int, unit: str | None = None, csv_url: str = "") -> tuple[str, ...]:
    """The panels' HTML, built once per kind, year and unit, for every reader of this process.

    A plain LRU cache keyed by the Facts object itself (hashed by identity): the strings are
    never modified, so unlike st.cache_data nothing is copied on every hit.
    """
    if kind == "country":
        return tuple(panels.country_panel(facts, unit, year))
    if kind == "summary":
        return (panels.year_summary(facts, year),)
    return (status_table.year_and_table(facts, year, csv_url),)


def warm(facts: Facts, assets: MapAssets) -> None:
    """Build every year's summary and events-and-table once, so no reader waits for a cold cache."""
    for year in range(FIRST_YEAR, today().year + 1):
        _panel("summary", facts, year)
        _panel("year", facts, year, csv_url=assets.year_tables[year])


def _picture(facts: Facts, year: int, fmt: str, url: str, country: str | None) -> bytes:
    """The map as a picture, drawn on the server when the reader asks for it (matplotlib loads then)."""
    from dashboard.export.picture import render_picture

    return render_picture(facts, year, fmt=fmt, url=url, selected=country)


def _country_column(facts: Facts, year: int, country: str | None, marker: str) -> None:
    """The selected country's panel, or the year at a glance; the view marker rides on the first part."""
    parts = _panel("country", facts, year, country) if country else _panel("summary", facts, year)
    st.markdown(marker + parts[0], unsafe_allow_html=True)
    for part in parts[1:]:
        st.markdown(part, unsafe_allow_html=True)


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


def year_view(facts: Facts, assets: MapAssets) -> None:
    """The fragment's body (on a one-second timer while Play runs)."""
    controls.advance_play()
    if toast := st.session_state.pop("toast", None):
        st.toast(f"Selected: {toast}")
    controls.year_controls(facts)
    year, country, compare = controls.current_view()
    _country_column(facts, year, country, view_marker(year, country, compare))
    if compare is not None and compare != year:
        st.subheader(f"What changed between {min(year, compare)} and {max(year, compare)}")
        st.markdown(panels.changes_panel(facts, year, compare), unsafe_allow_html=True)
    _share(facts, year, country, compare)
    st.markdown(_panel("year", facts, year, csv_url=assets.year_tables[year])[0], unsafe_allow_html=True)
    controls.sync_url()
