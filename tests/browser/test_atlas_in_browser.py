"""The atlas in a real browser: what only a browser shows (map clicks, recolouring, pins, the URL, requests).

Every test opens a fresh session. Expected statuses, colours, labels and sites come from the
facts, so a corrected fact does not break them, and a map that disagrees with the facts fails.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from facts import Facts, today, year_day
from tests.browser.atlas_page import (
    IFRAME,
    click_unit,
    country_box,
    expected_units,
    label_point,
    open_atlas,
    painted,
    panel_badge,
    pin_ids,
    point_of,
    probe,
    read_at,
    slider,
    step_year,
    view,
    wait_for_map,
    wait_for_query,
    wait_for_selection,
)

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def _label(facts: Facts, unit: str, year: int) -> str:
    return facts.status_entries[facts.status(unit, year_day(year)).status].label


def _warnings(page):
    return page.locator('[data-testid="stAlert"]:has([data-testid="stAlertContentWarning"])')


def _no_exception(page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_the_map_renders_every_unit_in_its_status_colour(page, app_url, facts):
    """The view opened from the URL (every year, reached with the slider: test_map_reading)."""
    year = today().year
    frame = open_atlas(page, app_url, year)
    assert painted(frame, year) == expected_units(facts, year)
    assert frame.locator("path.leaflet-interactive[data-context]").count() > 0, "no grey neighbour is drawn"
    assert frame.locator(".atlas-error").count() == 0
    _no_exception(page)


@pytest.mark.parametrize(("year", "status"), [(2015, "accession"), (2017, "member")])
def test_clicking_montenegro_shows_its_status_of_the_year(page, app_url, facts, year, status):
    # The facts themselves: invited in December 2015, a member since June 2017.
    assert facts.status("MNE", year_day(year)).status == status
    frame = open_atlas(page, app_url, year)
    expect(panel_badge(page, "MNE")).to_have_count(0)
    click_unit(page, frame, facts, "MNE", year)
    expect(panel_badge(page, "MNE")).to_have_text(facts.status_entries[status].label)
    expect(country_box(page)).to_have_value(facts.units["MNE"].name)
    wait_for_query(page, view(year, "MNE"))
    wait_for_selection(frame, "MNE")
    _no_exception(page)


@pytest.mark.parametrize(
    ("start", "changed"),
    [
        (2016, {"MNE"}),  # Montenegro joins: recoloured
        (2005, {"SCG", "SRB", "MNE"}),  # Serbia and Montenegro splits: shapes swapped
    ],
)
def test_the_slider_recolours_the_map_without_remounting_it(page, app_url, facts, start, changed):
    """Guards the base map staying identical between runs: a remount would reload Leaflet and the shapes."""
    frame = open_atlas(page, app_url, start)
    assert painted(frame, start) == expected_units(facts, start)
    iframe = page.locator(IFRAME).element_handle()
    frame.evaluate("() => { window.__atlasMark = 'kept'; document.querySelector('.leaflet-container').__atlasMark = 'kept'; }")

    after = step_year(page, "ArrowRight", start + 1)

    assert iframe.evaluate("element => element.isConnected"), "the map's iframe was replaced"
    assert page.locator(IFRAME).count() == 1
    assert after == frame, "the map's iframe holds a new document"
    assert frame.evaluate("() => window.__atlasMark") == "kept", "the map's window was reloaded"
    assert frame.evaluate("() => document.querySelector('.leaflet-container').__atlasMark") == "kept"
    expected = expected_units(facts, start + 1)
    assert painted(frame, start + 1) == expected
    before = expected_units(facts, start)
    differing = {unit for unit in before.keys() | expected.keys() if before.get(unit) != expected.get(unit)}
    assert changed <= differing, f"the facts no longer change {changed} from {start} to {start + 1}"
    expect(slider(page)).to_have_attribute("aria-valuetext", str(start + 1))
    _no_exception(page)


def test_a_late_answer_never_moves_the_map_back(page, app_url):
    """Regression: with keys faster than reruns, the server's confirmed view of an earlier step
    arrived after the slider had moved on and set the map back a year (2001, 2002, 2001, 2003...).
    A late answer may still bring the selection."""
    frame = open_atlas(page, app_url, 2010)
    probe(frame, "recordYears")
    probe(page, "setViewMarker", {"year": 2009, "selected": "MNE", "compare": None})
    wait_for_selection(frame, "MNE")
    assert probe(frame, "mapYear") == "2010"
    assert 2009 not in probe(frame, "paintedYears")


def test_pins_appear_and_disappear_when_the_slider_moves(page, app_url, facts):
    """SFOR ends in December 2004: its pin must go when the year moves on, and come back."""
    ids = {year: sorted(site.id for site in facts.sites_active(year)) for year in (2004, 2005)}
    assert "op-sfor" in ids[2004] and "op-sfor" not in ids[2005]
    assert {"kfor-hq-film-city", "nhq-sarajevo"} <= set(ids[2005])
    frame = open_atlas(page, app_url, 2004)
    assert pin_ids(read_at(frame, 2004, "pinIds")["pinIds"]) == ids[2004]
    frame = step_year(page, "ArrowRight", 2005)
    assert pin_ids(read_at(frame, 2005, "pinIds")["pinIds"]) == ids[2005]
    frame = step_year(page, "ArrowLeft", 2004)
    assert pin_ids(read_at(frame, 2004, "pinIds")["pinIds"]) == ids[2004]


def test_no_request_leaves_the_machine(page, app_url, facts):
    """Guards against CDN links (folium's defaults), tiles or fonts fetched from the internet."""
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))
    open_atlas(page, app_url, 2016)
    frame = step_year(page, "ArrowRight", 2017)
    click_unit(page, frame, facts, "MNE", 2017)
    expect(panel_badge(page, "MNE")).to_have_count(1)
    pin = frame.locator(".atlas-pin").first
    pin.hover()
    pin.click()
    expect(frame.locator(".leaflet-popup-content")).to_be_visible()
    chart = page.locator('[data-testid="stVegaLiteChart"], .vega-embed').first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    page.wait_for_timeout(500)

    assert any(url.startswith("ws") for url in seen), "the recorder missed Streamlit's websocket"
    assert any(urlsplit(url).path.endswith("/atlas.js") for url in seen), "the recorder missed the map iframe's requests"
    foreign = [url for url in seen if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname not in LOCAL_HOSTS]
    assert not foreign


def test_the_url_opens_a_view_and_follows_the_year(page, app_url, facts):
    frame = open_atlas(page, app_url, 2008, "MNE")
    expect(slider(page)).to_have_attribute("aria-valuetext", "2008")
    expect(panel_badge(page, "MNE")).to_have_text(_label(facts, "MNE", 2008))
    expect(country_box(page)).to_have_value(facts.units["MNE"].name)
    assert painted(frame, 2008) == expected_units(facts, 2008)
    strokes = probe(frame, "strokes")
    others = {stroke for unit, stroke in strokes.items() if unit != "MNE"}
    assert strokes["MNE"] not in others, f"the selected unit is not outlined: {strokes}"
    expect(_warnings(page)).to_have_count(0)
    # Changing the year keeps the country and rewrites the URL.
    step_year(page, "ArrowRight", 2009, "MNE")
    expect(panel_badge(page, "MNE")).to_have_text(_label(facts, "MNE", 2009))
    step_year(page, "ArrowLeft", 2008, "MNE")
    expect(panel_badge(page, "MNE")).to_have_text(_label(facts, "MNE", 2008))


def test_the_url_follows_the_selection(page, app_url, facts):
    """Choosing a country in the list writes it into the URL and outlines it on the map; choosing none removes it."""
    frame = open_atlas(page, app_url, 2010)
    country_box(page).click()
    page.get_by_role("option", name=facts.units["ALB"].name, exact=True).click()
    wait_for_query(page, view(2010, "ALB"))
    wait_for_selection(frame, "ALB")
    expect(panel_badge(page, "ALB")).to_have_text(_label(facts, "ALB", 2010))
    country_box(page).click()
    page.get_by_role("option", name="None: the year at a glance").click()
    wait_for_query(page, view(2010))
    wait_for_selection(frame, None)
    expect(page.locator(".atlas-panel[data-unit]")).to_have_count(0)


@pytest.mark.parametrize(
    ("raw_query", "shown"),
    [
        ("year=abc", "abc"),
        ("year=1800", "1800"),
        ("year=2008&country=" + quote("<script>alert(1)</script>"), "<script>alert(1)</script>"),
    ],
    ids=["year-abc", "year-1800", "country-script"],
)
def test_a_bad_url_warns_and_falls_back(page, app_url, raw_query, shown):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}/?{raw_query}")
    year = 2008 if "year=2008" in raw_query else today().year
    wait_for_map(page, year)
    wait_for_query(page, view(year))
    alert = _warnings(page)
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text(shown)  # shown as text, never as markup
    expect(slider(page)).to_have_attribute("aria-valuetext", str(year))
    expect(page.locator(".atlas-panel[data-unit]")).to_have_count(0)
    _no_exception(page)
    assert page.locator("script", has_text="alert(1)").count() == 0
    assert not dialogs


def test_the_zoom_survives_a_year_change(page, app_url):
    """Guards the view: streamlit-folium resets it when the map is rebuilt with a zoom or centre."""
    frame = open_atlas(page, app_url, 2010)
    before = frame.evaluate("() => window.map.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("z => window.map.getZoom() > z && !window.map._animatingZoom", arg=before)
    page.wait_for_timeout(600)  # let streamlit-folium's debounced moveend report (and rerun) first
    zoomed = probe(frame, "mapView")
    frame = step_year(page, "ArrowRight", 2011)
    page.wait_for_timeout(300)
    after = probe(frame, "mapView")
    assert after[0] == zoomed[0]
    assert after[1:] == pytest.approx(zoomed[1:], abs=1e-6)


def test_reset_view_returns_to_the_whole_region(page, app_url):
    frame = open_atlas(page, app_url, 2010)
    whole = "() => window.map.getBounds().contains(window.atlas.config.bounds)"
    zoom = frame.evaluate("() => window.map.getZoom()")
    assert frame.evaluate(whole), "the default view does not show the whole region"
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("z => window.map.getZoom() > z && !window.map._animatingZoom", arg=zoom)
    frame.evaluate("() => window.map.panBy([120, 80], {animate: false})")
    assert not frame.evaluate(whole)
    frame.locator('button[aria-label="Reset view"]').click()
    frame.wait_for_function(f"() => ({whole})() && !window.map._animatingZoom")
    assert frame.evaluate("() => window.map.getZoom()") == zoom


def test_a_click_on_a_partly_hidden_map_selects_the_country(page, app_url, facts):
    """Guards the first click on a map whose bottom is below the fold (1366×768 and smaller).

    Leaflet focuses the map on mouse-down; the browser then scrolls the page to show the whole
    focused iframe, the country moves away under the pointer before mouse-up, and the click
    lands on the map's background: nothing is selected.
    """
    frame = open_atlas(page, app_url, 2017)
    box = page.locator(IFRAME).bounding_box()
    page.set_viewport_size({"width": 1366, "height": int(box["y"] + box["height"] - 60)})
    page.wait_for_timeout(300)
    x, y = point_of(frame, *label_point(facts, "MNE", 2017))
    box = page.locator(IFRAME).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(panel_badge(page, "MNE")).to_have_text(_label(facts, "MNE", 2017))
