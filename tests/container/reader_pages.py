"""A reader in Chromium, as the compose test drives one: open a view, check what the page shows.

The year is the slider's ``aria-valuetext`` and the country the list's input; both are also in
the page's URL, which is what lets a reader whose replica went away find its view again.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

SLIDER = '[data-testid="stSlider"]'
COUNTRY = '[data-testid="stSelectbox"] input[aria-label="Country"]'


def open_reader(browser, url: str, year: int, country: str, cookie: str | None = None):
    """A new browser context (its own cookies) on the view ``?year=...&country=...``; pinned by ``cookie`` if given."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    if cookie:
        context.add_cookies([{"name": "SERVERID", "value": cookie, "url": url}])
    page = context.new_page()
    page.goto(f"{url}/?year={year}&country={country}", wait_until="domcontentloaded", timeout=60_000)
    expect_view(page, year, country)
    return page


def expect_view(page, year: int, country: str, timeout: float = 30_000) -> None:
    """The page shows ``year`` on the slider and ``country`` in the list, and says both in its URL."""
    expect(page.locator(SLIDER).get_by_role("slider")).to_have_attribute("aria-valuetext", str(year), timeout=timeout)
    expect(page).to_have_url(re.compile(rf"[?&]year={year}(&|$)"), timeout=timeout)
    expect(page).to_have_url(re.compile(rf"[?&]country={country}(&|$)"), timeout=timeout)
    expect(page.locator(COUNTRY)).not_to_have_value("", timeout=timeout)


def affinity_of(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "SERVERID")
