"""Parts of the page that do not depend on how the map is drawn: URL state, panels, texts.

The atlas page (``app.py``) and the naive variant of the benchmark both build their pages from
these, so the benchmark compares the two ways of drawing the map and nothing else.
"""

from __future__ import annotations

import re

import streamlit as st

from dashboard import panels
from dashboard.map_builder import MAP_HEIGHT
from dashboard.timeline_chart import timeline_spec
from dashboard.url_state import parse_view
from facts import FIRST_YEAR, Facts, today
from facts.export import milestones_csv, statuses_csv

TEXT_PANELS = (("political", "Political dimension"), ("operational", "Operational dimension"), ("romania", "Romania's role"))


def demote_headings(markdown: str, levels: int = 1) -> str:
    """Move a text's headings below the section's own heading (``###`` becomes ``####``)."""
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(len(m.group(1)) + levels, 6) + " ", markdown, flags=re.MULTILINE)


def init_from_url(facts: Facts) -> list[str]:
    """On a session's first run, take the year and country from the URL; notices for bad values."""
    if "year" in st.session_state:
        return []
    view = parse_view(st.query_params, facts)
    st.session_state["year"] = view.year
    st.session_state["country"] = view.country
    return view.notices


def sync_url(year: int, country: str | None) -> None:
    """Write the view into the URL, only when it changed (each write is a message to the browser)."""
    wanted = {"year": str(year)} | ({"country": country} if country else {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def year_slider() -> int:
    """The year control, bound to ``st.session_state["year"]``."""
    return st.slider(
        "Year (status on 31 December; today for the current year)",
        FIRST_YEAR,
        today().year,
        key="year",
        help="Use ← and → to step",
    )


def _unit_label(facts: Facts, unit_id: str | None) -> str:
    if unit_id is None:
        return "— choose a country, or click the map —"
    unit = facts.units[unit_id]
    return unit.name if unit.focus else f"{unit.name} (historical)"


def country_column(facts: Facts, year: int) -> str | None:
    """The country list and the selected country's panel (or a summary of the year); the selection."""
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
    return country


def year_tabs(facts: Facts, year: int) -> None:
    """ "This year" (events and milestones) and the timeline chart with its rule at the year."""
    this_year, timeline = st.tabs([f"This year: {year}", "Timeline"])
    with this_year:
        st.markdown(panels.year_panel(facts, year), unsafe_allow_html=True)
    with timeline:
        st.vega_lite_chart(
            timeline_spec(facts, year), width="stretch", alt=f"Status of every country, 1990 to today; the rule marks {year}"
        )
        st.caption("Each row is a country's status at the end of each year; the dashed rule marks the chosen year.")


@st.cache_data(show_spinner=False)
def _downloads(_facts: Facts, data_key: str) -> tuple[str, str]:
    """The CSV files, built once per data set (``data_key`` tells data sets apart; facts is not hashed)."""
    return statuses_csv(_facts), milestones_csv(_facts)


def background_tabs(facts: Facts) -> None:
    """The panels that do not change with the year: the texts, the legend, the downloads."""
    st.subheader("NATO in the Balkans")
    tabs = st.tabs([*(title for _, title in TEXT_PANELS), "Legend", "Data"])
    for tab, (text_id, _) in zip(tabs[:3], TEXT_PANELS, strict=True):
        with tab:
            text = facts.text(text_id)
            st.markdown(demote_headings(text.body))
            st.markdown("**Sources**\n\n" + panels.sources_list(text.sources), unsafe_allow_html=True)
    with tabs[3]:
        st.markdown(panels.legend_panel(facts), unsafe_allow_html=True)
    with tabs[4]:
        statuses, milestones = _downloads(facts, str(id(facts)))
        st.write("The data behind the map, as CSV.")
        st.download_button(
            "Statuses per country and year (CSV)", statuses, "nato-balkans-statuses.csv", "text/csv", on_click="ignore"
        )
        st.download_button(
            "Milestones with their sources (CSV)", milestones, "nato-balkans-milestones.csv", "text/csv", on_click="ignore"
        )
