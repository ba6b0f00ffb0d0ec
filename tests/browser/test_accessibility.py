"""Accessibility as a reader with assistive technology meets it: axe-core's rules, and the keyboard alone.

axe-core runs through axe-playwright-python (which ships ``axe.min.js``; nothing is fetched) on the
page and, separately, inside the map's frame, for a plain view and for a view with a country
selected and a comparison. The keyboard tests start from the top of the page and press Tab, as a
reader who cannot use a mouse does.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from facts import Facts, year_day
from tests.browser.atlas_page import (
    axe_blocking_violations,
    country_box,
    focused,
    open_atlas,
    panel_badge,
    probe,
    view,
    wait_for_query,
    wait_for_selection,
)

pytestmark = pytest.mark.browser

# The limit: the Country selector within 15 Tab presses from the top of the page.
MAX_TABS_TO_COUNTRY = 15
# The controls and panels come before the map for the keyboard (the map is shown on the left but
# is last in the page's order), so reaching it takes the page's own stops first: a bound, not a target.
MAX_TABS_TO_MAP = 60
VIEWS = {
    "plain": {"year": 2008},
    "country-and-comparison": {"year": 2009, "country": "MNE", "compare": 1999},
}


def _start_from_the_top(page) -> None:
    """Put the keyboard focus on the document itself, as when the page has just opened."""
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); document.body.focus(); }")


def _tab_until(page, wanted, limit: int) -> tuple[int, list[dict]]:
    """Press Tab until ``wanted(focused)`` holds; the number of presses and every stop on the way."""
    stops = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append(stop)
        if stop and wanted(stop):
            return presses, stops
    return limit + 1, stops


@pytest.mark.parametrize("name", VIEWS)
def test_axe_finds_no_serious_violation_on_the_page(page, app_url, name):
    open_atlas(page, app_url, **VIEWS[name])
    violations = axe_blocking_violations(page, iframes=False)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("name", VIEWS)
def test_axe_finds_no_serious_violation_inside_the_map(page, app_url, name):
    frame = open_atlas(page, app_url, **VIEWS[name])
    violations = axe_blocking_violations(frame)
    assert not violations, "\n".join(violations)


def test_the_country_selector_is_reached_from_the_top_in_at_most_15_tabs(page, app_url):
    open_atlas(page, app_url, 2008)
    _start_from_the_top(page)
    presses, stops = _tab_until(page, lambda stop: stop["combobox"] == "Country", MAX_TABS_TO_COUNTRY)
    assert presses <= MAX_TABS_TO_COUNTRY, [(stop or {}).get("name", "")[:50] for stop in stops]


def test_a_country_is_chosen_with_the_keyboard_in_the_selector(page, app_url, facts: Facts):
    frame = open_atlas(page, app_url, 2008)
    _start_from_the_top(page)
    presses, _ = _tab_until(page, lambda stop: stop["combobox"] == "Country", MAX_TABS_TO_COUNTRY)
    assert presses <= MAX_TABS_TO_COUNTRY
    name = facts.units["ALB"].name
    page.keyboard.type(name)
    expect(page.get_by_role("option", name=name, exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    label = facts.status_entries[facts.status("ALB", year_day(2008)).status].label
    expect(panel_badge(page, "ALB")).to_have_text(label)
    expect(country_box(page)).to_have_value(name)
    wait_for_query(page, view(2008, "ALB"))
    wait_for_selection(frame, "ALB")


def test_tab_reaches_the_countries_on_the_map_and_enter_selects_one(page, app_url, facts: Facts):
    frame = open_atlas(page, app_url, 2017)
    units = frame.locator("path[data-unit]").count()
    _start_from_the_top(page)
    presses, stops = _tab_until(page, lambda stop: stop["inMap"] and stop["unit"] == "MNE", MAX_TABS_TO_MAP + units)
    assert stops[-1] and stops[-1]["unit"] == "MNE", (
        f"Tab never reached Montenegro on the map: {[s and s['html'] for s in stops]}"
    )
    assert facts.units["MNE"].name_on(year_day(2017)) in stops[-1]["name"], stops[-1]
    page.keyboard.press("Enter")
    label = facts.status_entries[facts.status("MNE", year_day(2017)).status].label
    expect(panel_badge(page, "MNE")).to_have_text(label)
    expect(country_box(page)).to_have_value(facts.units["MNE"].name)
    wait_for_query(page, view(2017, "MNE"))
    wait_for_selection(frame, "MNE")


def test_tab_goes_on_past_the_map(page, app_url):
    """No keyboard trap: after the map's last focusable element, Tab leaves the frame for the page."""
    frame = open_atlas(page, app_url, 2008)
    focusable = probe(frame, "focusable")
    _start_from_the_top(page)
    entered, _ = _tab_until(page, lambda stop: stop["inMap"], MAX_TABS_TO_MAP)
    assert entered <= MAX_TABS_TO_MAP, "Tab never entered the map"
    inside, stops = _tab_until(page, lambda stop: not stop["inMap"], focusable + 5)
    assert inside <= focusable + 5, f"Tab stayed in the map for {inside} presses: {[s and s['html'] for s in stops[-5:]]}"
    after = stops[-1]
    assert after is not None and after["tag"] != "body", f"Tab fell off the page after the map: {after}"


def test_every_tab_stop_in_the_map_has_a_name_and_is_not_hidden(page, app_url):
    """A screen reader announces each stop: none without a name, none inside aria-hidden (axe's aria-hidden-focus)."""
    frame = open_atlas(page, app_url, 2008)
    focusable = probe(frame, "focusable")
    _start_from_the_top(page)
    _tab_until(page, lambda stop: stop["inMap"], MAX_TABS_TO_MAP)
    stops = [focused(page)]
    _, more = _tab_until(page, lambda stop: not stop["inMap"], focusable + 5)
    stops += [stop for stop in more if stop and stop["inMap"]]
    unnamed = [stop["context"] or stop["html"] for stop in stops if not stop["name"]]
    hidden = [stop["context"] or stop["html"] for stop in stops if stop["hidden"]]
    assert not unnamed and not hidden, {"no accessible name": unnamed, "aria-hidden": hidden}
