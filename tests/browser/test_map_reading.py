"""Reading the map as painted: names and the year on it, pins that never hide each other, the legend, colours.

Most tests move the year slider with the keyboard through every year of the atlas on one page and
read the map at its default view after each step (boxes from getBoundingClientRect, colours from
the computed style), so every year's layout is checked, not a chosen few. Expected names, sites and
colours come from the facts.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from playwright.sync_api import expect

from dashboard.pin_symbols import SYMBOLS
from facts import FIRST_YEAR, Facts, today, year_day
from tests.browser.atlas_page import (
    IFRAME,
    area,
    drawn_units,
    expected_units,
    label_point,
    open_atlas,
    overlap,
    pin_ids,
    point_of,
    probe,
    read_at,
    visit_years,
)
from tests.colour_vision import DEFICIENCIES
from tests.colour_vision import seen as seen_by

pytestmark = pytest.mark.browser

YEARS = list(range(FIRST_YEAR, today().year + 1))
# Pins may touch; more than this share of the smaller box covered hides a pin.
MAX_PIN_OVERLAP = 0.05
# Boxes closer than a pixel are anti-aliasing, not overlap.
TOLERANCE = 1.0
MIN_DISTANCE = 12  # CAM02-UCS, after simulation (issue 12)

# What the module's sweep reads in every year (functions of probes.js).
READINGS = ("names", "labelBoxes", "pinBoxes", "pinNames", "yearOnMap", "painted", "shown", "pinIds")


@pytest.fixture(scope="module")
def every_year(browser, browser_context_args, app_url) -> dict[int, dict]:
    """What the map shows at its default view in every year, read once for the module's tests.

    One page opens the first year and steps the slider through every year with the keyboard
    (36 year changes take about half a minute); each test then checks its part of the readings.
    """
    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        frame = open_atlas(page, app_url, YEARS[0])
        readings = {YEARS[0]: read_at(frame, YEARS[0], *READINGS)}
        readings.update(visit_years(page, frame, YEARS[1:], *READINGS))
    finally:
        context.close()
    return readings


def _overlaps(boxes_a: list[dict], boxes_b: list[dict], same: bool = False) -> list[tuple[str, str, float]]:
    """Pairs of boxes that share more than ``TOLERANCE`` pixels each way, with the share of the smaller box."""
    pairs = itertools.combinations(boxes_a, 2) if same else itertools.product(boxes_a, boxes_b)
    found = []
    for first, second in pairs:
        shrunk = {"left": first["left"] + TOLERANCE, "top": first["top"] + TOLERANCE, "right": first["right"] - TOLERANCE}
        shrunk["bottom"] = first["bottom"] - TOLERANCE
        shared = overlap(shrunk, second)
        if shared > 0:
            found.append((first["id"], second["id"], round(shared / min(area(first), area(second)), 2)))
    return found


# ---- Statuses and sites of every year --------------------------------------------------------


def test_every_unit_is_painted_in_its_status_colour_in_every_year(every_year, facts: Facts):
    wrong = {}
    for year, reading in every_year.items():
        shown, expected = drawn_units(reading["painted"]), expected_units(facts, year)
        if shown != expected:
            wrong[year] = {
                unit: (shown.get(unit), expected.get(unit))
                for unit in shown.keys() | expected.keys()
                if shown.get(unit) != expected.get(unit)
            }
    assert not wrong, f"(painted, facts) of the units that differ: {wrong}"


def test_the_pins_are_the_sites_active_in_every_year(every_year, facts: Facts):
    """A group of pins counts as its members (``data-cluster``): no site missing, none extra, none twice."""
    wrong = {}
    for year, reading in every_year.items():
        shown, expected = pin_ids(reading["pinIds"]), sorted(site.id for site in facts.sites_active(year))
        if shown != expected:
            wrong[year] = {
                "missing": sorted(set(expected) - set(shown)),
                "extra": sorted(set(shown) - set(expected)),
                "shown": shown,
            }
    assert not wrong, f"{wrong}"


# ---- Names and the year on the map ------------------------------------------------------------


def test_every_unit_is_named_on_the_map_with_its_name_of_the_year(every_year, facts: Facts):
    # The examples, as the facts give them.
    assert facts.units["YUG"].short_name_on(year_day(1990)) == "Yugoslavia"
    assert facts.units["SCG"].short_name_on(year_day(2005)) == "Serbia and Montenegro"
    assert all(facts.units["XKX"].short_name_on(year_day(year)) == "Kosovo" for year in YEARS if year >= 2008)
    wrong = {}
    for year, reading in every_year.items():
        names = reading["names"]
        day = year_day(year)
        expected = {unit.id: unit.short_name_on(day) for unit in facts.units_alive(day)}
        shown = {name["unit"]: name["text"] for name in names if name["visible"]}
        if shown != expected or len(names) != len(expected):
            wrong[year] = {"expected": expected, "shown": shown}
    assert not wrong, f"{wrong}"


def test_each_name_is_written_inside_its_unit(every_year):
    """The centre of each name lies on its own country's shape, not on a neighbour's or the sea."""
    astray = {
        year: [(name["unit"], name["text"], name["under"]) for name in reading["names"] if name["under"] != name["unit"]]
        for year, reading in every_year.items()
    }
    failing = {year: found for year, found in astray.items() if found}
    assert not failing, f"{failing}"


def test_no_name_covers_a_pin_at_the_default_view(every_year):
    covered = {year: _overlaps(reading["labelBoxes"], reading["pinBoxes"]) for year, reading in every_year.items()}
    failing = {year: pairs for year, pairs in covered.items() if pairs}
    assert not failing, f"{failing}"


def test_names_do_not_cover_each_other_at_the_default_view(every_year):
    covered = {year: _overlaps(reading["labelBoxes"], reading["labelBoxes"], same=True) for year, reading in every_year.items()}
    failing = {year: pairs for year, pairs in covered.items() if pairs}
    assert not failing, f"{failing}"


def test_the_year_is_written_on_the_map(every_year):
    wrong = {
        year: reading["yearOnMap"]
        for year, reading in every_year.items()
        if reading["yearOnMap"] != {"text": str(year), "visible": True}
    }
    assert not wrong


# ---- Pins ---------------------------------------------------------------------------------------


def test_pins_never_hide_each_other_at_the_default_view(every_year):
    hidden = {
        year: [pair for pair in _overlaps(reading["pinBoxes"], reading["pinBoxes"], same=True) if pair[2] > MAX_PIN_OVERLAP]
        for year, reading in every_year.items()
    }
    failing = {year: pairs for year, pairs in hidden.items() if pairs}
    assert not failing, f"{failing}"


def test_every_pin_and_group_of_pins_has_an_accessible_name(every_year, facts: Facts):
    """A pin is a button named after its site; a group is a button that names every site in it."""
    unnamed = {}
    for year, reading in every_year.items():
        names = {site.id: site.name_on(year_day(year)) for site in facts.sites_active(year)}
        for pin in reading["pinNames"]:
            members = [pin["site"]] if pin["site"] else (pin["cluster"] or "").split(",")
            if pin["role"] != "button" or not all(names.get(member, "?") in pin["name"] for member in members):
                unnamed.setdefault(year, []).append(pin)
    assert not unnamed, f"{unnamed}"


def test_opening_a_group_of_pins_shows_each_of_its_pins(page, app_url, facts: Facts):
    """KFOR's sites around Pristina and Skopje are one button at the default view of 2008; a click opens it."""
    frame = open_atlas(page, app_url, 2008)
    group = frame.locator(".atlas-cluster[data-cluster]")
    expect(group).to_have_count(1)
    members = group.get_attribute("data-cluster").split(",")
    assert set(members) <= {site.id for site in facts.sites_active(2008)} and len(members) >= 2
    expect(group).to_have_text(str(len(members)))  # the count is shown
    group.click()
    expect(frame.locator(".atlas-cluster")).to_have_count(0)
    container = probe(frame, "rect", ".leaflet-container")
    pins = read_at(frame, 2008, "pinBoxes")["pinBoxes"]
    shown = {pin["id"]: pin for pin in pins}
    assert set(members) <= set(shown), f"opened, the group shows {sorted(shown)}"
    for member in members:
        expect(frame.locator(f'.atlas-pin[data-site="{member}"]')).to_be_visible()
        box = shown[member]
        assert container["left"] <= box["left"] and box["right"] <= container["right"], box
        assert container["top"] <= box["top"] and box["bottom"] <= container["bottom"], box
    assert [pair for pair in _overlaps(pins, pins, same=True) if pair[2] > MAX_PIN_OVERLAP] == []


# ---- The legend ---------------------------------------------------------------------------------


def test_each_kind_of_pin_on_the_map_has_its_symbol_in_the_legend(page, app_url, every_year, facts: Facts):
    """Every kind of site the atlas shows has a legend entry with the very symbol its pins wear."""
    symbols: dict[str, set[str]] = {}
    groups = False
    for reading in every_year.values():
        for pin in reading["pinNames"]:
            if pin["site"]:
                symbols.setdefault(pin["kind"], set()).add(pin["svg"])
            groups = groups or bool(pin["cluster"])
    kinds = {site.kind for year in YEARS for site in facts.sites_active(year)}
    open_atlas(page, app_url, YEARS[-1])
    entries = probe(page, "legendPins")
    legend = {entry["text"]: entry["svg"] for entry in entries}
    problems = []
    for kind in sorted(kinds):
        label = SYMBOLS[kind].label
        if label not in legend:
            problems.append(f"{kind}: no legend entry {label!r}")
        elif kind in symbols and symbols[kind] != {legend[label]}:
            problems.append(f"{kind}: the map draws {symbols[kind]}, the legend {legend[label]}")
    if groups and page.locator(".atlas-legend-pins .atlas-cluster-key").count() == 0:
        problems.append("groups of pins are drawn but the legend does not explain them")
    assert not problems, f"{problems}"


def _box(box: dict) -> dict:
    """A Playwright bounding box as (left, top, right, bottom)."""
    return {"left": box["x"], "top": box["y"], "right": box["x"] + box["width"], "bottom": box["y"] + box["height"]}


def test_the_legend_is_beside_the_map_not_over_it(page, app_url):
    open_atlas(page, app_url, 2008)
    legend = page.locator("details.atlas-legend")
    expect(legend).to_be_visible()
    assert legend.get_attribute("open") is not None, "the legend starts folded"
    legend_box, map_box = legend.bounding_box(), page.locator(IFRAME).bounding_box()
    shared = overlap(_box(legend_box), _box(map_box))
    assert shared == 0, f"the legend {legend_box} covers the map {map_box}"
    assert page.frame_locator(IFRAME).locator(".atlas-legend, .leaflet-control.legend").count() == 0, (
        "a legend is drawn inside the map"
    )


def test_a_tooltip_is_above_everything_on_the_map(page, app_url, facts: Facts):
    """A country's tooltip next to the year box (the largest control) is drawn over it, not under it.

    The map is panned so that Romania lies just below the year box; the tooltip then reaches under
    or over the box, and every point of it must show the tooltip.
    """
    frame = open_atlas(page, app_url, 2008)
    year_box, container = probe(frame, "rect", ".atlas-year"), probe(frame, "rect", ".leaflet-container")
    target = ((year_box["left"] + year_box["right"]) / 2 - container["left"], year_box["bottom"] + 6 - container["top"])
    x, y = point_of(frame, *label_point(facts, "ROU", 2008))
    frame.evaluate("([dx, dy]) => window.map.panBy([dx, dy], {animate: false})", [x - target[0], y - target[1]])
    under = probe(frame, "topAt", [container["left"] + target[0], container["top"] + target[1]])
    assert under == "ROU", f"Romania is not under the pointer but {under!r}"
    page.frame_locator(IFRAME).locator(".leaflet-container").hover(position={"x": target[0], "y": target[1]})
    name = facts.units["ROU"].name_on(year_day(2008))
    expect(frame.locator(".leaflet-tooltip", has_text=name)).to_be_visible()
    found = probe(frame, "tooltipCover", name)
    tip, covered = found["tooltip"], found["covered"]
    assert overlap(year_box, tip) > 0, f"the tooltip {tip} does not reach the year box {year_box}: the test shows nothing"
    assert not covered, f"points of the tooltip under something else: {covered}"


# ---- Colour as painted --------------------------------------------------------------------------


def test_statuses_painted_on_the_same_map_stay_apart_for_colour_blind_readers(every_year, facts: Facts):
    """What the map paints (not the palette's file): every pair of statuses on one map >= 12 apart in CAM02-UCS
    after simulating deuteranopia, protanopia and tritanopia, for every year."""
    too_close, wrong = set(), {}
    for year, reading in every_year.items():
        colours = dict(reading["shown"])
        expected = {status.status for status in facts.statuses_in(year).values()}
        one_colour_each = len({tuple(row) for row in reading["shown"]}) == len(colours)
        if set(colours) != expected or not one_colour_each:
            wrong[year] = reading["shown"]
        for (first, one), (second, other) in itertools.combinations(sorted(colours.items()), 2):
            for deficiency in DEFICIENCIES:
                distance = float(np.linalg.norm(seen_by(one, deficiency) - seen_by(other, deficiency)))
                if distance < MIN_DISTANCE:
                    too_close.add((first, second, deficiency, one, other, round(distance, 1)))
    assert not wrong, f"the map paints other statuses, or one status in two colours: {wrong}"
    assert not too_close, f"{sorted(too_close)}"
