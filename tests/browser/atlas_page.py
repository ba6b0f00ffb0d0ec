"""What the browser tests do with the atlas page: open a view, step the year, click a country, read the map.

The map lives in streamlit-folium's iframe; the app marks its Leaflet container with
``data-atlas-loaded`` and ``data-atlas-year``, and each unit's SVG path with ``data-unit``,
``data-status`` and its ``fill``. These helpers wait on those marks rather than on fixed delays.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Frame, Page

import geodata
from facts import Facts, year_day

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SLIDER = '[data-testid="stSlider"]'
SETTLE_TIMEOUT = 20.0


def map_frame(page: Page) -> Frame:
    """The document inside the map's iframe (the one on the page now)."""
    frame = page.locator(IFRAME).element_handle().content_frame()
    assert frame is not None, "the map iframe has no document"
    return frame


def wait_for_map(page: Page, year: int) -> Frame:
    """Wait until the map has its shapes and shows ``year``; return the map's document."""
    container = page.frame_locator(IFRAME).locator(f'.leaflet-container[data-atlas-loaded="true"][data-atlas-year="{year}"]')
    container.wait_for(state="attached")
    frame = map_frame(page)
    # folium's fitBounds animates the first zoom (about 250 ms); Leaflet ignores a zoom asked for
    # during an animation, and shapes are still moving, so wait until the map is still.
    frame.wait_for_function("() => window.map && !window.map._animatingZoom")
    return frame


def query(page: Page) -> dict[str, str]:
    """The page's URL query, one value per key."""
    return {key: values[-1] for key, values in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}


def wait_for_query(page: Page, wanted: dict[str, str]) -> None:
    """Wait until the URL says ``wanted``: the app writes it last, so the run has finished."""
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while query(page) != wanted:
        assert time.monotonic() < deadline, f"the URL stayed {page.url}, expected the query {wanted}"
        page.wait_for_timeout(100)


def view(year: int, country: str | None = None) -> dict[str, str]:
    """The query the app keeps in the URL for a year and a selected country."""
    return {"year": str(year)} | ({"country": country} if country else {})


def open_atlas(page: Page, base_url: str, year: int, country: str | None = None) -> Frame:
    """Open the view ``?year=…&country=…``; return the map's document once it shows that year."""
    page.goto(f"{base_url}/?{'&'.join(f'{k}={v}' for k, v in view(year, country).items())}")
    frame = wait_for_map(page, year)
    wait_for_query(page, view(year, country))
    return frame


def slider(page: Page):
    return page.locator(SLIDER).get_by_role("slider")


def step_year(page: Page, key: str, year: int, country: str | None = None) -> Frame:
    """Press ``key`` (ArrowRight/ArrowLeft) on the year slider; wait until map and URL show ``year``."""
    slider(page).press(key)
    frame = wait_for_map(page, year)
    wait_for_query(page, view(year, country))
    return frame


def drawn_units(frame: Frame) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, fill colour) of every unit shape drawn on the map."""
    rows = frame.evaluate(
        """() => Array.from(document.querySelectorAll('path.leaflet-interactive[data-unit]'))
                 .map(p => [p.getAttribute('data-unit'), p.getAttribute('data-status'), p.getAttribute('fill')])"""
    )
    units = {unit: (status, (fill or "").lower()) for unit, status, fill in rows}
    assert len(units) == len(rows), f"a unit is drawn twice: {rows}"
    return units


def expected_units(facts: Facts, year: int) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, colour) that the facts give for the end of ``year``."""
    return {
        unit: (status.status, facts.status_entries[status.status].colour.lower())
        for unit, status in facts.statuses_in(year).items()
    }


def pins_on_map(frame: Frame) -> list[str]:
    """Site ids of the pins on the map, read from Leaflet's markers whose icon is in the page.

    Also checks that the page holds no marker icon that Leaflet does not know.
    """
    ids, icons = frame.evaluate(
        """() => {
             const ids = [];
             window.map.eachLayer(layer => {
               if (layer instanceof L.Marker && layer.getElement() && layer.getElement().isConnected) {
                 ids.push(layer.feature && layer.feature.properties ? layer.feature.properties.site : null);
               }
             });
             return [ids, document.querySelectorAll('.leaflet-marker-icon').length];
           }"""
    )
    assert icons == len(ids), f"{icons} pin icons in the page, {len(ids)} markers on the map"
    return sorted(ids)


def point_of(frame: Frame, lat: float, lon: float) -> tuple[float, float]:
    """Where ``(lat, lon)`` is, in pixels from the map container's top left corner."""
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", [lat, lon]
    )
    return x, y


def label_point(unit: str, year: int) -> tuple[float, float]:
    """A point inside the unit's land on the map of ``year`` (geodata's label point)."""
    rows = geodata.units_on(year_day(year)).set_index("unit")
    return float(rows.loc[unit, "label_lat"]), float(rows.loc[unit, "label_lon"])


def click_unit(page: Page, frame: Frame, unit: str, year: int) -> None:
    """Click the unit's shape on the map, at its label point."""
    x, y = point_of(frame, *label_point(unit, year))
    hit = frame.evaluate(
        """([x, y]) => {
             const box = document.querySelector('.leaflet-container').getBoundingClientRect();
             const el = document.elementFromPoint(box.left + x, box.top + y);
             return el && (el.getAttribute('data-unit') || el.className.baseVal || el.className);
           }""",
        [x, y],
    )
    assert hit == unit, f"{unit}'s label point ({x:.0f}, {y:.0f}) shows {hit!r}, not its shape"
    page.frame_locator(IFRAME).locator(".leaflet-container").click(position={"x": x, "y": y})


def pin(frame: Frame, site_id: str):
    """The icon of the pin of ``site_id``, found through Leaflet's marker (tagged for the locator)."""
    found = frame.evaluate(
        """id => {
             let found = false;
             window.map.eachLayer(layer => {
               if (layer instanceof L.Marker && layer.feature && layer.feature.properties.site === id && layer.getElement()) {
                 layer.getElement().setAttribute('data-test-pin', id);
                 found = true;
               }
             });
             return found;
           }""",
        site_id,
    )
    assert found, f"no pin of {site_id} on the map"
    return frame.locator(f'[data-test-pin="{site_id}"]')
