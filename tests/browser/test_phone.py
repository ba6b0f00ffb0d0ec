"""The atlas on a phone (390 × 844, touch): no sideways scrolling, the map first, the legend one tap away, axe-core clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from facts import Facts
from tests.browser.atlas_page import IFRAME, axe_blocking_violations, open_atlas, probe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_context_args(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3
    ),
]

WIDTH = 390


def _no_sideways_scrolling(page) -> None:
    widths = probe(page, "widths")
    assert widths["viewport"] == WIDTH
    assert widths["document"] <= WIDTH and widths["body"] <= WIDTH and widths["main"] <= 0, f"{widths}"


def test_a_phone_never_scrolls_sideways(page, app_url):
    """With a country, a comparison and the status table open: the widest parts of the page."""
    open_atlas(page, app_url, 2009, "MNE", 1999)
    _no_sideways_scrolling(page)
    page.locator("summary", has_text="Table of 2009").click()
    expect(page.locator("table.atlas-table")).to_be_visible()
    _no_sideways_scrolling(page)


def test_on_a_phone_the_map_comes_before_the_panels(page, app_url):
    open_atlas(page, app_url, 2009, "MNE")
    map_box = page.locator(IFRAME).bounding_box()
    panel_box = page.locator('.atlas-panel[data-unit="MNE"]').bounding_box()
    assert map_box["x"] >= 0 and map_box["x"] + map_box["width"] <= WIDTH, f"the map is wider than the phone: {map_box}"
    assert map_box["y"] + map_box["height"] <= panel_box["y"], f"the country panel {panel_box} is not below the map {map_box}"


def test_on_a_phone_the_legend_is_one_tap_away(page, app_url, facts: Facts):
    open_atlas(page, app_url, 2009)
    legend = page.locator("details.atlas-legend")
    statuses = legend.locator(".atlas-legend-statuses")
    if not statuses.is_visible():
        legend.locator("summary").tap()
    expect(statuses).to_be_visible()
    for entry in facts.legend:
        expect(statuses).to_contain_text(entry.label)
    expect(legend.locator(".atlas-legend-pins")).to_be_visible()


def test_axe_finds_no_serious_violation_on_a_phone(page, app_url):
    """The phone layout (legend below the map, panels stacked) on the page and inside the map frame."""
    frame = open_atlas(page, app_url, 2009, "MNE", 1999)
    violations = axe_blocking_violations(page, iframes=False) + axe_blocking_violations(frame)
    assert not violations, "\n".join(violations)
