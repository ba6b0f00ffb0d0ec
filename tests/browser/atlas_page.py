"""What the browser tests do with the atlas page: open a view, move the year, select a country, read the map.

The page's DOM is described in the UI contract (the year slider ``.st-key-year input[type=range]``,
the "Country" combobox, the map in ``iframe[title^="Map"]``). The map marks its Leaflet container
with ``data-atlas-loaded`` and ``data-atlas-year``, each unit's SVG path with ``data-unit``,
``data-status`` and its ``fill``, each pin with ``data-site`` and each group of pins with
``data-cluster``. These helpers wait on those marks, never on fixed delays, and read what the map
shows in one script run, so that a year change arriving in between cannot mix two years.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import geodata
from facts import Facts, year_day

IFRAME = 'iframe[title^="Map"]'
SLIDER = ".st-key-year input[type=range]"
LOADED = '.leaflet-container[data-atlas-loaded="true"]'
SETTLE_TIMEOUT = 20.0

# Boxes (getBoundingClientRect, frame coordinates) of the pins and pin groups on the map.
PIN_BOXES = """() => Array.from(document.querySelectorAll('.atlas-pin, .atlas-cluster')).map(node => {
  const r = node.getBoundingClientRect();
  return {id: node.getAttribute('data-site') || node.getAttribute('data-cluster'),
          left: r.left, top: r.top, right: r.right, bottom: r.bottom};
})"""
LABEL_BOXES = """() => Array.from(document.querySelectorAll('.atlas-label[data-label-unit]')).map(node => {
  const r = (node.querySelector('.atlas-label-text') || node).getBoundingClientRect();
  return {id: node.getAttribute('data-label-unit'), text: node.textContent.trim(),
          left: r.left, top: r.top, right: r.right, bottom: r.bottom};
})"""
# The element that has the keyboard focus, followed into the map's frame.
FOCUSED = """() => {
  let element = document.activeElement, inMap = false;
  while (element && element.tagName === 'IFRAME' && element.contentDocument) {
    inMap = inMap || element.matches('iframe[title^="Map"]');
    element = element.contentDocument.activeElement;
  }
  if (!element) return null;
  const labelled = element.getAttribute('aria-labelledby');
  const byId = labelled ? labelled.split(/\\s+/).map(id => element.ownerDocument.getElementById(id))
                                  .filter(Boolean).map(node => node.textContent).join(' ') : '';
  const name = (element.getAttribute('aria-label') || byId || element.getAttribute('title') ||
                element.textContent || '').trim();
  return {inMap, tag: element.tagName.toLowerCase(), name,
          unit: element.getAttribute('data-unit'), site: element.getAttribute('data-site'),
          cluster: element.getAttribute('data-cluster'), context: element.getAttribute('data-context'),
          hidden: Boolean(element.closest('[aria-hidden="true"]')),
          combobox: element.getAttribute('role') === 'combobox' ? element.getAttribute('aria-label') : null,
          html: element.outerHTML.slice(0, 160)};
}"""


# ---- Opening a view and waiting for it ------------------------------------------------------


def view(year: int, country: str | None = None, compare: int | None = None) -> dict[str, str]:
    """The query the app keeps in the URL for a year, a selected country and a year compared with."""
    return {"year": str(year)} | ({"country": country} if country else {}) | ({"compare": str(compare)} if compare else {})


def query(page: Page) -> dict[str, str]:
    """The page's URL query, one value per key."""
    return {key: values[-1] for key, values in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}


def wait_for_query(page: Page, wanted: dict[str, str]) -> None:
    """Wait until the URL says ``wanted``: the app writes it last, so the run has finished."""
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while query(page) != wanted:
        assert time.monotonic() < deadline, f"the URL stayed {page.url}, expected the query {wanted}"
        page.wait_for_timeout(100)


def map_frame(page: Page) -> Frame:
    """The document inside the map's iframe (the one on the page now)."""
    handle = page.locator(IFRAME).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None, "the map iframe has no document"
    return frame


def wait_for_map(page: Page, year: int) -> Frame:
    """Wait until the map has its shapes and shows ``year``; return the map's document.

    If it never does, the failure says what the map shows instead (its marks, its error, the view
    the page handed it), and the slider's year.
    """
    try:
        page.frame_locator(IFRAME).locator(f'{LOADED}[data-atlas-year="{year}"]').wait_for(state="attached")
    except PlaywrightTimeoutError:
        raise AssertionError(f"the map never showed {year}: {_map_state(page)}") from None
    return map_frame(page)


def _map_state(page: Page) -> dict:
    """What the map and the slider say now, for failure messages."""
    state: dict = {"url": page.url, "slider": None, "map": None}
    if page.locator(SLIDER).count():
        state["slider"] = page.locator(SLIDER).first.get_attribute("aria-valuetext")
    if page.locator(IFRAME).count() and (frame := page.locator(IFRAME).first.element_handle().content_frame()):
        state["map"] = frame.evaluate(
            """() => {
                 const map = document.querySelector('.leaflet-container');
                 const error = document.querySelector('.atlas-error');
                 return {marks: map && Object.fromEntries(Array.from(map.attributes).filter(a => a.name.startsWith('data-'))
                                                           .map(a => [a.name, a.value])),
                         error: error && error.textContent,
                         view: window.atlas ? window.atlas.view : 'no window.atlas',
                         ready: window.atlas ? window.atlas.ready : null};
               }"""
        )
    return state


def wait_for_selection(frame: Frame, unit: str | None) -> None:
    """Wait until the map outlines ``unit`` as selected (or no unit, for None): the server's view reached it."""
    frame.wait_for_function(
        """unit => {
             const pressed = Array.from(document.querySelectorAll('path[data-unit][aria-pressed="true"]'));
             return unit === null ? pressed.length === 0 : pressed.length === 1 && pressed[0].getAttribute('data-unit') === unit;
           }""",
        arg=unit,
    )


def open_atlas(page: Page, base_url: str, year: int, country: str | None = None, compare: int | None = None) -> Frame:
    """Open the view ``?year=…&country=…&compare=…``; return the map's document once it shows that view."""
    page.goto(f"{base_url}/?{urlencode(view(year, country, compare))}")
    frame = wait_for_map(page, year)
    wait_for_query(page, view(year, country, compare))
    wait_for_selection(frame, country)
    return frame


def slider(page: Page) -> Locator:
    return page.locator(SLIDER)


def country_box(page: Page) -> Locator:
    return page.get_by_role("combobox", name="Country")


def panel_badge(page: Page, unit: str) -> Locator:
    """The status badge of the country panel of ``unit``."""
    return page.locator(f'.atlas-panel[data-unit="{unit}"] .atlas-status .atlas-badge')


def step_year(page: Page, key: str, year: int, country: str | None = None) -> Frame:
    """Press ``key`` (ArrowRight/ArrowLeft) on the year slider; wait until map and URL show ``year``."""
    slider(page).press(key)
    frame = wait_for_map(page, year)
    wait_for_query(page, view(year, country))
    return frame


def read_at(frame: Frame, year: int, script: str):
    """Run ``script`` (a JS function) in the map once it paints ``year``, in the same turn as the check.

    The map follows the slider at once and the server confirms each year later, so a late
    confirmation of an earlier year may repaint it for a moment: reading and checking the year in
    one script run means the answer is always about ``year``.
    """
    handle = frame.wait_for_function(
        f"""() => {{
              const map = document.querySelector('{LOADED}');
              if (!map || map.getAttribute('data-atlas-year') !== '{year}') return null;
              return {{value: ({script})()}};
            }}"""
    )
    return handle.json_value()["value"]


def visit_years(page: Page, frame: Frame, years: list[int], script: str) -> Iterator[tuple[int, object]]:
    """Move the slider with the keyboard to each of ``years`` in turn; yield (year, what ``script`` read)."""
    current = int(slider(page).get_attribute("aria-valuetext"))
    for year in years:
        key = "ArrowRight" if year > current else "ArrowLeft"
        for _ in range(abs(year - current)):
            slider(page).press(key)
        current = year
        yield year, read_at(frame, year, script)


# ---- What the map shows ---------------------------------------------------------------------

# Each unit's status and the colour its shape is painted with (computed style, as #rrggbb), and
# the opacity it is painted at; the sea behind the shapes.
PAINTED = """() => Array.from(document.querySelectorAll('path.leaflet-interactive[data-unit]')).map(p => {
  const style = getComputedStyle(p);
  const rgb = style.fill.match(/^rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)/);
  const fill = rgb ? '#' + rgb.slice(1, 4).map(v => Number(v).toString(16).padStart(2, '0')).join('') : style.fill;
  return [p.getAttribute('data-unit'), p.getAttribute('data-status'), fill, Number(style.fillOpacity)];
})"""


def drawn_units(rows: list[list[str]]) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, fill colour) from the rows of ``PAINTED``; a unit drawn twice fails."""
    units = {unit: (status, fill) for unit, status, fill, _ in rows}
    assert len(units) == len(rows), f"a unit is drawn twice: {rows}"
    return units


def painted(frame: Frame, year: int) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, fill colour) of every unit shape the map paints for ``year``."""
    return drawn_units(read_at(frame, year, PAINTED))


def expected_units(facts: Facts, year: int) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, colour) that the facts give for the end of ``year``."""
    return {
        unit: (status.status, facts.status_entries[status.status].colour.lower())
        for unit, status in facts.statuses_in(year).items()
    }


PIN_IDS = """() => Array.from(document.querySelectorAll('.leaflet-marker-icon:not(.atlas-label)')).map(node =>
  [node.getAttribute('data-site'), node.getAttribute('data-cluster')])"""


def pin_ids(rows: list[list[str | None]]) -> list[str]:
    """Site ids on the map, a group of pins counting as its members; every marker icon must be one or the other."""
    ids: list[str] = []
    for site, cluster in rows:
        assert site or cluster, f"a marker icon is neither a pin nor a group of pins: {rows}"
        ids.extend([site] if site else cluster.split(","))
    return sorted(ids)


def label_point(facts: Facts, unit: str, year: int) -> tuple[float, float]:
    """A point inside the unit's land on the map of ``year`` (geodata's label point), as (lat, lon)."""
    alive = [alive.id for alive in facts.units_alive(year_day(year))]
    rows = geodata.units_for(alive, facts.land_owners()).set_index("unit")
    return float(rows.loc[unit, "label_lat"]), float(rows.loc[unit, "label_lon"])


def point_of(frame: Frame, lat: float, lon: float) -> tuple[float, float]:
    """Where ``(lat, lon)`` is, in pixels from the map container's top left corner."""
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }", [lat, lon]
    )
    return x, y


def click_unit(page: Page, frame: Frame, facts: Facts, unit: str, year: int) -> None:
    """Click the unit's shape on the map at its label point (checked to show that shape on top first)."""
    x, y = point_of(frame, *label_point(facts, unit, year))
    hit = frame.evaluate(
        """([x, y]) => {
             const box = document.querySelector('.leaflet-container').getBoundingClientRect();
             const top = document.elementFromPoint(box.left + x, box.top + y);
             return top ? top.getAttribute('data-unit') || top.outerHTML.slice(0, 120) : null;
           }""",
        [x, y],
    )
    assert hit == unit, f"{unit}'s label point ({x:.0f}, {y:.0f}) shows {hit!r} on top, not its shape"
    page.frame_locator(IFRAME).locator(".leaflet-container").click(position={"x": x, "y": y})


def focused(page: Page) -> dict | None:
    """What has the keyboard focus (followed into the map's frame): tag, name, unit, site, hidden, ..."""
    return page.evaluate(FOCUSED)


# ---- Geometry ---------------------------------------------------------------------------


def overlap(first: dict, second: dict) -> float:
    """The area two boxes (left, top, right, bottom) share, in square pixels."""
    width = min(first["right"], second["right"]) - max(first["left"], second["left"])
    height = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
    return max(width, 0) * max(height, 0)


def area(box: dict) -> float:
    return (box["right"] - box["left"]) * (box["bottom"] - box["top"])
