"""Fixtures for the browser tests: pytest-playwright's, driving Debian's Chromium, and the app on a free port.

pytest-playwright gives ``browser`` (launched once per session), ``context`` and ``page`` (new
for every test: a Streamlit session of its own with an empty cache). Playwright cannot download
its browsers here, so the launch points at ``/usr/bin/chromium`` with the flags of
``tests.support``. Screenshots of failed tests: ``--screenshot=only-on-failure --output=DIR``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.support import CHROMIUM, CHROMIUM_ARGS, running_app

# Tall enough that the whole map is on screen (see test_a_click_on_a_partly_hidden_map_selects_the_country).
VIEWPORT = {"width": 1366, "height": 1000}
# A rerun of the page on a busy two-core machine can take several seconds (a timeout only
# matters when something is wrong: nothing waits for it otherwise).
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True}


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with the project's own facts, one instance for all browser tests."""
    with running_app(tmp_path_factory.mktemp("app") / "streamlit.log") as url:
        yield url
