"""Hostile text in the facts reaches the reader as text, in the page and inside the map's iframe.

A second app instance reads a copy of the data (``NATO_ATLAS_DATA``) whose Montenegro and KFOR
headquarters carry ``<img src=x onerror=alert(1)>`` (the same payload as the AppTest in
``tests/dashboard``). Guards every path from the facts to HTML: the panels, the selectbox, the
year's milestones, the map's labels and tooltips, a pin's name and popup.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from facts import Facts, validate, year_day
from facts.loading import DEFAULT_DATA_DIR
from tests.browser.atlas_page import IFRAME, country_box, label_point, open_atlas, point_of
from tests.dashboard.conftest import PAYLOAD, write_hostile_copy
from tests.support import running_app

pytestmark = pytest.mark.browser

YEAR = 2006  # Montenegro's first year: its name, summary and first milestone all show


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Facts]:
    directory = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, directory)
    write_hostile_copy(directory)
    facts, problems = validate(directory)
    assert not problems, problems
    return str(directory), facts


@pytest.fixture(scope="module")
def hostile_url(hostile_data, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    directory, _ = hostile_data
    with running_app(tmp_path_factory.mktemp("hostile-app") / "streamlit.log", {"NATO_ATLAS_DATA": directory}) as url:
        yield url


def test_hostile_facts_are_shown_as_text_never_run(page, hostile_url, hostile_data):
    _, facts = hostile_data
    site = next(s for s in facts.sites_active(YEAR) if PAYLOAD in s.role)
    site_name = site.name_on(year_day(YEAR))
    assert PAYLOAD in site_name, "the hostile copy no longer names the site with the payload"
    probes: list[str] = []  # what the payload would fetch or do if it ran
    page.on("request", lambda request: probes.append(request.url) if urlsplit(request.url).path.endswith("/x") else None)
    page.on("dialog", lambda dialog: (probes.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    frame = open_atlas(page, hostile_url, YEAR, "MNE")
    panel = page.locator('.atlas-panel[data-unit="MNE"]')
    expect(panel.locator("h3")).to_have_text(f"Montenegro {PAYLOAD}")
    expect(panel.locator(".atlas-summary")).to_have_text(f"Summary {PAYLOAD}")
    expect(page.locator(".atlas-timeline").first).to_contain_text(f"Title {PAYLOAD}")
    expect(country_box(page)).to_have_value(f"Montenegro {PAYLOAD}")
    expect(page.locator(".atlas-year-panel")).to_contain_text(f"Title {PAYLOAD}")

    # The map: Montenegro's name on the map and in its tooltip.
    expect(frame.locator('.atlas-label[data-label-unit="MNE"]')).to_contain_text(PAYLOAD)
    container = page.frame_locator(IFRAME).locator(".leaflet-container")
    x, y = point_of(frame, *label_point(facts, "MNE", YEAR))
    container.hover(position={"x": x, "y": y})
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(f"Montenegro {PAYLOAD}")
    # The hostile site: open its group if it is in one, then its tooltip and popup.
    group = frame.locator(f'.atlas-cluster[data-cluster*="{site.id}"]')
    if group.count():
        group.dispatch_event("click")
    icon = frame.locator(f'.atlas-pin[data-site="{site.id}"]')
    assert site_name in (icon.get_attribute("aria-label") or ""), "the pin's accessible name lost the site's name"
    icon.dispatch_event("mouseover")
    expect(icon).to_have_attribute("aria-describedby", re.compile(r"\S"))
    expect(frame.locator(f"#{icon.get_attribute('aria-describedby')}")).to_contain_text(site_name)
    icon.dispatch_event("click")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(f"Role {PAYLOAD}")

    page.wait_for_timeout(300)
    assert page.locator('img[src="x"]').count() == 0
    assert frame.locator('img[src="x"]').count() == 0
    assert not probes
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
