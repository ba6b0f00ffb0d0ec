"""The page under Streamlit's AppTest: slider, URL parameters, (patched) map clicks, compare, Play, embed."""

from __future__ import annotations

import time
from pathlib import Path
from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from facts import today
from tests.dashboard.conftest import PAYLOAD, write_hostile_copy

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _html(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def _click(unit: str | None, lat: float = 44.0, lng: float = 20.5, **properties: str) -> dict:
    props = {"unit": unit, **properties} if unit else properties
    return {"last_active_drawing": {"type": "Feature", "properties": props}, "last_clicked": {"lat": lat, "lng": lng}}


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield


def test_the_page_runs_on_the_current_year():
    at = _app()
    assert not at.exception
    assert at.title[0].value == "NATO–Balkans Atlas"
    assert at.slider(key="year").value == today().year
    assert at.selectbox(key="country").value is None
    assert at.query_params["year"] == str(today().year)
    assert not at.warning
    assert "countries on the map today" in _html(at)


def test_the_slider_drives_the_panels_and_the_url():
    at = _app()
    at.slider(key="year").set_value(2008).run()
    assert not at.exception
    assert "<b>Bucharest Summit</b>" in _html(at) and "Events of 2008" in _html(at)
    assert at.query_params["year"] == "2008"
    at.slider(key="year").set_value(1991).run()
    assert "<b>Bucharest Summit</b>" not in _html(at)
    assert "Rome Summit" in _html(at)


def test_query_parameters_open_exactly_that_view():
    at = _app(year="2008", country="MNE")
    assert not at.exception
    assert at.slider(key="year").value == 2008 and at.selectbox(key="country").value == "MNE"
    html = _html(at)
    assert 'data-unit="MNE"' in html
    assert "Intensified Dialogue</span> since 3 April 2008" in html
    at.slider(key="year").set_value(2017).run()
    assert "NATO member</span> since 5 June 2017" in _html(at)
    assert at.query_params["country"] == "MNE" and at.query_params["year"] == "2017"


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"year": "abc"}, "The year “abc”"),
        ({"year": "1800"}, "The year “1800”"),
        ({"country": "<script>alert(1)</script>"}, "is not one the atlas knows"),
        ({"country": "ZZZ", "year": "2008"}, "The country “ZZZ”"),
        ({"compare": "x"}, "The year to compare with “x”"),
    ],
)
def test_invalid_parameters_fall_back_with_a_visible_notice(params, fragment):
    at = _app(**params)
    assert not at.exception
    assert any(fragment in warning.value for warning in at.warning), [w.value for w in at.warning]
    assert at.selectbox(key="country").value is None


def test_a_map_click_selects_the_country():
    with mock.patch("dashboard.map_view.st_folium", return_value=_click("SRB")):
        at = _app(year="2016")
        assert not at.exception
        assert at.selectbox(key="country").value == "SRB"
        assert 'data-unit="SRB"' in _html(at) and "Partner (PfP)" in _html(at)
        assert at.query_params["country"] == "SRB"


def test_a_choice_in_the_list_is_not_undone_by_an_old_click():
    with mock.patch("dashboard.map_view.st_folium", return_value=_click("SRB")):
        at = _app(year="2016")
        at.selectbox(key="country").set_value("ALB").run()
        assert at.selectbox(key="country").value == "ALB"
    with mock.patch("dashboard.map_view.st_folium", return_value=_click("SRB", lat=44.5)):
        at.run()
        assert at.selectbox(key="country").value == "SRB", "a new click on Serbia selects it again"


@pytest.mark.parametrize("value", [_click(None, context="Italy"), _click(None, site="op-kfor"), _click("NOPE"), None])
def test_clicks_on_neighbours_pins_or_nothing_select_nothing(value):
    with mock.patch("dashboard.map_view.st_folium", return_value=value):
        at = _app(year="2016")
        assert not at.exception
        assert at.selectbox(key="country").value is None


def test_compare_lists_what_changed_and_goes_into_the_url():
    at = _app(year="2009")
    at.selectbox(key="compare").set_value(1999).run()
    assert not at.exception
    assert any("What changed between 1999 and 2009" in header.value for header in at.subheader)
    html = _html(at)
    assert "<b>Albania</b>" in html and "<b>Croatia</b>" in html
    assert at.query_params["compare"] == "1999"


def test_play_steps_through_the_years_and_pause_stops():
    at = _app(year="2020")
    at.button(key="play").click().run()
    assert at.session_state["playing"] is True and at.button(key="play").label == "⏸ Pause"
    with mock.patch("dashboard.controls.time.monotonic", return_value=time.monotonic() + 10):
        at.run()
    assert at.slider(key="year").value == 2021
    at.button(key="play").click().run()
    assert at.session_state["playing"] is False
    with mock.patch("dashboard.controls.time.monotonic", return_value=time.monotonic() + 20):
        at.run()
    assert at.slider(key="year").value == 2021, "paused: the year stays"


def test_play_stops_at_the_current_year():
    at = _app(year=str(today().year - 1))
    at.button(key="play").click().run()
    for tick in range(3):
        with mock.patch("dashboard.controls.time.monotonic", return_value=time.monotonic() + 30 + 10 * tick):
            at.run()
    assert at.slider(key="year").value == today().year
    assert at.session_state["playing"] is False


def test_share_offers_picture_citation_and_embed():
    at = _app(year="2008", country="MNE")
    labels = [button.label for button in at.get("download_button")]
    assert "Download map (PNG)" in labels and "Download map (SVG)" in labels
    codes = [code.value for code in at.code]
    assert any("“Montenegro and NATO, 31 December 2008”" in code and "year=2008&country=MNE" in code for code in codes)
    assert any(code.startswith("@misc{natobalkansatlas2008,") for code in codes)
    assert any("<iframe " in code and "embed=1" in code for code in codes)


def test_embed_shows_the_map_and_legend_without_controls():
    at = _app(year="2008", country="MNE", embed="1")
    assert not at.exception
    assert not at.slider and not at.title and not at.selectbox
    assert "atlas-legend" in _html(at) and "year=2008&country=MNE" in _html(at)


def test_explanatory_panels_render_with_their_sources(facts):
    html = _html(_app(year="2016"))
    for text_id in ("political", "operational", "romania"):
        text = facts.text(text_id)
        assert text.body.split("\n\n")[0][:40] in html
        for source in text.sources:
            assert source.url.replace("&", "&amp;") in html
        assert "fact:" not in html, "fact links become links to their record's source"


def test_hostile_data_is_shown_as_text(data_copy, monkeypatch):
    write_hostile_copy(data_copy)
    monkeypatch.setenv("NATO_ATLAS_DATA", str(data_copy))
    at = _app(year="2008", country="MNE")
    assert not at.exception
    html = _html(at)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert PAYLOAD not in html


def test_invalid_facts_give_a_clear_error_not_a_stack_trace(data_copy, monkeypatch):
    (data_copy / "units" / "MNE.yaml").write_text("id: MNE\nsorce: x\n", encoding="utf-8")
    monkeypatch.setenv("NATO_ATLAS_DATA", str(data_copy))
    at = _app()
    assert not at.exception
    assert "facts data is invalid" in at.error[0].value
    assert "sorce: unknown field" in at.code[0].value
