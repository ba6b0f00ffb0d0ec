"""The page under Streamlit's AppTest: slider, URL parameters and (patched) map clicks drive it."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from facts import today
from tests.dashboard.conftest import PAYLOAD, write_hostile_copy

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
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


def test_the_page_runs_without_exception_on_the_current_year():
    at = _app()
    assert not at.exception
    assert at.title[0].value == "NATO–Balkans Atlas"
    assert at.slider(key="year").value == today().year
    assert at.selectbox(key="country").value is None
    assert at.query_params["year"] == str(today().year)
    assert not at.warning


def test_the_slider_drives_the_panels_and_the_url():
    at = _app()
    at.slider(key="year").set_value(2008).run()
    assert not at.exception
    html = _html(at)
    assert "<b>Bucharest Summit</b>" in html
    assert at.query_params["year"] == "2008"
    at.slider(key="year").set_value(1991).run()
    assert "<b>Bucharest Summit</b>" not in _html(at)


def test_query_parameters_open_exactly_that_view():
    at = _app(year="2008", country="MNE")
    assert not at.exception
    assert at.slider(key="year").value == 2008
    assert at.selectbox(key="country").value == "MNE"
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
        ({"year": "99999999999999999999"}, "is not a year"),
        ({"country": "<script>alert(1)</script>"}, "is not one the atlas knows"),
        ({"country": "ZZZ", "year": "2008"}, "The country “ZZZ”"),
    ],
)
def test_invalid_parameters_fall_back_with_a_visible_notice(params, fragment):
    at = _app(**params)
    assert not at.exception
    assert any(fragment in warning.value for warning in at.warning), [w.value for w in at.warning]
    if "year" in params and params["year"] != "2008":
        assert at.slider(key="year").value == today().year
    assert at.selectbox(key="country").value is None


def test_a_valid_lower_case_country_code_is_accepted():
    at = _app(country="srb", year="2020")
    assert at.selectbox(key="country").value == "SRB"


def test_a_unit_absent_in_the_year_names_its_predecessor():
    at = _app(year="1995", country="MNE")
    html = _html(at)
    assert "did not yet exist as a separate state" in html
    assert "the Federal Republic of Yugoslavia" in html


def test_a_historical_unit_after_its_end_names_its_successors():
    at = _app(year="2010", country="SCG")
    html = _html(at)
    assert "no longer existed" in html and "Serbia" in html and "Montenegro" in html


def test_a_map_click_selects_the_country():
    with mock.patch("streamlit_folium.st_folium", return_value=_click("SRB")):
        at = _app(year="2016")
        assert not at.exception
        assert at.selectbox(key="country").value == "SRB"
        assert 'data-unit="SRB"' in _html(at)
        assert "Partner (PfP)" in _html(at)
        assert at.query_params["country"] == "SRB"


def test_a_choice_in_the_list_is_not_undone_by_an_old_click():
    with mock.patch("streamlit_folium.st_folium", return_value=_click("SRB")):
        at = _app(year="2016")
        at.selectbox(key="country").set_value("ALB").run()
        assert at.selectbox(key="country").value == "ALB"
    with mock.patch("streamlit_folium.st_folium", return_value=_click("SRB", lat=44.5)):
        at.run()
        assert at.selectbox(key="country").value == "SRB", "a new click on Serbia selects it again"


@pytest.mark.parametrize("value", [_click(None, context="Italy"), _click("NOPE"), {"last_active_drawing": None}, None])
def test_clicks_on_neighbours_pins_or_nothing_select_nothing(value):
    with mock.patch("streamlit_folium.st_folium", return_value=value):
        at = _app(year="2016")
        assert not at.exception
        assert at.selectbox(key="country").value is None


def test_explanatory_panels_render_with_their_sources(facts):
    at = _app(year="2016")
    html = _html(at)
    for text_id in ("political", "operational", "romania"):
        text = facts.text(text_id)
        assert text.body.splitlines()[0][:40] in html
        for source in text.sources:
            assert source.url.replace("&", "&amp;") in html


def test_hostile_data_is_shown_as_text(tmp_path, data_copy, monkeypatch):
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
