"""Shared fixtures: the real facts, a writable copy of the data for breaking on purpose, and Debian's Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from facts import Facts, load_facts
from facts.loading import DEFAULT_DATA_DIR
from tests.support import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def facts() -> Facts:
    return load_facts()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the data directory that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


@pytest.fixture(scope="module")
def chromium(browser_type) -> Iterator[Browser]:
    """Debian's Chromium, launched through pytest-playwright's one Playwright session.

    Every browser outside ``tests/browser`` (which has pytest-playwright's own ``browser``) comes
    from here: a second ``sync_playwright()`` in the same run fails, because the first one's event
    loop is already running in this thread.
    """
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    browser = browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
