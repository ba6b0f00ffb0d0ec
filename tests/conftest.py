"""Shared fixtures: the real facts, and a writable copy of the data for breaking on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facts import Facts, load_facts
from facts.loading import DEFAULT_DATA_DIR

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
