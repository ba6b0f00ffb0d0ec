"""The view's controls: year slider, country list, year to compare with, Play; and the view in the URL.

All state lives in ``st.session_state`` under the widgets' keys (``year``, ``country``,
``compare``, ``playing``) and in the URL, so any view can be shared and survives a reconnect to
another server.
"""

from __future__ import annotations

import time

import streamlit as st

from dashboard.url_state import parse_view, view_params
from facts import FIRST_YEAR, Facts, today

NO_COMPARISON = "—"
STEP_SECONDS = 0.9  # Play's pace: a year about every second (the timer fires every second)


def init_from_url(facts: Facts) -> list[str]:
    """On a session's first run, take the view from the URL; a notice for each refused value."""
    if "year" in st.session_state:
        return []
    view = parse_view(st.query_params.to_dict(), facts)
    st.session_state["year"] = view.year
    st.session_state["country"] = view.country
    st.session_state["compare"] = view.compare if view.compare is not None else NO_COMPARISON
    st.session_state["playing"] = False
    return view.notices


def take_clicked_country() -> None:
    """A country clicked on the map (last run) becomes the selection, before the country list is drawn."""
    if "clicked_country" in st.session_state:
        st.session_state["country"] = st.session_state.pop("clicked_country")


def current_view() -> tuple[int, str | None, int | None]:
    """The year, the selected unit and the year compared with, as the controls hold them."""
    compare = st.session_state.get("compare", NO_COMPARISON)
    return st.session_state["year"], st.session_state.get("country"), None if compare == NO_COMPARISON else compare


def sync_url() -> None:
    """Write the view into the URL, only when it changed (each write is a message to the browser)."""
    wanted = view_params(*current_view())
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def advance_play() -> None:
    """While playing, step one year a second; stop at the current year.

    The fragment's timer reruns it every second, but so do clicks: a step is taken only when a
    second has passed since the last one.
    """
    if not st.session_state.get("playing") or time.monotonic() - st.session_state.get("stepped_at", 0.0) < STEP_SECONDS:
        return
    if st.session_state["year"] >= today().year:
        st.session_state["playing"] = False
        st.rerun(scope="app")  # the page is rebuilt without the timer
    st.session_state["year"] += 1
    st.session_state["stepped_at"] = time.monotonic()


def _toggle_play() -> None:
    playing = not st.session_state.get("playing")
    st.session_state["stepped_at"] = time.monotonic()
    if playing and st.session_state["year"] >= today().year:
        st.session_state["year"] = FIRST_YEAR  # Play from the last year starts again from the first
    st.session_state["playing"] = playing


def _unit_label(facts: Facts, unit_id: str | None) -> str:
    if unit_id is None:
        return "None: the year at a glance"
    unit = facts.units[unit_id]
    return unit.name if unit.focus else f"{unit.name} (historical)"


def page_controls() -> None:
    """Play and the year to compare with: drawn with the page, not on every year change.

    Both are used now and then; a change reruns the whole page, which also starts or stops
    Play's timer. Keeping them out of the year's fragment spares every year change two widgets.
    """
    with st.container(key="page_controls", horizontal=True, vertical_alignment="bottom", gap="small"):
        playing = st.session_state.get("playing")
        st.button(
            "⏸ Pause" if playing else "▶ Play",
            key="play",
            on_click=_toggle_play,
            help="Step through the years, one a second, up to today",
            width=105,
        )
        years = [NO_COMPARISON, *range(today().year, FIRST_YEAR - 1, -1)]
        st.selectbox("Compare with", years, key="compare", help="Mark what changed between the two years", width=130)


def year_controls(facts: Facts) -> None:
    """The year slider and the country list: the controls of the year's fragment."""
    with st.container(key="controls", gap="small"):
        st.slider(
            "Year (status on 31 December; today for the current year)",
            FIRST_YEAR,
            today().year,
            key="year",
            help="Drag, or focus it and use ← and →",
        )
        options = [None] + sorted(facts.units, key=lambda u: (not facts.units[u].focus, facts.units[u].name))
        st.selectbox("Country", options, key="country", format_func=lambda u: _unit_label(facts, u), width=320)
