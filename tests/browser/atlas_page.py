"""What the browser tests do with the atlas page: open a view, move the year, select a country, read the map.

The page's DOM is described in the UI contract (the year slider ``.st-key-year input[type=range]``,
the "Country" combobox, the map in ``iframe[title^="Map"]``). The map marks its Leaflet container
with ``data-atlas-loaded`` and ``data-atlas-year``, each unit's SVG path with ``data-unit``,
``data-status`` and its ``fill``, each pin with ``data-site`` and each group of pins with
``data-cluster``. These helpers wait on those marks, never on fixed delays, and read what the map
shows in one script run, so that a year change arriving in between cannot mix two years. What they
read in the browser is in ``probes.js`` beside this module.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import geodata
from facts import Facts, year_day

IFRAME = 'iframe[title^="Map"]'
# The axe-core impacts the issue forbids.
BLOCKING = {"serious", "critical"}
SLIDER = ".st-key-year input[type=range]"
LOADED = '.leaflet-container[data-atlas-loaded="true"]'
SETTLE_TIMEOUT = 30.0
# A fresh session renders the whole page before the map: the first load may take longest.
LOAD_TIMEOUT_MS = 60_000

# The browser side of these helpers: one object of read-only functions (see probes.js).
PROBES = (Path(__file__).parent / "probes.js").read_text(encoding="utf-8").strip()


def probe(target: Page | Frame, name: str, arg: object = None):
    """Call the probe ``name`` (a function of probes.js) in the page or the map's frame."""
    return target.evaluate(f"arg => ({PROBES}).{name}(arg)", arg)


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
        page.frame_locator(IFRAME).locator(f'{LOADED}[data-atlas-year="{year}"]').wait_for(
            state="attached", timeout=LOAD_TIMEOUT_MS
        )
    except PlaywrightTimeoutError:
        raise AssertionError(f"the map never showed {year}: {_map_state(page)}") from None
    return map_frame(page)


def _map_state(page: Page) -> dict:
    """What the map and the slider say now, for failure messages."""
    state: dict = {"url": page.url, "slider": None, "map": None}
    state["exceptions"] = [text[:300] for text in page.locator('[data-testid="stException"]').all_inner_texts()]
    state["status"] = page.locator('[data-testid="stStatusWidget"], [data-testid="stConnectionStatus"]').all_inner_texts()
    if page.locator(SLIDER).count():
        state["slider"] = page.locator(SLIDER).first.get_attribute("aria-valuetext")
    if page.locator(IFRAME).count() and (frame := page.locator(IFRAME).first.element_handle().content_frame()):
        state["map"] = probe(frame, "mapState")
    return state


def wait_for_selection(frame: Frame, unit: str | None) -> None:
    """Wait until the map outlines ``unit`` as selected (or no unit, for None): the server's view reached it."""
    frame.wait_for_function(
        f"unit => {{ const pressed = ({PROBES}).pressed(); return unit === null ? pressed.length === 0 : pressed.join() === unit; }}",
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


def read_at(frame: Frame, year: int, *names: str) -> dict[str, object]:
    """Run the probes ``names`` in the map once it paints ``year``, in the same turn as the check.

    The map follows the slider at once and the server confirms each year later, so a late
    confirmation of an earlier year may repaint it for a moment: reading and checking the year in
    one script run means the answers are always about ``year``. Returns probe name -> answer.
    """
    handle = frame.wait_for_function(
        f"""([year, names]) => {{
              const probes = ({PROBES});
              if (probes.mapYear() !== String(year)) return null;
              return Object.fromEntries(names.map(name => [name, probes[name]()]));
            }}""",
        arg=[year, list(names)],
    )
    return handle.json_value()


def visit_years(page: Page, frame: Frame, years: list[int], *names: str) -> Iterator[tuple[int, dict[str, object]]]:
    """Move the slider with the keyboard to each of ``years`` in turn; yield (year, what the probes ``names`` read)."""
    current = int(slider(page).get_attribute("aria-valuetext"))
    for year in years:
        key = "ArrowRight" if year > current else "ArrowLeft"
        for _ in range(abs(year - current)):
            slider(page).press(key)
        current = year
        yield year, read_at(frame, year, *names)


# ---- What the map shows ---------------------------------------------------------------------


def drawn_units(rows: list[list[str]]) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, fill colour) from the rows of the ``painted`` probe; a unit drawn twice fails."""
    units = {unit: (status, fill) for unit, status, fill, _ in rows}
    assert len(units) == len(rows), f"a unit is drawn twice: {rows}"
    return units


def painted(frame: Frame, year: int) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, fill colour) of every unit shape the map paints for ``year``."""
    return drawn_units(read_at(frame, year, "painted")["painted"])


def expected_units(facts: Facts, year: int) -> dict[str, tuple[str, str]]:
    """Unit id -> (status, colour) that the facts give for the end of ``year``."""
    return {
        unit: (status.status, facts.status_entries[status.status].colour.lower())
        for unit, status in facts.statuses_in(year).items()
    }


def pin_ids(rows: list[list[str | None]]) -> list[str]:
    """Site ids from the rows of the ``pinIds`` probe, a group of pins counting as its members.

    Every marker icon must be one or the other.
    """
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
    container = probe(frame, "rect", ".leaflet-container")
    hit = probe(frame, "topAt", [container["left"] + x, container["top"] + y])
    assert hit == unit, f"{unit}'s label point ({x:.0f}, {y:.0f}) shows {hit!r} on top, not its shape"
    page.frame_locator(IFRAME).locator(".leaflet-container").click(position={"x": x, "y": y})


def focused(page: Page) -> dict | None:
    """What has the keyboard focus (followed into the map's frame): tag, name, unit, site, hidden, ..."""
    return probe(page, "focused")


# ---- Geometry ---------------------------------------------------------------------------


def overlap(first: dict, second: dict) -> float:
    """The area two boxes (left, top, right, bottom) share, in square pixels."""
    width = min(first["right"], second["right"]) - max(first["left"], second["left"])
    height = min(first["bottom"], second["bottom"]) - max(first["top"], second["top"])
    return max(width, 0) * max(height, 0)


def area(box: dict) -> float:
    return (box["right"] - box["left"]) * (box["bottom"] - box["top"])


def axe_blocking_violations(target, **options) -> list[str]:
    """axe-core's serious and critical violations in ``target`` (a page or a frame), one line per node."""
    results = Axe().run(target, options={"resultTypes": ["violations"], **options})
    return [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))} {node['html'][:160]!r} "
        f"{' '.join(node.get('failureSummary', '').split())}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]
