"""The static atlas in a real browser, served by a plain static file server under a sub-path.

Builds the site into a temporary folder, serves its parent with ``python -m http.server`` (bound to
127.0.0.1, on a free port) and opens ``/atlas/`` in Debian's Chromium. Guards what only a browser
shows: the map painted in each year's colours, the slider driven by the keyboard, the country panel
drawn from the unit data, Play stepping and Pause stopping, the view in the URL, no request to any
other host, hostile data kept as text, and a phone-width page without horizontal scrolling.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.export.site import site_files, write_site
from facts import Facts, today, validate
from facts.loading import DEFAULT_DATA_DIR
from tests.dashboard.conftest import PAYLOAD, write_hostile_copy
from tests.support import free_port

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000
LOADED = '.leaflet-container[data-atlas-loaded="true"]'
# The unit of every painted country shape and its fill, read in one script run.
FILLS = """() => Object.fromEntries(Array.from(document.querySelectorAll('path[data-unit]'))
  .map(path => [path.getAttribute('data-unit'), (path.getAttribute('fill') || '').toLowerCase()]))"""


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """``python -m http.server`` on a free local port in ``directory``; its URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    process = subprocess.Popen(command, cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, f"http.server exited with {process.returncode}"
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "http.server did not answer"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _served_site(facts: Facts, root: Path) -> Iterator[str]:
    write_site(root / "atlas", site_files(facts, "https://atlas.example/"))
    with serving(root) as url:
        yield url + "atlas/"


@pytest.fixture(scope="module")
def site_url(facts: Facts, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served_site(facts, tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def hostile_site_url(hostile_facts_module: Facts, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served_site(hostile_facts_module, tmp_path_factory.mktemp("hostile-served"))


@pytest.fixture(scope="module")
def hostile_facts_module(tmp_path_factory: pytest.TempPathFactory) -> Facts:
    """The facts with the payload in Montenegro's texts and a Kosovo site (as the ``hostile_facts`` fixture, once)."""
    directory = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, directory)
    write_hostile_copy(directory)
    facts, problems = validate(directory)
    assert not problems, problems
    return facts


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    """A fresh page that records every request (``tab.requests``) and every dialog (``tab.dialogs``)."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.requests, page.dialogs = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _open(page: Page, url: str, year: int | None = None, country: str | None = None) -> None:
    query = "&".join(part for part in (f"year={year}" if year else "", f"country={country}" if country else "") if part)
    page.goto(url + (f"?{query}" if query else ""))
    expect(page.locator(LOADED)).to_have_count(1)


def _expected_fills(facts: Facts, year: int) -> dict[str, str]:
    return {unit: facts.status_entries[status.status].colour.lower() for unit, status in facts.statuses_in(year).items()}


def _shows_year(page: Page, facts: Facts, year: int) -> None:
    expect(page.locator(f'.leaflet-container[data-atlas-year="{year}"]')).to_have_count(1)
    assert page.evaluate(FILLS) == _expected_fills(facts, year)
    expect(page.locator(".atlas-year-number")).to_have_text(str(year))


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _badge(page: Page, unit: str):
    return page.locator(f'.atlas-panel[data-unit="{unit}"] .atlas-status .atlas-badge')


def _label(facts: Facts, unit: str, year: int) -> str:
    return facts.status_entries[facts.statuses_in(year)[unit].status].label


@pytest.mark.parametrize("year", [1990, 1999, 2008, 2017])
def test_the_map_paints_the_years_colours(tab, site_url, facts, year):
    _open(tab, site_url, year)
    _shows_year(tab, facts, year)


def test_the_slider_moves_with_the_keyboard_and_the_url_follows(tab, site_url, facts):
    _open(tab, site_url, 2008)
    slider = tab.get_by_label("Year (status on 31 December; today for the current year)")
    slider.focus()
    tab.keyboard.press("ArrowRight")
    _shows_year(tab, facts, 2009)
    expect(slider).to_have_attribute("aria-valuetext", "2009")
    assert _query(tab)["year"] == ["2009"]
    assert "2009" in tab.title()


def test_choosing_a_country_shows_its_panel_and_later_steps(tab, site_url, facts):
    _open(tab, site_url, 2008)
    tab.get_by_label("Country").select_option("MNE")
    expect(_badge(tab, "MNE")).to_have_text(_label(facts, "MNE", 2008))
    panel = tab.locator("#panel")
    expect(panel.locator("h2")).to_have_text("Montenegro")
    later = panel.locator("li.atlas-future", has_text="Becomes NATO's 29th member")
    expect(later.locator(".atlas-later")).to_have_text("later")
    expect(later.locator("time")).to_have_attribute("datetime", "2017-06-05")
    expect(panel.locator(".atlas-sources a").first).to_have_attribute("href", facts.units["MNE"].sources[0].url)
    expect(tab.locator('path[data-unit="MNE"]')).to_have_attribute("aria-pressed", "true")
    assert _query(tab)["country"] == ["MNE"]
    expect(tab.locator("#live-link")).to_have_attribute("href", "https://atlas.example/?year=2008&country=MNE")
    tab.keyboard.press("Tab")  # leaves the list; the slider still drives the panel
    tab.get_by_label("Year (status on 31 December; today for the current year)").fill("2017")
    expect(_badge(tab, "MNE")).to_have_text(_label(facts, "MNE", 2017))


def test_enter_on_a_country_of_the_map_selects_it(tab, site_url, facts):
    _open(tab, site_url, 2010)
    tab.locator('path[data-unit="ALB"]').focus()
    tab.keyboard.press("Enter")
    expect(tab.get_by_label("Country")).to_have_value("ALB")
    expect(_badge(tab, "ALB")).to_have_text(_label(facts, "ALB", 2010))


def test_play_steps_through_the_years_and_pause_stops(tab, site_url, facts):
    _open(tab, site_url, 2015, "MNE")
    play = tab.locator("#play")
    expect(play).to_have_text("▶ Play")
    play.click()
    expect(play).to_have_text("⏸ Pause")
    _shows_year(tab, facts, 2016)
    _shows_year(tab, facts, 2017)
    expect(_badge(tab, "MNE")).to_have_text(_label(facts, "MNE", 2017))
    play.click()
    expect(play).to_have_text("▶ Play")
    stopped = int(tab.locator("#year").input_value())
    tab.wait_for_timeout(2500)
    assert int(tab.locator("#year").input_value()) == stopped
    assert _query(tab)["year"] == [str(stopped)]


def test_play_stops_at_the_last_year(tab, site_url, facts):
    last = today().year
    _open(tab, site_url, last - 1)
    tab.locator("#play").click()
    _shows_year(tab, facts, last)
    expect(tab.locator("#play")).to_have_text("▶ Play")
    tab.wait_for_timeout(1500)
    assert tab.locator("#year").input_value() == str(last)


def test_no_request_leaves_the_machine(tab, site_url, facts):
    _open(tab, site_url, 2008, "XKX")
    expect(_badge(tab, "XKX")).to_have_text(_label(facts, "XKX", 2008))
    tab.locator(".atlas-pin, .atlas-cluster").first.dispatch_event("click")
    tab.keyboard.press("End")
    tab.wait_for_timeout(500)
    hosts = {urlsplit(url).hostname for url in tab.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts
    assert any(url.endswith(".geojson") for url in tab.requests)


def test_a_bad_link_warns_and_falls_back(tab, site_url, facts):
    tab.goto(site_url + "?year=1066&country=%3Cscript%3E")
    expect(tab.locator(LOADED)).to_have_count(1)
    notice = tab.locator("#notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("“1066”")
    expect(notice).to_contain_text("“<script>”")
    _shows_year(tab, facts, today().year)
    expect(tab.get_by_label("Country")).to_have_value("")


def test_hostile_data_is_shown_as_text(tab, hostile_site_url, hostile_facts_module):
    tab.on("request", lambda request: tab.dialogs.append(request.url) if urlsplit(request.url).path.endswith("/x") else None)
    _open(tab, hostile_site_url, 2006, "MNE")
    panel = tab.locator('.atlas-panel[data-unit="MNE"]')
    expect(panel.locator("h2")).to_have_text(f"Montenegro {PAYLOAD}")
    expect(panel.locator(".atlas-summary")).to_have_text(f"Summary {PAYLOAD}")
    expect(tab.locator(".atlas-timeline").first).to_contain_text(f"Title {PAYLOAD}")
    expect(tab.locator("#country option:checked")).to_have_text(f"Montenegro {PAYLOAD}")
    tab.get_by_label("Country").select_option("XKX")
    tab.locator("#year").fill(str(today().year))
    expect(tab.locator(".atlas-sites")).to_contain_text(f"Site {PAYLOAD}")
    expect(tab.locator(".atlas-sites")).to_contain_text(f"Role {PAYLOAD}")
    tab.wait_for_timeout(300)
    assert tab.locator('img[src="x"]').count() == 0
    assert tab.dialogs == []


def test_a_phone_never_scrolls_sideways_and_print_hides_the_controls(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "?year=2008&country=MNE")
        expect(page.locator(LOADED)).to_have_count(1)
        expect(page.locator(".atlas-panel[data-unit=MNE]").first).to_be_visible()
        width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= client
        page.emulate_media(media="print")
        expect(page.locator(".site-controls")).to_be_hidden()
        expect(page.locator("h1")).to_be_visible()  # page.css hides Streamlit's <header> on paper, not this one
        expect(page.locator("#panel .atlas-sources")).to_be_visible()
    finally:
        context.close()
