"""Fixtures for the browser tests: the app on a free port, Debian's Chromium, a screenshot per failure.

Playwright cannot download browsers here, so it drives ``/usr/bin/chromium``. Screenshots of
failed tests go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import CHROMIUM, CHROMIUM_ARGS, running_app

playwright_sync = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# Tall enough that the whole map is on screen: see test_a_click_on_a_partly_hidden_map_selects_the_country.
VIEWPORT = {"width": 1366, "height": 1000}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with the project's own facts, one instance per test module."""
    with running_app(tmp_path_factory.mktemp("app") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright_sync.Browser]:
    """One Chromium per test module."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_sync.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(node: pytest.Item) -> bool:
    return any(getattr(getattr(node, f"report_{when}", None), "failed", False) for when in ("setup", "call"))


def _screenshot_pages(node: pytest.Item, pages: list[playwright_sync.Page]) -> None:
    """Save a full-page screenshot of each page to test-artifacts/, named after the test."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", node.nodeid)[-150:]
    for index, page in enumerate(pages):
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{name}-{index}.png"), full_page=True)


def _new_context(browser: playwright_sync.Browser) -> playwright_sync.BrowserContext:
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(20_000)
    return ctx


@pytest.fixture(scope="module")
def shared_context(browser: playwright_sync.Browser) -> Iterator[playwright_sync.BrowserContext]:
    """A context whose HTTP cache the module's pages share; each page is still its own Streamlit session."""
    ctx = _new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def page(shared_context: playwright_sync.BrowserContext, request: pytest.FixtureRequest) -> Iterator[playwright_sync.Page]:
    """A new tab, hence a new Streamlit session with its own URL state; a screenshot if the test failed."""
    tab = shared_context.new_page()
    yield tab
    if _failed(request.node):
        _screenshot_pages(request.node, [tab])
    tab.close()


@pytest.fixture
def context(browser: playwright_sync.Browser, request: pytest.FixtureRequest) -> Iterator[playwright_sync.BrowserContext]:
    """A context of its own, with an empty cache (every request is made); screenshots of its pages if the test failed."""
    ctx = _new_context(browser)
    yield ctx
    if _failed(request.node):
        _screenshot_pages(request.node, ctx.pages)
    ctx.close()
